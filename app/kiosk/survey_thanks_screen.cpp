// Exit survey: thank you, and — only if the visitor wants — a comment.
#include "kiosk/kiosk_app.h"
#include "kiosk/screens.h"

namespace gastvrij::kiosk {
namespace {

class SurveyThanksScreen final : public ui::Screen {
public:
    explicit SurveyThanksScreen(KioskApp& app) : app_(app), journey_(app.journey()) {}
    std::string speech() const override { return journey_.say_text("survey.thanks") + " " + journey_.say_text("survey.anonymous"); }

    void draw() override {
        ui::Ui& ui = app_.ui();
        ui::Rect area = app_.draw_nav(ui, false);
        float y = area.y + (ui.metrics().portrait ? ui.screen().h * 0.2f : ui.mm(16));
        y += ui.text(ui.place({area.x, y, area.w, 0}), journey_.t("survey.thanks"), ui::FontRole::Title, ui.theme().text, ui::Align::Center,
                     ui::Align::Start) + ui.mm(4);
        ui.note("title", {}, journey_.t("survey.thanks"));
        y += ui.text(ui.place({area.x, y, area.w, 0}), journey_.t("survey.anonymous"), ui::FontRole::Body, ui.theme().text, ui::Align::Center,
                     ui::Align::Start) + ui.mm(10);
        const float bw = std::min(area.w, ui.mm(110)), gap = ui.mm(6), bh = ui.mm(28);
        const bool commented = !journey_.session().survey_comment.empty();
        float x = area.cx() - (commented ? bw / 2 : bw + gap / 2);
        if (!commented) {
            if (ui.button("survey/comment", {x, y, bw, bh}, journey_.t("survey.comment"), "chat")) app_.go(ScreenId::SurveyComment);
            x += bw + gap;
        }
        if (ui.button("confirm/done", {x, y, bw, bh}, journey_.t("confirm.done"), "check", ui::ButtonStyle::Primary)) app_.home();
    }

private:
    KioskApp& app_;
    Journey& journey_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_survey_thanks_screen(KioskApp& app) { return std::make_unique<SurveyThanksScreen>(app); }

}  // namespace gastvrij::kiosk
