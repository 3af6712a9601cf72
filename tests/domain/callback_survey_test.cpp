#include <gtest/gtest.h>

#include "domain/callback.h"
#include "domain/survey.h"

using namespace gastvrij;

namespace {

struct PhoneCase {
    const char* typed;
    const char* expected;  // normalised number, or the error key
    bool ok;
};

const PhoneCase kPhones[] = {
    {"0612345678", "+31612345678", true},
    {"06 12 34 56 78", "+31612345678", true},
    {"06-12345678", "+31612345678", true},
    {"06.1234.5678", "+31612345678", true},
    {"+31612345678", "+31612345678", true},
    {"+31 6 12345678", "+31612345678", true},
    {"0031612345678", "+31612345678", true},
    {"0031 6 1234 5678", "+31612345678", true},
    {"+31 (0)6 12345678", "+31612345678", true},
    {"(010) 123 45 67", "+31101234567", true},
    {"020-1234567", "+31201234567", true},
    {"0591 123456", "+31591123456", true},
    {"", "phone.too_short", false},
    {"06123", "phone.too_short", false},
    {"061234567", "phone.too_short", false},
    {"+3161234567", "phone.too_short", false},
    {"06123456789", "phone.too_long", false},
    {"+316123456789", "phone.too_long", false},
    {"+32470123456", "phone.not_dutch", false},
    {"0032470123456", "phone.not_dutch", false},
    {"+49 30 1234567", "phone.not_dutch", false},
    {"6123456789", "phone.not_dutch", false},
    {"06-1234567a", "phone.bad_char", false},
    {"06/12345678", "phone.bad_char", false},
    {"06+12345678", "phone.bad_char", false},
};

}  // namespace

TEST(Phone, NormalisesWhatVisitorsType) {
    for (const auto& c : kPhones) {
        std::string why = "unchanged";
        auto r = normalise_dutch_phone(c.typed, &why);
        if (c.ok) {
            ASSERT_TRUE(r.has_value()) << "'" << c.typed << "' refused: " << why;
            EXPECT_EQ(*r, c.expected) << c.typed;
            EXPECT_TRUE(why.empty()) << c.typed;
        } else {
            EXPECT_FALSE(r.has_value()) << "'" << c.typed << "' accepted as " << r.value_or("");
            EXPECT_EQ(why, c.expected) << c.typed;
        }
    }
    EXPECT_TRUE(normalise_dutch_phone("0612345678", nullptr).has_value());
    EXPECT_FALSE(normalise_dutch_phone("12", nullptr).has_value());
}

// Read back for the visitor to check digit by digit, as Dutch numbers are written.
TEST(Callback, NumbersAreReadBackInTheirUsualGroups) {
    EXPECT_EQ(group_dutch_phone("+31612345678"), "06 12 34 56 78");
    EXPECT_EQ(group_dutch_phone("+31101234567"), "010 123 45 67");
    EXPECT_EQ(group_dutch_phone(*normalise_dutch_phone("0031 (0)6-1234 5678", nullptr)), "06 12 34 56 78");
    EXPECT_EQ(group_dutch_phone("+3161234"), "061234") << "not a whole number: shown as it is, not regrouped";
}

TEST(CallbackNames, RoundTrip) {
    for (auto s : {CallbackState::Open, CallbackState::Called, CallbackState::Done})
        EXPECT_EQ(callback_state_from(to_string(s)), s);
    for (auto p : {PartOfDay::Morning, PartOfDay::Afternoon, PartOfDay::Evening, PartOfDay::Any})
        EXPECT_EQ(part_of_day_from(to_string(p)), p);
    EXPECT_FALSE(part_of_day_from("night").has_value());
    EXPECT_FALSE(callback_state_from("").has_value());
}

TEST(Survey, FacesMapToReportCardScale) {
    EXPECT_EQ(score_from_face(1), 2);
    EXPECT_EQ(score_from_face(2), 4);
    EXPECT_EQ(score_from_face(3), 6);
    EXPECT_EQ(score_from_face(4), 8);
    EXPECT_EQ(score_from_face(5), 10);
    EXPECT_FALSE(valid_score(score_from_face(0)));
    EXPECT_FALSE(valid_score(score_from_face(6)));
    EXPECT_TRUE(valid_score(1));
    EXPECT_TRUE(valid_score(10));
    EXPECT_FALSE(valid_score(11));
}

TEST(Survey, MomentKeptOnlyToTheHour) {
    FakeClock c(0, 0);
    const Timestamp t = c.at_local(2026, 11, 23, 10, 42) + 17;
    EXPECT_EQ(round_to_hour(t), c.at_local(2026, 11, 23, 10, 0));
    EXPECT_EQ(round_to_hour(c.at_local(2026, 11, 23, 11, 0)), c.at_local(2026, 11, 23, 11, 0));
    EXPECT_EQ(round_to_hour(-1), -3600);
}
