// After closing time, once nobody has touched the kiosk for a while
// ([panel] dark_after_minutes): a dark, calm screen instead of a lit welcome
// all night. cage cannot switch the panel off, so this is the next best
// thing: black, nothing moving, no redraw until the office opens. A touch
// anywhere wakes it to the closed screen — closed, the hours, a call back.
#include "kiosk/kiosk_app.h"
#include "kiosk/screens.h"

namespace gastvrij::kiosk {
namespace {

class DarkScreen final : public ui::Screen {
public:
    explicit DarkScreen(KioskApp& app) : app_(app) {}

    // Read-aloud is never on here (a chosen setting keeps the welcome lit),
    // but should it be asked: the office is closed.
    std::string speech() const override { return app_.journey().say_text("unavailable.closed"); }

    void draw() override {
        ui::Ui& ui = app_.ui();
        ui.fill(ui.screen(), 0x000000, 0);
        if (ui.hotspot("dark/wake", ui.screen())) app_.wake_from_dark();
    }

private:
    KioskApp& app_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_dark_screen(KioskApp& app) { return std::make_unique<DarkScreen>(app); }

}  // namespace gastvrij::kiosk
