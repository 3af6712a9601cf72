#pragma once
// Reading what was really drawn: the RGBA frame the window kept
// (Window::pixels() after end_frame(…, true)) and where the ink is in it.
#include <cmath>
#include <cstdint>
#include <string>

#include "ui/metrics.h"
#include "ui/theme.h"

namespace gastvrij::kiosk_test {

struct Frame {
    const std::string& rgba;
    int width, height;

    ui::Rgb at(int x, int y) const {
        const auto* p = reinterpret_cast<const unsigned char*>(rgba.data()) + (size_t(y) * size_t(width) + size_t(x)) * 4;
        return (ui::Rgb(p[0]) << 16) | (ui::Rgb(p[1]) << 8) | ui::Rgb(p[2]);
    }
    bool valid() const { return rgba.size() == size_t(width) * size_t(height) * 4; }
};

// A pixel is ink when it is at least half-way from the background towards
// the ink colour (anti-aliased edges count half).
inline bool is_ink(ui::Rgb px, ui::Rgb background, ui::Rgb ink) {
    auto channel_distance = [](ui::Rgb a, ui::Rgb b) {
        int d = 0;
        for (int s : {16, 8, 0}) d += std::abs(int((a >> s) & 0xFF) - int((b >> s) & 0xFF));
        return d;
    };
    const int full = channel_distance(background, ink);
    return full > 0 && channel_distance(px, background) * 2 >= full;
}

// The bounding box of the ink inside `area` (clipped to the frame); w = 0 when none.
inline ui::Rect ink_box(const Frame& f, const ui::Rect& area, ui::Rgb background, ui::Rgb ink) {
    const int x0 = std::max(0, int(std::ceil(area.x))), y0 = std::max(0, int(std::ceil(area.y)));
    const int x1 = std::min(f.width, int(std::floor(area.right()))), y1 = std::min(f.height, int(std::floor(area.bottom())));
    int minx = x1, maxx = -1, miny = y1, maxy = -1;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x)
            if (is_ink(f.at(x, y), background, ink)) {
                minx = std::min(minx, x), maxx = std::max(maxx, x);
                miny = std::min(miny, y), maxy = std::max(maxy, y);
            }
    if (maxx < 0) return {};
    return {float(minx), float(miny), float(maxx - minx + 1), float(maxy - miny + 1)};
}

// Whether column x holds ink between rows y0 and y1.
inline bool column_has_ink(const Frame& f, int x, int y0, int y1, ui::Rgb background, ui::Rgb ink) {
    for (int y = std::max(0, y0); y < std::min(f.height, y1); ++y)
        if (is_ink(f.at(x, y), background, ink)) return true;
    return false;
}

}  // namespace gastvrij::kiosk_test
