// Text size measured in the pixels drawn (ACCESSIBILITY.md): a capital H is at
// least 7.3 mm tall on the panel by default, nothing is under 3.8 mm, and
// large-text mode makes body text at least 1.5 times as tall. FontSet's own
// idea of the cap height is not trusted: the ink is counted.
#include <gtest/gtest.h>

#include "kiosk/kiosk_fixture.h"
#include "kiosk/pixels.h"

namespace gastvrij {
namespace {

using kiosk_test::Frame;
using kiosk_test::KioskSetup;

constexpr float kBodyCapMm = 7.3f, kSmallestCapMm = 3.8f, kLargeFactor = 1.5f;

// Ink height of a capital H drawn with `role` by the kiosk's own Ui on a fresh
// frame of a hidden window, with fonts built as KioskApp builds them.
float drawn_cap_px(platform::Window& window, ui::FontSet& fonts, const ui::IconMap& icons, const ui::Metrics& m,
                   ui::FontRole role) {
    ui::Ui u(fonts, icons);
    const ui::Theme& th = ui::normal_theme();
    window.wait(0);
    window.begin_frame();
    u.begin(window.input(), m, th, false);
    u.fill(u.screen(), th.background, 0);
    const ui::Rect box{100, 100, 600, 600};
    u.text(box, "H", role, th.text, ui::Align::Start, ui::Align::Start, false);
    u.end();
    window.end_frame(0x000000FF, true);
    window.clear_frame_input();
    Frame f{window.pixels(), window.width(), window.height()};
    if (!f.valid()) return 0;
    return kiosk_test::ink_box(f, box, th.background, th.text).h;
}

TEST(TextSize, CapitalHeightOfEveryTextRoleMeasuredInPixels) {
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    const Config& c = kiosk_test::demo_config();
    platform::WindowOptions wo;
    wo.fullscreen = false, wo.hidden = true;
    platform::Window window(wo);
    ui::IconMap icons;
    std::string err;
    ASSERT_TRUE(icons.load(std::filesystem::path(c.photos_dir).parent_path().string() + "/icons/material-icons.codepoints", &err))
        << err;
    float body_normal = 0;
    for (const bool large : {false, true}) {
        const ui::Metrics m = ui::Metrics::compute(1920, 1080, c.kiosk.panel_width_mm, c.kiosk.panel_height_mm, large);
        ui::FontSet fonts;
        ASSERT_TRUE(fonts.build(m.px_per_mm, m.text_scale, {"H"}, {}, ui::FontFiles{}, &err)) << err;
        window.upload_font_atlas();
        const float body = drawn_cap_px(window, fonts, icons, m, ui::FontRole::Body);
        const float title = drawn_cap_px(window, fonts, icons, m, ui::FontRole::Title);
        const float small = drawn_cap_px(window, fonts, icons, m, ui::FontRole::Small);
        SCOPED_TRACE(std::string(large ? "large text" : "normal text") + ": body " + std::to_string(body) + " px, title " +
                     std::to_string(title) + " px, small " + std::to_string(small) + " px at " + std::to_string(m.px_per_mm) +
                     " px/mm; FontSet::cap_px claims body " + std::to_string(fonts.cap_px(ui::FontRole::Body)) + " px");
        EXPECT_GE(body / m.px_per_mm, kBodyCapMm * (large ? kLargeFactor : 1.0f));
        EXPECT_GE(title, body) << "a title smaller than body text";
        EXPECT_GE(small / m.px_per_mm, kSmallestCapMm);
        if (!large) body_normal = body;
        // One pixel of anti-aliasing either way is measurement, not design.
        else EXPECT_GE(body + 1, kLargeFactor * body_normal) << "large text is not 1.5 times the normal size";
    }
}

// The same on the real screen: the H key of the name keyboard shows a capital
// H in body text; its ink is measured in the frame the kiosk presented.
TEST(TextSize, TheKeyboardsCapitalHOnTheNameScreen) {
    KioskSetup setup;
    setup.speech = false;  // only glyphs are measured here
    kiosk_test::Kiosk k(setup);
    float normal_px = 0;
    for (const bool large : {false, true}) {
        SCOPED_TRACE(large ? "large text" : "normal text");
        k.app->home();
        k.session().large_text = large;
        k.app->choose_topic("repair");
        k.driver->frames(2, true);
        ASSERT_EQ(k.screen(), "name");
        const ui::WidgetInfo* key = k.find("keyboard/h");
        ASSERT_NE(key, nullptr);
        EXPECT_EQ(key->label, "H") << "names start with a capital: the keys show capitals";
        const ui::Metrics m = k.metrics();
        Frame f{k.window->pixels(), k.window->width(), k.window->height()};
        ASSERT_TRUE(f.valid());
        const ui::Theme& th = ui::normal_theme();
        // Inside the key's outline: white key, near-black letter.
        const ui::Rect inside = key->rect.inset(1.6f * m.px_per_mm);
        const ui::Rect ink = kiosk_test::ink_box(f, inside, th.panel, th.panel_text);
        ASSERT_GT(ink.h, 0) << "no ink on the H key";
        EXPECT_LT(ink.h, inside.h - 2) << "the ink touches the key's edge: the measurement caught the outline";
        const float mm = ink.h / m.px_per_mm;
        EXPECT_GE(mm, kBodyCapMm * (large ? kLargeFactor : 1.0f)) << "H on the key is " << ink.h << " px = " << mm << " mm";
        if (!large) normal_px = ink.h;
        else EXPECT_GE(ink.h + 1, kLargeFactor * normal_px) << normal_px << " px → " << ink.h << " px";
    }
}

}  // namespace
}  // namespace gastvrij
