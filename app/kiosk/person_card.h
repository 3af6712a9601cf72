#pragma once
// A colleague as the visitor sees them: photo (or initials), name, team.
#include "ui/ui.h"

namespace gastvrij {
struct Staff;
}

namespace gastvrij::kiosk {

class KioskApp;

// Draws the photo (or a circle with initials when there is none) into r.
void draw_portrait(ui::Ui& ui, KioskApp& app, const Staff& s, const ui::Rect& r);
// A tappable card; returns true when tapped.
bool person_card(ui::Ui& ui, KioskApp& app, const std::string& name, const Staff& s, const ui::Rect& r);

}  // namespace gastvrij::kiosk
