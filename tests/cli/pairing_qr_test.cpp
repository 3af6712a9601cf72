// QR codes read back from what the real program draws, as a phone camera
// would (Debian's zbarimg):
// - the kiosk's admin screen, "pair a companion screen", with the service
//   embedded as `gastvrij kiosk` embeds it: the code decodes to the service
//   address and the one-time code on screen, and that code pairs — once;
// - the PNG files `gastvrij screenshots` and `gastvrij desk-screenshots` write
//   for the closed kiosk and the companion's phone pairing.
#include <gtest/gtest.h>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <regex>

#include "cli/cli_run.h"
#include "cli/qr_scan.h"
#include "kiosk/kiosk_fixture.h"
#include "service/service.h"
#include "store/sqlite_devices.h"

namespace gastvrij {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

#define SKIP_WITHOUT_ZBARIMG()           \
    if (!qr_test::have_zbarimg())        \
    GTEST_SKIP() << qr_test::kZbarimg << " is missing (Debian package zbar-tools)"

// The demo kiosk with the service inside it, as `gastvrij kiosk` wires them:
// the admin's "pair" button asks the service for a one-time desk code and
// shows it with the service's public address.
struct KioskWithService {
    KioskWithService() {
        kiosk_test::KioskSetup setup;
        setup.speech = false;
        k = std::make_unique<kiosk_test::Kiosk>(setup);
        devices = std::make_unique<SqliteDeviceStore>(k->db_file);
        ServiceOptions so = ServiceOptions::from(k->config().kiosk);
        so.api.listen = "127.0.0.1";  // tests listen on loopback only
        so.api.port = 0;
        so.deliver_outbox = false;
        so.tick_interval = std::chrono::hours(1);
        service = std::make_unique<Service>(k->config(), *k->store, *devices, k->clock, so);
        service->start();
        // The kiosk app again, now with the pairing hook app/cli/kiosk.cpp gives it.
        k->driver.reset();
        k->app.reset();
        kiosk::KioskOptions ko;
        ko.assets_dir = fs::path(k->config().photos_dir).parent_path().string();
        ko.speech = false;
        Service* s = service.get();
        ko.pair_companion = [s] {
            PairingTicket t = s->pairing().create_code(DeviceKind::Desk, "");
            return std::make_pair(t.code, s->pairing_link(DeviceKind::Desk, t.code));
        };
        k->app = std::make_unique<kiosk::KioskApp>(*k->window, k->config(), *k->reception, ko);
        k->app->set_time_source([this] { return k->fake_ms; });
        k->driver = std::make_unique<kiosk::Driver>(*k->window, *k->app);
        k->driver->frames(2);
    }
    ~KioskWithService() {
        k->driver.reset();
        k->app.reset();
        service->stop();
    }
    std::unique_ptr<kiosk_test::Kiosk> k;
    std::unique_ptr<SqliteDeviceStore> devices;
    std::unique_ptr<Service> service;
};

// The admin's "pair a companion screen", read by a camera.
struct AdminPairing {
    std::string code;     // as the screen shows it
    std::string drawn;    // what the screen encoded
    std::string decoded;  // what zbarimg read from the frame
    qr_test::QrGeometry geometry;
};

void open_admin_and_pair(kiosk_test::Kiosk& k, AdminPairing& out) {
    // The hidden corner, then the demo PIN.
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(k.taps({"admin/corner"}));
    ASSERT_EQ(k.screen(), "admin");
    const std::string pin = kiosk_test::demo_pin();
    ASSERT_FALSE(pin.empty());
    for (char d : pin) ASSERT_TRUE(k.taps({std::string("admin/key/") + d}));
    ASSERT_TRUE(k.taps({"admin/key/ok", "admin/pair"}));
    k.driver->frames(1, true);
    const ui::WidgetInfo* code_note = k.find("admin/pair_code");
    const ui::WidgetInfo* qr = k.find("qr/pairing");
    ASSERT_NE(code_note, nullptr) << "no code on the admin screen after \"pair\"";
    ASSERT_NE(qr, nullptr) << "no QR code on the admin screen after \"pair\"";
    out.code = code_note->label;
    out.drawn = qr->label;
    const std::string png = k.dir.file("admin.png");
    std::string err;
    ASSERT_TRUE(k.window->capture_png(png, &err)) << err;
    const std::vector<std::string> decoded = qr_test::zbar_decode(png);
    ASSERT_EQ(decoded.size(), 1u) << "one code on the screen, found by a camera";
    out.decoded = decoded[0];
    const qr_test::RgbaFrame frame(k.window->pixels(), k.window->width(), k.window->height());
    out.geometry = qr_test::measure_qr(frame, qr->rect.x, qr->rect.y, qr->rect.w, qr->rect.h);
}

TEST(AdminPairingQr, TheQrIsReadableAndTheCodeShownPairsACompanionOnce) {
    SKIP_WITHOUT_ZBARIMG();
    KioskWithService ks;
    kiosk_test::Kiosk& k = *ks.k;
    AdminPairing p;
    ASSERT_NO_FATAL_FAILURE(open_admin_and_pair(k, p));
    EXPECT_EQ(p.decoded, p.drawn) << "the camera reads something else than what was drawn";
    const std::string url = ks.service->public_url();
    ASSERT_EQ(url, k.config().kiosk.public_url) << "the address shown is kiosk.toml's public_url";
    EXPECT_EQ(p.decoded.rfind(url, 0), 0u) << p.decoded << " does not start with the service address " << url;
    const qr_test::QrGeometry& g = p.geometry;
    EXPECT_TRUE(qr_test::crisp_with_quiet_zone(g));

    // The code on screen pairs a companion with the kiosk's own service, once.
    httplib::Client http("127.0.0.1", ks.service->port());
    const std::string body = json{{"code", p.code}, {"name", "Balie test"}}.dump();
    auto first = http.Post("/pair", body, "application/json");
    ASSERT_TRUE(first);
    ASSERT_EQ(first->status, 201) << first->body;
    const std::string token = json::parse(first->body).at("token").get<std::string>();
    auto me = http.Get("/api/v1/me", {{"Authorization", "Bearer " + token}});
    ASSERT_TRUE(me);
    ASSERT_EQ(me->status, 200) << me->body;
    EXPECT_EQ(json::parse(me->body).value("kind", ""), "desk") << me->body;
    auto visits = http.Get("/api/v1/visits", {{"Authorization", "Bearer " + token}});
    ASSERT_TRUE(visits);
    EXPECT_EQ(visits->status, 200) << "a paired companion reads the board: " << visits->body;
    auto again = http.Post("/pair", body, "application/json");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 410) << "a pairing code works once: " << again->body;
}

// Issue 4: the pairing QR "carries the service URL and a one-time code".
TEST(AdminPairingQr, TheQrCarriesTheOneTimeCodeShownBesideIt) {
    SKIP_WITHOUT_ZBARIMG();
    KioskWithService ks;
    AdminPairing p;
    ASSERT_NO_FATAL_FAILURE(open_admin_and_pair(*ks.k, p));
    EXPECT_EQ(p.decoded.rfind(ks.service->public_url(), 0), 0u) << p.decoded;
    EXPECT_NE(p.decoded.find(p.code), std::string::npos)
        << "the QR code carries " << p.decoded << " but not the one-time code " << p.code << " shown beside it";
}

// Reads the office's website from kiosk.toml as the office wrote it.
std::string configured_website() {
    std::ifstream in(cli_test::demo_config() + "/kiosk.toml");
    std::string line;
    const std::regex site(R"re(^\s*website\s*=\s*"([^"]*)")re");
    std::smatch m;
    while (std::getline(in, line))
        if (std::regex_search(line, m, site)) return m[1];
    return "";
}

std::vector<std::string> pngs(const std::string& folder) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(folder))
        if (e.path().extension() == ".png") out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

TEST(ScreenshotQr, TheClosedKioskInEveryLanguageOrientationAndThemeShowsTheWebsite) {
    SKIP_WITHOUT_ZBARIMG();
    const std::string website = configured_website();
    ASSERT_FALSE(website.empty()) << "kiosk.toml names no website";
    // Beside it, a topic's own information page may be offered.
    LoadResult config = load_config(cli_test::demo_config());
    ASSERT_TRUE(config.ok());
    std::set<std::string> allowed = {website};
    for (const auto& t : config.config->directory.topics)
        if (!t.info_url.empty()) allowed.insert(t.info_url);
    cli_test::TempDir out;
    const cli_test::Run r = cli_test::run("screenshots --config '" + cli_test::demo_config() + "' --out '" + out.file("shots") +
                                          "' --only '^unavailable-'");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto files = pngs(out.file("shots"));
    ASSERT_GE(files.size(), 5u * 2 * 2) << "five languages, two orientations, two themes";
    for (const auto& f : files) {
        SCOPED_TRACE(fs::path(f).filename().string());
        const auto decoded = qr_test::zbar_decode(f);
        EXPECT_NE(std::find(decoded.begin(), decoded.end(), website), decoded.end()) << "no code for the website";
        for (const auto& d : decoded) EXPECT_EQ(allowed.count(d), 1u) << "a code for an address the office did not configure: " << d;
    }
}

// The one code on a companion pairing screenshot (`desk-screenshots --only
// SHOT`) and kiosk.toml's public_url, which the desk's own service answers with.
void companion_pairing_code(const std::string& shot, std::string& decoded, std::string& public_url) {
    cli_test::TempDir out;
    const cli_test::Run r = cli_test::run("desk-screenshots --config '" + cli_test::demo_config() + "' --out '" + out.file("shots") +
                                          "' --only '" + shot + "'");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto files = pngs(out.file("shots"));
    ASSERT_EQ(files.size(), 1u);
    const auto codes = qr_test::zbar_decode(files[0]);
    ASSERT_EQ(codes.size(), 1u) << "one code on the pairing screen";
    decoded = codes[0];
    std::ifstream in(cli_test::demo_config() + "/kiosk.toml");
    std::string toml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::smatch m;
    ASSERT_TRUE(std::regex_search(toml, m, std::regex(R"re(public_url\s*=\s*"([^"]+)")re")));
    public_url = m[1];
}

// `decoded` is `expected` followed by an eight-character one-time code.
void expect_code_after(const std::string& decoded, const std::string& expected) {
    EXPECT_EQ(decoded.rfind(expected, 0), 0u) << decoded;
    EXPECT_TRUE(std::regex_match(decoded.substr(std::min(decoded.size(), expected.size())), std::regex("[A-Z0-9]{8}")))
        << "an eight-character one-time code after " << expected << ": " << decoded;
}

TEST(ScreenshotQr, TheCompanionsPhonePairingShowsThePhonePageWithACode) {
    SKIP_WITHOUT_ZBARIMG();
    std::string decoded, url;
    ASSERT_NO_FATAL_FAILURE(companion_pairing_code("pairing-phone", decoded, url));
    expect_code_after(decoded, url + "/phone#pair=");
}

TEST(ScreenshotQr, TheCompanionsDeskPairingCarriesTheServiceAndTheCode) {
    SKIP_WITHOUT_ZBARIMG();
    std::string decoded, url;
    ASSERT_NO_FATAL_FAILURE(companion_pairing_code("pairing-desk", decoded, url));
    // What `gastvrij desk --server LINK` takes as it is: the address and the one-time code.
    expect_code_after(decoded, url + "/desk#pair=");
}

}  // namespace
}  // namespace gastvrij
