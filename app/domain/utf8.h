#pragma once
// Characters in UTF-8 text as a person counts them ("Financiën" is nine):
// every byte that is not a continuation byte starts one.
#include <cstddef>
#include <string>

namespace gastvrij {

inline std::size_t utf8_length(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

}  // namespace gastvrij
