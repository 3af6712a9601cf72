#pragma once
// Time as the domain sees it: unix seconds for instants, and a broken-down local
// time for everything a person reads (opening hours, greetings, working hours).
// The clock is injected so escalation and opening hours are testable.
#include <cstdint>
#include <string>

namespace gastvrij {

using Timestamp = std::int64_t;  // unix seconds, UTC

struct LocalTime {
    int year = 1970, month = 1, day = 1;  // civil date
    int weekday = 0;                      // 0 = Monday … 6 = Sunday (ISO order)
    int minute = 0;                       // minute of the day, 0 … 1439
    int second = 0;
    std::string date_iso() const;         // "2026-11-23"
    std::string hhmm() const;             // "10:42"
};

class Clock {
public:
    virtual ~Clock() = default;
    virtual Timestamp now() const = 0;
    virtual LocalTime local(Timestamp t) const = 0;
    LocalTime local_now() const { return local(now()); }
    // The instant the local day of `t` began. Not t minus the time of day: on
    // a daylight-saving day the local day is 23 or 25 hours long.
    virtual Timestamp start_of_day(Timestamp t) const = 0;
};

// Wall clock in the machine's time zone (TZ, normally Europe/Amsterdam).
class SystemClock final : public Clock {
public:
    Timestamp now() const override;
    LocalTime local(Timestamp t) const override;
    Timestamp start_of_day(Timestamp t) const override;
};

// Deterministic clock for tests and benchmarks: a settable instant and a fixed
// offset from UTC (no daylight saving), so "local" is predictable.
class FakeClock final : public Clock {
public:
    explicit FakeClock(Timestamp start = 1'795'000'000, int utc_offset_minutes = 60)
        : now_(start), offset_min_(utc_offset_minutes) {}
    Timestamp now() const override { return now_; }
    LocalTime local(Timestamp t) const override;
    Timestamp start_of_day(Timestamp t) const override;
    void set(Timestamp t) { now_ = t; }
    void advance(Timestamp seconds) { now_ += seconds; }
    // Instant whose local time (with this clock's offset) is the given civil time.
    Timestamp at_local(int year, int month, int day, int hour, int minute) const;

private:
    Timestamp now_;
    int offset_min_;
};

// `t` on this machine's clock (TZ), as strftime writes it with `format`:
// "%H:%M", "%d-%m-%Y". For screens and logs of the machine the person reads.
std::string machine_local_text(Timestamp t, const char* format);

// Civil-date helpers shared by opening hours, retention and reports.
int weekday_of(int year, int month, int day);             // 0 = Monday
std::int64_t days_from_civil(int year, int month, int day);  // days since 1970-01-01
void civil_from_days(std::int64_t days, int& year, int& month, int& day);
LocalTime add_days(const LocalTime& t, int days);          // same minute, other date

}  // namespace gastvrij
