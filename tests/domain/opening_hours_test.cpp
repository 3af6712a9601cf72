#include <gtest/gtest.h>

#include "domain/opening_hours.h"

using namespace gastvrij;

namespace {

constexpr int hm(int h, int m) { return h * 60 + m; }

class Hours : public ::testing::Test {
protected:
    OpeningHours h;
    FakeClock clock;

    void SetUp() override {
        for (int d = 0; d < 5; ++d) h.week[d] = {{hm(8, 30), hm(12, 0)}, {hm(13, 0), hm(17, 0)}};
    }
    // November 2026: the 23rd is a Monday.
    OpenStatus at(int month, int day, int hour, int minute) {
        return open_status(h, clock.local(clock.at_local(2026, month, day, hour, minute)));
    }
};

}  // namespace

TEST_F(Hours, OpenClosingSoonAndClosedOnAWeekday) {
    OpenStatus s = at(11, 23, 10, 0);
    EXPECT_EQ(s.state, OpenState::Open);
    EXPECT_EQ(s.minutes_to_change, 120);
    s = at(11, 23, 11, 45);
    EXPECT_EQ(s.state, OpenState::ClosingSoon);
    EXPECT_EQ(s.minutes_to_change, 15);
    EXPECT_EQ(at(11, 23, 11, 44).state, OpenState::Open);
    s = at(11, 23, 12, 0);  // closing time itself is closed
    EXPECT_EQ(s.state, OpenState::Closed);
    EXPECT_EQ(s.minutes_to_change, 60);
    s = at(11, 23, 8, 29);
    EXPECT_EQ(s.state, OpenState::Closed);
    EXPECT_EQ(s.minutes_to_change, 1);
    EXPECT_EQ(at(11, 23, 8, 30).state, OpenState::Open);
    s = at(11, 23, 17, 0);
    EXPECT_EQ(s.state, OpenState::Closed);
    EXPECT_EQ(s.minutes_to_change, hm(15, 30));  // Tuesday 08:30
}

TEST_F(Hours, WeekendWrapsToMonday) {
    OpenStatus s = at(11, 27, 17, 30);  // Friday evening
    EXPECT_EQ(s.state, OpenState::Closed);
    EXPECT_EQ(s.minutes_to_change, 2 * 1440 + hm(15, 0));
    s = at(11, 29, 23, 59);  // Sunday, one minute before midnight
    EXPECT_EQ(s.minutes_to_change, 1 + hm(8, 30));
}

TEST_F(Hours, SundayNightIntervalRunsIntoMonday) {
    h.week[6] = {{hm(22, 0), hm(2, 0)}};
    OpenStatus s = at(11, 30, 1, 0);  // Monday 01:00, opened Sunday 22:00
    EXPECT_EQ(s.state, OpenState::Open);
    EXPECT_EQ(s.minutes_to_change, 60);
    s = at(11, 30, 1, 50);
    EXPECT_EQ(s.state, OpenState::ClosingSoon);
    EXPECT_EQ(s.minutes_to_change, 10);
    s = at(11, 30, 2, 0);
    EXPECT_EQ(s.state, OpenState::Closed);
    EXPECT_EQ(s.minutes_to_change, hm(6, 30));
}

TEST_F(Hours, IntervalAcrossMidnightIsOpenAfterMidnight) {
    h.week[0].push_back({hm(22, 0), hm(1, 0)});  // Monday night shift until 01:00
    EXPECT_EQ(at(11, 23, 23, 0).state, OpenState::Open);
    EXPECT_EQ(at(11, 23, 23, 0).minutes_to_change, 120);
    OpenStatus s = at(11, 24, 0, 30);  // Tuesday 00:30
    EXPECT_EQ(s.state, OpenState::Open);
    EXPECT_EQ(s.minutes_to_change, 30);
    EXPECT_EQ(at(11, 24, 0, 50).state, OpenState::ClosingSoon);
    s = at(11, 24, 1, 0);
    EXPECT_EQ(s.state, OpenState::Closed);
    EXPECT_EQ(s.minutes_to_change, hm(7, 30));
    EXPECT_EQ(at(11, 23, 21, 59).minutes_to_change, 1);
}

TEST_F(Hours, TouchingIntervalsDoNotCloseInBetween) {
    h.week[0] = {{hm(9, 0), hm(12, 0)}, {hm(12, 0), hm(17, 0)}};
    OpenStatus s = at(11, 23, 11, 50);
    EXPECT_EQ(s.state, OpenState::Open);
    EXPECT_EQ(s.minutes_to_change, hm(5, 10));
}

TEST_F(Hours, HolidayClosesOnlyIntervalsStartingThatDay) {
    h.week[0].push_back({hm(22, 0), hm(1, 0)});
    h.holidays = {"2026-11-24"};  // Tuesday
    EXPECT_EQ(at(11, 24, 0, 30).state, OpenState::Open);  // Monday's night interval still runs
    OpenStatus s = at(11, 24, 10, 0);
    EXPECT_EQ(s.state, OpenState::Closed);
    EXPECT_EQ(s.minutes_to_change, hm(22, 30));  // Wednesday 08:30
    FakeClock c;
    EXPECT_TRUE(hours_on(h, c.local(c.at_local(2026, 11, 24, 12, 0))).empty());
    EXPECT_EQ(hours_on(h, c.local(c.at_local(2026, 11, 25, 12, 0))).size(), 2u);
}

TEST_F(Hours, SpecialDayOverridesWeekAndHoliday) {
    h.special = {{"2026-12-24", {{hm(8, 30), hm(12, 0)}}, "Kerstavond"},
                 {"2026-11-28", {{hm(10, 0), hm(14, 0)}}, "Open zaterdag"}};
    h.holidays = {"2026-12-25", "2026-12-26", "2026-11-28"};
    EXPECT_EQ(at(12, 24, 11, 0).state, OpenState::Open);
    OpenStatus s = at(12, 24, 13, 0);  // Thursday afternoon, normally open
    EXPECT_EQ(s.state, OpenState::Closed);
    // Next: Monday 28 December 08:30 (Friday and Saturday holidays, then Sunday).
    EXPECT_EQ(s.minutes_to_change, hm(11, 0) + 3 * 1440 + hm(8, 30));
    s = at(11, 28, 13, 50);  // a Saturday that is open for once
    EXPECT_EQ(s.state, OpenState::ClosingSoon);
    EXPECT_EQ(s.minutes_to_change, 10);
}

TEST_F(Hours, ClosingSoonMarginIsConfigurable) {
    h.closing_soon_minutes = 30;
    EXPECT_EQ(at(11, 23, 16, 30).state, OpenState::ClosingSoon);
    EXPECT_EQ(at(11, 23, 16, 29).state, OpenState::Open);
}

TEST_F(Hours, NothingWithinEightDays) {
    for (auto& d : h.week) d.clear();
    OpenStatus s = at(11, 23, 10, 0);
    EXPECT_EQ(s.state, OpenState::Closed);
    EXPECT_EQ(s.minutes_to_change, -1);
    h.week[0] = {{hm(9, 0), hm(17, 0)}};
    h.holidays = {"2026-11-30"};  // next Monday too
    EXPECT_EQ(at(11, 23, 18, 0).minutes_to_change, -1);
    h.holidays.clear();
    EXPECT_EQ(at(11, 23, 18, 0).minutes_to_change, hm(6, 0) + 6 * 1440 + hm(9, 0));
}

TEST_F(Hours, AlwaysOpenNeverCountsDown) {
    for (auto& d : h.week) d = {{0, 0}};
    OpenStatus s = at(11, 23, 10, 0);
    EXPECT_EQ(s.state, OpenState::Open);
    EXPECT_EQ(s.minutes_to_change, -1);
}

TEST(IntervalText, FormatsWithEnDash) {
    EXPECT_EQ(format_intervals({{hm(8, 30), hm(12, 0)}, {hm(13, 0), hm(17, 0)}}), "08:30\u201312:00, 13:00\u201317:00");
    EXPECT_EQ(format_intervals({}), "");
    EXPECT_EQ(format_intervals({{hm(22, 0), hm(1, 0)}}), "22:00\u201301:00");
}

TEST(IntervalText, ParsesWhatOfficeStaffWrite) {
    std::string err;
    auto v = parse_intervals("08:30-12:00, 13:00-17:00", &err);
    ASSERT_TRUE(v) << err;
    ASSERT_EQ(v->size(), 2u);
    EXPECT_EQ((*v)[0].open, hm(8, 30));
    EXPECT_EQ((*v)[1].close, hm(17, 0));
    v = parse_intervals("8:30 \u2013 12:00", &err);
    ASSERT_TRUE(v) << err;
    EXPECT_EQ((*v)[0].open, hm(8, 30));
    v = parse_intervals("22:00-01:00", &err);
    ASSERT_TRUE(v);
    EXPECT_EQ((*v)[0].close, hm(1, 0));
    v = parse_intervals("18:00-24:00", &err);
    ASSERT_TRUE(v);
    EXPECT_EQ((*v)[0].close, 0);  // midnight
    for (const char* closed : {"", "gesloten", "Gesloten", "closed", "  "}) {
        v = parse_intervals(closed, &err);
        ASSERT_TRUE(v) << closed;
        EXPECT_TRUE(v->empty());
    }
    const std::vector<Interval> round = {{hm(8, 30), hm(12, 0)}, {hm(13, 0), hm(17, 0)}};
    v = parse_intervals(format_intervals(round), &err);
    ASSERT_TRUE(v);
    EXPECT_EQ(format_intervals(*v), format_intervals(round));
}

TEST(IntervalText, RejectsWithAHint) {
    std::string err;
    EXPECT_FALSE(parse_intervals("25:00-26:00", &err));
    EXPECT_NE(err.find("\"25:00\""), std::string::npos) << err;
    EXPECT_NE(err.find("HH:MM"), std::string::npos) << err;
    err.clear();
    EXPECT_FALSE(parse_intervals("8.30-12.00", &err));
    EXPECT_NE(err.find("HH:MM"), std::string::npos) << err;
    EXPECT_FALSE(parse_intervals("08:30-12:00,", &err));
    EXPECT_FALSE(parse_intervals("08:30", &err));
    EXPECT_FALSE(parse_intervals("08:60-12:00", &err));
    EXPECT_FALSE(parse_intervals("24:00-12:00", &err));
    EXPECT_FALSE(parse_intervals("open", &err));
}
