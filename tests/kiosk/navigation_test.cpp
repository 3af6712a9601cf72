// Back and "start again" from every screen a visitor can reach: Back returns
// to the screen before, keeping what was chosen; Home returns to the welcome
// screen with nothing of the visitor left.
#include <gtest/gtest.h>

#include "kiosk/kiosk_fixture.h"

namespace gastvrij {
namespace {

using kiosk_test::KioskSetup;

struct Route {
    std::string name;
    bool closed = false;                // on a Sunday
    std::vector<std::string> taps;      // from the welcome screen, after choosing Turkish
    std::string screen;                 // where the taps lead
    std::string back_to;                // "" = this screen has no Back
};

std::vector<Route> routes() {
    const std::vector<std::string> corner(5, "admin/corner");
    return {
        {"topic", false, {"welcome/start"}, "topic", "welcome"},
        {"appointment", false, {"welcome/start", "topic/appointment"}, "appointment", "topic"},
        {"name after a topic", false, {"welcome/start", "topic/repair"}, "name", "topic"},
        {"name after a colleague", false, {"welcome/start", "topic/appointment", "keyboard/f", "person/1011"}, "name",
         "appointment"},
        {"name after talk-to-someone", false, {"welcome/start", "nav/talk"}, "name", "topic"},
        {"closed", true, {"welcome/start"}, "unavailable", "welcome"},
        {"call-back form", true, {"welcome/start", "unavailable/callback"}, "callback", "unavailable"},
        {"call-back sent", true, {"welcome/start", "unavailable/callback", "keypad/0", "keypad/6", "keypad/1", "keypad/2",
                                  "keypad/3", "keypad/4", "keypad/5", "keypad/6", "keypad/7", "keypad/8", "callback/next",
                                  "callback/yes", "callback/any"}, "callback_done", ""},
        {"survey: who helped", false, {"welcome/survey"}, "survey_who", "welcome"},
        {"survey: score", false, {"welcome/survey", "survey/who/skip"}, "survey_score", "survey_who"},
        {"confirmation", false, {"welcome/start", "topic/repair", "keyboard/a", "name/done"}, "confirmation", ""},
        {"admin", false, corner, "admin", "welcome"},
    };
}

void expect_cleared(kiosk_test::Kiosk& k) {
    const kiosk::Session& s = k.session();
    EXPECT_EQ(k.screen(), "welcome");
    EXPECT_EQ(s.language, k.config().kiosk.default_language);
    EXPECT_EQ(s.topic_id, "");
    EXPECT_EQ(s.chosen_host, "");
    EXPECT_EQ(s.name, "");
    EXPECT_EQ(s.search, "");
    EXPECT_FALSE(s.visit);
    EXPECT_FALSE(s.large_text);
    EXPECT_FALSE(s.contrast);
    EXPECT_FALSE(s.read_aloud);
    EXPECT_FALSE(s.closed);
    const int minute = k.clock.local_now().minute;
    const char* greeting = minute < 12 * 60 ? "welcome.morning" : minute < 18 * 60 ? "welcome.afternoon" : "welcome.evening";
    EXPECT_EQ(k.label("welcome/greeting"), k.config().texts.text(k.config().kiosk.default_language, greeting));
}

TEST(Navigation, BackAndHomeFromEveryScreen) {
    NEW_KIOSK(k, KioskSetup{});
    for (const Route& r : routes()) {
        for (const bool home : {false, true}) {
            SCOPED_TRACE(r.name + (home ? ": home" : ": back"));
            k.app->home();
            k.clock.set(r.closed ? kiosk_test::sunday_noon(k.clock) : kiosk_test::monday_morning(k.clock));
            k.fake_ms += 10'000;  // keeps the admin corner's taps apart from the last route's
            ASSERT_TRUE(k.taps({"lang/tr", "settings/contrast"}));
            ASSERT_TRUE(k.taps(r.taps));
            ASSERT_EQ(k.screen(), r.screen);
            EXPECT_EQ(k.session().language, "tr");
            if (home) {
                ASSERT_TRUE(k.taps({"nav/home"}));
                expect_cleared(k);
            } else if (r.back_to.empty()) {
                EXPECT_EQ(k.find("nav/back"), nullptr) << "no way back into something already sent";
            } else {
                const kiosk::Session before = k.session();
                ASSERT_TRUE(k.taps({"nav/back"}));
                EXPECT_EQ(k.screen(), r.back_to);
                EXPECT_EQ(k.session().language, "tr") << "Back keeps the visitor's choices";
                EXPECT_TRUE(k.session().contrast);
                EXPECT_EQ(k.session().name, before.name);
            }
        }
    }
}

TEST(Navigation, TheConfirmationsDoneButtonStartsAgain) {
    NEW_KIOSK(k, KioskSetup{});
    ASSERT_TRUE(k.taps({"lang/ar", "welcome/start", "topic/rent", "name/skip"}));
    ASSERT_EQ(k.screen(), "confirmation");
    ASSERT_TRUE(k.taps({"confirm/done"}));
    expect_cleared(k);
    EXPECT_EQ(k.store->open_visits().size(), 1u);
}

}  // namespace
}  // namespace gastvrij
