#pragma once
// Colours of the two themes and the WCAG contrast arithmetic that keeps them
// honest: every text/background pair is listed so a test can check all of them
// (≥ 7:1 normal, ≥ 15:1 high contrast; control edges ≥ 3:1).
#include <cstdint>
#include <string>
#include <vector>

namespace gastvrij::ui {

using Rgb = std::uint32_t;  // 0xRRGGBB

struct Theme {
    std::string name;       // "normal" | "contrast"
    Rgb background;         // screen
    Rgb text;               // body text on background
    Rgb muted;              // secondary text on background (still ≥ 7:1)
    Rgb panel;              // cards, keyboard keys
    Rgb panel_text;
    Rgb edge;               // outline of controls (≥ 3:1 against background)
    Rgb primary;            // main action buttons and topic tiles
    Rgb primary_text;
    Rgb primary_pressed;
    Rgb talk;               // "I'd rather talk to someone"
    Rgb talk_text;
    Rgb warning;            // time-out panel
    Rgb warning_text;
    Rgb selected;           // a switched-on toggle / chosen language
    Rgb selected_text;
    Rgb focus;              // pressed outline
};

const Theme& normal_theme();
const Theme& contrast_theme();

double relative_luminance(Rgb c);
double contrast_ratio(Rgb a, Rgb b);

struct ColourPair {
    std::string what;  // "primary_text on primary"
    Rgb fg, bg;
    bool is_text;      // text pairs need 7:1 / 15:1; edges 3:1
};
std::vector<ColourPair> colour_pairs(const Theme& t);

// ImGui's packed colour (ABGR in memory) from 0xRRGGBB.
std::uint32_t im_colour(Rgb c, std::uint8_t alpha = 255);

}  // namespace gastvrij::ui
