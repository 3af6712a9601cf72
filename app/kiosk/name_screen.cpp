// Name (optional): "How may we call you?" with the on-screen keyboard, and a
// clear way to skip. The name is shown, never spoken.
#include "kiosk/keyboard.h"
#include "kiosk/kiosk_app.h"
#include "kiosk/screens.h"

namespace gastvrij::kiosk {
namespace {

constexpr size_t kMaxName = 30;

class NameScreen final : public ui::Screen {
public:
    explicit NameScreen(KioskApp& app) : app_(app), journey_(app.journey()) {}
    void on_enter() override {
        keyboard_.reset();
        too_long_ = false;
    }
    std::string speech() const override {
        return journey_.say_text("name.question") + " " + journey_.say_text("name.hint");
    }

    void draw() override {
        ui::Ui& ui = app_.ui();
        const ui::Theme& th = ui.theme();
        ui::Rect area = app_.draw_nav(ui);
        area = app_.draw_title(ui, area, "name.question");
        const float gap = ui.mm(5);
        std::string& name = journey_.session().name;
        const KeyboardLayout kl{true};
        const float kb_h = keyboard_.height(ui, kl);
        const bool portrait = ui.metrics().portrait;
        const float kb_w = portrait ? area.w : std::min(area.w, ui.mm(340));
        ui::Rect kb{area.x + (area.w - kb_w) / 2, area.bottom() - kb_h, kb_w, kb_h};

        // Hint, field, and the two ways on: skip or done.
        float y = area.y;
        const float row_h = ui.mm(24);
        // The hint is also spoken; when large text leaves no room it gives way
        // to the keyboard (an error about the length always shows).
        const std::string hint = too_long_ ? journey_.t("name.too_long") : journey_.t("name.hint");
        const float hint_h = ui.text_height(hint, ui::FontRole::Small, area.w) + ui.mm(3);
        const float needed = hint_h + row_h + (portrait ? row_h + ui.mm(4) : 0) + gap + kb_h;
        if (too_long_ || needed <= area.h)
            y += ui.text(ui.place({area.x, y, area.w, 0}), hint, ui::FontRole::Small, th.text, ui::Align::Start, ui::Align::Start) +
                 ui.mm(3);
        // Wide enough for the words and their pictogram in every language.
        const float btn_w = portrait ? std::min(ui.mm(92), (area.w - ui.mm(4)) / 2) : ui.mm(92);
        ui::Rect field{area.x, y, area.w - 2 * (btn_w + ui.mm(4)), row_h};
        if (portrait) field.w = area.w;
        ui.fill(ui.place(field), th.panel, 3);
        ui.outline(ui.place(field), th.edge, 0.7f, 3);
        ui.text(ui.place(field.inset(ui.mm(4))), name + "|", ui::FontRole::Body, th.panel_text, ui::Align::Start,
                ui::Align::Center, false);
        ui.note("name/field", ui.place(field), name);
        ui::Rect buttons{field.right() + ui.mm(4), y, 2 * btn_w + ui.mm(4), row_h};
        if (portrait) buttons = {area.x + area.w - 2 * btn_w - ui.mm(4), y + row_h + ui.mm(4), 2 * btn_w + ui.mm(4), row_h};
        if (ui.button("name/skip", {buttons.x, buttons.y, btn_w, row_h}, journey_.t("name.skip"), "arrow_forward")) {
            name.clear();
            app_.check_in();
            return;
        }
        if (ui.button("name/done", {buttons.x + btn_w + ui.mm(4), buttons.y, btn_w, row_h}, journey_.t("name.done"), "check",
                      ui::ButtonStyle::Primary)) {
            while (!name.empty() && name.back() == ' ') name.pop_back();
            app_.check_in();
            return;
        }
        keyboard_.draw(ui, app_, kb, name, kMaxName, kl, &too_long_);
    }

private:
    KioskApp& app_;
    Journey& journey_;
    Keyboard keyboard_;
    bool too_long_ = false;
};

}  // namespace

std::unique_ptr<ui::Screen> make_name_screen(KioskApp& app) { return std::make_unique<NameScreen>(app); }

}  // namespace gastvrij::kiosk
