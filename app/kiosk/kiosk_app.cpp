#include "kiosk/kiosk_app.h"

#include <cstdio>

#include <algorithm>
#include <cmath>

#include "kiosk/screens.h"

namespace gastvrij::kiosk {

KioskApp::KioskApp(platform::Window& window, const Config& config, Reception& reception, const KioskOptions& o)
    : KioskApp(window, config, std::make_unique<LocalKioskPort>(reception), nullptr, o) {}

KioskApp::KioskApp(platform::Window& window, const Config& config, KioskPort& port, const KioskOptions& o)
    : KioskApp(window, config, nullptr, &port, o) {}

KioskApp::KioskApp(platform::Window& window, const Config& config, std::unique_ptr<KioskPort> owned, KioskPort* port,
                   const KioskOptions& o)
    : window_(window), config_(&config), owned_port_(std::move(owned)), port_(port ? *port : *owned_port_), options_(o),
      ui_(fonts_, icons_), journey_(config, port_), session_(journey_.session()),
      now_ms_([] { return platform::now_ms(); }) {
    std::string err;
    icons_.load(options_.assets_dir + "/icons/material-icons.codepoints", &err);
    if (options_.speech) speech_ = std::make_unique<platform::Speech>();
    rebuild_fonts();
    for (const ScreenEntry& e : screen_table()) screens_[e.id] = e.make(*this);
    if (options_.port_calls_in_background) port_calls_ = std::make_unique<ui::TaskQueue>([] { platform::Window::wake(); });
    stack_ = {ScreenId::Welcome};
    last_activity_ms_ = screen_entered_ms_ = now_ms_();
    // Host answers arrive on service threads: queue them and wake the loop.
    listener_ = port_.subscribe([this](const VisitChange& c) {
        {
            std::lock_guard<std::mutex> lock(changes_mutex_);
            changes_.push_back(c);
        }
        platform::Window::wake();
    });
}

KioskApp::~KioskApp() { port_.unsubscribe(listener_); }

ui::Screen& KioskApp::screen(ScreenId id) { return *screens_.at(id); }

void KioskApp::rebuild_fonts() {
    std::vector<std::string> texts;
    config_->texts.for_each([&](const std::string&, const std::string&, const Text& t) { texts.push_back(t.text); });
    for (const auto& s : config_->directory.staff) texts.push_back(s.display_name());
    for (const auto& t : config_->directory.teams) texts.push_back(t.name);
    texts.push_back(config_->kiosk.office_name);
    // Every key the on-screen keyboards offer, in both cases.
    texts.push_back("ëïéçğışöüłąęśżźćńİËÏÉÇĞŞÖÜŁĄĘŚŻŹĆŃ0123456789+-–:");
    std::vector<std::string> icons;
    for (const auto& t : config_->directory.topics) icons.push_back(icons_.glyph(t.icon));
    for (const char* n : {"arrow_back", "home", "volume_up", "stop", "support_agent", "backspace", "keyboard_arrow_up",
                          "keyboard_arrow_down", "check", "close", "format_size", "contrast", "record_voice_over",
                          "phone_callback", "directions_walk", "schedule", "warning", "person", "search", "space_bar", "arrow_upward",
                          "lock", "touch_app", "language", "star", "exit_to_app", "refresh", "chat", "qr_code", "sentiment_very_dissatisfied",
                          "sentiment_dissatisfied", "sentiment_neutral", "sentiment_satisfied", "sentiment_very_satisfied"})
        icons.push_back(icons_.glyph(n));
    const ui::Metrics m = ui::Metrics::compute(window_.width(), window_.height(), config_->kiosk.panel_width_mm,
                                               config_->kiosk.panel_height_mm, session_.large_text);
    std::string err;
    if (!fonts_.build(m.px_per_mm, m.text_scale, texts, icons, options_.fonts, &err)) throw std::runtime_error(err);
    window_.upload_font_atlas();
    ui_.layout().clear();
    fonts_large_ = session_.large_text;
}

float KioskApp::margin() const { return ui_.mm(10); }

void KioskApp::enter(ScreenId s) {
    screens_.at(stack_.back())->on_leave();
    stop_speaking();
    screen_entered_ms_ = now_ms_();
    screens_.at(s)->on_enter();
    // Asked once per screen, not per frame: a remote kiosk's answer may take a while.
    if (screen_entry(s).ending == Ending::Waits) talk_target_ = journey_.talk_destination();
}

void KioskApp::go(ScreenId s) {
    if (stack_.back() == s) return;
    enter(s);
    stack_.push_back(s);
    if (session_.read_aloud) speak_screen();
}

void KioskApp::back() {
    if (stack_.size() <= 1) return;
    ScreenId to = stack_[stack_.size() - 2];
    enter(to);
    stack_.pop_back();
    if (session_.read_aloud) speak_screen();
}

void KioskApp::home() {
    enter(ScreenId::Welcome);
    stack_ = {ScreenId::Welcome};
    journey_.start_over();
    timeout_since_ms_ = -1;
    last_activity_ms_ = now_ms_();
}

void KioskApp::set_language(const std::string& lang) {
    session_.language = lang;
    if (session_.read_aloud) speak_screen();
}


bool KioskApp::speech_available() const { return speech_ && speech_->available(); }
bool KioskApp::speaking() const { return speech_ && speech_->speaking(); }

void KioskApp::speak(const std::string& text) {
    spoke_this_frame_ = true;
    if (speech_) speech_->say(text, session_.language);
}

void KioskApp::stop_speaking() {
    if (speech_) speech_->stop();
}

void KioskApp::speak_screen() {
    session_.read_aloud = true;
    speak(screens_.at(stack_.back())->speech());
}

void* KioskApp::picture(const std::string& file) {
    auto it = textures_.find(file);
    if (it != textures_.end()) return it->second;
    int w = 0, h = 0;
    std::string err;
    void* tex = window_.load_texture(options_.assets_dir + "/" + file, &w, &h, &err);
    textures_[file] = tex;  // a missing image is looked up once, not every frame
    return tex;
}

void* KioskApp::photo(const std::string& file) {
    if (file.empty()) return nullptr;
    auto it = textures_.find("photo:" + file);
    if (it != textures_.end()) return it->second;
    int w = 0, h = 0;
    std::string err;
    void* tex = window_.load_texture(config_->photos_dir + "/" + file, &w, &h, &err);
    textures_["photo:" + file] = tex;
    return tex;
}

void KioskApp::go_if(std::optional<ScreenId> next) {
    if (next) go(*next);
}

void KioskApp::choose_topic(const std::string& id) { go_if(journey_.choose_topic(id)); }
void KioskApp::choose_person(const std::string& staff_id) { go(journey_.choose_person(staff_id)); }
void KioskApp::talk_to_someone() { go_if(journey_.talk_to_someone()); }
void KioskApp::replace(ScreenId s) {
    enter(s);
    stack_.back() = s;
    if (session_.read_aloud) speak_screen();
}

void KioskApp::ask_port(std::function<Then()> call) {
    if (!port_calls_) {
        if (Then then = call()) then();
        return;
    }
    port_calls_->post([call = std::move(call)]() -> ui::TaskQueue::Continuation { return call(); });
}

void KioskApp::wait_for_port(std::function<Then()> call) {
    auto guarded = [this, call = std::move(call)]() -> Then {
        try {
            return call();
        } catch (const std::exception& e) {
            return [this, why = std::string(e.what())] { answered(journey_.not_kept(why)); };
        }
    };
    if (!port_calls_) {
        ask_port(std::move(guarded));
        return;
    }
    // Over the network: the screen keeps drawing while the service commits,
    // and confirms only with its answer. A visitor who has left meanwhile
    // (time-out) gets nothing of it: the answer applies only to this "waiting".
    go(ScreenId::Waiting);
    const std::uint64_t mine = ++waits_;
    ask_port([this, guarded = std::move(guarded), mine]() -> Then {
        Then then = guarded();
        return [this, then = std::move(then), mine] {
            if (current() == ScreenId::Waiting && waits_ == mine && then) then();
        };
    });
}

void KioskApp::answered(ScreenId next) {
    if (current() == ScreenId::Waiting) replace(next);
    else go(next);
}

void KioskApp::answered_back() {
    if (current() != ScreenId::Waiting || stack_.size() < 3) {
        back();
        return;
    }
    enter(stack_[stack_.size() - 3]);
    stack_.resize(stack_.size() - 2);
    if (session_.read_aloud) speak_screen();
}

void KioskApp::check_in() {
    wait_for_port([this, r = journey_.check_in_request()]() -> Then {
        try {
            const Visit v = port_.check_in(r);
            const std::string url = port_.survey_link(v);
            return [this, v, url] { answered(journey_.checked_in(v, url)); };
        } catch (const std::exception& e) {
            return [this, why = std::string(e.what())] { answered(journey_.not_checked_in(why)); };
        }
    });
}

void KioskApp::request_callback(const std::string& phone, PartOfDay part) {
    wait_for_port([this, c = journey_.callback_request(phone, part)]() -> Then {
        port_.add_callback(c);
        return [this] { answered(journey_.callback_kept()); };
    });
}

void KioskApp::save_survey(std::optional<bool> one_go) {
    wait_for_port([this, r = journey_.survey_response(one_go)]() -> Then {
        const std::int64_t id = port_.add_survey(r);
        return [this, id] { answered(journey_.survey_kept(id)); };
    });
}

void KioskApp::add_survey_comment(const std::string& comment) {
    const std::int64_t id = session_.survey_id;
    if (comment.empty() || id == 0) {
        journey_.comment_kept(comment);
        back();
        return;
    }
    wait_for_port([this, id, comment]() -> Then {
        port_.set_survey_comment(id, comment);
        return [this, comment] {
            journey_.comment_kept(comment);
            answered_back();
        };
    });
}

void KioskApp::ask_recent_helpers(std::function<void(const std::vector<std::string>&)> then) {
    ask_port([&port = port_, then = std::move(then)]() -> Then {
        std::vector<std::string> ids;
        try {
            ids = port.recent_helpers();
        } catch (const std::exception&) {
            // No faces then; the visitor can still skip to the score.
        }
        return [then, ids = std::move(ids)] { then(ids); };
    });
}

void KioskApp::keep_unfinished_survey() {
    // Nobody waits for this one: the welcome screen matters more than one mark.
    ask_port([&port = port_, r = journey_.survey_response(std::nullopt)]() -> Then {
        try {
            port.add_survey(r);
        } catch (const std::exception&) {
            // Refused now; the mark is lost, the next visitor is not kept waiting.
        }
        return {};
    });
}

bool KioskApp::reload_config(std::string* errors) {
    if (!options_.reload) {
        if (errors) *errors = "reloading is not available in this mode";
        return false;
    }
    std::optional<Config> fresh = options_.reload(errors);
    if (!fresh) return false;
    if (options_.restart_on_reload) {
        reloaded_ = std::move(fresh);
        quit_ = true;
        return true;
    }
    owned_config_ = std::make_unique<Config>(std::move(*fresh));
    config_ = owned_config_.get();
    journey_.set_config(*config_);
    textures_.clear();
    rebuild_fonts();
    return true;
}

void KioskApp::drain_visit_changes() {
    std::deque<VisitChange> got;
    {
        std::lock_guard<std::mutex> lock(changes_mutex_);
        got.swap(changes_);
    }
    for (const auto& c : got) journey_.apply(c);
}

// Screens that end a journey go back to the welcome by themselves: there is
// nothing left to lose, so no warning is needed.
static bool returns_by_itself(ScreenId s) { return screen_entry(s).ending == Ending::ReturnsHome; }

// The time-out applies whenever a visitor has left something behind: any screen
// but the welcome, or a welcome with their language or settings still chosen.
bool KioskApp::idle() const {
    return (current() == ScreenId::Welcome || current() == ScreenId::Dark) && !journey_.settings_changed();
}

bool KioskApp::office_closed() const {
    return open_status(config_->kiosk.hours, port_.clock().local_now()).state == OpenState::Closed;
}

void KioskApp::track_dark(double now) {
    if (current() == ScreenId::Dark) {
        if (!office_closed()) replace(ScreenId::Welcome);
        return;
    }
    const int minutes = config_->kiosk.dark_after_minutes;
    if (minutes > 0 && now - last_activity_ms_ >= minutes * 60000.0 && office_closed()) replace(ScreenId::Dark);
}

void KioskApp::wake_from_dark() {
    home();
    session_.closed = true;
    go(ScreenId::Unavailable);
}

void KioskApp::track_idle(bool activity) {
    const double now = now_ms_();
    if (activity && timeout_since_ms_ < 0) last_activity_ms_ = now;
    const auto& k = config_->kiosk;
    if (returns_by_itself(current())) {
        if (now - screen_entered_ms_ >= k.confirmation_seconds * 1000.0 && now - last_activity_ms_ >= 5000) home();
        return;
    }
    if (idle()) {
        track_dark(now);
        return;
    }
    if (timeout_since_ms_ < 0 && now - last_activity_ms_ >= k.idle_seconds * 1000.0) {
        timeout_since_ms_ = now;
        // Shown and spoken, whatever the visitor chose: nobody loses their
        // entries without hearing it coming.
        speak(journey_.say_text("timeout.question") + " " +
              fill(journey_.say_text("timeout.countdown"), {{"seconds", std::to_string(k.warning_seconds)}}));
    } else if (timeout_since_ms_ >= 0 && now - timeout_since_ms_ >= k.warning_seconds * 1000.0) {
        // A visitor who gave a mark and walked away at the last question
        // still counts: the mark is kept, the one-go question unanswered.
        if (current() == ScreenId::SurveyOneGo && session_.survey_score > 0 && session_.survey_id == 0)
            keep_unfinished_survey();
        home();
    }
}

int KioskApp::ms_until_deadline() const {
    const double now = now_ms_();
    const auto& k = config_->kiosk;
    if (current() == ScreenId::Dark && !speaking()) {
        // Nothing to redraw until the office opens (or a touch comes).
        const OpenStatus st = open_status(k.hours, port_.clock().local_now());
        if (st.state != OpenState::Closed) return 1;
        if (st.minutes_to_change < 0) return 3600 * 1000;  // not within a week: look again in an hour
        const double into_minute = std::fmod(double(port_.clock().now()) * 1000.0, 60000.0);
        return std::max(1, int(std::ceil(st.minutes_to_change * 60000.0 - into_minute)));
    }
    double next = 60000.0 - std::fmod(double(port_.clock().now()) * 1000.0, 60000.0);  // minute tick
    if (timeout_since_ms_ >= 0) {
        next = std::min(next, 1000.0 - std::fmod(now - timeout_since_ms_, 1000.0));
    } else if (returns_by_itself(current())) {
        next = std::min(next, std::max(screen_entered_ms_ + k.confirmation_seconds * 1000.0, last_activity_ms_ + 5000) - now);
    } else if (!idle()) {
        next = std::min(next, last_activity_ms_ + k.idle_seconds * 1000.0 - now);
    } else if (k.dark_after_minutes > 0 && office_closed()) {
        next = std::min(next, last_activity_ms_ + k.dark_after_minutes * 60000.0 - now);
    }
    if (speaking()) next = std::min(next, 250.0);  // the speaker button shows when speech ends
    return std::max(1, int(std::ceil(next)));
}

ui::Rect KioskApp::draw_title(ui::Ui& ui, ui::Rect area, const std::string& key) {
    const float h = ui.text_height(journey_.t(key), ui::FontRole::Title, area.w);
    ui::Rect r{area.x, area.y, area.w, h};
    ui.text(ui.place(r), journey_.t(key), ui::FontRole::Title, ui.theme().text, ui::Align::Start, ui::Align::Start);
    ui.note("title", ui.place(r), journey_.t(key));
    ui::Rect rest = area.cut_top(h + ui.mm(6));
    // Portrait: the question may sit high, but every control stays below the
    // top fifth, within reach from a wheelchair.
    const float floor = ui.screen().h * 0.2f;
    if (ui.metrics().portrait && rest.y < floor) rest = {rest.x, floor, rest.w, rest.bottom() - floor};
    return rest;
}

ui::Rect KioskApp::draw_nav(ui::Ui& ui, bool with_back) {
    const float m = margin(), gap = ui.mm(4);
    const float line = ui.fonts().size(ui::FontRole::Body) * 1.25f;
    // Capped: in large text a label that needs more falls back to a smaller
    // (still ≥ 7.3 mm) font inside the button rather than eat the screen.
    const float h = std::max(ui.mm(26), std::min(2 * line + ui.mm(6), ui.mm(44)));
    const ui::Rect s = ui.screen();
    ui::Rect bar{m, s.h - m - h, s.w - 2 * m, h};
    float x = bar.x;
    const float w = ui.mm(ui.metrics().portrait ? 56 : 62);
    auto next = [&](float width) {
        ui::Rect r{x, bar.y, width, bar.h};
        x += width + gap;
        return r;
    };
    if (with_back && ui.button("nav/back", next(w), journey_.t("nav.back"), "arrow_back")) back();
    if (ui.button("nav/home", next(w), journey_.t("nav.home"), "home")) home();
    if (speech_available()) {
        const bool on = speaking();
        if (ui.button("nav/speak", next(w), on ? journey_.t("nav.stop_speaking") : journey_.t("nav.speak"), on ? "stop" : "volume_up",
                      ui::ButtonStyle::Secondary, session_.read_aloud)) {
            if (on) stop_speaking();
            else speak_screen();
        }
    }
    ui::Rect content{s.x + m, s.y + m, s.w - 2 * m, bar.y - gap - (s.y + m)};
    if (screen_entry(current()).ending == Ending::Waits) {
        ui::Rect talk{x, bar.y, bar.right() - x, bar.h};
        if (talk_target_ != current()) {
            if (ui.button("nav/talk", talk, journey_.t("nav.talk"), "support_agent", ui::ButtonStyle::Talk)) talk_to_someone();
        } else if (current() == ScreenId::Unavailable && !session_.closed) {
            // Open, but nobody free at the desk either: the way out is on foot.
            draw_to_desk(ui, talk, bar, content);
        }
    }
    return content;
}

void KioskApp::draw_to_desk(ui::Ui& ui, ui::Rect r, const ui::Rect& bar, ui::Rect& content) {
    const ui::Theme& th = ui.theme();
    const std::string hours = format_intervals(hours_on(config_->kiosk.hours, journey_.local_now()));
    const std::string text = journey_.t("nav.to_desk", {{"hours", hours}});
    const float icon = ui.fonts().size(ui::FontRole::Body) * 1.3f, pad = ui.mm(5);
    // Too long for what the buttons leave (portrait, long languages, large
    // text): a row of its own above them, at full body size.
    if (ui.text_height(text, ui::FontRole::Body, r.w - 3 * pad - icon) > r.h - ui.mm(4)) {
        const float h = std::max(ui.mm(26), ui.text_height(text, ui::FontRole::Body, bar.w - 3 * pad - icon) + ui.mm(8));
        const float gap = bar.y - content.bottom();
        r = {bar.x, bar.y - gap - h, bar.w, h};
        content.h -= h + gap;
    }
    // A plate, not a button: nothing to press, so nothing that looks pressable.
    ui.fill(ui.place(r), th.panel, 3);
    ui.icon(ui.place({r.x + pad, r.y, icon, r.h}), "directions_walk", ui::FontRole::Body, th.panel_text);
    const ui::Rect words{r.x + 2 * pad + icon, r.y, r.w - 3 * pad - icon, r.h};
    ui.text(ui.place(words), text, ui::FontRole::Body, th.panel_text, ui::Align::Start, ui::Align::Center);
    ui.note("nav/to_desk", ui.place(r), text);
}

void KioskApp::draw_timeout(ui::Ui& ui) {
    const ui::Rect s = ui.screen();
    ui.fill(s, 0x000000, 0);  // fully covers what lies beneath: one question only
    const float secs = std::max(0.0, config_->kiosk.warning_seconds - (now_ms_() - timeout_since_ms_) / 1000.0);
    const ui::Theme& th = ui.theme();
    const bool portrait = ui.metrics().portrait;
    const float pw = portrait ? s.w - ui.mm(28) : std::min(s.w - ui.mm(80), ui.mm(360));
    const float inner_w = pw - ui.mm(20);
    const std::string count = journey_.t("timeout.countdown", {{"seconds", std::to_string(int(std::ceil(secs)))}});
    const float q_h = ui.text_height(journey_.t("timeout.question"), ui::FontRole::Title, inner_w);
    const float c_h = ui.text_height(count, ui::FontRole::Title, inner_w);
    const float ph = ui.mm(20) + q_h + ui.mm(6) + c_h + ui.mm(10) + ui.mm(40);
    // Centred, and in portrait below the top fifth like every control.
    ui::Rect panel{(s.w - pw) / 2, std::max((s.h - ph) / 2, portrait ? s.h * 0.2f : 0.0f), pw, ph};
    ui.fill(panel, th.warning, 5);
    ui.outline(panel, th.edge, 1, 5);
    ui::Rect inner = panel.inset(ui.mm(10));
    float y = inner.y;
    y += ui.text({inner.x, y, inner.w, 0}, journey_.t("timeout.question"), ui::FontRole::Title, th.warning_text, ui::Align::Center,
                 ui::Align::Start) + ui.mm(6);
    ui.note("timeout/question", ui.place({inner.x, inner.y, inner.w, y - inner.y}), journey_.t("timeout.question"));
    ui.text({inner.x, y, inner.w, 0}, count, ui::FontRole::Title, th.warning_text, ui::Align::Center, ui::Align::Start);
    ui.note("timeout/countdown", {}, count);
    ui::Rect more{inner.x + inner.w * 0.1f, inner.bottom() - ui.mm(40), inner.w * 0.8f, ui.mm(40)};
    if (ui.button("timeout/more", more, journey_.t("timeout.more"), "touch_app", ui::ButtonStyle::Primary)) {
        timeout_since_ms_ = -1;  // as many extensions as the visitor needs
        last_activity_ms_ = now_ms_();
        stop_speaking();
    }
}

void KioskApp::update(platform::Input& in) {
    if (session_.large_text != fonts_large_) rebuild_fonts();  // never mid-frame
    spoke_this_frame_ = false;
    // The kiosk lock ignores a closed window, but systemctl stop (SIGTERM) must
    // end the kiosk cleanly instead of waiting to be killed.
    if (in.terminate) quit_ = true;
    track_idle(in.activity || in.pointer.down);
    if (port_calls_) port_calls_->drain();
    drain_visit_changes();
}

void KioskApp::draw() {
    const ui::Metrics m = ui::Metrics::compute(window_.width(), window_.height(), config_->kiosk.panel_width_mm,
                                               config_->kiosk.panel_height_mm, session_.large_text);
    const ui::Theme& theme = session_.contrast ? ui::contrast_theme() : ui::normal_theme();
    ui_.begin(window_.input(), m, theme, journey_.rtl());
    ui_.fill(ui_.screen(), theme.background, 0);
    const ScreenId before = current();
    const bool overlay = timeout_shown();
    ui_.set_inert(overlay);
    screens_.at(current())->draw();
    if (overlay) {
        ui_.set_inert(false);
        draw_timeout(ui_);
    }
    // The next action silences speech, unless that action asked for speech.
    if (ui_.activated_this_frame() && current() == before && !spoke_this_frame_ && !overlay) stop_speaking();
    ui_.end();
}

}  // namespace gastvrij::kiosk
