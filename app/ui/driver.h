#pragma once
// Scripted mode for the kiosk and the companion: drives the real app by widget
// names ("topic/repair", "keyboard/ë", "tab/presence"). Debian's ImGui has no
// test-engine hooks, so taps are real SDL events injected through the
// platform layer at the centre of the rectangle the widget recorded on the
// last frame — the path a finger or a mouse takes. Used by the tests, the
// screenshots and the benchmark.
#include <chrono>
#include <functional>
#include <string>

#include "ui/app.h"

namespace gastvrij::ui {

enum class PointerKind { Finger, Mouse };

class Driver {
public:
    Driver(platform::Window& w, App& app, PointerKind kind) : window_(w), app_(app), kind_(kind) {}

    // Processes pending events and builds `n` frames.
    void frames(int n = 1, bool keep_pixels = false);
    // Taps the named widget (press on one frame, release on a later one).
    // False when no such widget is on screen.
    bool tap(const std::string& name);
    bool tap(const std::string& name, PointerKind kind);
    // A drag from one point to another (list scrolling).
    void drag(float x0, float y0, float x1, float y1, int steps = 6);
    // Builds frames until `done` holds or `limit` passes (answers come on
    // other threads and wake the loop). Returns whether it held.
    bool until(const std::function<bool()>& done, std::chrono::milliseconds limit = std::chrono::milliseconds(5000));
    bool visible(const std::string& name) const { return app_.widgets().find(name) != nullptr; }

private:
    platform::Window& window_;
    App& app_;
    PointerKind kind_;
};

}  // namespace gastvrij::ui
