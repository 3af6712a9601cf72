// The admin PIN is kept only as "sha256:<hex>" in kiosk.toml, so a printed or
// shared config file does not give the PIN away. SHA-256 from OpenSSL's libcrypto.
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "config/config.h"

namespace gastvrij {

namespace {

constexpr const char* kPrefix = "sha256:";

std::string sha256_hex(const std::string& data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr) != 1) return "";
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < len; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0xF];
    }
    return out;
}

}  // namespace

std::string hash_pin(const std::string& pin) { return kPrefix + sha256_hex(pin); }

bool pin_matches(const std::string& pin, const std::string& hash) {
    const std::string prefix = kPrefix;
    if (hash.size() != prefix.size() + 64 || hash.compare(0, prefix.size(), prefix) != 0) return false;
    std::string expected = hash.substr(prefix.size());
    for (char& c : expected)
        if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
    std::string actual = sha256_hex(pin);
    if (actual.size() != expected.size()) return false;
    // Constant time, so the comparison leaks nothing about how close a guess was.
    return CRYPTO_memcmp(actual.data(), expected.data(), actual.size()) == 0;
}

}  // namespace gastvrij
