#include "service/tls_identity.h"

#include "domain/devices.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace gastvrij {

namespace {

namespace fs = std::filesystem;

template <class T, void (*Free)(T*)>
struct Freer {
    void operator()(T* p) const { Free(p); }
};
using X509Ptr = std::unique_ptr<X509, Freer<X509, X509_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Freer<EVP_PKEY, EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, Freer<BIO, BIO_free_all>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Freer<X509_EXTENSION, X509_EXTENSION_free>>;

constexpr char kCertName[] = "gastvrij-tls.crt";
constexpr char kKeyName[] = "gastvrij-tls.key";
constexpr long kValidDays = 3650;  // an office installs and forgets: no yearly surprise

std::string read_file(const std::string& path, const char* what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw TlsError(path + ": cannot read the " + what + " (" + std::strerror(errno) + ")");
    std::ostringstream s;
    s << in.rdbuf();
    if (s.str().size() > 1024 * 1024) throw TlsError(path + ": too large for a " + std::string(what) + " (PEM expected)");
    return s.str();
}

X509Ptr parse_cert(const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    return X509Ptr(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

KeyPtr parse_key(const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    return KeyPtr(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}


std::string fingerprint_of(X509* cert) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    if (X509_digest(cert, EVP_sha256(), md, &n) != 1) throw TlsError("cannot compute the certificate's fingerprint");
    return hex_of(md, n);
}

std::time_t not_after_of(X509* cert) {
    struct tm t {};
    if (ASN1_TIME_to_tm(X509_get0_notAfter(cert), &t) != 1) return 0;
    return timegm(&t);
}

std::string subject_of(X509* cert) {
    char buf[256] = {};
    X509_NAME_oneline(X509_get_subject_name(cert), buf, sizeof buf - 1);
    return buf;
}

TlsIdentity identity_from(std::string cert_pem, std::string key_pem, const std::string& cert_file,
                          const std::string& key_file) {
    X509Ptr cert = parse_cert(cert_pem);
    if (!cert) throw TlsError(cert_file + ": not a PEM certificate (expected -----BEGIN CERTIFICATE-----)");
    KeyPtr key = parse_key(key_pem);
    if (!key)
        throw TlsError(key_file + ": not an unencrypted PEM private key (a key with a pass phrase cannot be used "
                                  "unattended: remove it with `openssl pkey -in KEY -out KEY.plain`)");
    if (X509_check_private_key(cert.get(), key.get()) != 1)
        throw TlsError(key_file + ": this key does not belong to the certificate " + cert_file);
    TlsIdentity id;
    id.not_after = not_after_of(cert.get());
    if (X509_cmp_current_time(X509_get0_notAfter(cert.get())) < 0)
        throw TlsError(cert_file + ": the certificate has expired — put a renewed one in place");
    id.fingerprint = fingerprint_of(cert.get());
    id.subject = subject_of(cert.get());
    id.cert_pem = std::move(cert_pem);
    id.key_pem = std::move(key_pem);
    id.cert_file = cert_file;
    return id;
}

std::string pem_of(X509* cert) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) throw TlsError("cannot write the certificate");
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(n));
}

std::string pem_of(EVP_PKEY* key) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        throw TlsError("cannot write the private key");
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(n));
}

void add_extension(X509* cert, int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
    if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) throw TlsError("cannot make the certificate (extension " + value + ")");
}

// A DNS name is safe in subjectAltName: letters, digits, '-' and '.'.
bool plain_host_name(const std::string& h) {
    if (h.empty() || h.size() > 253) return false;
    for (unsigned char c : h)
        if (!std::isalnum(c) && c != '-' && c != '.') return false;
    return true;
}

std::pair<std::string, std::string> make_self_signed(const std::string& host_name) {
    KeyPtr key(EVP_EC_gen("P-256"));
    if (!key) throw TlsError("cannot make a private key (EC P-256)");
    X509Ptr cert(X509_new());
    if (!cert) throw TlsError("cannot make a certificate");
    X509_set_version(cert.get(), 2);  // v3: extensions
    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1) throw TlsError("the system's random source is not available");
    serial[0] &= 0x7F;  // a positive serial
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60 * 60);  // a desk whose clock is a little behind
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), kValidDays * 24 * 60 * 60);
    X509_set_pubkey(cert.get(), key.get());

    const std::string cn = plain_host_name(host_name) ? host_name : "gastvrij";
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("Gastvrij"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    std::string alt = "DNS:" + cn + ",DNS:localhost,IP:127.0.0.1,IP:::1";
    if (cn.find('.') == std::string::npos && cn != "gastvrij") alt += ",DNS:" + cn + ".local";
    add_extension(cert.get(), NID_subject_alt_name, alt);
    add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), NID_key_usage, "critical,digitalSignature");
    add_extension(cert.get(), NID_ext_key_usage, "serverAuth");
    add_extension(cert.get(), NID_subject_key_identifier, "hash");
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) throw TlsError("cannot sign the certificate");
    return {pem_of(cert.get()), pem_of(key.get())};
}

// Written whole or not at all: a crash halfway leaves no half a key behind.
void write_file(const fs::path& path, const std::string& text, mode_t mode) {
    const std::string tmp = path.string() + ".new";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) throw TlsError(tmp + ": cannot write (" + std::strerror(errno) + ")");
    ::fchmod(fd, mode);
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    const int err = errno;
    ::close(fd);
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        throw TlsError(path.string() + ": cannot write (" + std::strerror(ok ? errno : err) + ")");
    }
}

}  // namespace

TlsIdentity load_tls_identity(const std::string& cert_file, const std::string& key_file) {
    return identity_from(read_file(cert_file, "certificate"), read_file(key_file, "private key"), cert_file, key_file);
}

TlsIdentity self_made_tls_identity(const std::string& state_dir, const std::string& host_name) {
    const fs::path dir = state_dir.empty() ? fs::path(".") : fs::path(state_dir);
    const fs::path cert_file = dir / kCertName, key_file = dir / kKeyName;
    std::error_code ec;
    const bool have_cert = fs::exists(cert_file, ec), have_key = fs::exists(key_file, ec);
    if (have_cert != have_key)
        throw TlsError((have_cert ? key_file : cert_file).string() + " is missing while " +
                       (have_cert ? cert_file : key_file).string() +
                       " is there — restore it from a backup, or remove both to make a new certificate (every "
                       "paired device must then be paired again)");
    bool created = false;
    if (!have_cert) {
        fs::create_directories(dir, ec);
        const auto [cert_pem, key_pem] = make_self_signed(host_name);
        write_file(key_file, key_pem, 0600);
        write_file(cert_file, cert_pem, 0644);
        created = true;
    }
    TlsIdentity id = load_tls_identity(cert_file.string(), key_file.string());
    id.self_made = true;
    id.created = created;
    return id;
}

std::string certificate_fingerprint(const std::string& pem) {
    X509Ptr cert = parse_cert(pem);
    if (!cert) throw TlsError("not a PEM certificate");
    return fingerprint_of(cert.get());
}


}  // namespace gastvrij
