// Nobody available, or closed: say so plainly, show the opening hours and the
// website and more about their topic as QR codes, and offer a call back
// instead of a dead end.
#include "kiosk/kiosk_app.h"
#include "kiosk/phone_links.h"
#include "kiosk/screens.h"

namespace gastvrij::kiosk {
namespace {

class UnavailableScreen final : public ui::Screen {
public:
    explicit UnavailableScreen(KioskApp& app) : app_(app), journey_(app.journey()) {}

    std::string speech() const override {
        const bool closed = journey_.session().closed;
        return journey_.say_text(closed ? "unavailable.closed" : "unavailable.nobody") + " " +
               journey_.say_text("unavailable.callback_hint") + " " + journey_.say_text("unavailable.desk");
    }

    void draw() override {
        ui::Ui& ui = app_.ui();
        const ui::Theme& th = ui.theme();
        ui::Rect area = app_.draw_nav(ui);
        const bool closed = journey_.session().closed;
        const std::string head = journey_.t(closed ? "unavailable.closed" : "unavailable.nobody");
        float hh = ui.text(ui.place({area.x, area.y, area.w, 0}), head, ui::FontRole::Title, th.text, ui::Align::Start, ui::Align::Start);
        ui.note("title", ui.place({area.x, area.y, area.w, hh}), head);
        area = area.cut_top(hh + ui.mm(6));
        const bool portrait = ui.metrics().portrait;
        const float floor = ui.screen().h * 0.2f;
        if (portrait && area.y < floor) area = {area.x, floor, area.w, area.bottom() - floor};
        const float gap = ui.mm(8);
        ui::Rect left = portrait ? ui::Rect{area.x, area.y, area.w, area.h * 0.5f} : ui::Rect{area.x, area.y, area.w * 0.55f, area.h};
        ui::Rect right = portrait ? area.cut_top(area.h * 0.5f + gap) : ui::Rect{left.right() + gap, area.y, area.w - left.w - gap, area.h};

        // What to do instead: a call back, or the desk when it is staffed.
        float y = left.y;
        y += ui.text(ui.place({left.x, y, left.w, 0}), closed ? journey_.t("unavailable.callback_hint") : journey_.t("unavailable.desk"),
                     ui::FontRole::Body, th.text, ui::Align::Start, ui::Align::Start) + ui.mm(6);
        if (ui.button("unavailable/callback", {left.x, y, std::min(left.w, ui.mm(150)), ui.mm(30)}, journey_.t("unavailable.callback"),
                      "phone_callback", ui::ButtonStyle::Primary))
            app_.go(ScreenId::Callback);
        y += ui.mm(36);
        // Opening hours for the week, today first.
        y += ui.text(ui.place({left.x, y, left.w, 0}), journey_.t("unavailable.hours"), ui::FontRole::Body, th.text, ui::Align::Start,
                     ui::Align::Start) + ui.mm(2);
        const LocalTime now = journey_.local_now();
        for (int d = 0; d < 7 && y < left.bottom(); ++d) {
            const LocalTime day = add_days(now, d);
            std::string h = format_intervals(hours_on(journey_.config().kiosk.hours, day));
            if (h.empty()) h = journey_.t("hours.closed_day");
            // Through fill(): in Arabic the times are isolated and read as on the
            // plate below. The day stays in the sentence: fribidi 1.0.8 turns the
            // times around when the line itself starts with an isolate.
            const std::string line = fill(journey_.t("day." + std::to_string(day.weekday)) + ":  {hours}", {{"hours", h}});
            y += ui.text(ui.place({left.x, y, left.w, 0}), line, ui::FontRole::Small, th.text, ui::Align::Start, ui::Align::Start);
            if (d == 0) ui.note("unavailable/hours_today", {}, line);
        }
        // On the phone instead: more about the topic they came for, and the
        // website. Listed so that the website is the last to give way.
        std::vector<PhoneLink> links;
        if (const Topic* topic = journey_.config().directory.topic(journey_.session().topic_id); topic && !topic->info_url.empty())
            links.push_back({"qr/info", topic->info_url, journey_.t("info.more", {{"topic", journey_.topic_label(topic->id)}})});
        const std::string& site = journey_.config().kiosk.website;
        if (!site.empty()) links.push_back({"qr/website", site, journey_.t("unavailable.website")});
        draw_phone_links(ui, right, std::move(links));
    }

private:
    KioskApp& app_;
    Journey& journey_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_unavailable_screen(KioskApp& app) { return std::make_unique<UnavailableScreen>(app); }

}  // namespace gastvrij::kiosk
