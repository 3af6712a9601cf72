#include "ui/text_layout.h"

#include <fribidi.h>

namespace gastvrij::ui {

std::string to_visual(const std::string& s, bool rtl) {
    if (s.empty()) return s;
    std::vector<FriBidiChar> logical(s.size() + 1), visual(s.size() + 1);
    FriBidiStrIndex n = fribidi_charset_to_unicode(FRIBIDI_CHAR_SET_UTF8, s.data(), FriBidiStrIndex(s.size()), logical.data());
    FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    if (!fribidi_log2vis(logical.data(), n, &base, visual.data(), nullptr, nullptr, nullptr)) return s;
    // Shaping can remove characters (lam-alef ligature leaves a ZWSP-like gap
    // marked FRIBIDI_CHAR_FILL): drop those.
    std::vector<FriBidiChar> kept;
    kept.reserve(size_t(n));
    // Direction marks and isolates have done their work; the fonts have no
    // glyph for them.
    auto invisible = [](FriBidiChar c) {
        return c == 0xFEFF || c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) ||
               (c >= 0x2066 && c <= 0x2069);
    };
    for (FriBidiStrIndex i = 0; i < n; ++i)
        if (!invisible(visual[size_t(i)])) kept.push_back(visual[size_t(i)]);
    std::string out(kept.size() * 4 + 1, '\0');
    FriBidiStrIndex bytes = fribidi_unicode_to_charset(FRIBIDI_CHAR_SET_UTF8, kept.data(), FriBidiStrIndex(kept.size()), out.data());
    out.resize(size_t(bytes));
    return out;
}

bool has_rtl(const std::string& s) {
    for (size_t i = 0; i + 1 < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == 0xD8 || c == 0xD9 || c == 0xDA || c == 0xDB) return true;  // U+0600–U+06FF
    }
    return false;
}

const LaidOutText& TextLayout::layout(ImFont* font, float size, const std::string& s, float max_width, bool rtl) {
    std::string key;
    key.reserve(s.size() + 32);
    key.append(reinterpret_cast<const char*>(&font), sizeof font);
    key.append(std::to_string(int(size * 10))).append("|").append(std::to_string(int(max_width))).append(rtl ? "R" : "L");
    key.append(s);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;

    LaidOutText out;
    out.line_height = size * 1.25f;
    auto width_of = [&](const std::string& visual) { return font->CalcTextSizeA(size, FLT_MAX, 0, visual.c_str()).x; };
    auto emit = [&](const std::string& logical) {
        std::string v = to_visual(logical, rtl);
        float w = width_of(v);
        out.lines.push_back(v);
        out.widths.push_back(w);
        out.max_width = std::max(out.max_width, w);
    };
    size_t start = 0;
    while (start <= s.size()) {
        size_t nl = s.find('\n', start);
        std::string para = s.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        if (max_width <= 0) {
            emit(para);
        } else {
            // Greedy word wrap in logical order, measuring shaped text.
            std::string line;
            size_t p = 0;
            while (p <= para.size()) {
                size_t sp = para.find(' ', p);
                std::string word = para.substr(p, sp == std::string::npos ? std::string::npos : sp - p);
                std::string candidate = line.empty() ? word : line + " " + word;
                if (!line.empty() && width_of(to_visual(candidate, rtl)) > max_width) {
                    emit(line);
                    line = word;
                } else {
                    line = candidate;
                }
                if (sp == std::string::npos) break;
                p = sp + 1;
            }
            emit(line);
        }
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    out.height = out.line_height * float(out.lines.size());
    if (cache_.size() > 4000) cache_.clear();  // languages and sizes change rarely
    return cache_.emplace(std::move(key), std::move(out)).first->second;
}

}  // namespace gastvrij::ui
