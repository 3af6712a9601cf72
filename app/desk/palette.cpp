#include "desk/palette.h"

namespace gastvrij::desk {

const Palette& palette() {
    static const Palette p;
    return p;
}

std::vector<ui::ColourPair> palette_pairs(const Palette& p) {
    return {
        {"text on background", p.text, p.background, true},
        {"muted on background", p.muted, p.background, true},
        {"text on panel", p.text, p.panel, true},
        {"muted on panel", p.muted, p.panel, true},
        {"primary_text on primary", p.primary_text, p.primary, true},
        {"primary_text on primary_hover", p.primary_text, p.primary_hover, true},
        {"button_text on button", p.button_text, p.button, true},
        {"button_text on button_hover", p.button_text, p.button_hover, true},
        {"selected_text on selected", p.selected_text, p.selected, true},
        {"on_time_text on on_time", p.on_time_text, p.on_time, true},
        {"at_risk_text on at_risk", p.at_risk_text, p.at_risk, true},
        {"broken_text on broken", p.broken_text, p.broken, true},
        {"offline_text on offline", p.offline_text, p.offline, true},
        {"ok_note_text on ok_note", p.ok_note_text, p.ok_note, true},
        {"edge on panel", p.edge, p.panel, false},
        {"edge on background", p.edge, p.background, false},
        {"row_focus on panel", p.row_focus, p.panel, false},
        {"broken row against panel", p.broken, p.panel, false},
    };
}

}  // namespace gastvrij::desk
