// Callback request: a phone number on a big numeric keypad (Dutch numbers:
// 06…, 0xx…, +31…), read back grouped for the visitor to check ("Klopt dit
// nummer?"), then the part of the day. Sending is the consent, and the text
// above the button says what the number is used for. One wrong digit and the
// tenant waits for a call that never comes: hence the read-back.
#include <utility>

#include "domain/callback.h"
#include "kiosk/keyboard.h"
#include "kiosk/kiosk_app.h"
#include "kiosk/screens.h"

namespace gastvrij::kiosk {
namespace {

class CallbackScreen final : public ui::Screen {
public:
    explicit CallbackScreen(KioskApp& app) : app_(app), journey_(app.journey()) {}
    void on_enter() override {
        phone_.clear();
        invalid_ = false;
        step_ = Step::Phone;
    }
    void on_leave() override { phone_.clear(); }  // the number leaves no trace on screen
    std::string speech() const override {
        switch (step_) {
            case Step::Phone: break;
            case Step::Check:
                return journey_.say_text("callback.check_question") + " " + group_dutch_phone(normalised_) + ".";
            case Step::When: return journey_.say_text("callback.when_question");
        }
        return journey_.say_text("callback.phone_question") + " " + journey_.say_text("callback.phone_hint");
    }

    void draw() override {
        ui::Ui& ui = app_.ui();
        ui::Rect area = app_.draw_nav(ui);
        switch (step_) {
            case Step::Phone: draw_phone(ui, area); break;
            case Step::Check: draw_check(ui, area); break;
            case Step::When: draw_when(ui, area); break;
        }
    }

private:
    void draw_phone(ui::Ui& ui, ui::Rect area) {
        const ui::Theme& th = ui.theme();
        area = app_.draw_title(ui, area, "callback.phone_question");
        const bool portrait = ui.metrics().portrait;
        const float k = ui.mm(26), gap = ui.mm(4);
        const float pad_w = 3 * k + 2 * gap, pad_h = 4 * k + 3 * gap;
        ui::Rect pad{portrait ? area.cx() - pad_w / 2 : area.right() - pad_w, area.bottom() - pad_h, pad_w, pad_h};
        ui::Rect left = portrait ? ui::Rect{area.x, area.y, area.w, pad.y - area.y - gap} : ui::Rect{area.x, area.y, pad.x - area.x - ui.mm(10), area.h};
        float y = left.y;
        ui::Rect field{left.x, y, left.w, ui.mm(24)};
        ui.fill(ui.place(field), th.panel, 3);
        ui.outline(ui.place(field), invalid_ ? th.focus : th.edge, invalid_ ? 1.4f : 0.7f, 3);
        // Digits read left to right in every language, Arabic included.
        ui.text(ui.place(field.inset(ui.mm(4))), phone_ + "|", ui::FontRole::Body, th.panel_text, ui::Align::Start, ui::Align::Center, false);
        ui.note("callback/field", ui.place(field), phone_);
        y += field.h + ui.mm(4);
        const std::string hint = invalid_ ? journey_.t("callback.phone_invalid") : journey_.t("callback.phone_hint");
        y += ui.text(ui.place({left.x, y, left.w, 0}), hint, ui::FontRole::Small, th.text, ui::Align::Start, ui::Align::Start);
        if (invalid_) ui.note("callback/invalid", {}, hint);
        y += ui.mm(6);
        if (ui.button("callback/next", {left.x, std::min(y, left.bottom() - ui.mm(28)), std::min(left.w, ui.mm(120)), ui.mm(28)},
                      journey_.t("name.done"), "check", ui::ButtonStyle::Primary)) {
            std::string why;
            auto normalised = normalise_dutch_phone(phone_, &why);
            if (normalised) {
                normalised_ = *normalised;
                invalid_ = false;
                to(Step::Check);
            } else {
                invalid_ = true;
            }
        }
        const char* keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "+", "0", "backspace"};
        for (int i = 0; i < 12; ++i) {
            // The keypad keeps a phone's layout in every language: the pad moves
            // to the mirrored side for Arabic, but 1-2-3 still run left to right.
            const int col = ui.rtl() ? 2 - i % 3 : i % 3;
            ui::Rect r{pad.x + float(col) * (k + gap), pad.y + float(i / 3) * (k + gap), k, k};
            std::string key = keys[i];
            bool back = key == "backspace";
            if (ui.button("keypad/" + key, r, back ? "" : key, back ? "backspace" : "", ui::ButtonStyle::Key)) {
                if (back) pop_utf8(phone_);
                else if (phone_.size() < 16 && (key != "+" || phone_.empty())) phone_ += key;
                invalid_ = false;
            }
        }
    }

    void draw_check(ui::Ui& ui, ui::Rect area) {
        const ui::Theme& th = ui.theme();
        area = app_.draw_title(ui, area, "callback.check_question");
        // Big, grouped and left to right in every language (isolated, so an
        // Arabic line does not turn the groups around).
        const std::string grouped = group_dutch_phone(normalised_);
        const std::string shown = ui.rtl() ? "\u2068" + grouped + "\u2069" : grouped;
        const float w = std::min(area.w, ui.mm(200));
        ui::Rect box{area.x, area.y, w, ui.fonts().size(ui::FontRole::Title) * 1.6f + ui.mm(8)};
        ui.fill(ui.place(box), th.panel, 3);
        ui.outline(ui.place(box), th.edge, 0.7f, 3);
        ui.text(ui.place(box.inset(ui.mm(5))), shown, ui::FontRole::Title, th.panel_text, ui::Align::Start, ui::Align::Center, false);
        ui.note("callback/number", ui.place(box), grouped);
        float y = box.bottom() + ui.mm(8);
        const float h = ui.mm(30), gap = ui.mm(5);
        if (ui.button("callback/yes", {area.x, y, w, h}, journey_.t("callback.check_yes"), "check", ui::ButtonStyle::Primary))
            to(Step::When);
        y += h + gap;
        // The digits stay: one wrong digit is mended, not typed again.
        if (ui.button("callback/change", {area.x, y, w, h}, journey_.t("callback.check_change"), "edit")) to(Step::Phone);
    }

    void draw_when(ui::Ui& ui, ui::Rect area) {
        area = app_.draw_title(ui, area, "callback.when_question");
        const float gap = ui.mm(5), h = ui.mm(30);
        const float w = std::min(area.w, ui.mm(200));
        struct Choice { const char* key; PartOfDay part; const char* icon; };
        const Choice choices[] = {{"callback.morning", PartOfDay::Morning, "schedule"},
                                  {"callback.afternoon", PartOfDay::Afternoon, "schedule"},
                                  {"callback.anytime", PartOfDay::Any, "check"}};
        float y = area.y + (ui.metrics().portrait ? std::max(0.0f, ui.screen().h * 0.2f - area.y) : 0);
        for (const Choice& c : choices) {
            if (ui.button(std::string("callback/") + to_string(c.part), {area.x, y, w, h}, journey_.t(c.key), c.icon, ui::ButtonStyle::Primary))
                send(c.part);
            y += h + gap;
        }
    }

    enum class Step { Phone, Check, When };
    void to(Step s) {
        step_ = s;
        if (journey_.session().read_aloud) app_.speak_screen();
    }

    void send(PartOfDay part) {
        // Sending is the consent; the number leaves the screen at once.
        phone_.clear();
        app_.request_callback(std::exchange(normalised_, {}), part);
    }

    KioskApp& app_;

    Journey& journey_;
    std::string phone_, normalised_;
    bool invalid_ = false;
    Step step_ = Step::Phone;
};

}  // namespace

std::unique_ptr<ui::Screen> make_callback_screen(KioskApp& app) { return std::make_unique<CallbackScreen>(app); }

}  // namespace gastvrij::kiosk
