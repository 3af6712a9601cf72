#include "notify/text_limits.h"

namespace gastvrij {

namespace {

// Byte length of the UTF-8 sequence starting with `b`; 1 for a stray byte, so
// invalid input is still walked one byte at a time.
std::size_t sequence_length(unsigned char b) {
    if (b < 0x80) return 1;
    if ((b >> 5) == 0x6) return 2;
    if ((b >> 4) == 0xE) return 3;
    if ((b >> 3) == 0x1E) return 4;
    return 1;
}

// Code points of a sequence of `len` bytes in UTF-16 units.
std::size_t units_of(std::size_t len) { return len == 4 ? 2 : 1; }

const std::string kEllipsis = "\xE2\x80\xA6";  // "…": one UTF-16 unit, three bytes

}  // namespace

std::size_t utf16_length(const std::string& s) {
    std::size_t units = 0;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t len = sequence_length(static_cast<unsigned char>(s[i]));
        if (i + len > s.size()) len = 1;
        units += units_of(len);
        i += len;
    }
    return units;
}

std::string truncate_utf16(const std::string& s, std::size_t max_units) {
    if (utf16_length(s) <= max_units) return s;
    if (max_units == 0) return {};
    const std::size_t budget = max_units - 1;  // room for the ellipsis
    std::size_t units = 0, i = 0;
    while (i < s.size()) {
        std::size_t len = sequence_length(static_cast<unsigned char>(s[i]));
        if (i + len > s.size()) len = 1;
        if (units + units_of(len) > budget) break;
        units += units_of(len);
        i += len;
    }
    return s.substr(0, i) + kEllipsis;
}

std::string truncate_bytes(const std::string& s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) return s;
    if (max_bytes < kEllipsis.size()) return {};
    const std::size_t budget = max_bytes - kEllipsis.size();
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t len = sequence_length(static_cast<unsigned char>(s[i]));
        if (i + len > s.size()) len = 1;
        if (i + len > budget) break;
        i += len;
    }
    return s.substr(0, i) + kEllipsis;
}

std::string single_line(const std::string& s) {
    std::string out = s;
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
    return out;
}

bool is_ascii(const std::string& s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

}  // namespace gastvrij
