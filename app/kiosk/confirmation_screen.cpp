// Confirmation: who is coming, with their photo, and how the promise stands —
// notified, on the way in about N minutes, or a colleague helping instead —
// updated live as the host answers. Shown only after the check-in committed.
// Below, for the wait and for afterwards, up to two QR codes for the phone:
// more about the chosen topic, and this visit's survey link when the office
// publishes the survey page. Nothing asks the visitor to scan them.
#include "kiosk/kiosk_app.h"
#include "kiosk/person_card.h"
#include "kiosk/phone_links.h"
#include "kiosk/screens.h"

namespace gastvrij::kiosk {
namespace {

class ConfirmationScreen final : public ui::Screen {
public:
    explicit ConfirmationScreen(KioskApp& app) : app_(app), journey_(app.journey()) {}

    const Staff* host() const {
        const auto& v = journey_.session().visit;
        return v ? journey_.config().directory.person(v->host_id) : nullptr;
    }
    std::string team_name() const {
        const auto& v = journey_.session().visit;
        const Team* t = v ? journey_.config().directory.team(v->team_id) : nullptr;
        return t ? t->name : "";
    }

    // The headline and the live status line, as display (say=false) or speech.
    std::string headline(bool say) const {
        const Staff* h = host();
        auto get = [&](const std::string& k) { return say ? journey_.say_text(k) : journey_.t(k); };
        if (!h) return get("confirm.desk");
        const auto& name = journey_.session().name;
        std::map<std::string, std::string> v{{"host", h->first_name}, {"team", team_name()}, {"name", name}};
        // The visitor's own name is shown but never spoken aloud.
        return fill(get(!name.empty() && !say ? "confirm.coming_name" : "confirm.coming"), v);
    }

    std::string status(bool say) const {
        const auto& visit = journey_.session().visit;
        if (!visit) return "";
        auto get = [&](const std::string& k) { return say ? journey_.say_text(k) : journey_.t(k); };
        const Staff* h = host();
        const std::string host_name = h ? h->first_name : "";
        switch (visit->state) {
        case VisitState::Acknowledged: {
            const Timestamp left = visit->promised_at - journey_.port().clock().now();
            const int minutes = int(std::max<Timestamp>(1, (left + 59) / 60));
            return fill(get("confirm.on_the_way"), {{"host", host_name}, {"minutes", std::to_string(minutes)}});
        }
        case VisitState::InConversation:
        case VisitState::Finished: return get("confirm.started");
        case VisitState::Escalated:
        case VisitState::Reassigned:
            if (!h) return get("confirm.desk");
            return fill(get("confirm.instead"), {{"host", host_name}});
        default:
            return h ? fill(get("confirm.notified"), {{"host", host_name}}) : "";
        }
    }

    std::string speech() const override {
        return headline(true) + " " + journey_.say_text("confirm.seat") + " " + status(true);
    }

    void draw() override {
        ui::Ui& ui = app_.ui();
        const ui::Theme& th = ui.theme();
        ui::Rect area = app_.draw_nav(ui, false);
        const bool portrait = ui.metrics().portrait;
        const Staff* h = host();
        const float photo = ui.mm(portrait ? 70 : 90);
        ui::Rect words = area;
        if (portrait) {
            // Top fifth holds nothing essential: the photo sits below it.
            ui::Rect p{area.cx() - photo / 2, std::max(area.y, ui.screen().h * 0.2f), photo, photo};
            if (h) draw_portrait(ui, app_, *h, ui.place(p));
            words = {area.x, p.bottom() + ui.mm(8), area.w, area.bottom() - p.bottom() - ui.mm(8)};
        } else {
            ui::Rect p{area.x, area.y + ui.mm(10), photo, photo};
            if (h) draw_portrait(ui, app_, *h, ui.place(p));
            words = {area.x + photo + ui.mm(14), area.y + ui.mm(10), area.w - photo - ui.mm(14), area.h - ui.mm(10)};
        }
        float y = words.y;
        const std::string head = headline(false);
        y += ui.text(ui.place({words.x, y, words.w, 0}), head, ui::FontRole::Title, th.text, ui::Align::Start, ui::Align::Start);
        ui.note("confirm/headline", {}, head);
        y += ui.mm(5);
        y += ui.text(ui.place({words.x, y, words.w, 0}), journey_.t("confirm.seat"), ui::FontRole::Body, th.text, ui::Align::Start,
                     ui::Align::Start) + ui.mm(8);
        const std::string st = status(false);
        if (!st.empty()) {
            const float sh = ui.text_height(st, ui::FontRole::Body, words.w - ui.mm(12)) + ui.mm(10);
            ui::Rect box{words.x, y, words.w, sh};
            ui.fill(ui.place(box), th.panel, 3);
            ui.outline(ui.place(box), th.edge, 0.7f, 3);
            ui.text(ui.place(box.inset(ui.mm(5))), st, ui::FontRole::Body, th.panel_text, ui::Align::Start, ui::Align::Center);
            ui.note("confirm/status", ui.place(box), st);
            y += sh + ui.mm(8);
        }
        const std::vector<PhoneLink> links = phone_links();
        const float bw = ui.mm(80), bh = ui.mm(28);
        const float done_y = links.empty() ? std::min(words.bottom() - bh, y) : y;
        if (ui.button("confirm/done", {words.x, done_y, bw, bh}, journey_.t("confirm.done"), "check", ui::ButtonStyle::Primary))
            app_.home();
        // The phone links take what is left below, across the whole width.
        const float top = std::max(done_y + bh, portrait ? 0.f : area.y + ui.mm(10) + photo) + ui.mm(10);
        draw_phone_links(ui, {area.x, top, area.w, area.bottom() - top}, links);
    }

    std::vector<PhoneLink> phone_links() const {
        std::vector<PhoneLink> out;
        const auto& v = journey_.session().visit;
        if (!v) return out;
        if (const Topic* topic = journey_.config().directory.topic(v->topic_id); topic && !topic->info_url.empty())
            out.push_back({"qr/info", topic->info_url, journey_.t("info.more", {{"topic", journey_.topic_label(topic->id)}})});
        if (!journey_.session().survey_url.empty())
            out.push_back({"qr/survey", journey_.session().survey_url, journey_.t("survey.phone_qr")});
        return out;
    }

private:
    KioskApp& app_;
    Journey& journey_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_confirmation_screen(KioskApp& app) { return std::make_unique<ConfirmationScreen>(app); }

}  // namespace gastvrij::kiosk
