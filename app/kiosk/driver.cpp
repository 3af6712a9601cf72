#include "kiosk/driver.h"

#include "kiosk/keyboard.h"

namespace gastvrij::kiosk {

void Driver::frames(int n, bool keep_pixels) {
    for (int i = 0; i < n; ++i) {
        window_.wait(0);
        app_.frame(keep_pixels && i == n - 1);
    }
}

bool Driver::tap(const std::string& name, bool finger) {
    frames(1);
    const ui::WidgetInfo* w = app_.ui().find(name);
    if (!w) return false;
    const float x = w->rect.cx(), y = w->rect.cy();
    window_.inject_press(x, y, finger);
    frames(1);
    window_.inject_release(x, y, finger);
    frames(2);
    return true;
}

bool Driver::type(const std::string& s) {
    for (size_t i = 0; i < s.size();) {
        size_t n = 1;
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0xF0) n = 4;
        else if (c >= 0xE0) n = 3;
        else if (c >= 0xC0) n = 2;
        std::string letter = s.substr(i, n);
        i += n;
        // Keys are named by their lower-case letter; capitals come by themselves.
        std::string key = letter == " " ? "space" : letter;
        for (const char* lower : {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m",
                                  "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z",
                                  "ë", "ï", "é", "ç", "ğ", "ş", "ö", "ü", "ł", "ą", "ę", "ś", "ż", "ź", "ć", "ń"})
            if (upper_letter(lower) == letter) key = lower;
        if (!tap("keyboard/" + key)) return false;
    }
    return true;
}

void Driver::drag(float x0, float y0, float x1, float y1, int steps) {
    window_.inject_press(x0, y0, true);
    frames(1);
    for (int i = 1; i <= steps; ++i) {
        window_.inject_motion(x0 + (x1 - x0) * float(i) / float(steps), y0 + (y1 - y0) * float(i) / float(steps), true);
        frames(1);
    }
    window_.inject_release(x1, y1, true);
    frames(2);
}

}  // namespace gastvrij::kiosk
