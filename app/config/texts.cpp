// The texts the kiosk shows and speaks, per language, with a Dutch fallback so
// a gap in a translation shows Dutch rather than nothing.
#include "config/loader.h"

namespace gastvrij {

const Text& Texts::get(const std::string& lang, const std::string& key) const {
    if (auto l = by_lang_.find(lang); l != by_lang_.end())
        if (auto t = l->second.find(key); t != l->second.end()) return t->second;
    if (auto l = by_lang_.find("nl"); l != by_lang_.end())
        if (auto t = l->second.find(key); t != l->second.end()) return t->second;
    // The raw key on screen makes a gap visible; nothing is spoken for it.
    // Per thread, so a look-up never writes shared state (the UI and the
    // notification thread both read texts).
    thread_local std::map<std::string, Text> missing;
    auto [it, inserted] = missing.try_emplace(key, Text{key, ""});
    return it->second;
}

bool Texts::has(const std::string& lang, const std::string& key) const {
    auto l = by_lang_.find(lang);
    return l != by_lang_.end() && l->second.count(key);
}

void Texts::set(const std::string& lang, const std::string& key, Text t) { by_lang_[lang][key] = std::move(t); }

std::vector<std::string> Texts::keys(const std::string& lang) const {
    std::vector<std::string> out;
    if (auto l = by_lang_.find(lang); l != by_lang_.end())
        for (auto& [k, t] : l->second) out.push_back(k);
    return out;
}

namespace {

// Any letter written right to left: Hebrew, Arabic, Syriac, Thaana, NKo,
// Samaritan, Arabic extended and presentation forms.
bool has_rtl_letters(const std::string& s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0xD6 && c <= 0xDF) return true;  // U+0580–U+07FF (U+0580–U+058F Armenian: close enough)
        if (c == 0xE0 && i + 1 < s.size()) {
            const auto d = static_cast<unsigned char>(s[i + 1]);
            if (d >= 0xA0 && d <= 0xA3) return true;  // U+0800–U+08FF
        }
        if (c == 0xEF && i + 1 < s.size()) {
            const auto d = static_cast<unsigned char>(s[i + 1]);
            if (d >= 0xAC && d <= 0xBB) return true;  // U+FB1D–U+FEFF
        }
    }
    return false;
}

constexpr char kFirstStrongIsolate[] = "\u2068";
constexpr char kPopDirectionalIsolate[] = "\u2069";

}  // namespace

std::string fill(std::string s, const std::map<std::string, std::string>& values) {
    // A name, time or number put into a sentence keeps its own direction and
    // stays in its place: without isolation "{name}، {host} …" in Arabic joins
    // two Latin names into one left-to-right run and swaps who is who. Only
    // text that mixes directions needs it, so Dutch stays byte for byte.
    bool mixed = has_rtl_letters(s);
    for (auto& [k, v] : values) mixed = mixed || has_rtl_letters(v);
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        if (s[i] == '{') {
            std::size_t close = s.find('}', i + 1);
            if (close != std::string::npos) {
                auto v = values.find(s.substr(i + 1, close - i - 1));
                if (v != values.end()) {
                    if (mixed) out += kFirstStrongIsolate;
                    out += v->second;
                    if (mixed) out += kPopDirectionalIsolate;
                    i = close + 1;
                    continue;
                }
            }
        }
        out += s[i++];
    }
    return out;
}

namespace detail {

std::vector<std::string> placeholders_in(const std::string& s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while ((i = s.find('{', i)) != std::string::npos) {
        std::size_t close = s.find('}', i + 1);
        if (close == std::string::npos) break;
        out.push_back(s.substr(i + 1, close - i - 1));
        i = close + 1;
    }
    return out;
}

}  // namespace detail
}  // namespace gastvrij
