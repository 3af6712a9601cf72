#include "kiosk/keyboard.h"

#include <map>
#include <vector>

#include "kiosk/kiosk_app.h"

namespace gastvrij::kiosk {
namespace {

std::vector<std::string> split_letters(const std::string& s) {
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
        size_t n = 1;
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0xF0) n = 4;
        else if (c >= 0xE0) n = 3;
        else if (c >= 0xC0) n = 2;
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}

const float kKeyHeightMm = 22, kGapMm = 3.5f, kMaxKeyWidthMm = 30;

}  // namespace

std::string upper_letter(const std::string& l) {
    static const std::map<std::string, std::string> special = {
        {"ë", "Ë"}, {"ï", "Ï"}, {"é", "É"}, {"ç", "Ç"}, {"ğ", "Ğ"}, {"ı", "I"}, {"ş", "Ş"}, {"ö", "Ö"},
        {"ü", "Ü"}, {"ł", "Ł"}, {"ą", "Ą"}, {"ę", "Ę"}, {"ś", "Ś"}, {"ż", "Ż"}, {"ź", "Ź"}, {"ć", "Ć"},
        {"ń", "Ń"}};
    if (l.size() == 1 && l[0] >= 'a' && l[0] <= 'z') return std::string(1, char(l[0] - 'a' + 'A'));
    auto it = special.find(l);
    return it == special.end() ? l : it->second;
}

void pop_utf8(std::string& s) {
    while (!s.empty()) {
        unsigned char c = static_cast<unsigned char>(s.back());
        s.pop_back();
        if ((c & 0xC0) != 0x80) break;
    }
}

// Keys grow with large text so the letter keeps its full size on the key.
static float key_height(ui::Ui& ui) {
    return std::max(ui.mm(kKeyHeightMm), ui.fonts().size(ui::FontRole::Body) + ui.mm(5.5f));
}

float Keyboard::height(ui::Ui& ui, const KeyboardLayout& l) const {
    const int rows = l.name_letters ? 5 : 3;
    return key_height(ui) * float(rows) + ui.mm(kGapMm) * float(rows - 1);
}

bool Keyboard::draw(ui::Ui& ui, KioskApp& app, const ui::Rect& r, std::string& text, size_t max_chars,
                    const KeyboardLayout& l, bool* too_long) {
    const float gap = ui.mm(kGapMm), kh = key_height(ui);
    // The widest row (shift, 8 keys, backspace) is 11.5 keys and 10 gaps.
    const float kw = std::min(ui.mm(kMaxKeyWidthMm), (r.w - (l.name_letters ? 10 : 9) * gap) / (l.name_letters ? 11.5f : 10.0f));
    // Names are written in Latin letters: keys run left to right in every
    // language. button() mirrors for Arabic, so mirror within the block first.
    auto key = [&](ui::Rect k) {
        if (ui.rtl()) k.x = 2 * r.x + r.w - k.x - k.w;
        return k;
    };
    // A name starts with a capital, and so does each part after a space or
    // hyphen; a sentence only at its start and after its end.
    auto ends_with = [&](const char* tail) {
        const std::string t = tail;
        return text.size() >= t.size() && text.compare(text.size() - t.size(), t.size(), t) == 0;
    };
    const bool auto_cap = l.name_letters && (text.empty() || (l.sentences ? ends_with(". ") || ends_with("? ") || ends_with("! ")
                                                                          : text.back() == ' ' || text.back() == '-'));
    const bool capital = shift_ != auto_cap;
    bool changed = false;
    auto type = [&](const std::string& letter) {
        if (utf8_length(text) >= max_chars) {
            if (too_long) *too_long = true;
            return;
        }
        text += capital ? upper_letter(letter) : letter;
        shift_ = false;
        changed = true;
    };

    std::vector<std::string> rows = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
    if (l.name_letters) {
        rows[1] += "'";
        rows[2] += "-";
        rows.push_back("ëïéçğışöüİ");
        rows.push_back("łąęśżźćń");
    }
    float y = r.y;
    for (size_t ri = 0; ri < rows.size(); ++ri) {
        std::vector<std::string> keys = split_letters(rows[ri]);
        // Wide keys: shift before row 3, backspace after it; space after row 5.
        const bool row3 = ri == 2, row5 = ri == 4;
        float units = float(keys.size()) + (row3 ? (l.name_letters ? 1.5f : 0) + 2.0f : 0) + (row5 ? 2.0f : 0);
        float row_w = units * kw + float(keys.size() + (row3 ? (l.name_letters ? 2 : 1) : 0) + (row5 ? 1 : 0) - 1) * gap;
        float x = r.x + (r.w - row_w) / 2;
        if (row3 && l.name_letters) {
            if (ui.button("keyboard/shift", key({x, y, kw * 1.5f, kh}), "", "arrow_upward", ui::ButtonStyle::Key, shift_))
                shift_ = !shift_;
            x += kw * 1.5f + gap;
        }
        for (const std::string& k : keys) {
            const std::string shown = capital ? upper_letter(k) : k;
            if (ui.button("keyboard/" + k, key({x, y, kw, kh}), shown, "", ui::ButtonStyle::Key)) type(k);
            x += kw + gap;
        }
        if (row3 && ui.button("keyboard/backspace", key({x, y, kw * 2, kh}), "", "backspace", ui::ButtonStyle::Key)) {
            pop_utf8(text);
            if (too_long) *too_long = false;
            changed = true;
        }
        if (row5 && ui.button("keyboard/space", key({x, y, kw * 2, kh}), app.journey().t("keyboard.space"), "", ui::ButtonStyle::Key)) {
            if (!text.empty() && text.back() != ' ') type(" ");
        }
        y += kh + gap;
    }
    return changed;
}

}  // namespace gastvrij::kiosk
