#include "ui/ui.h"

#include <algorithm>
#include <cmath>

namespace gastvrij::ui {

void Ui::begin(const platform::Input& in, const Metrics& m, const Theme& t, bool rtl) {
    in_ = &in;
    m_ = m;
    theme_ = &t;
    rtl_ = rtl;
    inert_ = false;
    activated_ = false;
    widgets_.begin_frame();
    press_candidate_.clear();
    dl_ = ImGui::GetBackgroundDrawList();
    clips_.clear();
}

void Ui::end() {
    const platform::Pointer& p = in_->pointer;
    if (p.pressed && !press_candidate_.empty()) pressed_ = press_candidate_;
    if (p.released || (!p.down && !p.pressed)) {
        pressed_.clear();
        if (!p.down) scroll_pressed_.clear(), dragging_ = false;
    }
    widgets_.end_frame();
}

Rect Ui::place(const Rect& r) const {
    if (!rtl_) return r;
    return {float(m_.width_px) - r.x - r.w, r.y, r.w, r.h};
}

void Ui::fill(const Rect& r, Rgb c, float round_mm) {
    dl_->AddRectFilled({r.x, r.y}, {r.right(), r.bottom()}, im_colour(c), mm(round_mm));
}

void Ui::outline(const Rect& r, Rgb c, float thick_mm, float round_mm) {
    float t = mm(thick_mm);
    dl_->AddRect({r.x + t / 2, r.y + t / 2}, {r.right() - t / 2, r.bottom() - t / 2}, im_colour(c), mm(round_mm), 0, t);
}

void Ui::circle(float cx, float cy, float radius, Rgb c) {
    dl_->AddCircleFilled({cx, cy}, radius, im_colour(c), 48);
}

void Ui::push_clip(const Rect& r) {
    clips_.push_back(r);
    dl_->PushClipRect({r.x, r.y}, {r.right(), r.bottom()}, true);
}

void Ui::pop_clip() {
    if (clips_.empty()) return;
    clips_.pop_back();
    dl_->PopClipRect();
}

float Ui::text_height(const std::string& s, FontRole f, float width) {
    return layout_.layout(fonts_.get(f), fonts_.size(f), s, width, rtl_).height;
}

float Ui::text(const Rect& r, const std::string& s, FontRole f, Rgb c, Align h, Align v, bool wrap) {
    ImFont* font = fonts_.get(f);
    const float size = fonts_.size(f);
    const LaidOutText& t = layout_.layout(font, size, s, wrap ? r.w : 0, rtl_);
    float y = r.y;
    if (v == Align::Center) y = r.y + (r.h - t.height) / 2;
    if (v == Align::End) y = r.bottom() - t.height;
    // Logical alignment: Start means the reading side.
    Align eff = h;
    if (rtl_ && h == Align::Start) eff = Align::End;
    else if (rtl_ && h == Align::End) eff = Align::Start;
    const float pad = (t.line_height - size) / 2;
    for (size_t i = 0; i < t.lines.size(); ++i) {
        float x = r.x;
        if (eff == Align::Center) x = r.x + (r.w - t.widths[i]) / 2;
        if (eff == Align::End) x = r.right() - t.widths[i];
        dl_->AddText(font, size, {std::floor(x), std::floor(y + pad)}, im_colour(c), t.lines[i].c_str());
        y += t.line_height;
    }
    return t.height;
}

void Ui::icon(const Rect& r, const std::string& name, FontRole f, Rgb c) {
    std::string g = icons_.glyph(name);
    if (g.empty()) return;
    ImFont* font = fonts_.get(f);
    float size = fonts_.size(f);
    ImVec2 sz = font->CalcTextSizeA(size, FLT_MAX, 0, g.c_str());
    dl_->AddText(font, size, {std::floor(r.cx() - sz.x / 2), std::floor(r.cy() - sz.y / 2)}, im_colour(c), g.c_str());
}

void Ui::image(const Rect& r, void* texture, float round_mm) {
    if (!texture) return;
    dl_->AddImageRounded(texture, {r.x, r.y}, {r.right(), r.bottom()}, {0, 0}, {1, 1}, IM_COL32_WHITE, mm(round_mm));
}

void Ui::note(const std::string& name, const Rect& r, const std::string& label) {
    widgets_.record({name, r, label, false});
}

bool Ui::interact(const std::string& name, const Rect& r, bool* held) {
    Rect visible = r;
    if (!clips_.empty()) {
        const Rect& c = clips_.back();
        float x0 = std::max(r.x, c.x), y0 = std::max(r.y, c.y);
        float x1 = std::min(r.right(), c.right()), y1 = std::min(r.bottom(), c.bottom());
        if (x1 <= x0 || y1 <= y0) return false;  // scrolled out of sight
        visible = {x0, y0, x1 - x0, y1 - y0};
        // A sliver at the list's edge is too small to aim at: not a target
        // until at least 20 mm of it shows.
        if ((visible.h < r.h && visible.h < mm(20)) || (visible.w < r.w && visible.w < mm(20))) return false;
    }
    widgets_.record({name, visible, "", true});
    *held = false;
    if (inert_) return false;
    const platform::Pointer& p = in_->pointer;
    const bool press_here = p.pressed && visible.contains(p.press_x, p.press_y);
    if (press_here) press_candidate_ = name;
    const bool mine = pressed_ == name || press_here;
    *held = mine && (p.down || p.pressed) && !dragging_ && visible.contains(p.x, p.y);
    if (mine && p.released && !dragging_ && !activated_ && visible.contains(p.x, p.y)) {
        activated_ = true;
        return true;
    }
    return false;
}

void Ui::colours_for(ButtonStyle s, bool selected, bool held, Rgb& bg, Rgb& fg, Rgb& edge) const {
    const Theme& t = *theme_;
    switch (s) {
    case ButtonStyle::Primary: bg = t.primary, fg = t.primary_text, edge = t.primary; break;
    case ButtonStyle::Talk: bg = t.talk, fg = t.talk_text, edge = t.talk; break;
    case ButtonStyle::Warning: bg = t.primary, fg = t.primary_text, edge = t.primary; break;
    case ButtonStyle::Key:
    case ButtonStyle::Secondary: bg = t.panel, fg = t.panel_text, edge = t.edge; break;
    case ButtonStyle::Quiet: bg = t.background, fg = t.text, edge = t.edge; break;
    }
    if (selected) bg = t.selected, fg = t.selected_text, edge = t.selected;
    if (held) {
        // Immediate feedback: pressed buttons darken (or invert in high contrast).
        if (s == ButtonStyle::Primary || s == ButtonStyle::Talk || s == ButtonStyle::Warning) bg = t.primary_pressed, fg = t.primary_text;
        else bg = t.selected, fg = t.selected_text;
        edge = t.focus;
    }
}

bool Ui::button(const std::string& name, const Rect& logical, const std::string& label, const std::string& icon_name,
                ButtonStyle style, bool selected) {
    const Rect r = place(logical);
    bool held = false;
    bool hit = interact(name, r, &held);
    if (WidgetInfo* w = widgets_.just_recorded(name)) w->label = label;
    Rgb bg, fg, edge;
    colours_for(style, selected, held, bg, fg, edge);
    fill(r, bg, 3.0f);
    outline(r, held ? theme_->focus : edge, held ? 1.4f : 0.7f, 3.0f);
    // Arrows point the way the visitor reads: in right-to-left, "back" points right.
    std::string drawn = icon_name;
    if (rtl_ && drawn == "arrow_back") drawn = "arrow_forward";
    else if (rtl_ && drawn == "arrow_forward") drawn = "arrow_back";
    std::string g = drawn.empty() ? "" : icons_.glyph(drawn);
    // Icon first in logical order: it leads on the reading side in both
    // directions. When that does not fit, the words matter more than the
    // pictogram, and a smaller (still ≥ 3.8 mm) font beats text spilling out.
    const Rect inner = r.inset(mm(2.5f));
    std::string shown = g.empty() ? label : label.empty() ? g : g + "  " + label;
    FontRole role = FontRole::Body;
    auto fits = [&](const std::string& t, FontRole f) {
        const LaidOutText& l = layout_.layout(fonts_.get(f), fonts_.size(f), t, inner.w, rtl_);
        // The last line's leading may use the padding; a long word cannot wrap.
        return l.height - (l.line_height - fonts_.size(f)) <= inner.h && l.max_width <= inner.w;
    };
    if (!label.empty() && !fits(shown, role)) {
        shown = label;
        if (!fits(shown, role)) role = FontRole::Small;
    }
    if (WidgetInfo* w = widgets_.just_recorded(name)) w->icon = !g.empty() && shown != label ? drawn : "";
    text(inner, shown, role, fg, Align::Center, Align::Center, true);
    return hit;
}

bool Ui::hotspot(const std::string& name, const Rect& logical) {
    bool held = false;
    bool hit = interact(name, place(logical), &held);
    if (WidgetInfo* w = widgets_.just_recorded(name)) w->target = false;
    return hit;
}

bool Ui::tile(const std::string& name, const Rect& logical, const std::string& label, const std::string& icon_name,
              ButtonStyle style) {
    const Rect r = place(logical);
    bool held = false;
    bool hit = interact(name, r, &held);
    if (WidgetInfo* w = widgets_.just_recorded(name)) w->label = label;
    Rgb bg, fg, edge;
    colours_for(style, false, held, bg, fg, edge);
    fill(r, bg, 4.0f);
    outline(r, held ? theme_->focus : edge, held ? 1.4f : 0.7f, 4.0f);
    const float icon_h = fonts_.size(FontRole::Icon) * 1.15f;
    Rect inner = r.inset(mm(3));
    float th = text_height(label, FontRole::Body, inner.w);
    float total = icon_h + mm(2) + th;
    float y = inner.y + std::max(0.0f, (inner.h - total) / 2);
    icon({inner.x, y, inner.w, icon_h}, icon_name, FontRole::Icon, fg);
    text({inner.x, y + icon_h + mm(2), inner.w, th}, label, FontRole::Body, fg, Align::Center, Align::Start, true);
    return hit;
}

void Ui::scroll_area(const std::string& name, const Rect& viewport, float content_height, float& offset) {
    const Rect r = place(viewport);
    const platform::Pointer& p = in_->pointer;
    const float max_off = std::max(0.0f, content_height - r.h);
    if (!inert_) {
        if (p.pressed && r.contains(p.press_x, p.press_y)) {
            scroll_pressed_ = name;
            scroll_start_ = offset;
        }
        if (scroll_pressed_ == name && (p.down || p.released)) {
            float dy = p.y - p.press_y;
            if (std::fabs(dy) > mm(5)) dragging_ = true;  // a drag, not a tap
            if (dragging_) offset = scroll_start_ - dy;
        }
    }
    offset = std::clamp(offset, 0.0f, max_off);
    widgets_.record({name, r, "", false});
}

}  // namespace gastvrij::ui
