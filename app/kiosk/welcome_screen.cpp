// Welcome: a greeting by time of day, the office, the language choice (each
// language named in its own script), the large-text / contrast / read-aloud
// switches and one big way in. When closed: today's and tomorrow's hours.
#include <map>

#include "kiosk/kiosk_app.h"
#include "kiosk/screens.h"

namespace gastvrij::kiosk {
namespace {

class WelcomeScreen final : public ui::Screen {
public:
    explicit WelcomeScreen(KioskApp& app) : app_(app), journey_(app.journey()) {}

    std::string greeting_key() const {
        const int minute = journey_.local_now().minute;
        return minute < 12 * 60 ? "welcome.morning" : minute < 18 * 60 ? "welcome.afternoon" : "welcome.evening";
    }

    OpenStatus status() const { return open_status(journey_.config().kiosk.hours, journey_.local_now()); }

    std::string hours_line(int day_offset) const {
        const LocalTime day = add_days(journey_.local_now(), day_offset);
        std::string h = format_intervals(hours_on(journey_.config().kiosk.hours, day));
        if (h.empty()) h = journey_.t("hours.closed_day");
        return journey_.t(day_offset == 0 ? "hours.today" : "hours.tomorrow", {{"hours", h}});
    }

    std::string speech() const override {
        std::string s = journey_.say_text(greeting_key()) + " ";
        const OpenStatus st = status();
        if (st.state == OpenState::Closed) return s + journey_.say_text("welcome.closed");
        return s + journey_.say_text("welcome.question") + " " + journey_.say_text("welcome.touch");
    }

    void draw() override {
        ui::Ui& ui = app_.ui();
        const ui::Theme& th = ui.theme();
        const ui::Rect s = ui.screen();
        const float m = app_.margin(), gap = ui.mm(4);
        const bool portrait = ui.metrics().portrait;
        const OpenStatus st = status();
        const bool closed = st.state == OpenState::Closed;

        // "Touch anywhere to start": the whole background is the way in; the
        // buttons drawn on top of it take their own taps.
        if (ui.hotspot("welcome/anywhere", s)) start();

        // Bottom: languages, then the three switches (reachable from a wheelchair).
        const float row_h = ui.mm(24);
        ui::Rect bottom{m, s.h - m - row_h * 2 - gap, s.w - 2 * m, row_h * 2 + gap};
        draw_languages(ui, {bottom.x, bottom.y, bottom.w, row_h});
        draw_switches(ui, {bottom.x, bottom.y + row_h + gap, bottom.w, row_h});

        ui::Rect top{m, m, s.w - 2 * m, bottom.y - gap * 2 - m};
        // Office name: not essential, top strip. Five taps on it open the admin PIN.
        const float office_h = ui.fonts().size(ui::FontRole::Small) * 1.4f;
        ui::Rect office{top.x, top.y, top.w, office_h};
        ui.text(ui.place(office), journey_.config().kiosk.office_name, ui::FontRole::Small, th.muted, ui::Align::Start);
        admin_gesture(ui, {0, 0, ui.mm(30), ui.mm(30)});
        top = top.cut_top(office_h + gap);

        ui::Rect picture_r, words_r;
        if (portrait) {
            picture_r = {top.x, top.y, top.w, top.h * 0.36f};
            words_r = top.cut_top(top.h * 0.36f + gap);
        } else {
            picture_r = {top.x, top.y, top.w * 0.40f, top.h};
            words_r = {top.x + top.w * 0.40f + ui.mm(10), top.y, top.w * 0.60f - ui.mm(10), top.h};
        }
        if (void* pic = app_.picture("welcome.png")) {
            float side = std::min(picture_r.w, picture_r.h * 4 / 3);
            ui::Rect p{picture_r.cx() - side / 2, picture_r.cy() - side * 3 / 8, side, side * 3 / 4};
            ui.image(ui.place(p), pic, 6);
        }
        float y = words_r.y;
        const std::string greet = journey_.t(greeting_key());
        y += ui.text(ui.place({words_r.x, y, words_r.w, 0}), greet, ui::FontRole::Title, th.text, ui::Align::Start, ui::Align::Start);
        ui.note("welcome/greeting", ui.place({words_r.x, words_r.y, words_r.w, y - words_r.y}), greet);
        y += ui.mm(3);
        const std::string line = closed ? journey_.t("welcome.closed") : journey_.t("welcome.question");
        y += ui.text(ui.place({words_r.x, y, words_r.w, 0}), line, ui::FontRole::Body, th.text, ui::Align::Start, ui::Align::Start);
        y += ui.mm(5);
        if (closed) {
            for (int d = 0; d < 2; ++d) {
                std::string hl = hours_line(d);
                y += ui.text(ui.place({words_r.x, y, words_r.w, 0}), hl, ui::FontRole::Body, th.text, ui::Align::Start, ui::Align::Start);
                ui.note(d == 0 ? "welcome/hours_today" : "welcome/hours_tomorrow", {}, hl);
            }
            y += ui.mm(5);
        } else if (st.state == OpenState::ClosingSoon) {
            y += ui.text(ui.place({words_r.x, y, words_r.w, 0}),
                         journey_.t("welcome.closing_soon", {{"minutes", std::to_string(st.minutes_to_change)}}),
                         ui::FontRole::Body, th.text, ui::Align::Start, ui::Align::Start) + ui.mm(4);
        }
        // The way in follows the question directly; in portrait it stays below
        // the top fifth of the screen, out of reach of nobody.
        const float start_h = ui.mm(40);
        if (portrait) y = std::max(y, s.h * 0.2f);
        ui::Rect start_r{words_r.x, std::min(y, words_r.bottom() - start_h), words_r.w, start_h};
        if (ui.button("welcome/start", start_r, closed ? journey_.t("unavailable.callback") : journey_.t("welcome.start"),
                      closed ? "phone_callback" : "touch_app", ui::ButtonStyle::Primary))
            start();
        float below = start_r.bottom() + ui.mm(4);
        if (!closed) {
            const std::string touch = journey_.t("welcome.touch");
            below += ui.text(ui.place({words_r.x, below, words_r.w, 0}), touch, ui::FontRole::Small, th.muted, ui::Align::Center,
                             ui::Align::Start) + ui.mm(4);
        }
        // On the way out: three taps to say how it went.
        const float survey_h = ui.mm(26);
        ui::Rect survey_r{words_r.x, std::max(below, words_r.bottom() - survey_h), words_r.w, survey_h};
        if (survey_r.bottom() <= words_r.bottom() + 1 &&
            ui.button("welcome/survey", survey_r, journey_.t("welcome.survey"), "star", ui::ButtonStyle::Secondary))
            app_.go(ScreenId::SurveyWho);
    }

private:
    void start() {
        if (status().state == OpenState::Closed) {
            journey_.session().closed = true;
            app_.go(ScreenId::Unavailable);
        } else {
            app_.go(ScreenId::Topic);
        }
    }

    void draw_languages(ui::Ui& ui, ui::Rect r) {
        const auto& langs = journey_.config().kiosk.languages;
        const float gap = ui.mm(4);
        const float w = (r.w - gap * float(langs.size() - 1)) / float(langs.size());
        for (size_t i = 0; i < langs.size(); ++i) {
            const std::string& l = langs[i];
            // Each language is named in its own script, whatever is chosen now.
            const std::string& name = journey_.config().texts.text(l, "language.name");
            ui::Rect b{r.x + float(i) * (w + gap), r.y, w, r.h};
            if (ui.button("lang/" + l, b, name, "", ui::ButtonStyle::Secondary, journey_.lang() == l)) app_.set_language(l);
        }
    }

    void draw_switches(ui::Ui& ui, ui::Rect r) {
        const float gap = ui.mm(4);
        const bool speech = app_.speech_available();
        const int n = speech ? 3 : 2;
        const float w = (r.w - gap * float(n - 1)) / float(n);
        Session& s = journey_.session();
        if (ui.button("settings/large_text", {r.x, r.y, w, r.h}, journey_.t("settings.large_text"), "format_size",
                      ui::ButtonStyle::Secondary, s.large_text))
            journey_.toggle_large_text();
        if (ui.button("settings/contrast", {r.x + w + gap, r.y, w, r.h}, journey_.t("settings.contrast"), "contrast",
                      ui::ButtonStyle::Secondary, s.contrast))
            journey_.toggle_contrast();
        if (speech && ui.button("settings/read_aloud", {r.x + 2 * (w + gap), r.y, w, r.h}, journey_.t("settings.read_aloud"),
                                "record_voice_over", ui::ButtonStyle::Secondary, s.read_aloud)) {
            if (s.read_aloud) {
                s.read_aloud = false;
                app_.stop_speaking();
            } else {
                app_.speak_screen();
            }
        }
    }

    // Five taps on the top corner within four seconds: the admin PIN pad.
    void admin_gesture(ui::Ui& ui, ui::Rect corner) {
        if (ui.hotspot("admin/corner", corner)) {
            const double now = app_.now_ms();
            if (now - first_tap_ms_ > 4000) taps_ = 0, first_tap_ms_ = now;
            if (++taps_ >= 5) {
                taps_ = 0;
                app_.go(ScreenId::Admin);
            }
        }
    }

    KioskApp& app_;

    Journey& journey_;
    int taps_ = 0;
    double first_tap_ms_ = 0;
};

}  // namespace

std::unique_ptr<ui::Screen> make_welcome_screen(KioskApp& app) { return std::make_unique<WelcomeScreen>(app); }

}  // namespace gastvrij::kiosk
