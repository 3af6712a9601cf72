#pragma once
// QR codes that continue on the visitor's own phone (more about their topic,
// the survey afterwards), each with a caption saying what it leads to. Shared
// by the confirmation and the unavailable screens.
#include <string>
#include <vector>

#include "ui/ui.h"

namespace gastvrij::kiosk {

struct PhoneLink {
    std::string name;     // widget name, e.g. "qr/survey"
    std::string url;
    std::string caption;  // "Meer over Reparatie op uw telefoon"
};

// Lays the links out in `area`: side by side when both captions keep a
// readable width, else one above the other. A code is never drawn smaller
// than a phone can read from a step away; links that do not fit are left
// out from the first, so the last one listed is kept longest.
void draw_phone_links(ui::Ui& ui, const ui::Rect& area, std::vector<PhoneLink> links);

}  // namespace gastvrij::kiosk
