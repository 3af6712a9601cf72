#pragma once
// Receivers limit text by characters (Slack: header 150, section 3000; Teams:
// 28 KB per message). Cutting a UTF-8 string at an arbitrary byte would leave a
// broken character that makes the whole payload invalid, so these helpers cut
// only between code points.
#include <cstddef>
#include <string>

namespace gastvrij {

// Length in UTF-16 code units, which is how Slack and JavaScript count
// characters (a character outside the BMP, such as an emoji, counts 2).
std::size_t utf16_length(const std::string& utf8);

// `utf8` cut to at most `max_units` UTF-16 code units, ending in "…" when cut.
std::string truncate_utf16(const std::string& utf8, std::size_t max_units);

// `utf8` cut to at most `max_bytes` bytes on a code-point boundary ("…" when cut).
std::string truncate_bytes(const std::string& utf8, std::size_t max_bytes);

// One line: CR, LF and other control characters become spaces, so a value can
// never start a new mail header or break a one-line field.
std::string single_line(const std::string& s);

bool is_ascii(const std::string& s);

}  // namespace gastvrij
