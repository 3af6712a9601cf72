// Exit survey, tap 3 (optional question): was everything arranged in one go?
// Any answer, or skipping, stores the response — anonymously.
#include "domain/survey.h"
#include "kiosk/kiosk_app.h"
#include "kiosk/screens.h"

namespace gastvrij::kiosk {
namespace {

class SurveyOneGoScreen final : public ui::Screen {
public:
    explicit SurveyOneGoScreen(KioskApp& app) : app_(app), journey_(app.journey()) {}
    std::string speech() const override {
        return journey_.say_text("survey.one_go") + " " + journey_.say_text("survey.yes") + ". " + journey_.say_text("survey.no") + ".";
    }

    void draw() override {
        ui::Ui& ui = app_.ui();
        ui::Rect area = app_.draw_nav(ui);
        area = app_.draw_title(ui, area, "survey.one_go");
        const float gap = ui.mm(5), h = ui.mm(36);
        const float w = std::min((area.w - gap) / 2, ui.mm(120));
        float y = area.y + ui.mm(4);
        if (ui.metrics().portrait) y = std::max(y, ui.screen().h * 0.2f);
        if (ui.button("survey/yes", {area.x, y, w, h}, journey_.t("survey.yes"), "check", ui::ButtonStyle::Primary)) save(true);
        if (ui.button("survey/no", {area.x + w + gap, y, w, h}, journey_.t("survey.no"), "close", ui::ButtonStyle::Primary)) save(false);
        if (ui.button("survey/one_go/skip", {area.x, y + h + gap, 2 * w + gap, ui.mm(26)}, journey_.t("survey.skip"), "arrow_forward"))
            save(std::nullopt);
    }

private:
    // Thanks once the answer is kept, the desk notice if it was not.
    void save(std::optional<bool> one_go) { app_.save_survey(one_go); }
    KioskApp& app_;
    Journey& journey_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_survey_one_go_screen(KioskApp& app) { return std::make_unique<SurveyOneGoScreen>(app); }

}  // namespace gastvrij::kiosk
