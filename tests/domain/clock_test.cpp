#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <string>

#include "domain/clock.h"

using namespace gastvrij;

namespace {
// The office's time zone for one test; the machine's again afterwards.
class OfficeZone {
public:
    OfficeZone() : had_(std::getenv("TZ") != nullptr), saved_(had_ ? std::getenv("TZ") : "") {
        setenv("TZ", "Europe/Amsterdam", 1);
        tzset();
    }
    ~OfficeZone() {
        if (had_) setenv("TZ", saved_.c_str(), 1);
        else unsetenv("TZ");
        tzset();
    }

private:
    bool had_;
    std::string saved_;
};
}  // namespace

TEST(Calendar, DaysFromCivilKnownDates) {
    EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
    EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
    EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
    EXPECT_EQ(days_from_civil(2026, 11, 23), 20780);
}

TEST(Calendar, CivilRoundTripOverFourCenturies) {
    // Every day from 1900 to 2300 maps back to itself, leap days included.
    int y = 0, m = 0, d = 0;
    for (std::int64_t n = days_from_civil(1900, 1, 1); n <= days_from_civil(2300, 1, 1); ++n) {
        civil_from_days(n, y, m, d);
        ASSERT_EQ(days_from_civil(y, m, d), n) << y << "-" << m << "-" << d;
    }
    civil_from_days(days_from_civil(2028, 2, 29), y, m, d);
    EXPECT_EQ(y * 10000 + m * 100 + d, 20280229);
    civil_from_days(days_from_civil(2100, 2, 28) + 1, y, m, d);  // 2100 is no leap year
    EXPECT_EQ(y * 10000 + m * 100 + d, 21000301);
}

TEST(Calendar, WeekdayIsIsoOrder) {
    EXPECT_EQ(weekday_of(2026, 11, 23), 0);  // Monday
    EXPECT_EQ(weekday_of(2026, 11, 29), 6);  // Sunday
    EXPECT_EQ(weekday_of(1970, 1, 1), 3);    // Thursday
    EXPECT_EQ(weekday_of(1969, 12, 29), 0);  // a Monday before the epoch
}

TEST(Calendar, AddDaysCrossesMonthAndYear) {
    FakeClock c;
    LocalTime t = c.local(c.at_local(2026, 12, 30, 14, 5));
    LocalTime n = add_days(t, 3);
    EXPECT_EQ(n.date_iso(), "2027-01-02");
    EXPECT_EQ(n.weekday, 5);  // Saturday
    EXPECT_EQ(n.hhmm(), "14:05");
    EXPECT_EQ(add_days(t, -30).date_iso(), "2026-11-30");
}

TEST(FakeClockTest, LocalUsesFixedOffset) {
    FakeClock c(0, 60);
    LocalTime t = c.local(0);
    EXPECT_EQ(t.date_iso(), "1970-01-01");
    EXPECT_EQ(t.hhmm(), "01:00");
    FakeClock utc(0, 0);
    EXPECT_EQ(utc.local(-1).date_iso(), "1969-12-31");
    EXPECT_EQ(utc.local(-1).hhmm(), "23:59");
    EXPECT_EQ(utc.local(-1).second, 59);
}

TEST(FakeClockTest, AtLocalIsTheInverseOfLocal) {
    FakeClock c(0, 60);
    Timestamp t = c.at_local(2026, 11, 23, 10, 42);
    LocalTime lt = c.local(t);
    EXPECT_EQ(lt.date_iso(), "2026-11-23");
    EXPECT_EQ(lt.hhmm(), "10:42");
    EXPECT_EQ(lt.weekday, 0);
    EXPECT_EQ(lt.minute, 10 * 60 + 42);
    EXPECT_EQ(t % 60, 0);
    c.set(t);
    c.advance(90);
    EXPECT_EQ(c.local_now().hhmm(), "10:43");
    EXPECT_EQ(c.local_now().second, 30);
}

TEST(SystemClockTest, FollowsTheMachineTimeZone) {
    OfficeZone zone;
    SystemClock c;
    FakeClock winter(0, 60), summer(0, 120);
    const Timestamp january = winter.at_local(2026, 1, 15, 9, 30);
    const Timestamp july = summer.at_local(2026, 7, 15, 9, 30);
    EXPECT_EQ(c.local(january).hhmm(), "09:30");  // CET
    EXPECT_EQ(c.local(july).hhmm(), "09:30");     // CEST
    EXPECT_EQ(c.local(july).weekday, 2);          // Wednesday
    EXPECT_NEAR(static_cast<double>(c.now()), static_cast<double>(std::time(nullptr)), 2.0);
}

// The day daylight saving starts (29 March 2026, 02:00 → 03:00) has 23 hours:
// its midnight is 23:00 UTC the day before, not "now minus the time of day".
// Retention erases names "from earlier days" by this instant.
TEST(SystemClockTest, StartOfDayOnTheDaysTheClocksChange) {
    OfficeZone zone;
    SystemClock c;
    FakeClock utc(0, 0);
    const Timestamp spring_ten = utc.at_local(2026, 3, 29, 8, 0);     // 10:00 CEST
    EXPECT_EQ(c.local(spring_ten).hhmm(), "10:00");
    EXPECT_EQ(c.start_of_day(spring_ten), utc.at_local(2026, 3, 28, 23, 0));  // 00:00 CET
    const Timestamp autumn_ten = utc.at_local(2026, 10, 25, 9, 0);    // 10:00 CET, a 25-hour day
    EXPECT_EQ(c.local(autumn_ten).hhmm(), "10:00");
    EXPECT_EQ(c.start_of_day(autumn_ten), utc.at_local(2026, 10, 24, 22, 0));  // 00:00 CEST
    const Timestamp ordinary = utc.at_local(2026, 11, 24, 14, 30);
    EXPECT_EQ(c.start_of_day(ordinary), utc.at_local(2026, 11, 23, 23, 0));
    EXPECT_EQ(c.start_of_day(c.start_of_day(ordinary)), c.start_of_day(ordinary)) << "midnight belongs to its own day";
}
