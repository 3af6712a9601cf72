// Exit survey: an optional comment on the on-screen keyboard, added to the
// anonymous response already stored.
#include <utility>

#include "kiosk/keyboard.h"
#include "kiosk/kiosk_app.h"
#include "kiosk/screens.h"

namespace gastvrij::kiosk {
namespace {

constexpr size_t kMaxComment = 200;

class SurveyCommentScreen final : public ui::Screen {
public:
    explicit SurveyCommentScreen(KioskApp& app) : app_(app), journey_(app.journey()) {}
    void on_enter() override {
        text_.clear();
        keyboard_.reset();
    }
    std::string speech() const override { return journey_.say_text("survey.comment_question"); }

    void draw() override {
        ui::Ui& ui = app_.ui();
        const ui::Theme& th = ui.theme();
        ui::Rect area = app_.draw_nav(ui);
        area = app_.draw_title(ui, area, "survey.comment_question");
        const KeyboardLayout kl{true, /*sentences=*/true};
        const float kb_h = keyboard_.height(ui, kl);
        const float kb_w = ui.metrics().portrait ? area.w : std::min(area.w, ui.mm(340));
        ui::Rect kb{area.x + (area.w - kb_w) / 2, area.bottom() - kb_h, kb_w, kb_h};
        const float bw = ui.mm(75), row_h = std::min(ui.mm(40), kb.y - area.y - ui.mm(5));
        ui::Rect field{area.x, area.y, area.w - bw - ui.mm(4), row_h};
        ui.fill(ui.place(field), th.panel, 3);
        ui.outline(ui.place(field), th.edge, 0.7f, 3);
        ui.text(ui.place(field.inset(ui.mm(4))), text_ + "|", ui::FontRole::Body, th.panel_text, ui::Align::Start, ui::Align::Start);
        ui.note("survey/comment_field", ui.place(field), text_);
        if (ui.button("survey/send", {field.right() + ui.mm(4), area.y, bw, std::min(row_h, ui.mm(28))}, journey_.t("survey.send"), "check",
                      ui::ButtonStyle::Primary)) {
            send();
            return;
        }
        keyboard_.draw(ui, app_, kb, text_, kMaxComment, kl);
    }

private:
    void send() { app_.add_survey_comment(std::exchange(text_, {})); }
    KioskApp& app_;
    Journey& journey_;
    Keyboard keyboard_;
    std::string text_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_survey_comment_screen(KioskApp& app) { return std::make_unique<SurveyCommentScreen>(app); }

}  // namespace gastvrij::kiosk
