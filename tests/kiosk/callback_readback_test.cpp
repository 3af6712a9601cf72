// A call-back number is read back before it is sent and once more on the
// thanks screen: one wrong digit and the tenant waits for a call that never
// comes.
#include <gtest/gtest.h>

#include "kiosk/kiosk_fixture.h"

namespace gastvrij {
namespace {

using kiosk_test::KioskSetup;

std::vector<std::string> keys(const std::string& digits) {
    std::vector<std::string> out;
    for (char c : digits) out.push_back(std::string("keypad/") + c);
    return out;
}

TEST(CallbackReadBack, TheNumberIsCheckedBeforeItIsSentAndRepeatedAfter) {
    NEW_KIOSK(k, KioskSetup{});
    k.clock.set(kiosk_test::sunday_noon(k.clock));
    ASSERT_TRUE(k.taps({"welcome/start", "unavailable/callback"}));
    ASSERT_TRUE(k.taps(keys("0612345679")));
    ASSERT_TRUE(k.taps({"callback/next"}));
    // Nothing is sent yet; the number is shown grouped with the question.
    EXPECT_EQ(k.label("title"), "Klopt dit nummer?");
    EXPECT_EQ(k.label("callback/number"), "06 12 34 56 79");
    EXPECT_EQ(k.find("callback/morning"), nullptr);
    EXPECT_TRUE(k.store->callbacks(false).empty());

    // The last digit is wrong: change it, the rest stays typed.
    ASSERT_TRUE(k.taps({"callback/change"}));
    EXPECT_EQ(k.label("callback/field"), "0612345679");
    ASSERT_TRUE(k.taps({"keypad/backspace", "keypad/8", "callback/next"}));
    EXPECT_EQ(k.label("callback/number"), "06 12 34 56 78");
    ASSERT_TRUE(k.taps({"callback/yes", "callback/morning"}));
    ASSERT_TRUE(k.driver->until([&] { return k.screen() == "callback_done"; }));
    EXPECT_EQ(k.label("callback/thanks_number"), "We bellen u op 06 12 34 56 78.");
    const auto kept = k.store->callbacks(false);
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(kept[0].phone, "+31612345678");

    // Gone with the visitor.
    ASSERT_TRUE(k.taps({"confirm/done"}));
    EXPECT_TRUE(k.session().callback_number.empty());
}

TEST(CallbackReadBack, InArabicTheNumberKeepsItsOrder) {
    NEW_KIOSK(k, KioskSetup{});
    k.clock.set(kiosk_test::sunday_noon(k.clock));
    ASSERT_TRUE(k.taps({"lang/ar", "welcome/start", "unavailable/callback"}));
    ASSERT_TRUE(k.taps(keys("0612345678")));
    ASSERT_TRUE(k.taps({"callback/next", "callback/yes", "callback/any"}));
    ASSERT_TRUE(k.driver->until([&] { return k.screen() == "callback_done"; }));
    // The number sits isolated in the Arabic sentence, so it is not turned around.
    EXPECT_NE(k.label("callback/thanks_number").find("\u2068" "06 12 34 56 78" "\u2069"), std::string::npos)
        << k.label("callback/thanks_number");
}

}  // namespace
}  // namespace gastvrij
