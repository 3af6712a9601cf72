// Thanks for a call-back request: when we will call, and on which number —
// repeated, so a wrong digit is noticed while the visitor is still here.
#include "kiosk/kiosk_app.h"
#include "kiosk/screens.h"

namespace gastvrij::kiosk {
namespace {

class CallbackDoneScreen final : public ui::Screen {
public:
    explicit CallbackDoneScreen(KioskApp& app) : app_(app), journey_(app.journey()) {}
    std::string speech() const override {
        std::string s = fill(journey_.say_text("callback.thanks"), {{"hours", std::to_string(journey_.config().kiosk.callback_due_hours)}});
        const std::string& number = journey_.session().callback_number;
        if (!number.empty()) s += " " + fill(journey_.say_text("callback.thanks_number"), {{"number", number}});
        return s;
    }
    void draw() override {
        ui::Ui& ui = app_.ui();
        ui::Rect area = app_.draw_nav(ui, false);
        const std::string line = journey_.t("callback.thanks", {{"hours", std::to_string(journey_.config().kiosk.callback_due_hours)}});
        float y = area.y + (ui.metrics().portrait ? ui.screen().h * 0.2f : ui.mm(20));
        y += ui.text(ui.place({area.x, y, area.w, 0}), line, ui::FontRole::Title, ui.theme().text, ui::Align::Center, ui::Align::Start);
        ui.note("title", {}, line);
        // The number once more, so a wrong one is noticed while there is time.
        const std::string& number = journey_.session().callback_number;
        if (!number.empty()) {
            const std::string again = journey_.t("callback.thanks_number", {{"number", number}});
            y += ui.mm(4);
            y += ui.text(ui.place({area.x, y, area.w, 0}), again, ui::FontRole::Body, ui.theme().text, ui::Align::Center,
                         ui::Align::Start);
            ui.note("callback/thanks_number", {}, again);
        }
        const float bw = ui.mm(80);
        if (ui.button("confirm/done", {area.cx() - bw / 2, y + ui.mm(10), bw, ui.mm(28)}, journey_.t("confirm.done"), "check",
                      ui::ButtonStyle::Primary))
            app_.home();
    }

private:
    KioskApp& app_;
    Journey& journey_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_callback_done_screen(KioskApp& app) { return std::make_unique<CallbackDoneScreen>(app); }

}  // namespace gastvrij::kiosk
