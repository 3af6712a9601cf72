// Exit survey, tap 2: a report-card mark, 1 to 10 on large buttons, or five
// faces mapped onto the scale when kiosk.toml says so.
#include "domain/survey.h"
#include "kiosk/kiosk_app.h"
#include "kiosk/screens.h"

namespace gastvrij::kiosk {
namespace {

class SurveyScoreScreen final : public ui::Screen {
public:
    explicit SurveyScoreScreen(KioskApp& app) : app_(app), journey_(app.journey()) {}
    std::string speech() const override {
        std::string s = journey_.say_text("survey.score");
        if (journey_.config().kiosk.survey_faces)
            for (int f = 1; f <= 5; ++f) s += ". " + journey_.say_text("survey.face_" + std::to_string(f));
        else
            s += " " + journey_.say_text("survey.score_hint");
        return s;
    }

    void draw() override {
        ui::Ui& ui = app_.ui();
        ui::Rect area = app_.draw_nav(ui);
        area = app_.draw_title(ui, area, "survey.score");
        const ui::Theme& th = ui.theme();
        const bool faces = journey_.config().kiosk.survey_faces;
        float y = area.y;
        if (!faces)
            y += ui.text(ui.place({area.x, y, area.w, 0}), journey_.t("survey.score_hint"), ui::FontRole::Body, th.text, ui::Align::Start,
                         ui::Align::Start) + ui.mm(6);
        const float gap = ui.mm(5);
        if (faces) {
            static const char* icons[5] = {"sentiment_very_dissatisfied", "sentiment_dissatisfied", "sentiment_neutral",
                                           "sentiment_satisfied", "sentiment_very_satisfied"};
            const bool portrait = ui.metrics().portrait;
            const int cols = portrait ? 1 : 5;
            const float w = (area.w - gap * float(cols - 1)) / float(cols);
            const float h = portrait ? ui.mm(26) : ui.mm(60);
            for (int f = 1; f <= 5; ++f) {
                ui::Rect r{area.x + float((f - 1) % cols) * (w + gap), y + float((f - 1) / cols) * (h + gap), w, h};
                bool hit = portrait ? ui.button("survey/face/" + std::to_string(f), r, journey_.t("survey.face_" + std::to_string(f)), icons[f - 1])
                                    : ui.tile("survey/face/" + std::to_string(f), r, journey_.t("survey.face_" + std::to_string(f)), icons[f - 1],
                                              ui::ButtonStyle::Secondary);
                if (hit) pick(score_from_face(f));
            }
            return;
        }
        // Two rows of five: numbers read left to right in every language.
        const float w = (area.w - gap * 4) / 5, h = std::min(ui.mm(40), (area.bottom() - y - gap) / 2);
        for (int n = 1; n <= 10; ++n) {
            int col = (n - 1) % 5;
            if (ui.rtl()) col = 4 - col;
            ui::Rect r{area.x + float(col) * (w + gap), y + float((n - 1) / 5) * (h + gap), w, h};
            // Every mark looks the same: the kiosk does not steer the answer.
            if (ui.button("survey/score/" + std::to_string(n), r, std::to_string(n), "", ui::ButtonStyle::Secondary))
                pick(n);
        }
    }

private:
    void pick(int score) {
        journey_.session().survey_score = score;
        app_.go(ScreenId::SurveyOneGo);
    }
    KioskApp& app_;
    Journey& journey_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_survey_score_screen(KioskApp& app) { return std::make_unique<SurveyScoreScreen>(app); }

}  // namespace gastvrij::kiosk
