#pragma once
// Millimetres to pixels. Sizes in the kiosk are specified in mm on the physical
// panel (kiosk.toml [panel]) so a 20 mm target stays 20 mm on any screen.
namespace gastvrij::ui {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    float right() const { return x + w; }
    float bottom() const { return y + h; }
    float cx() const { return x + w / 2; }
    float cy() const { return y + h / 2; }
    bool contains(float px, float py) const { return px >= x && px < x + w && py >= y && py < y + h; }
    Rect inset(float d) const { return {x + d, y + d, w - 2 * d, h - 2 * d}; }
    Rect top(float hh) const { return {x, y, w, hh}; }
    Rect bottom_part(float hh) const { return {x, y + h - hh, w, hh}; }
    Rect cut_top(float hh) const { return {x, y + hh, w, h - hh}; }
    Rect cut_bottom(float hh) const { return {x, y, w, h - hh}; }
    Rect left(float ww) const { return {x, y, ww, h}; }
    Rect right_part(float ww) const { return {x + w - ww, y, ww, h}; }
};

struct Metrics {
    int width_px = 1920, height_px = 1080;
    float px_per_mm = 3.64f;
    bool portrait = false;
    float text_scale = 1.0f;  // 1.5 in large-text mode

    // Panel size is given for landscape; a portrait install rotates it.
    static Metrics compute(int w, int h, double panel_w_mm, double panel_h_mm, bool large_text) {
        Metrics m;
        m.width_px = w;
        m.height_px = h;
        m.portrait = h > w;
        double pw = m.portrait ? panel_h_mm : panel_w_mm;
        double ph = m.portrait ? panel_w_mm : panel_h_mm;
        double sx = w / pw, sy = h / ph;
        m.px_per_mm = float(sx < sy ? sx : sy);
        m.text_scale = large_text ? 1.5f : 1.0f;
        return m;
    }
    float mm(float v) const { return v * px_per_mm; }
    float to_mm(float px) const { return px / px_per_mm; }
};

}  // namespace gastvrij::ui
