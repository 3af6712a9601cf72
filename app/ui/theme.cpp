#include "ui/theme.h"

#include <cmath>

namespace gastvrij::ui {

const Theme& normal_theme() {
    // Warm paper background, near-black text, deep teal actions: calm, readable,
    // and every text pair well past 7:1.
    static const Theme t{
        "normal",
        0xF7F3EC, 0x1B1B1B, 0x3A3A3A,
        0xFFFFFF, 0x1B1B1B, 0x5C5C5C,
        0x0B4650, 0xFFFFFF, 0x062B31,
        0x4A2370, 0xFFFFFF,
        0xFFF4D6, 0x1B1B1B,
        0x1B1B1B, 0xFFFFFF,
        0xC2410C,
    };
    return t;
}

const Theme& contrast_theme() {
    static const Theme t{
        "contrast",
        0x000000, 0xFFFFFF, 0xFFFFFF,
        0x000000, 0xFFFFFF, 0xFFFFFF,
        0xFFFF00, 0x000000, 0xFFFFFF,
        0x00FFFF, 0x000000,
        0x000000, 0xFFFF00,
        0xFFFFFF, 0x000000,
        0xFF00FF,
    };
    return t;
}

double relative_luminance(Rgb c) {
    auto lin = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    double r = lin(((c >> 16) & 0xFF) / 255.0), g = lin(((c >> 8) & 0xFF) / 255.0), b = lin((c & 0xFF) / 255.0);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

double contrast_ratio(Rgb a, Rgb b) {
    double la = relative_luminance(a), lb = relative_luminance(b);
    if (la < lb) std::swap(la, lb);
    return (la + 0.05) / (lb + 0.05);
}

std::vector<ColourPair> colour_pairs(const Theme& t) {
    return {
        {"text on background", t.text, t.background, true},
        {"muted on background", t.muted, t.background, true},
        {"panel_text on panel", t.panel_text, t.panel, true},
        {"primary_text on primary", t.primary_text, t.primary, true},
        {"primary_text on primary_pressed", t.primary_text, t.primary_pressed, true},
        {"talk_text on talk", t.talk_text, t.talk, true},
        {"warning_text on warning", t.warning_text, t.warning, true},
        {"selected_text on selected", t.selected_text, t.selected, true},
        {"edge on background", t.edge, t.background, false},
        {"edge on panel", t.edge, t.panel, false},
        {"primary on background", t.primary, t.background, false},
        {"talk on background", t.talk, t.background, false},
        {"focus on background", t.focus, t.background, false},
    };
}

std::uint32_t im_colour(Rgb c, std::uint8_t a) {
    return (std::uint32_t(a) << 24) | ((c & 0xFF) << 16) | (c & 0xFF00) | ((c >> 16) & 0xFF);
}

}  // namespace gastvrij::ui
