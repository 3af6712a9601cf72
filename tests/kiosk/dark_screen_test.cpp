// After closing time, once nobody has touched the kiosk for dark_after_minutes,
// the screen goes dark and calm (cage cannot switch the panel off): black, no
// redraw asked for until the office opens. A touch wakes it to the closed
// screen, never to a welcome that invites a visit nobody can answer. While
// the office is open it never goes dark.
#include <gtest/gtest.h>

#include "kiosk/kiosk_fixture.h"

namespace gastvrij {
namespace {

using kiosk_test::KioskSetup;

// Monday 23 November 2026: open 08:30–17:00 in the demo office.
Timestamp monday_at(const FakeClock& c, int h, int m) { return c.at_local(2026, 11, 23, h, m); }

TEST(DarkScreen, AfterClosingAndAQuietSpellATouchShowsTheClosedScreen) {
    NEW_KIOSK(k, KioskSetup{});
    const double quiet_ms = k.config().kiosk.dark_after_minutes * 60000.0;
    ASSERT_GT(quiet_ms, 0);
    k.clock.set(monday_at(k.clock, 17, 30));
    k.wait_ms(0);
    ASSERT_EQ(k.screen(), "welcome");

    // Not a moment early …
    k.wait_ms(quiet_ms - 1000);
    EXPECT_EQ(k.screen(), "welcome");
    // … and the loop is told when to look again.
    EXPECT_LE(k.app->ms_until_deadline(), 1000);
    k.wait_ms(1000);
    ASSERT_EQ(k.screen(), "dark");
    EXPECT_EQ(k.names("welcome/"), std::set<std::string>{}) << "the dark screen shows nothing of the welcome";
    // Calm: nothing to redraw until the office opens at 08:30 tomorrow.
    EXPECT_GE(k.app->ms_until_deadline(), 14 * 3600 * 1000);
    // Hours of fake time change nothing.
    k.wait_ms(3 * 3600 * 1000.0);
    EXPECT_EQ(k.screen(), "dark");

    // A touch: the closed screen, saying so, with the call-back offer.
    ASSERT_TRUE(k.taps({"dark/wake"}));
    EXPECT_EQ(k.screen(), "unavailable");
    EXPECT_TRUE(k.session().closed);
    EXPECT_EQ(k.label("title"), k.config().texts.text("nl", "unavailable.closed"));
    EXPECT_NE(k.find("unavailable/callback"), nullptr);
}

TEST(DarkScreen, OpeningTimeBringsTheWelcomeBack) {
    NEW_KIOSK(k, KioskSetup{});
    k.clock.set(monday_at(k.clock, 20, 30));
    k.wait_ms(k.config().kiosk.dark_after_minutes * 60000.0);
    ASSERT_EQ(k.screen(), "dark");
    k.clock.set(k.clock.at_local(2026, 11, 24, 8, 30));  // Tuesday, opening
    k.wait_ms(0);
    EXPECT_EQ(k.screen(), "welcome");
}

TEST(DarkScreen, NeverWhileTheOfficeIsOpen) {
    NEW_KIOSK(k, KioskSetup{});
    k.clock.set(monday_at(k.clock, 8, 30));
    const double quiet_ms = k.config().kiosk.dark_after_minutes * 60000.0;
    // All day without a touch, a quiet spell at a time, until closing.
    for (int step = 0; step < 8 * 60 / k.config().kiosk.dark_after_minutes; ++step) {
        k.wait_ms(quiet_ms + 1000);
        ASSERT_EQ(k.screen(), "welcome") << "went dark at step " << step;
        k.clock.advance(k.config().kiosk.dark_after_minutes * 60);
    }
}

}  // namespace
}  // namespace gastvrij
