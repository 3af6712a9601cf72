// The website QR code on the kiosk's "closed" and "nobody available" screens,
// read back from the rendered screen by Debian's zbarimg as a phone camera
// would: it must decode to exactly the website kiosk.toml names, with four
// modules of light around it, in both orientations and in high contrast.
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
    bool closed;    // Sunday; otherwise Monday with every colleague out
    bool contrast;  // the high-contrast theme
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class WebsiteQr : public ::testing::TestWithParam<Case> {};

// Everyone of the reception team and the topic's team is out: the kiosk
// says nobody can help now — and still offers the website.
void everyone_out(Kiosk& k) {
    for (const auto& s : k.config().directory.staff) k.reception->set_presence(s.id, Presence::Out);
}

TEST_P(WebsiteQr, DecodesToTheConfiguredWebsiteWithAQuietZone) {
    const Case& c = GetParam();
    if (!qr_test::have_zbarimg()) GTEST_SKIP() << qr_test::kZbarimg << " is missing (Debian package zbar-tools)";
    KioskSetup setup;
    setup.speech = false;
    setup.width = c.width, setup.height = c.height;
    NEW_KIOSK(k, setup);
    const std::string& website = k.config().kiosk.website;
    ASSERT_FALSE(website.empty()) << "the demo office names no website in kiosk.toml";

    if (c.closed) k.clock.set(kiosk_test::sunday_noon(k.clock));
    else everyone_out(k);
    if (c.contrast) {
        ASSERT_TRUE(k.taps({"settings/contrast"}));
    }
    ASSERT_TRUE(k.taps({"welcome/start"}));
    if (!c.closed) {
        ASSERT_TRUE(k.taps({"topic/repair"}));
    }
    ASSERT_EQ(k.screen(), "unavailable");
    ASSERT_EQ(k.session().closed, c.closed);

    k.driver->frames(1, true);
    const std::string png = k.dir.file("unavailable.png");
    std::string err;
    ASSERT_TRUE(k.window->capture_png(png, &err)) << err;
    // The whole screen as a camera sees it: the website is among the codes
    // (when nobody is free the topic's own page may stand beside it).
    const std::vector<std::string> decoded = qr_test::zbar_decode(png);
    EXPECT_NE(std::find(decoded.begin(), decoded.end(), website), decoded.end())
        << "the camera finds no code for " << website << " (" << decoded.size() << " codes found)";
    if (c.closed) {
        EXPECT_EQ(decoded.size(), 1u) << "closed: the website is the one code on the screen";
    }

    // The code drawn as "qr/website", on its own with its quiet zone and a
    // margin: exactly the website.
    const ui::WidgetInfo* qr = k.find("qr/website");
    ASSERT_NE(qr, nullptr);
    const float margin = qr->rect.w * 0.1f;
    const std::string crop = k.dir.file("website.ppm");
    ASSERT_TRUE(qr_test::write_ppm_crop(k.window->pixels(), k.window->width(), k.window->height(), qr->rect.x - margin,
                                        qr->rect.y - margin, qr->rect.w + 2 * margin, qr->rect.h + 2 * margin, crop));
    EXPECT_EQ(qr_test::zbar_decode(crop), std::vector<std::string>{website});

    const qr_test::RgbaFrame frame(k.window->pixels(), k.window->width(), k.window->height());
    ASSERT_TRUE(frame.valid());
    const qr_test::QrGeometry g = qr_test::measure_qr(frame, qr->rect.x, qr->rect.y, qr->rect.w, qr->rect.h);
    ASSERT_TRUE(qr_test::crisp_with_quiet_zone(g));
    std::cout << "[ qr       ] " << c.name << ": " << g.modules << " modules of " << g.module << " px, quiet zone "
              << g.quiet_modules << (g.quiet_modules >= 8 ? "+" : "") << " modules\n";
    EXPECT_EQ((g.modules - 17) % 4, 0) << g.modules << " modules is no QR version";
    // A phone at arm's length needs modules of a fair size (about 0.5 mm here).
    EXPECT_GE(g.module / k.metrics().px_per_mm, 0.5) << g.module << " px per module";
}

INSTANTIATE_TEST_SUITE_P(Screens, WebsiteQr,
                         ::testing::Values(Case{"closed_landscape", 1920, 1080, true, false},
                                           Case{"closed_portrait", 1080, 1920, true, false},
                                           Case{"closed_contrast", 1920, 1080, true, true},
                                           Case{"nobody_landscape", 1920, 1080, false, false}),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace gastvrij
