#include "ui/driver.h"

namespace gastvrij::ui {

void Driver::frames(int n, bool keep_pixels) {
    for (int i = 0; i < n; ++i) {
        window_.wait(0);
        draw_frame(window_, app_, keep_pixels && i == n - 1);
    }
}

bool Driver::tap(const std::string& name) { return tap(name, kind_); }

bool Driver::tap(const std::string& name, PointerKind kind) {
    frames(1);
    const WidgetInfo* w = app_.widgets().find(name);
    if (!w) return false;
    const float x = w->rect.cx(), y = w->rect.cy();
    const bool finger = kind == PointerKind::Finger;
    if (!finger) {
        // As a real mouse does: arrive first, then press. ImGui only lets an
        // overlapping item (a board row) take a click it hovered the frame before.
        window_.inject_motion(x, y, false);
        frames(1);
    }
    window_.inject_press(x, y, finger);
    frames(1);
    window_.inject_release(x, y, finger);
    frames(2);
    return true;
}

void Driver::drag(float x0, float y0, float x1, float y1, int steps) {
    const bool finger = kind_ == PointerKind::Finger;
    window_.inject_press(x0, y0, finger);
    frames(1);
    for (int i = 1; i <= steps; ++i) {
        window_.inject_motion(x0 + (x1 - x0) * float(i) / float(steps), y0 + (y1 - y0) * float(i) / float(steps), finger);
        frames(1);
    }
    window_.inject_release(x1, y1, finger);
    frames(2);
}

bool Driver::until(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    for (;;) {
        // Sleep in the loop's own wait: an answer from another thread wakes it at once.
        window_.wait(20);
        draw_frame(window_, app_);
        if (done()) return true;
        if (std::chrono::steady_clock::now() >= end) return false;
    }
}

}  // namespace gastvrij::ui
