#include "desk/driver.h"

#include <thread>

namespace gastvrij::desk {

void Driver::frames(int n, bool keep_pixels) {
    for (int i = 0; i < n; ++i) {
        window_.wait(0);
        app_.frame(keep_pixels && i == n - 1);
    }
}

bool Driver::tap(const std::string& name) {
    frames(1);
    const Region* r = app_.find(name);
    if (!r) return false;
    const float x = r->cx(), y = r->cy();
    // As a real mouse does: arrive first, then press. ImGui only lets an
    // overlapping item (a board row) take a click it hovered the frame before.
    window_.inject_motion(x, y, false);
    frames(1);
    window_.inject_press(x, y, false);
    frames(1);
    window_.inject_release(x, y, false);
    frames(2);
    return true;
}

bool Driver::until(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    for (;;) {
        // Sleep in the loop's own wait: a service answer wakes it at once.
        window_.wait(20);
        app_.frame();
        if (done()) return true;
        if (std::chrono::steady_clock::now() >= end) return false;
    }
}

}  // namespace gastvrij::desk
