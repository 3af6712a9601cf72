#pragma once
// The companion's colours. Promise states are told by colour AND words; every
// text/background pair here is listed so a test holds it to 7:1 (WCAG AAA),
// the same bar as the kiosk's themes.
#include <vector>

#include "ui/theme.h"

namespace gastvrij::desk {

struct Palette {
    ui::Rgb background = 0xF7F3EC, text = 0x1B1B1B, muted = 0x3A3A3A;
    ui::Rgb panel = 0xFFFFFF, edge = 0x5C5C5C;
    ui::Rgb primary = 0x0B4650, primary_text = 0xFFFFFF, primary_hover = 0x062B31;
    ui::Rgb button = 0xE6E1D8, button_hover = 0xD6CFC2, button_text = 0x1B1B1B;
    ui::Rgb selected = 0x1B1B1B, selected_text = 0xFFFFFF;  // chosen option, current tab
    ui::Rgb on_time = 0xDDEFE1, on_time_text = 0x0C3D1B;     // "op tijd"
    ui::Rgb at_risk = 0xFBDCD6, at_risk_text = 0x6E1207;     // "bijna te laat": light red
    ui::Rgb broken = 0x9E1C14, broken_text = 0xFFFFFF;       // "te laat": red
    ui::Rgb offline = 0x5A1A00, offline_text = 0xFFFFFF;     // "offline — opnieuw verbinden"
    ui::Rgb ok_note = 0xDDEFE1, ok_note_text = 0x0C3D1B;     // a confirmation line
    ui::Rgb row_focus = 0x0B4650;                             // outline of the chosen row
};

const Palette& palette();
std::vector<ui::ColourPair> palette_pairs(const Palette& p);

}  // namespace gastvrij::desk
