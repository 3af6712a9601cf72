// No control leads to the screen it is on: a visitor who taps "Ik praat liever
// met iemand" and lands where they were thinks the kiosk is broken. Every
// control on every screen a visitor reaches is tapped once, from a fresh
// start; unless it is one that acts in place (a key, a setting, a language,
// read-aloud, scrolling), what is shown afterwards must differ.
#include <gtest/gtest.h>

#include "kiosk/kiosk_fixture.h"

namespace gastvrij {
namespace {

using kiosk_test::KioskSetup;

struct Situation {
    std::string name;
    enum { Open, Closed, NobodyIn } when = Open;
    std::vector<std::string> taps;  // from the welcome screen
};

std::vector<Situation> situations() {
    const std::vector<std::string> number = {"keypad/0", "keypad/6", "keypad/1", "keypad/2", "keypad/3",
                                             "keypad/4", "keypad/5", "keypad/6", "keypad/7", "keypad/8"};
    std::vector<std::string> callback_when = {"welcome/start", "unavailable/callback"};
    callback_when.insert(callback_when.end(), number.begin(), number.end());
    callback_when.push_back("callback/next");
    return {
        {"welcome", Situation::Open, {}},
        {"topic", Situation::Open, {"welcome/start"}},
        {"appointment", Situation::Open, {"welcome/start", "topic/appointment", "keyboard/f"}},
        {"name after a topic", Situation::Open, {"welcome/start", "topic/repair"}},
        {"name after talk-to-someone", Situation::Open, {"welcome/start", "nav/talk"}},
        {"closed", Situation::Closed, {"welcome/start"}},
        {"nobody free", Situation::NobodyIn, {"welcome/start", "topic/repair"}},
        {"nobody free, talk-to-someone", Situation::NobodyIn, {"welcome/start", "nav/talk"}},
        {"call-back number", Situation::Closed, {"welcome/start", "unavailable/callback"}},
        {"call-back time", Situation::Closed, callback_when},
        {"survey: who helped", Situation::Open, {"welcome/survey"}},
        {"survey: score", Situation::Open, {"welcome/survey", "survey/who/skip"}},
        {"confirmation", Situation::Open, {"welcome/start", "topic/repair", "keyboard/a", "name/done"}},
    };
}

// Controls whose whole point is to act where they are.
bool acts_in_place(const std::string& name) {
    for (const char* prefix : {"keyboard/", "keypad/", "settings/", "lang/", "nav/speak", "appointment/up",
                               "appointment/down", "appointment/clear", "admin/corner", "scroll/"})
        if (name.rfind(prefix, 0) == 0) return true;
    return false;
}

// What the visitor sees: the screen, its question, and every element on it
// (a message that appears, "Dit nummer klopt niet", is a change too).
struct Shown {
    std::string screen, title;
    std::set<std::string> elements;
    bool operator==(const Shown&) const = default;
};

Shown shown(const kiosk_test::Kiosk& k) {
    Shown s{k.screen(), k.label("title"), {}};
    for (const auto& w : k.app->ui().widgets().shown()) s.elements.insert(w.name + "=" + w.label);
    return s;
}

void reach(kiosk_test::Kiosk& k, const Situation& s) {
    k.app->home();
    k.clock.set(s.when == Situation::Closed ? kiosk_test::sunday_noon(k.clock) : kiosk_test::monday_morning(k.clock));
    for (const auto& person : k.config().directory.staff)
        k.reception->set_presence(person.id, s.when == Situation::NobodyIn ? Presence::Out : Presence::In);
    k.fake_ms += 10'000;
    k.driver->frames(2);
}

TEST(SelfLoops, NoControlLeadsToTheScreenItIsOn) {
    NEW_KIOSK(k, KioskSetup{});
    int tapped = 0;
    for (const Situation& s : situations()) {
        SCOPED_TRACE(s.name);
        reach(k, s);
        ASSERT_TRUE(k.taps(s.taps));
        const Shown at = shown(k);
        std::vector<std::string> controls;
        for (const auto& w : k.app->ui().widgets().shown())
            if (w.target && !acts_in_place(w.name)) controls.push_back(w.name);
        ASSERT_FALSE(controls.empty());
        for (const std::string& control : controls) {
            reach(k, s);
            ASSERT_TRUE(k.taps(s.taps));
            ASSERT_TRUE(k.taps({control}));
            k.driver->frames(2);
            ++tapped;
            EXPECT_FALSE(shown(k) == at)
                << "\"" << control << "\" on the " << at.screen << " screen (" << at.title << ") leads back to it";
        }
    }
    EXPECT_GT(tapped, 40);
}

// Open, but everyone is out: "talk to someone" would lead back here, so the
// visitor is told to walk to the desk instead, with today's hours.
TEST(SelfLoops, NobodyFreeSendsTheVisitorToTheDeskWithItsHours) {
    NEW_KIOSK(k, KioskSetup{});
    reach(k, {"nobody free", Situation::NobodyIn, {}});
    ASSERT_TRUE(k.taps({"welcome/start", "topic/repair"}));
    ASSERT_EQ(k.screen(), "unavailable");
    EXPECT_EQ(k.find("nav/talk"), nullptr);
    const std::string hours = format_intervals(hours_on(k.config().kiosk.hours, k.clock.local_now()));
    ASSERT_FALSE(hours.empty());
    EXPECT_EQ(k.label("nav/to_desk"), "Loop naar de balie. Vandaag open: " + hours);
    // Closed: neither, the opening hours and the call back say it all.
    reach(k, {"closed", Situation::Closed, {}});
    ASSERT_TRUE(k.taps({"welcome/start"}));
    ASSERT_EQ(k.screen(), "unavailable");
    EXPECT_EQ(k.find("nav/talk"), nullptr);
    EXPECT_EQ(k.find("nav/to_desk"), nullptr);
}

}  // namespace
}  // namespace gastvrij
