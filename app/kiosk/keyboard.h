#pragma once
// The on-screen keyboard: big keys (≥ 20 mm), the letters Dutch, Turkish and
// Polish names need, backspace, space, and a capital at the start of a name
// without the visitor having to think of shift.
#include <string>

#include "domain/utf8.h"
#include "ui/ui.h"

namespace gastvrij::kiosk {

class KioskApp;

struct KeyboardLayout {
    bool name_letters = true;  // ë ï é ç ğ ı ş ö ü İ ł ą ę ś ż ź ć ń, space, shift, - and '
    // A comment is a sentence: a capital at its start and after ". ", not on
    // every word as in a name ("Snel Geholpen" would read oddly in the report).
    bool sentences = false;
};

class Keyboard {
public:
    // Height the keyboard needs at this scale.
    float height(ui::Ui& ui, const KeyboardLayout& l) const;
    // Draws into r (logical, left-to-right keys in every language: names are
    // written in Latin letters) and applies taps to `text`. True when changed.
    bool draw(ui::Ui& ui, KioskApp& app, const ui::Rect& r, std::string& text, size_t max_chars,
              const KeyboardLayout& l, bool* too_long = nullptr);
    void reset() { shift_ = false; }

private:
    bool shift_ = false;
};

// Upper-case of one letter of the keyboard (UTF-8), for capitals in names.
std::string upper_letter(const std::string& lower);
// Removes the last UTF-8 code point.
void pop_utf8(std::string& s);

}  // namespace gastvrij::kiosk
