#pragma once
// Pinned pairing: a companion or a remote kiosk accepts the service's
// certificate only when its SHA-256 fingerprint is the one the pairing link
// carried (`…#pair=CODE&fp=<64 hex>`). The service's own certificate is
// self-made, so no certificate authority could vouch for it; the fingerprint,
// read from the service's own screen or console, does — and a device in
// between, with a certificate of its own, is refused.
#include <mutex>
#include <string>

namespace httplib { class Client; }

namespace gastvrij {

class CertificatePin {
public:
    explicit CertificatePin(std::string fingerprint);  // 64 hex digits
    CertificatePin(const CertificatePin&) = delete;
    CertificatePin& operator=(const CertificatePin&) = delete;

    // Makes `client` (an https one) check the pin instead of certificate
    // authorities. `this` must outlive the client.
    void apply(httplib::Client& client) const;

    // Why the last refused handshake was refused, for people; "" when none was.
    std::string refusal() const;
    const std::string& fingerprint() const { return expected_; }

    // Called by OpenSSL for each certificate of the chain during a handshake.
    bool accepts(const std::string& seen) const;

private:
    std::string expected_;
    mutable std::mutex mutex_;
    mutable std::string refused_;  // the fingerprint seen instead
};

}  // namespace gastvrij
