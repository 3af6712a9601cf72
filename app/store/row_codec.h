#pragma once
// How both stores write a visit's list of tried hosts in one text column and
// read back an enum column, so the SQLite file and the PostgreSQL database hold
// the same values and migrate-store copies them unchanged.
#include <optional>
#include <string>
#include <vector>

namespace gastvrij::row_codec {

// Each host ends with a line break, so the desk (recorded as "") survives the
// round trip: the number of hosts tried numbers the notifications.
inline std::string join_lines(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += s + '\n';
    return out;
}

inline std::vector<std::string> split_lines(const std::string& s) {
    std::vector<std::string> out;
    std::size_t begin = 0;
    for (std::size_t end; (end = s.find('\n', begin)) != std::string::npos; begin = end + 1)
        out.push_back(s.substr(begin, end - begin));
    return out;
}

// The value of an enum column, or `unreadable(where, what, raw)` (which throws
// the store's own StoreError) for a value this program does not know.
template <class E, class Unreadable>
E parsed(std::optional<E> value, Unreadable unreadable, const std::string& where, const char* what,
         const std::string& raw) {
    if (!value) unreadable(where, what, raw);
    return *value;
}

}  // namespace gastvrij::row_codec
