#pragma once
// What text from outside may hold before it is kept: a visitor's first name,
// a device's name, a survey comment. Everything kept ends up in front of a
// person — on the companion's board, in an e-mail, a Teams or Slack message,
// the phone page — so control characters, direction overrides and invalid
// UTF-8 never get in, and a name is a name: letters of any script, with the
// spaces, hyphens, apostrophes and dots that names have.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gastvrij {

// The longest first name kept, in characters: longer than any real one, far
// shorter than anything that could push a message past a receiver's limit.
inline constexpr std::size_t kMaxVisitorNameChars = 40;

// nullopt when `name` may be kept as a visitor's first name; otherwise why
// not, in English for the API and logs. "" is a valid (absent) name.
std::optional<std::string> visitor_name_problem(std::string_view name);

// nullopt when `text` is valid UTF-8 of at most `max_chars` characters with
// no control character (line breaks only where `multiline`), no direction
// override or isolate, no noncharacter; otherwise why not.
std::optional<std::string> free_text_problem(std::string_view text, std::size_t max_chars, bool multiline = false);

}  // namespace gastvrij
