// The hidden way in for staff: five quick taps on the top corner, then the PIN.
// Three wrong PINs lock the pad; the right one opens the panel.
#include <gtest/gtest.h>

#include "kiosk/kiosk_fixture.h"

namespace gastvrij {
namespace {

using kiosk_test::KioskSetup;

::testing::AssertionResult enter_pin(kiosk_test::Kiosk& k, const std::string& pin) {
    for (char c : pin)
        if (auto r = k.taps({std::string("admin/key/") + c}); !r) return r;
    return k.taps({"admin/key/ok"});
}

TEST(Admin, FiveQuickCornerTapsThenThePinOpenThePanel) {
    NEW_KIOSK(k, KioskSetup{});
    const std::string pin = kiosk_test::demo_pin();
    ASSERT_FALSE(pin.empty()) << "kiosk.toml no longer names the demo PIN";
    ASSERT_TRUE(pin_matches(pin, k.config().kiosk.admin_pin_hash)) << "kiosk.toml's comment and pin_hash disagree";
    const Texts& tx = k.config().texts;
    const std::string nl = k.config().kiosk.default_language;

    // The corner is no visible button and no touch target for visitors.
    const ui::WidgetInfo* corner = k.find("admin/corner");
    ASSERT_NE(corner, nullptr);
    EXPECT_FALSE(corner->target);

    // Taps spread over more than four seconds do not count together.
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(k.taps({"admin/corner"}));
    k.fake_ms += 5000;
    ASSERT_TRUE(k.taps({"admin/corner"}));
    EXPECT_EQ(k.screen(), "welcome");
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(k.taps({"admin/corner"}));
    EXPECT_EQ(k.screen(), "welcome") << "opened after four taps";
    ASSERT_TRUE(k.taps({"admin/corner"}));
    ASSERT_EQ(k.screen(), "admin");
    EXPECT_EQ(k.label("title"), tx.text(nl, "admin.pin"));
    EXPECT_EQ(k.find("admin/reload"), nullptr);

    // Three wrong PINs: told each time, then locked.
    const std::string wrong = pin == "1111" ? "2222" : "1111";
    for (int i = 0; i < 2; ++i) {
        ASSERT_TRUE(enter_pin(k, wrong));
        EXPECT_EQ(k.label("admin/message"), tx.text(nl, "admin.wrong_pin"));
        EXPECT_EQ(k.find("admin/reload"), nullptr);
    }
    ASSERT_TRUE(enter_pin(k, wrong));
    const std::string locked = fill(tx.text(nl, "admin.locked"), {{"seconds", "30"}});
    EXPECT_EQ(k.label("admin/message"), locked);

    // While locked even the right PIN is refused.
    ASSERT_TRUE(enter_pin(k, pin));
    EXPECT_EQ(k.find("admin/reload"), nullptr) << "the lock let a PIN through";
    k.fake_ms += 20'000;
    k.driver->frames(1);
    EXPECT_EQ(k.label("admin/message"), fill(tx.text(nl, "admin.locked"), {{"seconds", "10"}}));

    // After the lock: the right PIN opens the panel with the store's health.
    k.fake_ms += 11'000;
    ASSERT_TRUE(enter_pin(k, pin));
    ASSERT_NE(k.find("admin/reload"), nullptr);
    EXPECT_NE(k.find("admin/quit"), nullptr);
    EXPECT_EQ(k.label("title"), tx.text(nl, "admin.title"));
    EXPECT_EQ(k.label("admin/store"), tx.text(nl, "admin.store") + ": " + tx.text(nl, "admin.ok"));

    ASSERT_TRUE(k.taps({"admin/close"}));
    EXPECT_EQ(k.screen(), "welcome");
    EXPECT_FALSE(k.app->quit_requested());
}

}  // namespace
}  // namespace gastvrij
