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

std::string fill(std::string s, const std::map<std::string, std::string>& values) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        if (s[i] == '{') {
            std::size_t close = s.find('}', i + 1);
            if (close != std::string::npos) {
                auto v = values.find(s.substr(i + 1, close - i - 1));
                if (v != values.end()) {
                    out += v->second;
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
