#include "domain/opening_hours.h"

#include <algorithm>
#include <cstdio>

namespace gastvrij {

namespace {

constexpr int kDay = 24 * 60;
constexpr int kSearchDays = 8;

// An opening as minutes relative to the start of "today".
struct Span {
    int start;
    int end;
};

int length_of(const Interval& i) { return i.close <= i.open ? kDay - i.open + i.close : i.close - i.open; }

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::string lower_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

const char* kFormatHint = "use HH:MM-HH:MM, for example 08:30-12:00, 13:00-17:00";

// "8:30" or "08:30"; "24:00" is allowed as a closing time (midnight).
std::optional<int> parse_time(const std::string& t, bool closing) {
    const auto colon = t.find(':');
    if (colon == std::string::npos || colon == 0 || colon > 2 || t.size() != colon + 3) return std::nullopt;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (i != colon && (t[i] < '0' || t[i] > '9')) return std::nullopt;
    const int h = std::stoi(t.substr(0, colon));
    const int m = std::stoi(t.substr(colon + 1));
    if (m > 59) return std::nullopt;
    if (h == 24 && m == 0 && closing) return 0;
    if (h > 23) return std::nullopt;
    return h * 60 + m;
}

}  // namespace

const char* to_string(OpenState s) {
    switch (s) {
        case OpenState::Open: return "open";
        case OpenState::ClosingSoon: return "closing_soon";
        case OpenState::Closed: return "closed";
    }
    return "closed";
}

std::vector<Interval> hours_on(const OpeningHours& h, const LocalTime& date) {
    const std::string iso = date.date_iso();
    for (const auto& sd : h.special)
        if (sd.date == iso) return sd.intervals;
    if (std::find(h.holidays.begin(), h.holidays.end(), iso) != h.holidays.end()) return {};
    if (date.weekday < 0 || date.weekday > 6) return {};
    return h.week[date.weekday];
}

OpenStatus open_status(const OpeningHours& h, const LocalTime& now) {
    // Yesterday is included for intervals that run past midnight into today.
    std::vector<Span> spans;
    for (int d = -1; d <= kSearchDays; ++d)
        for (const auto& i : hours_on(h, add_days(now, d))) {
            const int start = d * kDay + i.open;
            spans.push_back({start, start + length_of(i)});
        }
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.start < b.start; });

    const int t = now.minute;
    const int horizon = t + kSearchDays * kDay;
    OpenStatus st;
    // Open: follow touching or overlapping openings to the real closing moment.
    int close = -1;
    for (const auto& s : spans) {
        if (close < 0) {
            if (s.start <= t && t < s.end) close = s.end;
        } else if (s.start <= close) {
            close = std::max(close, s.end);
        }
    }
    if (close >= 0) {
        st.minutes_to_change = close > horizon ? -1 : close - t;
        st.state = st.minutes_to_change >= 0 && st.minutes_to_change <= h.closing_soon_minutes
                       ? OpenState::ClosingSoon
                       : OpenState::Open;
        return st;
    }
    st.state = OpenState::Closed;
    st.minutes_to_change = -1;
    for (const auto& s : spans)
        if (s.start > t && s.start <= horizon) {
            st.minutes_to_change = s.start - t;
            break;
        }
    return st;
}

std::string format_intervals(const std::vector<Interval>& v) {
    std::string out;
    for (const auto& i : v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%02d:%02d\u2013%02d:%02d", i.open / 60, i.open % 60, i.close / 60,
                      i.close % 60);
        if (!out.empty()) out += ", ";
        out += buf;
    }
    return out;
}

std::optional<std::vector<Interval>> parse_intervals(const std::string& s, std::string* error) {
    const std::string all = trim(s);
    const std::string low = lower_ascii(all);
    if (low.empty() || low == "gesloten" || low == "closed") return std::vector<Interval>{};

    std::vector<Interval> out;
    std::size_t pos = 0;
    while (pos <= all.size()) {
        const auto comma = all.find(',', pos);
        const std::string part = trim(all.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
        pos = comma == std::string::npos ? all.size() + 1 : comma + 1;

        // The separator is a hyphen or an en dash (as format_intervals writes it).
        std::size_t sep = part.find("\u2013");
        std::size_t sep_len = 3;
        if (sep == std::string::npos) {
            sep = part.find('-');
            sep_len = 1;
        }
        if (part.empty() || sep == std::string::npos) {
            if (error) *error = "\"" + part + "\" is not an opening time: " + kFormatHint;
            return std::nullopt;
        }
        const std::string a = trim(part.substr(0, sep));
        const std::string b = trim(part.substr(sep + sep_len));
        const auto open = parse_time(a, false);
        if (!open) {
            if (error) *error = "\"" + a + "\" is not a time: " + kFormatHint;
            return std::nullopt;
        }
        const auto close = parse_time(b, true);
        if (!close) {
            if (error) *error = "\"" + b + "\" is not a time: " + kFormatHint;
            return std::nullopt;
        }
        out.push_back({*open, *close});
    }
    return out;
}

}  // namespace gastvrij
