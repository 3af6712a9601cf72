#pragma once
// The visitor's kiosk around one windowless Journey (the visitor's session,
// its commands and texts): the screens (one file each, listed in screens.h),
// navigation with Back / Home / "talk to someone" everywhere, the time-out
// warning, read-aloud and the hidden admin entry. Screens read the session
// and texts from the Journey and never touch storage: their requests go
// through the KioskPort (the reception in this process or on the office's
// service), which commits before anything is shown as confirmed.
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "domain/kiosk_port.h"
#include "platform/speech.h"
#include "platform/window.h"
#include "kiosk/journey.h"
#include "kiosk/screens.h"
#include "ui/task_queue.h"
#include "ui/app.h"
#include "ui/ui.h"

namespace gastvrij::kiosk {


struct KioskOptions {
    bool fullscreen = true;
    std::string assets_dir;       // photos/, icons/, welcome.png
    ui::FontFiles fonts;
    bool speech = true;           // start espeak-ng (off in some tests)
    // Creates a one-time code for pairing a companion with this kiosk's
    // service: {code, pairing link with address and certificate fingerprint}.
    // Empty when the kiosk runs no API.
    std::function<std::pair<std::string, std::string>()> pair_companion;
    // The port talks over the network (a kiosk on another machine): its
    // calls run off the UI thread, with "Een moment…" on screen.
    bool port_calls_in_background = false;
    // Loads the configuration afresh for the admin's "reload" (and SIGHUP);
    // without it reloading is not available.
    std::function<std::optional<Config>(std::string* errors)> reload;
    // When the kiosk runs the service in its own process, a new configuration
    // must reach routing and notifications too: reload then ends this app
    // (quit_requested()) and hands the checked configuration to the caller
    // (take_reloaded_config()), which starts everything again on it.
    bool restart_on_reload = false;
};

class KioskApp final : public ui::App {
public:
    KioskApp(platform::Window& window, const Config& config, KioskPort& port, const KioskOptions& o);
    // The reception in this process, without a phone survey link (tests,
    // screenshots, benchmarks).
    KioskApp(platform::Window& window, const Config& config, Reception& reception, const KioskOptions& o);
    ~KioskApp() override;

    // ui::App: the main loop's and the driver's view.
    void update(platform::Input& in) override;
    void draw() override;
    std::uint32_t clear_colour() const override { return 0x000000FF; }
    // The next moment the screen must change by itself (countdown tick,
    // minute tick, automatic return).
    int ms_until_deadline() const override;
    bool quit_requested() const override { return quit_; }
    const ui::WidgetRegistry& widgets() const override { return ui_.widgets(); }

    // Swaps in a freshly loaded configuration (options().reload), or with
    // restart_on_reload ends the app and keeps it for take_reloaded_config().
    bool reload_config(std::string* errors);
    std::optional<Config> take_reloaded_config() { return std::exchange(reloaded_, std::nullopt); }
    // No visitor is using the kiosk: the welcome screen (or the dark one after
    // closing time), nothing chosen.
    bool idle() const;

    // Tests and the benchmark drive the clock that time-outs run on.
    // The quiet time so far counts from now on the new clock (never across two clocks).
    void set_time_source(std::function<double()> now_ms) {
        now_ms_ = std::move(now_ms);
        last_activity_ms_ = screen_entered_ms_ = now_ms_();
    }
    bool timeout_shown() const { return timeout_since_ms_ >= 0; }

    // --- used by the screens ---
    // The visitor's session, its commands and texts: no window involved.
    Journey& journey() { return journey_; }

    void go(ScreenId s);             // forward; remembered for Back
    void back();
    void home();                     // clears the session
    void wake_from_dark();           // a touch on the dark screen: the closed screen
    ScreenId current() const { return stack_.back(); }
    ui::Screen& screen(ScreenId id);
    // The journey's commands, followed to the screen they lead to.
    void choose_topic(const std::string& topic_id);
    void choose_person(const std::string& staff_id);
    void set_language(const std::string& lang);  // and says this screen again when read-aloud is on
    // Requests the reception must keep before the visitor is told so. Each
    // shows where it leads once the port answered: the confirmation or thanks
    // when kept, the desk notice (StoreError) when not. Over the network the
    // port call runs off the UI thread with "Een moment…" on screen.
    void check_in();
    void request_callback(const std::string& phone, PartOfDay part);
    // The exit survey's answer from the session (score, colleague) with the
    // one-go answer, if any; sets session().survey_id.
    void save_survey(std::optional<bool> one_go);
    // The comment on that answer, then back to the thanks.
    void add_survey_comment(const std::string& comment);
    // Colleagues who finished a conversation lately (the survey's faces):
    // `then` gets them on the UI thread, empty when they cannot be known.
    void ask_recent_helpers(std::function<void(const std::vector<std::string>&)> then);

    void speak_screen();             // the speaker button: says this screen, keeps read-aloud on
    void stop_speaking();
    bool speaking() const;
    bool speech_available() const;

    // What the screens draw with, and the parts every screen shares.
    ui::Ui& ui() { return ui_; }
    const ui::Ui& ui() const { return ui_; }
    // Draws Back / Home / speaker / talk-to-someone along the bottom and
    // returns the area above it.
    ui::Rect draw_nav(ui::Ui& ui, bool with_back = true);
    // In the nav bar's last place when nobody is free: walk to the desk, and its hours today.
    // `r` is the place the buttons leave in `bar`; when the words do not fit
    // there the plate takes a row above the bar, cut from `content`.
    void draw_to_desk(ui::Ui& ui, ui::Rect r, const ui::Rect& bar, ui::Rect& content);
    // Title area at the top: returns what is left below.
    ui::Rect draw_title(ui::Ui& ui, ui::Rect area, const std::string& key);
    float margin() const;
    void* photo(const std::string& file);  // texture, or nullptr (initials drawn instead)
    void* picture(const std::string& file);  // from assets/

    // The admin corner: its lock counts on this clock.
    double now_ms() const { return now_ms_(); }
    const KioskOptions& options() const { return options_; }
    void request_quit() { quit_ = true; }

private:
    KioskApp(platform::Window& window, const Config& config, std::unique_ptr<KioskPort> owned, KioskPort* port,
             const KioskOptions& o);
    void rebuild_fonts();
    void talk_to_someone();          // straight to the desk, skipping topics
    void speak(const std::string& text);  // for the time-out warning
    void draw_timeout(ui::Ui& ui);
    void track_idle(bool activity);
    // After closing time and dark_after_minutes without a touch, the welcome
    // gives way to the dark screen; opening time brings the welcome back.
    void track_dark(double now);
    bool office_closed() const;
    void drain_visit_changes();
    void go_if(std::optional<ScreenId> next);
    void replace(ScreenId s);  // instead of the screen shown, not remembered for Back
    void enter(ScreenId s);
    // What a port call's answer does, on the UI thread.
    using Then = std::function<void()>;
    // Runs `call` — port calls only: for a remote port it runs on the worker
    // thread — then what it returned. For a port in this process, both at once.
    void ask_port(std::function<Then()> call);
    // The same for a call the visitor waits for, on "Een moment…" when it goes
    // over the network. A call that throws was not kept: the desk notice.
    void wait_for_port(std::function<Then()> call);
    void answered(ScreenId next);  // instead of "Een moment…"
    void answered_back();          // past "Een moment…" and the screen that asked
    // The visitor walked away at the last survey question: the mark is kept.
    void keep_unfinished_survey();

    platform::Window& window_;
    const Config* config_;
    std::unique_ptr<Config> owned_config_;  // after a reload
    std::unique_ptr<KioskPort> owned_port_;  // the Reception constructor's
    KioskPort& port_;
    KioskOptions options_;
    ui::IconMap icons_;
    ui::FontSet fonts_;
    ui::Ui ui_;
    std::unique_ptr<platform::Speech> speech_;
    std::map<ScreenId, std::unique_ptr<ui::Screen>> screens_;
    std::vector<ScreenId> stack_;
    ScreenId talk_target_ = ScreenId::Name;  // where "talk to someone" leads from this screen
    Journey journey_;
    Session& session_;  // journey_'s
    std::function<double()> now_ms_;
    std::optional<Config> reloaded_;
    std::map<std::string, void*> textures_;

    double last_activity_ms_ = 0;
    double timeout_since_ms_ = -1;     // when "Are you still there?" appeared
    double screen_entered_ms_ = 0;
    bool fonts_large_ = false;
    bool quit_ = false;
    bool spoke_this_frame_ = false;
    int listener_ = 0;
    std::uint64_t waits_ = 0;  // which "Een moment…" an answer belongs to
    std::mutex changes_mutex_;
    std::deque<VisitChange> changes_;
    // Last: ends (finishing the call under way) before anything it calls back into.
    std::unique_ptr<ui::TaskQueue> port_calls_;
};

}  // namespace gastvrij::kiosk
