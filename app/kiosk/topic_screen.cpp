// Topic: six to nine big tiles, a pictogram and a few plain words each, from
// topics.toml — including "I have an appointment" and "talk to someone".
#include "kiosk/kiosk_app.h"
#include "kiosk/screens.h"

namespace gastvrij::kiosk {
namespace {

class TopicScreen final : public ui::Screen {
public:
    explicit TopicScreen(KioskApp& app) : app_(app), journey_(app.journey()) {}

    std::string speech() const override {
        std::string s = journey_.say_text("topic.question");
        for (const auto& t : journey_.config().directory.topics) s += ". " + journey_.config().texts.say(journey_.lang(), "topic." + t.id);
        return s;
    }

    void draw() override {
        ui::Ui& ui = app_.ui();
        ui::Rect area = app_.draw_nav(ui);
        area = app_.draw_title(ui, area, "topic.question");
        const auto& topics = journey_.config().directory.topics;
        const int n = int(topics.size());
        if (n == 0) return;
        const bool portrait = ui.metrics().portrait;
        const int cols = portrait ? (n <= 8 ? 2 : 3) : (n <= 8 ? 4 : 5);
        const int rows = (n + cols - 1) / cols;
        const float gap = ui.mm(5);
        const float w = (area.w - gap * float(cols - 1)) / float(cols);
        const float h = std::min((area.h - gap * float(rows - 1)) / float(rows), ui.mm(110));
        for (int i = 0; i < n; ++i) {
            const Topic& t = topics[size_t(i)];
            ui::Rect r{area.x + float(i % cols) * (w + gap), area.y + float(i / cols) * (h + gap), w, h};
            const auto style = t.route == RouteKind::Desk ? ui::ButtonStyle::Talk : ui::ButtonStyle::Primary;
            if (ui.tile("topic/" + t.id, r, journey_.topic_label(t.id), t.icon, style)) app_.choose_topic(t.id);
        }
    }

private:
    KioskApp& app_;
    Journey& journey_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_topic_screen(KioskApp& app) { return std::make_unique<TopicScreen>(app); }

}  // namespace gastvrij::kiosk
