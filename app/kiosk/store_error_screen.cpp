// The store could not commit the check-in (disk full, locked, broken): tell the
// visitor honestly and send them to the desk. Nothing half-written exists.
#include "kiosk/kiosk_app.h"
#include "kiosk/screens.h"

namespace gastvrij::kiosk {
namespace {

class StoreErrorScreen final : public ui::Screen {
public:
    explicit StoreErrorScreen(KioskApp& app) : app_(app), journey_(app.journey()) {}
    std::string speech() const override {
        return journey_.say_text("error.store") + " " + journey_.say_text("error.store_hint");
    }
    void draw() override {
        ui::Ui& ui = app_.ui();
        const ui::Theme& th = ui.theme();
        ui::Rect area = app_.draw_nav(ui);
        const float icon_h = ui.fonts().size(ui::FontRole::Icon) * 1.3f;
        float y = area.y + std::max(0.0f, area.h * 0.15f);
        if (ui.metrics().portrait) y = std::max(y, ui.screen().h * 0.2f);
        ui.icon(ui.place({area.x, y, area.w, icon_h}), "warning", ui::FontRole::Icon, th.text);
        y += icon_h + ui.mm(4);
        const std::string head = journey_.t("error.store");
        y += ui.text(ui.place({area.x, y, area.w, 0}), head, ui::FontRole::Title, th.text, ui::Align::Center, ui::Align::Start);
        ui.note("title", {}, head);
        y += ui.mm(4);
        ui.text(ui.place({area.x, y, area.w, 0}), journey_.t("error.store_hint"), ui::FontRole::Body, th.text, ui::Align::Center,
                ui::Align::Start);
    }

private:
    KioskApp& app_;
    Journey& journey_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_store_error_screen(KioskApp& app) { return std::make_unique<StoreErrorScreen>(app); }

}  // namespace gastvrij::kiosk
