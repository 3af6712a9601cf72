// Appointment: the colleagues who may be shown, as photo cards with name and
// team; typing a few letters narrows the list. The list scrolls by dragging and
// with large arrow buttons.
#include "kiosk/keyboard.h"
#include "kiosk/kiosk_app.h"
#include "kiosk/person_card.h"
#include "kiosk/screens.h"

namespace gastvrij::kiosk {
namespace {

class AppointmentScreen final : public ui::Screen {
public:
    explicit AppointmentScreen(KioskApp& app) : app_(app), journey_(app.journey()) {}
    void on_enter() override {
        offset_ = 0;
        keyboard_.reset();
    }

    std::string speech() const override {
        return journey_.say_text("appointment.question") + " " + journey_.say_text("appointment.hint");
    }

    void draw() override {
        ui::Ui& ui = app_.ui();
        const ui::Theme& th = ui.theme();
        ui::Rect area = app_.draw_nav(ui);
        area = app_.draw_title(ui, area, "appointment.question");
        const bool portrait = ui.metrics().portrait;
        const float gap = ui.mm(5);
        const KeyboardLayout kl{false};
        const float kb_h = keyboard_.height(ui, kl);
        std::string& search = journey_.session().search;

        ui::Rect list_r, kb_r, field_r;
        const float field_h = ui.mm(24);
        if (portrait) {
            kb_r = {area.x, area.bottom() - kb_h, area.w, kb_h};
            field_r = {area.x, kb_r.y - gap - field_h, area.w, field_h};
            list_r = {area.x, area.y, area.w, field_r.y - gap - area.y};
        } else {
            const float kb_w = std::min(ui.mm(285), area.w * 0.58f);
            kb_r = {area.right() - kb_w, area.bottom() - kb_h, kb_w, kb_h};
            field_r = {kb_r.x, kb_r.y - gap - field_h, kb_w, field_h};
            list_r = {area.x, area.y, area.w - kb_w - gap, area.h};
        }
        // Search field with what was typed, and a clear button.
        const float clear_w = ui.mm(50);
        ui::Rect box{field_r.x, field_r.y, field_r.w - clear_w - ui.mm(4), field_r.h};
        ui.fill(ui.place(box), th.panel, 3);
        ui.outline(ui.place(box), th.edge, 0.7f, 3);
        const std::string shown = search.empty() ? journey_.t("appointment.hint") : search + "|";
        ui.text(ui.place(box.inset(ui.mm(4))), shown, search.empty() ? ui::FontRole::Small : ui::FontRole::Body,
                search.empty() ? th.muted : th.panel_text, ui::Align::Start, ui::Align::Center, false);
        ui.note("appointment/field", ui.place(box), search);
        if (ui.button("appointment/clear", {box.right() + ui.mm(4), field_r.y, clear_w, field_r.h}, journey_.t("appointment.clear"),
                      "close"))
            search.clear(), offset_ = 0;
        if (keyboard_.draw(ui, app_, kb_r, search, 20, kl)) offset_ = 0;

        // Results, scrolled by drag or by the arrows beside them.
        const auto people = journey_.config().directory.search(search);
        const float arrows_w = ui.mm(26);
        ui::Rect cards{list_r.x, list_r.y, list_r.w - arrows_w - ui.mm(4), list_r.h};
        const float card_h = std::max(ui.mm(34), ui.fonts().size(ui::FontRole::Body) * 1.25f + ui.fonts().size(ui::FontRole::Small) * 1.25f + ui.mm(8));
        const int cols = portrait ? 2 : 1;
        const float cw = (cards.w - gap * float(cols - 1)) / float(cols);
        const int rows = (int(people.size()) + cols - 1) / cols;
        const float content_h = float(rows) * (card_h + gap) - gap;
        ui.scroll_area("appointment/list", cards, content_h, offset_);
        ui::Rect arrows{cards.right() + ui.mm(4), list_r.y, arrows_w, list_r.h};
        const float step = card_h + gap;
        const float arrow_h = std::min(arrows.h / 2 - ui.mm(2), ui.mm(40));
        if (ui.button("appointment/up", {arrows.x, arrows.y, arrows.w, arrow_h}, "", "keyboard_arrow_up"))
            offset_ = std::max(0.0f, offset_ - step);
        if (ui.button("appointment/down", {arrows.x, arrows.bottom() - arrow_h, arrows.w, arrow_h}, "", "keyboard_arrow_down"))
            offset_ = std::min(std::max(0.0f, content_h - cards.h), offset_ + step);
        if (people.empty()) {
            ui.text(ui.place(cards), journey_.t("appointment.none"), ui::FontRole::Body, th.text, ui::Align::Center, ui::Align::Center);
            ui.note("appointment/none", ui.place(cards), journey_.t("appointment.none"));
            return;
        }
        ui.push_clip(ui.place(cards));
        for (size_t i = 0; i < people.size(); ++i) {
            const int row = int(i) / cols, col = int(i) % cols;
            ui::Rect r{cards.x + float(col) * (cw + gap), cards.y + float(row) * step - offset_, cw, card_h};
            if (r.bottom() < cards.y || r.y > cards.bottom()) continue;
            if (person_card(ui, app_, "person/" + people[i]->id, *people[i], r)) app_.choose_person(people[i]->id);
        }
        ui.pop_clip();
    }

private:
    KioskApp& app_;
    Journey& journey_;
    Keyboard keyboard_;
    float offset_ = 0;
};

}  // namespace

std::unique_ptr<ui::Screen> make_appointment_screen(KioskApp& app) { return std::make_unique<AppointmentScreen>(app); }

}  // namespace gastvrij::kiosk
