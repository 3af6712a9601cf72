#pragma once
// Opening hours per weekday, public holidays and special days. An interval may
// cross midnight (close < open: open until that time the next day).
#include <optional>
#include <string>
#include <vector>

#include "domain/clock.h"

namespace gastvrij {

struct Interval {
    int open = 0;   // minute of day
    int close = 0;  // minute of day; <= open means past midnight into the next day
};

struct SpecialDay {
    std::string date;                 // "2026-12-24"
    std::vector<Interval> intervals;  // empty = closed all day
    std::string note;                 // "Kerstavond" (shown as is)
};

struct OpeningHours {
    std::vector<Interval> week[7];        // 0 = Monday
    std::vector<std::string> holidays;    // ISO dates, closed all day
    std::vector<SpecialDay> special;      // override the week for one date
    int closing_soon_minutes = 15;
};

enum class OpenState { Open, ClosingSoon, Closed };
const char* to_string(OpenState s);

struct OpenStatus {
    OpenState state = OpenState::Closed;
    int minutes_to_change = 0;   // until closing (open) or opening (closed); -1 = not within 8 days
};

OpenStatus open_status(const OpeningHours& h, const LocalTime& now);
// The intervals that begin on the given date (holidays and special days applied).
std::vector<Interval> hours_on(const OpeningHours& h, const LocalTime& date);
// "08:30–17:00" or several joined with ", "; empty when closed.
std::string format_intervals(const std::vector<Interval>& v);
// Parses "08:30-12:00, 13:00-17:00" (also with – ). nullopt with a message on error;
// "closed"/"gesloten"/"" gives an empty list.
std::optional<std::vector<Interval>> parse_intervals(const std::string& s, std::string* error);

}  // namespace gastvrij
