// Exit survey, tap 1: who helped you? The faces of colleagues who finished a
// conversation in the last hour, or "someone else / skip".
#include "kiosk/kiosk_app.h"
#include "kiosk/person_card.h"
#include "kiosk/screens.h"

namespace gastvrij::kiosk {
namespace {

class SurveyWhoScreen final : public ui::Screen {
public:
    explicit SurveyWhoScreen(KioskApp& app) : app_(app), journey_(app.journey()) {}
    void on_enter() override {
        // Asked once when the screen opens, not every frame; over the network
        // the faces follow when the service answers, the screen draws meanwhile.
        helpers_.clear();
        asking_ = true;
        const int asked = ++asked_;
        app_.ask_recent_helpers([this, asked](const std::vector<std::string>& ids) {
            if (asked != asked_) return;  // the answer to an earlier visit of this screen
            asking_ = false;
            for (const std::string& id : ids)
                if (const Staff* s = journey_.config().directory.person(id)) helpers_.push_back(s);
        });
    }
    std::string speech() const override { return journey_.say_text("survey.who") + " " + journey_.say_text("survey.who_hint"); }

    void draw() override {
        ui::Ui& ui = app_.ui();
        ui::Rect area = app_.draw_nav(ui);
        area = app_.draw_title(ui, area, "survey.who");
        float y = area.y;
        y += ui.text(ui.place({area.x, y, area.w, 0}), journey_.t("survey.who_hint") + " " + journey_.t("survey.anonymous"), ui::FontRole::Small,
                     ui.theme().text, ui::Align::Start, ui::Align::Start) + ui.mm(5);
        if (asking_) {
            // No faces and no "skip" yet: nothing moves under a finger when they come.
            const std::string words = journey_.t("confirm.wait");
            ui.text(ui.place({area.x, y, area.w, 0}), words, ui::FontRole::Body, ui.theme().text, ui::Align::Start, ui::Align::Start);
            ui.note("survey/who/wait", {}, words);
            return;
        }
        const bool portrait = ui.metrics().portrait;
        const int cols = portrait ? 2 : 3;
        const float gap = ui.mm(5), ch = ui.mm(36);
        const float cw = (area.w - gap * float(cols - 1)) / float(cols);
        size_t shown = std::min<size_t>(helpers_.size(), size_t(cols * 2));
        for (size_t i = 0; i < shown; ++i) {
            ui::Rect r{area.x + float(i % size_t(cols)) * (cw + gap), y + float(i / size_t(cols)) * (ch + gap), cw, ch};
            if (person_card(ui, app_, "survey/who/" + helpers_[i]->id, *helpers_[i], r)) pick(helpers_[i]->id);
        }
        y += float((shown + size_t(cols) - 1) / size_t(cols)) * (ch + gap);
        if (ui.button("survey/who/skip", {area.x, y, std::min(area.w, ui.mm(160)), ui.mm(28)}, journey_.t("survey.skip"), "arrow_forward"))
            pick("");
    }

private:
    void pick(const std::string& staff_id) {
        journey_.session().survey_staff = staff_id;
        app_.go(ScreenId::SurveyScore);
    }
    KioskApp& app_;
    Journey& journey_;
    std::vector<const Staff*> helpers_;
    bool asking_ = false;
    int asked_ = 0;
};

}  // namespace

std::unique_ptr<ui::Screen> make_survey_who_screen(KioskApp& app) { return std::make_unique<SurveyWhoScreen>(app); }

}  // namespace gastvrij::kiosk
