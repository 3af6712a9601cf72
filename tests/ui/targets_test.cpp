// Touch targets measured on the physical panel (ACCESSIBILITY.md): every
// target on every screen, in every language, landscape and portrait, normal
// and large text, is at least 20 × 20 mm with at least 3 mm to every other
// target, lies on the screen, and in portrait nothing a visitor must reach
// starts in the top 20 % of the height. Millimetres come from the pixel rects
// the widgets registered and Metrics::compute with kiosk.toml's panel size.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "kiosk/kiosk_fixture.h"

namespace gastvrij {
namespace {

using kiosk_test::Kiosk;
using kiosk_test::KioskSetup;

constexpr float kMinTargetMm = 20.0f, kMinGapMm = 3.0f, kTolMm = 0.05f;

struct State {
    std::string name;
    std::function<void(Kiosk&)> enter;  // from a fresh session in the chosen language
    std::string overlay_from;           // widgets from this one on are an overlay's own
};

void unlock_admin(Kiosk& k) {
    k.app->go(kiosk::ScreenId::Admin);
    k.driver->frames(1);
    const std::string pin = kiosk_test::demo_pin();
    ASSERT_FALSE(pin.empty());
    for (char c : pin) ASSERT_TRUE(k.taps({std::string("admin/key/") + c}));
    ASSERT_TRUE(k.taps({"admin/key/ok"}));
    ASSERT_NE(k.find("admin/reload"), nullptr) << "the demo PIN did not open the panel: " << k.screen() << " / " << k.label("admin/message");
}

std::vector<State> states() {
    using kiosk::ScreenId;
    return {
        {"welcome", [](Kiosk&) {}, ""},
        {"welcome_closed", [](Kiosk& k) { k.clock.set(kiosk_test::sunday_noon(k.clock)); }, ""},
        {"topic", [](Kiosk& k) { k.app->go(ScreenId::Topic); }, ""},
        {"appointment", [](Kiosk& k) { k.app->go(ScreenId::Topic); k.app->choose_topic("appointment"); }, ""},
        {"appointment_scrolled", [](Kiosk& k) {
             k.app->go(ScreenId::Topic); k.app->choose_topic("appointment");
             k.driver->frames(1);
             ASSERT_TRUE(k.taps({"appointment/down", "appointment/down"}));
         }, ""},
        {"appointment_search", [](Kiosk& k) {
             k.app->go(ScreenId::Topic); k.app->choose_topic("appointment");
             k.session().search = "an";
         }, ""},
        {"appointment_nobody", [](Kiosk& k) {
             k.app->go(ScreenId::Topic); k.app->choose_topic("appointment");
             k.session().search = "qqq";
         }, ""},
        {"name", [](Kiosk& k) { k.app->go(ScreenId::Topic); k.app->choose_topic("repair"); }, ""},
        {"name_typed", [](Kiosk& k) {
             k.app->go(ScreenId::Topic); k.app->choose_topic("repair");
             k.session().name = "Małgorzata Wiśniewska-Kowalczyk";
         }, ""},
        {"confirmation", [](Kiosk& k) {
             k.app->go(ScreenId::Topic); k.app->choose_topic("repair");
             k.session().name = "Zeynep";
             k.app->check_in();
         }, ""},
        {"unavailable_closed", [](Kiosk& k) {
             k.clock.set(kiosk_test::sunday_noon(k.clock));
             k.session().closed = true;
             k.app->go(ScreenId::Unavailable);
         }, ""},
        {"callback_phone", [](Kiosk& k) {
             k.clock.set(kiosk_test::sunday_noon(k.clock));
             k.session().closed = true;
             k.app->go(ScreenId::Unavailable);
             k.app->go(ScreenId::Callback);
         }, ""},
        {"callback_check", [](Kiosk& k) {
             k.clock.set(kiosk_test::sunday_noon(k.clock));
             k.session().closed = true;
             k.app->go(ScreenId::Callback);
             k.driver->frames(1);
             for (char c : std::string("0612345678")) ASSERT_TRUE(k.taps({std::string("keypad/") + c}));
             ASSERT_TRUE(k.taps({"callback/next"}));
             ASSERT_NE(k.find("callback/yes"), nullptr) << "a valid mobile number was refused";
         }, ""},
        {"callback_when", [](Kiosk& k) {
             k.clock.set(kiosk_test::sunday_noon(k.clock));
             k.session().closed = true;
             k.app->go(ScreenId::Callback);
             k.driver->frames(1);
             for (char c : std::string("0612345678")) ASSERT_TRUE(k.taps({std::string("keypad/") + c}));
             ASSERT_TRUE(k.taps({"callback/next", "callback/yes"}));
             ASSERT_NE(k.find("callback/morning"), nullptr);
         }, ""},
        {"callback_done", [](Kiosk& k) { k.app->go(ScreenId::CallbackDone); }, ""},
        {"survey_who", [](Kiosk& k) { k.app->go(ScreenId::SurveyWho); }, ""},
        {"survey_score", [](Kiosk& k) { k.app->go(ScreenId::SurveyScore); }, ""},
        {"survey_one_go", [](Kiosk& k) { k.app->go(ScreenId::SurveyOneGo); }, ""},
        {"survey_thanks", [](Kiosk& k) { k.app->go(ScreenId::SurveyThanks); }, ""},
        {"survey_comment", [](Kiosk& k) { k.app->go(ScreenId::SurveyComment); }, ""},
        {"store_error", [](Kiosk& k) { k.app->go(ScreenId::StoreError); }, ""},
        {"admin_pin", [](Kiosk& k) { k.app->go(kiosk::ScreenId::Admin); }, ""},
        {"admin_panel", unlock_admin, ""},
        {"timeout", [](Kiosk& k) {
             k.app->go(ScreenId::Topic); k.app->choose_topic("repair");
             k.wait_ms(k.config().kiosk.idle_seconds * 1000.0 + 1000);
             ASSERT_TRUE(k.app->timeout_shown());
         }, "timeout/question"},
    };
}

// Shortest distance between two rectangles (0 when they touch or overlap).
float gap_px(const ui::Rect& a, const ui::Rect& b) {
    const float dx = std::max({0.0f, b.x - a.right(), a.x - b.right()});
    const float dy = std::max({0.0f, b.y - a.bottom(), a.y - b.bottom()});
    return std::sqrt(dx * dx + dy * dy);
}

std::string fmt(float v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", v);
    return b;
}

// A size in mm: whole millimetres when it is comfortably enough, so the same
// problem in several languages is reported once.
std::string fmt_mm(float v) {
    char b[32];
    std::snprintf(b, sizeof b, v >= kMinTargetMm + 1 ? "%.0f" : "%.1f", v);
    return b;
}

class Targets : public ::testing::TestWithParam<bool> {};

TEST_P(Targets, EveryTargetOnEveryScreenIsBigEnoughApartAndWithinReach) {
    const bool portrait = GetParam();
    KioskSetup setup;
    if (portrait) setup.width = 1080, setup.height = 1920;
    NEW_KIOSK(k, setup);

    // "where | problem" → the languages it happens in.
    std::map<std::string, std::set<std::string>> violations;
    int checked = 0;
    for (const bool large : {false, true}) {
        // Labels only move things when they wrap, which large text provokes:
        // normal size in Dutch and mirrored Arabic, large text in every language.
        std::vector<std::string> langs = k.config().kiosk.languages;
        if (!large) langs = {"nl", "ar"};
        for (const std::string& lang : langs) {
            for (const State& st : states()) {
                k.fake_ms += 60'000;  // the admin corner's taps of the last state are long ago
                k.app->home();        // and the idle time starts now
                k.clock.set(kiosk_test::monday_morning(k.clock));
                k.session().language = lang;
                k.session().large_text = large;  // before any frame: no extra font rebuild
                st.enter(k);
                if (::testing::Test::HasFatalFailure()) return;
                k.driver->frames(1);
                const ui::Metrics m = k.metrics();
                ASSERT_EQ(m.text_scale, large ? 1.5f : 1.0f);
                const float mm = m.px_per_mm;
                const std::string where = std::string(portrait ? "portrait" : "landscape") + (large ? " large " : " ") + st.name;

                std::vector<const ui::WidgetInfo*> targets;
                bool in_overlay = st.overlay_from.empty();
                for (const auto& w : k.app->ui().widgets().shown()) {
                    if (w.name == st.overlay_from) in_overlay = true;
                    if (w.target && in_overlay) targets.push_back(&w);
                }
                if (targets.empty()) violations[where + " | no touch targets at all"].insert(lang);
                for (const auto* t : targets) {
                    ++checked;
                    const float w_mm = t->rect.w / mm, h_mm = t->rect.h / mm;
                    if (w_mm < kMinTargetMm - kTolMm || h_mm < kMinTargetMm - kTolMm)
                        violations[where + " | " + t->name + " is " + fmt_mm(w_mm) + " × " + fmt_mm(h_mm) + " mm"].insert(lang);
                    const float overhang = std::max({-t->rect.x, -t->rect.y, t->rect.right() - float(m.width_px),
                                                     t->rect.bottom() - float(m.height_px)});
                    if (overhang > 0.5f)
                        violations[where + " | " + t->name + " sticks " + fmt(overhang / mm) + " mm out of the screen"].insert(lang);
                    if (portrait && t->rect.y < 0.2f * float(m.height_px) - 0.5f)
                        violations[where + " | " + t->name + " starts in the top 20 % (at " +
                                   fmt(100.0f * t->rect.y / float(m.height_px)) + " % of the height)"].insert(lang);
                }
                for (size_t i = 0; i < targets.size(); ++i)
                    for (size_t j = i + 1; j < targets.size(); ++j) {
                        const float g = gap_px(targets[i]->rect, targets[j]->rect) / mm;
                        if (g < kMinGapMm - kTolMm)
                            violations[where + " | " + targets[i]->name + " and " + targets[j]->name + " are " + fmt(g) +
                                       " mm apart"].insert(lang);
                    }
            }
        }
    }
    EXPECT_GT(checked, 2000) << "suspiciously few targets measured";
    std::string report;
    for (const auto& [what, langs] : violations) {
        report += "\n  " + what + "  [";
        for (const auto& l : langs) report += l + (l == *langs.rbegin() ? "" : " ");
        report += "]";
    }
    EXPECT_TRUE(violations.empty()) << violations.size() << " violations of ≥ 20 × 20 mm / ≥ 3 mm / reach:" << report;
}

INSTANTIATE_TEST_SUITE_P(Orientation, Targets, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? std::string("portrait") : std::string("landscape"); });

}  // namespace
}  // namespace gastvrij
