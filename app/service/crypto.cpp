#include "service/crypto.h"

#include "domain/devices.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cctype>
#include <stdexcept>

namespace gastvrij {

namespace {

constexpr char kCodeAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";  // 31 characters, no look-alikes


void random_bytes(unsigned char* out, int n) {
    // RAND_bytes draws from the kernel's CSPRNG; failing it means no safe token
    // can be made, so refuse rather than hand out a guessable one.
    if (RAND_bytes(out, n) != 1) throw std::runtime_error("the system's random source is not available");
}

}  // namespace

std::string new_token() {
    unsigned char bytes[32];
    random_bytes(bytes, sizeof bytes);
    return hex_of(bytes, sizeof bytes);
}

std::string new_pairing_code() {
    constexpr unsigned n = sizeof kCodeAlphabet - 1;
    std::string code;
    while (code.size() < 8) {
        unsigned char b;
        random_bytes(&b, 1);
        // Rejection sampling keeps every character equally likely.
        if (b >= 256 - (256 % n)) continue;
        code += kCodeAlphabet[b % n];
    }
    return code;
}

std::string normalize_pairing_code(const std::string& typed) {
    std::string out;
    for (unsigned char c : typed) {
        if (c == ' ' || c == '-' || c == '\t') continue;
        out += static_cast<char>(std::toupper(c));
    }
    return out;
}

std::string sha256_hex(const std::string& data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 is not available");
    return hex_of(digest, len);
}

bool constant_time_equal(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace gastvrij
