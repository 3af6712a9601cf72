#pragma once
// The kiosk's immediate-mode toolkit on top of ImGui's draw lists: layout in
// millimetres, mirrored for right-to-left, and touch widgets with their own
// hit-testing. A tap activates the widget it was pressed on only if it is also
// released there (one tap never activates two things), and every widget
// records name → rectangle each frame: the scripted driver, the screenshots
// and the accessibility checks all use the same names ("topic/repair").
#include <string>
#include <vector>

#include "platform/window.h"
#include "ui/fonts.h"
#include "ui/metrics.h"
#include "ui/text_layout.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace gastvrij::ui {

enum class Align { Start, Center, End };
enum class ButtonStyle { Primary, Secondary, Talk, Key, Warning, Quiet };

class Ui {
public:
    Ui(FontSet& fonts, const IconMap& icons) : fonts_(fonts), icons_(icons) {}

    void begin(const platform::Input& in, const Metrics& m, const Theme& t, bool rtl);
    void end();

    const Metrics& metrics() const { return m_; }
    const Theme& theme() const { return *theme_; }
    float mm(float v) const { return m_.mm(v); }
    bool rtl() const { return rtl_; }
    Rect screen() const { return {0, 0, float(m_.width_px), float(m_.height_px)}; }
    // Layout is written left-to-right; this mirrors a rectangle for Arabic.
    Rect place(const Rect& r) const;

    // While an overlay (time-out, admin PIN) is open, what lies beneath is inert.
    void set_inert(bool inert) { inert_ = inert; }

    void fill(const Rect& r, Rgb c, float round_mm = 3.0f);
    void outline(const Rect& r, Rgb c, float thick_mm = 0.8f, float round_mm = 3.0f);
    // Draws (wrapped) text inside r; returns the height used. Alignment is
    // logical: Start is the right edge in right-to-left languages.
    float text(const Rect& r, const std::string& s, FontRole f, Rgb c, Align h = Align::Start,
               Align v = Align::Center, bool wrap = true);
    float text_height(const std::string& s, FontRole f, float width);
    void icon(const Rect& r, const std::string& name, FontRole f, Rgb c);
    std::string icon_glyph(const std::string& name) const { return icons_.glyph(name); }
    void image(const Rect& r, void* texture, float round_mm = 4.0f);
    void circle(float cx, float cy, float radius, Rgb c);
    void push_clip(const Rect& r);
    void pop_clip();
    // Registers a non-interactive element (a heading) so tests can find it.
    void note(const std::string& name, const Rect& r, const std::string& label);

    // A touch button: label and optional pictogram. Returns true once, on the
    // frame its tap completes.
    bool button(const std::string& name, const Rect& r, const std::string& label,
                const std::string& icon = "", ButtonStyle style = ButtonStyle::Secondary,
                bool selected = false);
    // An invisible tap area ("touch anywhere to start", the hidden admin corner).
    bool hotspot(const std::string& name, const Rect& r);
    // A topic tile: big pictogram above two to four words.
    bool tile(const std::string& name, const Rect& r, const std::string& label, const std::string& icon,
              ButtonStyle style = ButtonStyle::Primary);
    // A region scrolled by dragging; `offset` is kept by the caller.
    void scroll_area(const std::string& name, const Rect& viewport, float content_height, float& offset);
    bool dragging() const { return dragging_; }

    const WidgetRegistry& widgets() const { return widgets_; }
    const WidgetInfo* find(const std::string& name) const { return widgets_.find(name); }
    bool activated_this_frame() const { return activated_; }
    bool pointer_down() const { return in_ && in_->pointer.down; }

    TextLayout& layout() { return layout_; }
    FontSet& fonts() { return fonts_; }

private:
    bool interact(const std::string& name, const Rect& r, bool* held);
    void colours_for(ButtonStyle s, bool selected, bool held, Rgb& bg, Rgb& fg, Rgb& edge) const;

    FontSet& fonts_;
    const IconMap& icons_;
    TextLayout layout_;
    const platform::Input* in_ = nullptr;
    Metrics m_;
    const Theme* theme_ = nullptr;
    bool rtl_ = false;
    bool inert_ = false;
    ImDrawList* dl_ = nullptr;
    std::vector<Rect> clips_;

    WidgetRegistry widgets_;
    std::string pressed_;          // widget the current press began on
    std::string press_candidate_;  // found during this frame's press
    bool activated_ = false;
    std::string scroll_pressed_;
    float scroll_start_ = 0;
    bool dragging_ = false;
};

}  // namespace gastvrij::ui
