#include "client/certificate_pin.h"

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cctype>

#include "domain/devices.h"

namespace gastvrij {

namespace {

// The CertificatePin travels with the SSL_CTX to the verify callback.
int pin_index() {
    static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return index;
}

std::string sha256_of(X509* cert) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    if (!cert || X509_digest(cert, EVP_sha256(), md, &n) != 1) return {};
    return hex_of(md, n);
}

// Only the service's own certificate (depth 0) decides: its issuer, if any,
// matters no more than a certificate authority would.
int verify(int /*preverified*/, X509_STORE_CTX* store) {
    if (X509_STORE_CTX_get_error_depth(store) > 0) return 1;
    auto* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    const auto* pin = ssl ? static_cast<const CertificatePin*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), pin_index()))
                          : nullptr;
    if (!pin) return 0;
    return pin->accepts(sha256_of(X509_STORE_CTX_get_current_cert(store))) ? 1 : 0;
}


}  // namespace

CertificatePin::CertificatePin(std::string fingerprint) : expected_(std::move(fingerprint)) {
    for (char& c : expected_) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

void CertificatePin::apply(httplib::Client& client) const {
    // cpp-httplib then leaves the SSL_CTX's verify mode to us, and the pin
    // replaces both the authorities and the host-name check.
    client.enable_server_certificate_verification(false);
    SSL_CTX* ctx = client.ssl_context();
    if (!ctx) return;
    SSL_CTX_set_ex_data(ctx, pin_index(), const_cast<CertificatePin*>(this));
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, verify);
}

bool CertificatePin::accepts(const std::string& seen) const {
    const bool ok = !seen.empty() && seen == expected_;
    std::lock_guard lock(mutex_);
    refused_ = ok ? std::string() : seen;
    return ok;
}

std::string CertificatePin::refusal() const {
    std::lock_guard lock(mutex_);
    if (refused_.empty()) return {};
    return "the service answered with another certificate (fingerprint " + readable_fingerprint(refused_) +
           ") than the one this device was paired with (" + readable_fingerprint(expected_) +
           ") — if the office replaced the service's certificate, pair this device again with a new link; "
           "otherwise another device may be listening in between: tell the office's IT";
}

}  // namespace gastvrij
