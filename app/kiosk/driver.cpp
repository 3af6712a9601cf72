#include "kiosk/driver.h"

#include "kiosk/keyboard.h"

namespace gastvrij::kiosk {

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

}  // namespace gastvrij::kiosk
