#pragma once
// Report figures written as people read them, the same on the companion's
// figures tab and in `gastvrij report`: "–" where nothing was measured.
#include <cmath>
#include <cstdio>
#include <string>

namespace gastvrij {

// "1:30" (minutes:seconds).
inline std::string minutes_seconds_text(double seconds, int measured) {
    if (measured == 0) return "–";
    const long long s = std::llround(seconds);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
    return buf;
}

// "75 %".
inline std::string percent_text(int part, int whole) {
    if (whole == 0) return "–";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.0f %%", 100.0 * part / whole);
    return buf;
}

// One decimal: "7.8", or "7,8" with a Dutch decimal comma.
inline std::string one_decimal_text(double v, int n, char point = '.') {
    if (n == 0) return "–";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    for (char& c : s)
        if (c == '.') c = point;
    return s;
}

}  // namespace gastvrij
