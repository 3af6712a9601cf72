// The callback rules the domain owns: the moment promised to the visitor, when
// a request counts as handled, and when its number goes.
#include <gtest/gtest.h>

#include "domain/callback.h"

using namespace gastvrij;

namespace {

FakeClock office_clock() { return FakeClock(0, 60); }  // the office in winter time

Timestamp monday(const FakeClock& c, int hour, int minute = 0) { return c.at_local(2026, 11, 23, hour, minute); }

CallbackRules within(int hours, int keep_days = 0) {
    CallbackRules r;
    r.due_hours = hours;
    r.keep_days = keep_days;
    return r;
}

}  // namespace

TEST(CallbackDue, AnyTimeIsTheOfficesPromise) {
    const FakeClock c = office_clock();
    EXPECT_EQ(callback_due(monday(c, 10, 42), PartOfDay::Any, within(4), c), monday(c, 14, 42));
    EXPECT_EQ(callback_due(monday(c, 10, 42), PartOfDay::Any, within(24), c), c.at_local(2026, 11, 24, 10, 42));
}

TEST(CallbackDue, APromiseInsideTheChosenPartStandsAsItIs) {
    const FakeClock c = office_clock();
    EXPECT_EQ(callback_due(monday(c, 10, 42), PartOfDay::Afternoon, within(4), c), monday(c, 14, 42));
    EXPECT_EQ(callback_due(monday(c, 16, 30), PartOfDay::Afternoon, within(24), c), c.at_local(2026, 11, 24, 16, 30));
}

TEST(CallbackDue, OutsideTheChosenPartItIsTheEndOfTheNextSuchPart) {
    const FakeClock c = office_clock();
    // 14:42 is past this morning: tomorrow morning, by noon.
    EXPECT_EQ(callback_due(monday(c, 10, 42), PartOfDay::Morning, within(4), c), c.at_local(2026, 11, 24, 12, 0));
    // 14:42 is before this evening: by the end of this evening.
    EXPECT_EQ(callback_due(monday(c, 10, 42), PartOfDay::Evening, within(4), c), monday(c, 21, 0));
    // Tuesday 18:00 is past Tuesday afternoon: Wednesday afternoon, by five.
    EXPECT_EQ(callback_due(monday(c, 18, 0), PartOfDay::Afternoon, within(24), c), c.at_local(2026, 11, 25, 17, 0));
}

TEST(CallbackDue, NeverEarlierThanPromisedAndAlwaysInThePartChosen) {
    const FakeClock c = office_clock();
    for (PartOfDay part : {PartOfDay::Morning, PartOfDay::Afternoon, PartOfDay::Evening}) {
        const auto [begin, end] = part_of_day_minutes(part);
        for (int hours : {1, 4, 24, 72}) {
            for (Timestamp asked = monday(c, 0); asked < monday(c, 0) + 86'400; asked += 17 * 60) {
                const Timestamp due = callback_due(asked, part, within(hours), c);
                const Timestamp promise = asked + Timestamp(hours) * 3600;
                ASSERT_GE(due, promise) << to_string(part) << " " << hours << " h, asked at " << asked;
                ASSERT_LT(due - promise, 2 * 86'400) << "a day and a bit at most";
                const LocalTime local = c.local(due);
                ASSERT_GE(local.minute, begin) << to_string(part) << " due at " << local.hhmm();
                ASSERT_LE(local.minute, end) << to_string(part) << " due at " << local.hhmm();
            }
        }
    }
}

TEST(CallbackState, HandledAtIsTheFirstMomentItWasDoneAndGoesWhenReopened) {
    CallbackRequest c;
    c.phone = "+31612345678";
    c = with_state(c, CallbackState::Called, 100);
    EXPECT_EQ(c.state, CallbackState::Called);
    EXPECT_EQ(c.handled_at, 0);
    c = with_state(c, CallbackState::Done, 200);
    EXPECT_EQ(c.handled_at, 200);
    c = with_state(c, CallbackState::Done, 900);  // a second tap keeps the first moment
    EXPECT_EQ(c.handled_at, 200);
    c = with_state(c, CallbackState::Open, 1000);  // tapped by mistake: open again
    EXPECT_EQ(c.state, CallbackState::Open);
    EXPECT_EQ(c.handled_at, 0);
}

TEST(CallbackState, TheNumberGoesWhenHandledUnlessTheOfficeKeepsItForDays) {
    CallbackRequest c;
    c.phone = "+31612345678";
    CallbackRequest called = with_state(c, CallbackState::Called, 100);
    EXPECT_FALSE(erase_number_if_handled(called, within(4)));
    EXPECT_EQ(called.phone, "+31612345678") << "still needed to call back";

    CallbackRequest kept = with_state(c, CallbackState::Done, 200);
    EXPECT_FALSE(erase_number_if_handled(kept, within(4, 3)));
    EXPECT_EQ(kept.phone, "+31612345678") << "retention erases it after three days";

    CallbackRequest done = with_state(c, CallbackState::Done, 200);
    EXPECT_TRUE(erase_number_if_handled(done, within(4)));
    EXPECT_EQ(done.phone, "");
}
