#pragma once
// Scripted mode: drives the real kiosk by widget names ("topic/repair",
// "keyboard/ë", "nav/back"). Debian's ImGui has no test-engine hooks, so taps
// are real SDL events injected at the centre of the rectangle each widget
// registered on the last frame — the same path a finger takes.
#include <string>

#include "kiosk/kiosk_app.h"

namespace gastvrij::kiosk {

class Driver {
public:
    Driver(platform::Window& w, KioskApp& app) : window_(w), app_(app) {}

    // Processes pending events and builds `n` frames.
    void frames(int n = 1, bool keep_pixels = false);
    // Taps the named widget (press on one frame, release on a later one).
    // False when no such widget is on screen.
    bool tap(const std::string& name, bool finger = true);
    // Types each letter through the on-screen keyboard.
    bool type(const std::string& utf8_letters);
    // A drag from one point to another (list scrolling).
    void drag(float x0, float y0, float x1, float y1, int steps = 6);
    bool visible(const std::string& name) const { return app_.ui().find(name) != nullptr; }
    std::string screen() const { return to_string(app_.current()); }

private:
    platform::Window& window_;
    KioskApp& app_;
};

}  // namespace gastvrij::kiosk
