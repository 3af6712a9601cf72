// The QR codes on the kiosk's confirmation screen, read back from the rendered
// frame by Debian's zbarimg as a phone camera would: one decodes to exactly the
// topic's information page from topics.toml, the other to this visit's survey
// link on the service — which then takes the visitor's answer once.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "cli/qr_scan.h"
#include "kiosk/driver.h"
#include "kiosk/kiosk_app.h"
#include "platform/window.h"
#include "service/service_fixture.h"
#include "service/survey_link.h"
#include "store/sqlite_devices.h"
#include "store/sqlite_store.h"

namespace gastvrij {
namespace {

using namespace service_test;

struct Case {
    std::string name;
    int width, height;
    std::string language;
};

class ConfirmationQr : public ::testing::TestWithParam<Case> {};

TEST_P(ConfirmationQr, BothCodesDecodeToTheirExactUrlsAndTheSurveyLinkAnswersOnce) {
    const Case& c = GetParam();
    if (!qr_test::have_zbarimg()) GTEST_SKIP() << qr_test::kZbarimg << " is missing (Debian package zbar-tools)";
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);

    LoadResult loaded = load_config(GASTVRIJ_SOURCE_DIR "/kiosk-config");
    ASSERT_TRUE(loaded.config) << "the demo configuration does not load";
    Config config = *loaded.config;
    ASSERT_TRUE(config.kiosk.survey_phone_page) << "the demo office publishes the phone survey";
    // Phones reach this test's service on 127.0.0.1, so the scanned link can be followed.
    config.kiosk.public_url.clear();
    const Topic* repair = config.directory.topic("repair");
    ASSERT_TRUE(repair && !repair->info_url.empty()) << "topics.toml gives repair an info_url";

    TempDir dir;
    TestClock clock(monday_1042());
    SqliteStore store(dir.file("gastvrij.db"));
    SqliteDeviceStore devices(dir.file("gastvrij.db"));
    Service service(config, store, devices, clock, test_options());
    service.start();
    const std::string base = service.public_url();
    ASSERT_EQ(base, service.local_url());

    platform::WindowOptions wo;
    wo.fullscreen = false, wo.hidden = true, wo.width = c.width, wo.height = c.height;
    platform::Window window(wo);
    kiosk::KioskOptions ko;
    ko.assets_dir = std::filesystem::path(config.photos_dir).parent_path().string();
    ko.speech = false;
    LocalKioskPort port(service.reception(),
                        phone_survey_links(service.reception().surveys(), clock, service.config(), [&] { return service.public_url(); }));
    kiosk::KioskApp app(window, service.config(), port, ko);
    double fake_ms = 1000;
    app.set_time_source([&] { return fake_ms; });
    kiosk::Driver driver(window, app);
    driver.frames(2);

    // The visitor's own taps: language, start, topic, no name.
    if (c.language != "nl") { ASSERT_TRUE(driver.tap("lang/" + c.language)); }
    for (const char* name : {"welcome/start", "topic/repair", "name/skip"}) ASSERT_TRUE(driver.tap(name)) << name;
    ASSERT_EQ(driver.screen(), "confirmation");
    ASSERT_TRUE(app.journey().session().visit);
    const std::string survey_url = app.journey().session().survey_url;
    ASSERT_EQ(survey_url.rfind(base + "/survey?t=", 0), 0u) << survey_url;

    driver.frames(2, true);
    const std::string png = dir.file("confirmation.png");
    std::string err;
    ASSERT_TRUE(window.capture_png(png, &err)) << err;
    std::vector<std::string> decoded = qr_test::zbar_decode(png);
    std::sort(decoded.begin(), decoded.end());
    std::vector<std::string> expected{repair->info_url, survey_url};
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(decoded, expected) << "both codes found by a camera, nothing else";

    // Crisp, with a quiet zone, modules a phone can resolve.
    const qr_test::RgbaFrame frame(window.pixels(), window.width(), window.height());
    ASSERT_TRUE(frame.valid());
    const ui::Metrics m = ui::Metrics::compute(window.width(), window.height(), config.kiosk.panel_width_mm,
                                               config.kiosk.panel_height_mm, false);
    for (const char* name : {"qr/info", "qr/survey"}) {
        SCOPED_TRACE(name);
        const ui::WidgetInfo* qr = app.ui().find(name);
        ASSERT_NE(qr, nullptr);
        const ui::WidgetInfo* caption = app.ui().find(std::string(name) + "/caption");
        ASSERT_NE(caption, nullptr) << "a code always says where it leads";
        EXPECT_FALSE(caption->label.empty());
        if (c.height > c.width) { EXPECT_GE(qr->rect.y, c.height * 0.2f) << "nothing in the top fifth in portrait"; }
        const qr_test::QrGeometry g = qr_test::measure_qr(frame, qr->rect.x, qr->rect.y, qr->rect.w, qr->rect.h);
        ASSERT_TRUE(qr_test::crisp_with_quiet_zone(g));
        EXPECT_GE(g.module / m.px_per_mm, 0.5) << g.module << " px per module";
    }

    // The scanned survey link works, once, in the visitor's language.
    const std::string path = survey_url.substr(base.size());
    const std::string token = path.substr(std::string("/survey?t=").size());
    httplib::Client http("127.0.0.1", service.port());
    auto page = http.Get(path.c_str());
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("lang=\"" + c.language + "\""), std::string::npos);
    auto sent = http.Post("/survey", httplib::Params{{"t", token}, {"score", "9"}, {"one_go", "yes"}});
    ASSERT_TRUE(sent);
    EXPECT_EQ(sent->status, 200);
    EXPECT_EQ(http.Post("/survey", httplib::Params{{"t", token}, {"score", "2"}})->status, 410);
    const auto rows = store.surveys_between(0, clock.now() + 86'400);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].score, 9);
    EXPECT_EQ(rows[0].topic_id, "repair");
    EXPECT_EQ(rows[0].language, c.language);
}

INSTANTIATE_TEST_SUITE_P(Screens, ConfirmationQr,
                         ::testing::Values(Case{"landscape_nl", 1920, 1080, "nl"}, Case{"portrait_nl", 1080, 1920, "nl"},
                                           Case{"landscape_ar", 1920, 1080, "ar"}),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace gastvrij
