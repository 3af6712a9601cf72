#pragma once
// The certificate the service speaks HTTPS with. An office may give its own
// (kiosk.toml [service] tls_cert/tls_key, e.g. from the corporation's internal
// CA); otherwise the service makes a key and a self-signed certificate in its
// state folder on first start and keeps them, so paired devices, which pin the
// certificate's fingerprint, stay paired across restarts and upgrades.
#include <ctime>
#include <stdexcept>
#include <string>

namespace gastvrij {

struct TlsIdentity {
    std::string cert_pem;
    std::string key_pem;
    std::string fingerprint;  // SHA-256 of the certificate (DER), 64 lower-case hex: what pairing links carry
    std::string cert_file;    // where it was read from
    std::string subject;      // "CN=balie.kantoor.lan"
    std::time_t not_after = 0;
    bool self_made = false;   // made by the service, not the office's own
    bool created = false;     // made just now
};

struct TlsError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The office's certificate and key (PEM files). Throws TlsError naming the
// file and what is wrong: unreadable, not PEM, key not matching, expired.
TlsIdentity load_tls_identity(const std::string& cert_file, const std::string& key_file);

// `state_dir`/gastvrij-tls.crt and .key, made on first use (an EC P-256 key,
// the certificate valid for ten years for `host_name`, localhost and the
// loopback addresses). The key file is 0600. Throws TlsError.
TlsIdentity self_made_tls_identity(const std::string& state_dir, const std::string& host_name);

// The SHA-256 fingerprint of the first certificate in `pem`; throws TlsError.
std::string certificate_fingerprint(const std::string& pem);

}  // namespace gastvrij
