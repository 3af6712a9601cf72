#include "domain/clock.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace gastvrij {

namespace {

// Floor division: the calendar maths must also work before 1970.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

LocalTime from_days_and_seconds(std::int64_t days, std::int64_t second_of_day) {
    LocalTime lt;
    civil_from_days(days, lt.year, lt.month, lt.day);
    const std::int64_t w = days + 3;  // 1970-01-01 was a Thursday (3 counting from Monday)
    lt.weekday = static_cast<int>(w - floor_div(w, 7) * 7);
    lt.minute = static_cast<int>(second_of_day / 60);
    lt.second = static_cast<int>(second_of_day % 60);
    return lt;
}

}  // namespace

std::string LocalTime::date_iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::string LocalTime::hhmm() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
    return buf;
}

// Howard Hinnant's days_from_civil: shift the year to start in March so the
// leap day is the last day of the (shifted) year.
std::int64_t days_from_civil(int year, int month, int day) {
    const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
    const std::int64_t era = floor_div(y, 400);
    const std::int64_t yoe = y - era * 400;                                   // [0, 399]
    const std::int64_t mp = (month + 9) % 12;                                 // March = 0
    const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;                    // [0, 365]
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           // [0, 146096]
    return era * 146097 + doe - 719468;
}

void civil_from_days(std::int64_t days, int& year, int& month, int& day) {
    const std::int64_t z = days + 719468;
    const std::int64_t era = floor_div(z, 146097);
    const std::int64_t doe = z - era * 146097;                                      // [0, 146096]
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               // [0, 365]
    const std::int64_t mp = (5 * doy + 2) / 153;                                    // [0, 11]
    day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
}

int weekday_of(int year, int month, int day) {
    const std::int64_t d = days_from_civil(year, month, day) + 3;  // Thursday = 3
    return static_cast<int>(d - floor_div(d, 7) * 7);
}

LocalTime add_days(const LocalTime& t, int days) {
    LocalTime r = from_days_and_seconds(days_from_civil(t.year, t.month, t.day) + days, 0);
    r.minute = t.minute;
    r.second = t.second;
    return r;
}

Timestamp SystemClock::now() const {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

LocalTime SystemClock::local(Timestamp t) const {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    LocalTime lt;
    lt.year = tm.tm_year + 1900;
    lt.month = tm.tm_mon + 1;
    lt.day = tm.tm_mday;
    lt.weekday = (tm.tm_wday + 6) % 7;  // tm counts from Sunday
    lt.minute = tm.tm_hour * 60 + tm.tm_min;
    lt.second = tm.tm_sec > 59 ? 59 : tm.tm_sec;  // a leap second reads as :59
    return lt;
}

std::string machine_local_text(Timestamp t, const char* format) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    char buf[64];
    const std::size_t n = std::strftime(buf, sizeof buf, format, &tm);
    return std::string(buf, n);
}

Timestamp SystemClock::start_of_day(Timestamp t) const {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;  // let the time zone say whether midnight was summer time
    return static_cast<Timestamp>(std::mktime(&tm));
}

Timestamp FakeClock::start_of_day(Timestamp t) const {
    const LocalTime l = local(t);
    return t - Timestamp(l.minute) * 60 - l.second;  // a fixed offset: every day has 24 hours
}

LocalTime FakeClock::local(Timestamp t) const {
    const std::int64_t shifted = t + static_cast<std::int64_t>(offset_min_) * 60;
    const std::int64_t days = floor_div(shifted, 86400);
    return from_days_and_seconds(days, shifted - days * 86400);
}

Timestamp FakeClock::at_local(int year, int month, int day, int hour, int minute) const {
    return days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 -
           static_cast<std::int64_t>(offset_min_) * 60;
}

}  // namespace gastvrij
