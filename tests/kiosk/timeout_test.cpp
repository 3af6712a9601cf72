// The time-out is never a hard limit (ACCESSIBILITY.md): after idle_seconds a
// warning covers the screen for warning_seconds (≥ 30 s), one big button gives
// more time as often as the visitor needs it, and only a warning that runs out
// clears the session.
#include <gtest/gtest.h>

#include "kiosk/kiosk_fixture.h"

namespace gastvrij {
namespace {

using kiosk_test::KioskSetup;

TEST(TimeOut, WarnsThenExtendsAsOftenAsNeededThenResets) {
    NEW_KIOSK(k, KioskSetup{});
    const auto& kc = k.config().kiosk;
    ASSERT_GE(kc.warning_seconds, 30) << "the warning must give at least 30 s to answer";
    const double idle_ms = kc.idle_seconds * 1000.0;

    ASSERT_TRUE(k.taps({"lang/tr", "welcome/start", "topic/repair"}));
    ASSERT_EQ(k.screen(), "name");
    ASSERT_TRUE(k.driver->type("ann"));
    ASSERT_EQ(k.session().name, "Ann");

    // Not a moment early.
    k.wait_ms(idle_ms - 1000);
    EXPECT_FALSE(k.app->timeout_shown());
    EXPECT_EQ(k.find("timeout/question"), nullptr);

    for (int round = 0; round < 4; ++round) {
        SCOPED_TRACE("warning " + std::to_string(round + 1));
        k.wait_ms(round == 0 ? 2000 : 3000);
        ASSERT_TRUE(k.app->timeout_shown());
        ASSERT_NE(k.find("timeout/question"), nullptr);
        EXPECT_EQ(k.label("timeout/question"), k.config().texts.text("tr", "timeout.question"));
        // What lies beneath is inert: "Back" (outside the warning panel) does nothing.
        ASSERT_TRUE(k.taps({"nav/back"}));
        EXPECT_EQ(k.screen(), "name");
        EXPECT_TRUE(k.app->timeout_shown());
        // Some visitors need a while to read the question.
        k.wait_ms(round * 8000.0);
        ASSERT_TRUE(k.app->timeout_shown()) << "the warning ran out before " << round * 8 << " s";
        ASSERT_TRUE(k.taps({"timeout/more"}, round % 2 == 0));
        EXPECT_FALSE(k.app->timeout_shown());
        EXPECT_EQ(k.find("timeout/question"), nullptr);
        EXPECT_EQ(k.screen(), "name");
        EXPECT_EQ(k.session().name, "Ann");
        EXPECT_EQ(k.label("name/field"), "Ann");
        EXPECT_EQ(k.session().language, "tr");
        // Idle time counts again from the tap on "more time".
        k.wait_ms(idle_ms - 2000);
        EXPECT_FALSE(k.app->timeout_shown());
    }

    // A warning that runs out: it stays up for the whole warning time, then resets.
    k.wait_ms(3000);
    ASSERT_TRUE(k.app->timeout_shown());
    double shown_ms = 0;
    while (k.screen() == "name" && shown_ms < 120'000) {
        k.wait_ms(1000, 1);
        shown_ms += 1000;
    }
    EXPECT_GE(shown_ms, kc.warning_seconds * 1000.0) << "reset before the warning time was over";
    EXPECT_LE(shown_ms, kc.warning_seconds * 1000.0 + 1000);
    EXPECT_EQ(k.screen(), "welcome");
    EXPECT_FALSE(k.app->timeout_shown());
    EXPECT_EQ(k.session().name, "");
    EXPECT_EQ(k.session().topic_id, "");
    EXPECT_EQ(k.session().language, kc.default_language);
    EXPECT_EQ(k.label("welcome/greeting"), k.config().texts.text(kc.default_language, "welcome.morning"));
    EXPECT_TRUE(k.store->open_visits().empty()) << "a time-out checks nobody in";
}

// A visitor who only chose a language on the welcome screen and walked away
// leaves the next visitor a Dutch kiosk.
TEST(TimeOut, ALanguageChosenOnTheWelcomeScreenIsResetToo) {
    NEW_KIOSK(k, KioskSetup{});
    const auto& kc = k.config().kiosk;
    ASSERT_TRUE(k.taps({"lang/pl"}));
    ASSERT_EQ(k.session().language, "pl");
    k.wait_ms(kc.idle_seconds * 1000.0 + 1000);
    ASSERT_TRUE(k.app->timeout_shown());
    EXPECT_EQ(k.label("timeout/question"), k.config().texts.text("pl", "timeout.question"));
    k.wait_ms(kc.warning_seconds * 1000.0 + 1000);
    EXPECT_FALSE(k.app->timeout_shown());
    EXPECT_EQ(k.session().language, kc.default_language);

    // An untouched welcome screen never asks "are you still there?".
    k.wait_ms(kc.idle_seconds * 3000.0);
    EXPECT_FALSE(k.app->timeout_shown());
}

// The confirmation goes back to the welcome screen by itself.
TEST(TimeOut, TheConfirmationReturnsToWelcomeAfterItsTime) {
    NEW_KIOSK(k, KioskSetup{});
    ASSERT_TRUE(k.taps({"welcome/start", "topic/repair", "name/skip"}));
    ASSERT_EQ(k.screen(), "confirmation");
    k.wait_ms(k.config().kiosk.confirmation_seconds * 1000.0 - 1000);
    EXPECT_EQ(k.screen(), "confirmation");
    k.wait_ms(2000);
    EXPECT_EQ(k.screen(), "welcome");
    EXPECT_FALSE(k.session().visit);
    EXPECT_EQ(k.store->open_visits().size(), 1u) << "the check-in stays; only the screen is cleared";
}

}  // namespace
}  // namespace gastvrij
