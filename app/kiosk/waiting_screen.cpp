// "Een moment…": a check-in, callback request or survey answer is on its way
// to the office's service (a kiosk on another machine). The screen keeps
// drawing meanwhile; the confirmation or thanks follows only once the service
// has kept it, the desk notice if it does not answer in time. No buttons: the
// answer decides where this goes.
#include "kiosk/kiosk_app.h"
#include "kiosk/screens.h"

namespace gastvrij::kiosk {
namespace {

class WaitingScreen final : public ui::Screen {
public:
    explicit WaitingScreen(KioskApp& app) : app_(app), journey_(app.journey()) {}
    std::string speech() const override { return journey_.say_text("confirm.wait"); }
    void draw() override {
        ui::Ui& ui = app_.ui();
        const ui::Theme& th = ui.theme();
        const ui::Rect s = ui.screen();
        const float icon_h = ui.fonts().size(ui::FontRole::Icon) * 1.3f;
        float y = std::max(s.h * (ui.metrics().portrait ? 0.3f : 0.25f), ui.mm(20));
        ui.icon(ui.place({0, y, s.w, icon_h}), "schedule", ui::FontRole::Icon, th.text);
        y += icon_h + ui.mm(6);
        const std::string words = journey_.t("confirm.wait");
        const float m = app_.margin();
        ui.text(ui.place({m, y, s.w - 2 * m, 0}), words, ui::FontRole::Title, th.text, ui::Align::Center, ui::Align::Start);
        ui.note("title", {}, words);
    }

private:
    KioskApp& app_;
    Journey& journey_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_waiting_screen(KioskApp& app) { return std::make_unique<WaitingScreen>(app); }

}  // namespace gastvrij::kiosk
