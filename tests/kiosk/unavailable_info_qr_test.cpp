// When nobody can help with the topic the visitor chose, the kiosk offers the
// topic's information page on their phone beside the website: both codes,
// read back from the rendered screen by zbarimg, decode to exactly the
// addresses in topics.toml and kiosk.toml, each with its caption.
#include <gtest/gtest.h>

#include <algorithm>

#include "cli/qr_scan.h"
#include "kiosk/kiosk_fixture.h"

namespace gastvrij {
namespace {

using kiosk_test::Kiosk;
using kiosk_test::KioskSetup;

struct Case {
    std::string name;
    int width, height;
    std::string language;
};

class UnavailableInfoQr : public ::testing::TestWithParam<Case> {};

TEST_P(UnavailableInfoQr, TopicPageAndWebsiteDecodeToTheirExactUrls) {
    const Case& c = GetParam();
    if (!qr_test::have_zbarimg()) GTEST_SKIP() << qr_test::kZbarimg << " is missing (Debian package zbar-tools)";
    KioskSetup setup;
    setup.speech = false;
    setup.width = c.width, setup.height = c.height;
    NEW_KIOSK(k, setup);
    const Topic* repair = k.config().directory.topic("repair");
    ASSERT_TRUE(repair && !repair->info_url.empty());
    const std::string& website = k.config().kiosk.website;
    ASSERT_FALSE(website.empty());

    for (const auto& s : k.config().directory.staff) k.reception->set_presence(s.id, Presence::Out);
    if (c.language != "nl") { ASSERT_TRUE(k.taps({"lang/" + c.language})); }
    ASSERT_TRUE(k.taps({"welcome/start", "topic/repair"}));
    ASSERT_EQ(k.screen(), "unavailable");

    k.driver->frames(1, true);
    const std::string png = k.dir.file("unavailable.png");
    std::string err;
    ASSERT_TRUE(k.window->capture_png(png, &err)) << err;
    std::vector<std::string> decoded = qr_test::zbar_decode(png);
    std::sort(decoded.begin(), decoded.end());
    std::vector<std::string> expected{repair->info_url, website};
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(decoded, expected);

    const std::string caption = k.label("qr/info/caption");
    EXPECT_NE(caption.find(k.app->journey().topic_label("repair")), std::string::npos) << "names the topic: " << caption;
    EXPECT_EQ(k.label("qr/website/caption"), k.app->journey().t("unavailable.website"));
    const qr_test::RgbaFrame frame(k.window->pixels(), k.window->width(), k.window->height());
    for (const char* name : {"qr/info", "qr/website"}) {
        SCOPED_TRACE(name);
        const ui::WidgetInfo* qr = k.find(name);
        ASSERT_NE(qr, nullptr);
        if (c.height > c.width) { EXPECT_GE(qr->rect.y, c.height * 0.2f) << "nothing in the top fifth in portrait"; }
        const qr_test::QrGeometry g = qr_test::measure_qr(frame, qr->rect.x, qr->rect.y, qr->rect.w, qr->rect.h);
        ASSERT_TRUE(qr_test::crisp_with_quiet_zone(g));
        EXPECT_GE(g.module / k.metrics().px_per_mm, 0.5);
    }
}

INSTANTIATE_TEST_SUITE_P(Screens, UnavailableInfoQr,
                         ::testing::Values(Case{"landscape_nl", 1920, 1080, "nl"}, Case{"portrait_ar", 1080, 1920, "ar"}),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace gastvrij
