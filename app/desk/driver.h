#pragma once
// Scripted mode for the companion: drives the real DeskApp by region names
// ("tab/presence", "board/row/12", "visit/start"). Taps are real SDL mouse
// events injected at the centre of the region the last frame recorded — the
// path a mouse click takes. Used by the tests and `gastvrij desk-screenshots`.
#include <chrono>
#include <functional>
#include <string>

#include "desk/desk_app.h"

namespace gastvrij::desk {

class Driver {
public:
    Driver(platform::Window& w, DeskApp& app) : window_(w), app_(app) {}

    // Processes pending events and builds `n` frames.
    void frames(int n = 1, bool keep_pixels = false);
    // Clicks the named region (press on one frame, release on a later one).
    // False when no such region is on screen.
    bool tap(const std::string& name);
    // Builds frames until `done` holds or `limit` passes (the service answers
    // on other threads). Returns whether it held.
    bool until(const std::function<bool()>& done,
               std::chrono::milliseconds limit = std::chrono::milliseconds(5000));
    bool visible(const std::string& name) const { return app_.find(name) != nullptr; }

private:
    platform::Window& window_;
    DeskApp& app_;
};

}  // namespace gastvrij::desk
