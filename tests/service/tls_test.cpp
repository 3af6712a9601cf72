// HTTPS with pinned pairing: the service speaks TLS with a certificate it
// made and keeps, pairing links carry that certificate's fingerprint, and a
// companion that pinned it refuses any other certificate — the one a device
// in between would show.
#include <sys/stat.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <fstream>

#include "client/client.h"
#include "service_fixture.h"

namespace gastvrij::service_test {
namespace {

// The certificate a TLS handshake with 127.0.0.1:`port` shows, as SHA-256
// hex: what any client sees, read with OpenSSL directly.
std::string served_fingerprint(int port) {
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    BIO* bio = BIO_new_ssl_connect(ctx);
    BIO_set_conn_hostname(bio, ("127.0.0.1:" + std::to_string(port)).c_str());
    std::string out;
    if (BIO_do_connect(bio) == 1 && BIO_do_handshake(bio) == 1) {
        SSL* ssl = nullptr;
        BIO_get_ssl(bio, &ssl);
        X509* cert = SSL_get1_peer_certificate(ssl);
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned n = 0;
        if (cert && X509_digest(cert, EVP_sha256(), md, &n) == 1)
            for (unsigned i = 0; i < n; ++i) {
                char hex[3];
                std::snprintf(hex, sizeof hex, "%02x", md[i]);
                out += hex;
            }
        X509_free(cert);
    }
    BIO_free_all(bio);
    SSL_CTX_free(ctx);
    return out;
}

// A service speaking HTTPS with the certificate it makes in `state`.
struct TlsHarness {
    explicit TlsHarness(const std::string& state) : identity(configure(options, state)), harness(options, config()) {}
    // Links name this service itself (https://<host>:<port>), as with no public_url.
    static Config config() {
        Config c = office_config();
        c.kiosk.public_url.clear();
        return c;
    }
    static TlsIdentity configure(ServiceOptions& o, const std::string& state) {
        o = test_options();
        KioskSettings k;  // tls on, no certificate of the office's own
        return *use_configured_tls(o, k, state);
    }
    std::string url() const { return harness.service.local_url(); }
    ServiceOptions options;
    TlsIdentity identity;
    Harness harness;
};

ClientOptions pinned(const std::string& fingerprint) {
    ClientOptions o;
    o.connect_timeout = std::chrono::seconds(5);
    o.pinned_fingerprint = fingerprint;
    return o;
}

TEST(Tls, TheServiceMakesItsCertificateOnceAndKeepsIt) {
    TempDir state;
    const TlsIdentity first = self_made_tls_identity(state.path().string(), "balie.kantoor.lan");
    EXPECT_TRUE(first.created);
    EXPECT_TRUE(first.self_made);
    EXPECT_EQ(first.fingerprint.size(), 64u);
    EXPECT_NE(first.subject.find("CN=balie.kantoor.lan"), std::string::npos) << first.subject;
    // Ten years: an office that installs and forgets meets no expiry.
    EXPECT_GT(first.not_after, std::time(nullptr) + 9L * 365 * 24 * 3600);

    struct stat key {};
    ASSERT_EQ(::stat((state.path() / "gastvrij-tls.key").c_str(), &key), 0);
    EXPECT_EQ(key.st_mode & 0777, 0600u) << "the private key is for the service user only";

    // A restart (or an upgrade) keeps it, so paired devices stay paired.
    const TlsIdentity again = self_made_tls_identity(state.path().string(), "another-name");
    EXPECT_FALSE(again.created);
    EXPECT_EQ(again.fingerprint, first.fingerprint);

    // Half a pair is not silently replaced: that would unpair every device.
    fs::remove(state.path() / "gastvrij-tls.key");
    try {
        self_made_tls_identity(state.path().string(), "balie");
        FAIL() << "a certificate without its key was accepted";
    } catch (const TlsError& e) {
        EXPECT_NE(std::string(e.what()).find("gastvrij-tls.key is missing"), std::string::npos) << e.what();
    }
}

TEST(Tls, AnOfficeCertificateIsCheckedWithTheFileNamed) {
    TempDir a, b;
    self_made_tls_identity(a.path().string(), "a");
    self_made_tls_identity(b.path().string(), "b");
    const std::string cert = (a.path() / "gastvrij-tls.crt").string(), other_key = (b.path() / "gastvrij-tls.key").string();
    try {
        load_tls_identity(cert, other_key);
        FAIL() << "a key of another certificate was accepted";
    } catch (const TlsError& e) {
        EXPECT_NE(std::string(e.what()).find("does not belong to the certificate"), std::string::npos) << e.what();
    }
    const std::string not_pem = a.file("not.pem");
    std::ofstream(not_pem) << "hello\n";
    try {
        load_tls_identity(not_pem, other_key);
        FAIL();
    } catch (const TlsError& e) {
        EXPECT_NE(std::string(e.what()).find(not_pem + ": not a PEM certificate"), std::string::npos) << e.what();
    }
    try {
        load_tls_identity(a.file("missing.pem"), other_key);
        FAIL();
    } catch (const TlsError& e) {
        EXPECT_NE(std::string(e.what()).find("cannot read the certificate"), std::string::npos) << e.what();
    }
}

TEST(Tls, PairingLinksCarryTheFingerprintOfTheCertificateServed) {
    TempDir state;
    TlsHarness t(state.path().string());
    ASSERT_EQ(t.url().rfind("https://", 0), 0u) << t.url();
    const std::string served = served_fingerprint(t.harness.service.port());
    ASSERT_EQ(served, t.identity.fingerprint);

    // A desk pairs over HTTPS with the link's pin and makes a phone's link.
    const PairingTicket ticket = t.harness.service.pairing().create_code(DeviceKind::Desk, "");
    const auto desk_link = parse_pairing_link(t.harness.service.pairing_link(DeviceKind::Desk, ticket.code));
    ASSERT_TRUE(desk_link);
    EXPECT_EQ(desk_link->fingerprint, served);
    const PairedDevice desk = ServiceClient::pair(t.url(), desk_link->code, "balie", pinned(desk_link->fingerprint));
    ServiceClient client(t.url(), desk.token, pinned(desk_link->fingerprint));
    for (DeviceKind kind : {DeviceKind::Phone, DeviceKind::Kiosk, DeviceKind::Desk}) {
        const PairingView p = client.create_pairing(kind, kind == DeviceKind::Phone ? "1042" : "");
        const auto parts = parse_pairing_link(p.url);
        ASSERT_TRUE(parts) << p.url;
        EXPECT_EQ(parts->fingerprint, served) << p.url;
        EXPECT_EQ(parts->code, p.code);
    }
}

TEST(Tls, APinnedCompanionRefusesAServerWithAnotherCertificate) {
    TempDir real_state, impostor_state;
    TlsHarness real(real_state.path().string());
    TlsHarness impostor(impostor_state.path().string());
    ASSERT_NE(real.identity.fingerprint, impostor.identity.fingerprint);

    // The impostor holds a valid code of its own: a pinned desk still never
    // sends it, nor anything else.
    const PairingTicket code = impostor.harness.service.pairing().create_code(DeviceKind::Desk, "");
    try {
        ServiceClient::pair(impostor.url(), code.code, "balie", pinned(real.identity.fingerprint));
        FAIL() << "paired with a service showing another certificate";
    } catch (const ServiceError& e) {
        EXPECT_EQ(e.status, 0);
        const std::string what = e.what();
        EXPECT_NE(what.find("another certificate"), std::string::npos) << what;
        EXPECT_NE(what.find(readable_fingerprint(impostor.identity.fingerprint)), std::string::npos) << what;
        EXPECT_NE(what.find("pair this device again"), std::string::npos) << what;
    }
    EXPECT_TRUE(impostor.harness.devices.devices(true).empty()) << "the code reached the impostor";

    // A paired desk whose service is replaced by the impostor: every call and
    // the event stream are refused.
    const PairingTicket real_code = real.harness.service.pairing().create_code(DeviceKind::Desk, "");
    const PairedDevice desk = ServiceClient::pair(real.url(), real_code.code, "balie", pinned(real.identity.fingerprint));
    ServiceClient to_impostor(impostor.url(), desk.token, pinned(real.identity.fingerprint));
    EXPECT_THROW(to_impostor.health(), ServiceError);
    EXPECT_THROW(to_impostor.visits(), ServiceError);

    // The same pin against the real service works.
    ServiceClient to_real(real.url(), desk.token, pinned(real.identity.fingerprint));
    EXPECT_EQ(to_real.health().status, "ok");
    EXPECT_EQ(to_real.me().name, "balie");
}

TEST(Tls, WithoutAPinTheSelfMadeCertificateIsNotTrusted) {
    TempDir state;
    TlsHarness t(state.path().string());
    ClientOptions o;
    o.connect_timeout = std::chrono::seconds(5);
    ServiceClient client(t.url(), "", o);
    try {
        client.health();
        FAIL() << "an unpinned client trusted a self-made certificate";
    } catch (const ServiceError& e) {
        EXPECT_NE(std::string(e.what()).find("#pair=CODE&fp="), std::string::npos) << e.what();
    }
    // A pin on a plain-HTTP address would protect nothing: refused, not ignored.
    EXPECT_THROW(ServiceClient("http://127.0.0.1:1", "", pinned(t.identity.fingerprint)).health(), ServiceError);
}

TEST(Tls, EventStreamsAndCheckInsWorkOverHttps) {
    TempDir state;
    TlsHarness t(state.path().string());
    const PairingTicket code = t.harness.service.pairing().create_code(DeviceKind::Desk, "");
    const PairedDevice desk = ServiceClient::pair(t.url(), code.code, "balie", pinned(t.identity.fingerprint));
    ServiceClient board(t.url(), desk.token, pinned(t.identity.fingerprint));
    std::atomic<bool> online{false};
    std::atomic<VisitId> seen{0};
    ServiceClient::Listener l;
    l.on_connection = [&](bool on) { online = on; };
    l.on_visit = [&](const VisitView& v, const VisitEvent&) { seen = v.visit.id; };
    board.listen(l);
    ASSERT_TRUE(eventually([&] { return online.load(); })) << "no event stream over HTTPS";

    ServiceClient desk_client(t.url(), desk.token, pinned(t.identity.fingerprint));
    const VisitView v = desk_client.check_in("appointment", "1044", "Ayşe");
    EXPECT_TRUE(eventually([&] { return seen.load() == v.visit.id; })) << "the check-in never reached the board";
    board.stop_listening();
}

}  // namespace
}  // namespace gastvrij::service_test
