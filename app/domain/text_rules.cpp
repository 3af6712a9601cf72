#include "domain/text_rules.h"

#include <cstdint>
#include <vector>

namespace gastvrij {

namespace {

// Decodes UTF-8 strictly (no overlong forms, surrogates or values past
// U+10FFFF). False at the first invalid sequence.
bool decode(std::string_view s, std::vector<char32_t>& out) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    while (p < end) {
        const unsigned char c = *p;
        int len = 0;
        char32_t cp = 0;
        if (c < 0x80) { len = 1; cp = c; }
        else if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
        else return false;
        if (end - p < len) return false;
        for (int i = 1; i < len; ++i) {
            if ((p[i] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        static constexpr char32_t kMinForLength[5] = {0, 0, 0x80, 0x800, 0x10000};
        if ((len > 1 && cp < kMinForLength[len]) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        out.push_back(cp);
        p += len;
    }
    return true;
}

bool in(char32_t c, char32_t from, char32_t to) { return c >= from && c <= to; }

// Direction overrides and isolates would reorder the sentence a name is put
// into (the board, an e-mail); noncharacters have no business in text.
bool never_in_text(char32_t c) {
    return in(c, 0x202A, 0x202E) || in(c, 0x2066, 0x2069) || in(c, 0xFDD0, 0xFDEF) || (c & 0xFFFE) == 0xFFFE ||
           c == 0xFEFF;
}

bool control(char32_t c) { return c < 0x20 || in(c, 0x7F, 0x9F); }

// Letters and combining marks of the scripts names come in, as ranges of
// Unicode blocks with their digits and punctuation left out. Not a full
// Unicode letter table: enough for every script a Dutch office meets.
bool name_letter(char32_t c) {
    if (in(c, 'A', 'Z') || in(c, 'a', 'z')) return true;
    if (c < 0xC0) return false;                                  // ASCII and Latin-1 symbols
    if (c == 0xD7 || c == 0xF7) return false;                    // × ÷
    if (in(c, 0xC0, 0x2AF)) return true;                          // Latin-1 letters, Latin Extended, IPA
    if (in(c, 0x2B0, 0x2FF)) return c == 0x2BC;                   // modifier apostrophe only
    if (in(c, 0x300, 0x36F)) return true;                         // combining diacritics
    if (in(c, 0x370, 0x3FF)) return c != 0x37E && c != 0x387 && c != 0x375;  // Greek
    if (in(c, 0x400, 0x52F)) return !in(c, 0x482, 0x482);         // Cyrillic
    if (in(c, 0x531, 0x587)) return !in(c, 0x55A, 0x55F);         // Armenian
    if (in(c, 0x591, 0x5C7)) return c != 0x5C0 && c != 0x5C3 && c != 0x5C6;  // Hebrew points
    if (in(c, 0x5D0, 0x5F2)) return true;                         // Hebrew letters
    if (in(c, 0x610, 0x61A)) return true;                         // Arabic marks
    if (in(c, 0x620, 0x65F)) return true;                         // Arabic letters, tatweel, harakat
    if (in(c, 0x66E, 0x6D3)) return true;
    if (c == 0x6D5 || in(c, 0x6E5, 0x6E6) || in(c, 0x6EE, 0x6EF) || in(c, 0x6FA, 0x6FC) || c == 0x6FF) return true;
    if (in(c, 0x750, 0x77F) || in(c, 0x8A0, 0x8FF)) return true;  // Arabic Supplement, Extended-A
    if (in(c, 0x900, 0xDFF)) return true;                         // Indic scripts
    if (in(c, 0xE01, 0xE3A) || in(c, 0xE40, 0xE4E)) return true;  // Thai
    if (in(c, 0x10A0, 0x10FF) || in(c, 0x1100, 0x11FF)) return true;  // Georgian, Hangul Jamo
    if (in(c, 0x1E00, 0x1FFF)) return true;                       // Latin Extended Additional, Greek Extended
    if (in(c, 0x3041, 0x30FF) || in(c, 0x3400, 0x4DBF) || in(c, 0x4E00, 0x9FFF) || in(c, 0xAC00, 0xD7A3))
        return true;                                              // kana, CJK, Hangul
    if (in(c, 0xFB1D, 0xFB4F)) return true;                       // Hebrew presentation forms
    if (in(c, 0xFB50, 0xFDFB)) return c != 0xFD3E && c != 0xFD3F;  // Arabic presentation forms A
    if (in(c, 0xFE70, 0xFEFC)) return true;                       // Arabic presentation forms B
    return false;
}

// What separates and joins the parts of a name: "Anne-Marie", "O'Brien",
// "Ma’ruf", "J. de Vries".
bool name_joiner(char32_t c) { return c == ' ' || c == '-' || c == '\'' || c == '.' || c == 0x2019 || c == 0x2010; }

}  // namespace

std::optional<std::string> free_text_problem(std::string_view text, std::size_t max_chars, bool multiline) {
    std::vector<char32_t> cps;
    if (!decode(text, cps)) return "is not valid UTF-8 text";
    if (cps.size() > max_chars)
        return "has " + std::to_string(cps.size()) + " characters; at most " + std::to_string(max_chars) + " are kept";
    for (char32_t c : cps) {
        if (multiline && (c == '\n' || c == '\r' || c == '\t')) continue;
        if (control(c)) return "contains a control character (such as a line break or NUL)";
        if (never_in_text(c)) return "contains a character that may not be kept (a direction override or noncharacter)";
    }
    return std::nullopt;
}

std::optional<std::string> visitor_name_problem(std::string_view name) {
    if (auto p = free_text_problem(name, kMaxVisitorNameChars)) return p;
    std::vector<char32_t> cps;
    decode(name, cps);
    bool letters = false;
    for (char32_t c : cps) {
        if (name_letter(c)) {
            letters = true;
        } else if (!name_joiner(c)) {
            return "may hold only letters, spaces, hyphens, apostrophes and dots";
        }
    }
    if (!cps.empty() && !letters) return "holds no letter";
    return std::nullopt;
}

}  // namespace gastvrij
