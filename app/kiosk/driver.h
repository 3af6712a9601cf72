#pragma once
// The scripted driver (ui::Driver) on the kiosk: taps by a finger, plus typing
// through the on-screen keyboard and the name of the screen shown.
#include <string>

#include "kiosk/kiosk_app.h"
#include "ui/driver.h"

namespace gastvrij::kiosk {

class Driver : public ui::Driver {
public:
    Driver(platform::Window& w, KioskApp& app) : ui::Driver(w, app, ui::PointerKind::Finger), app_(app) {}

    // Types each letter through the on-screen keyboard.
    bool type(const std::string& utf8_letters);
    std::string screen() const { return to_string(app_.current()); }

private:
    KioskApp& app_;
};

}  // namespace gastvrij::kiosk
