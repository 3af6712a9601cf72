#pragma once
// One visitor's journey at the kiosk, without a window: their session (what
// they chose) and the commands that move it on — choose a topic or a
// colleague, check in, leave a survey answer. Each command says which screen
// comes next; KioskApp shows it. It talks only to the KioskPort, so it is
// tested with any port, no SDL involved.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "config/config.h"
#include "domain/kiosk_port.h"
#include "kiosk/screens.h"

namespace gastvrij::kiosk {

struct Session {
    std::string language;
    bool large_text = false;
    bool contrast = false;
    bool read_aloud = false;      // chosen once, kept for the rest of the visit
    std::string topic_id;
    std::string chosen_host;      // staff id from the appointment screen
    std::string name;             // optional first name (never spoken)
    std::string search;           // letters typed on the appointment screen
    std::optional<Visit> visit;   // after a committed check-in
    std::string previous_host;    // to say "someone else is coming instead"
    bool closed = false;          // unavailable because the office is closed
    std::string store_error;      // for the admin/status, never shown raw to visitors
    // Exit survey, kept only until it is stored (anonymous: no visit, no name).
    std::string survey_staff;
    int survey_score = 0;
    std::int64_t survey_id = 0;
    std::string survey_comment;
    // The phone survey link of this visit (QR on the confirmation screen);
    // made once at check-in, "" when the office does not publish the page.
    std::string survey_url;
};

class Journey {
public:
    Journey(const Config& config, KioskPort& port);
    void set_config(const Config& config) { config_ = &config; }

    const Config& config() const { return *config_; }
    KioskPort& port() { return port_; }
    Session& session() { return session_; }
    const Session& session() const { return session_; }

    // What the visitor reads and hears, in the language they chose.
    const std::string& lang() const { return session_.language; }
    bool rtl() const { return session_.language == "ar"; }
    const std::string& t(const std::string& key) const;
    std::string t(const std::string& key, const std::map<std::string, std::string>& values) const;
    const std::string& say_text(const std::string& key) const;
    std::string topic_label(const std::string& topic_id) const;
    // The office's time (the reception's clock), for hours and promises.
    LocalTime local_now() const { return port_.clock().local_now(); }
    void toggle_large_text() { session_.large_text = !session_.large_text; }
    void toggle_contrast() { session_.contrast = !session_.contrast; }
    // A new visitor: private by default, nothing of the last one stays.
    void start_over();
    // Anything of this visitor's left on the welcome screen (language, settings)?
    bool settings_changed() const;

    // Where a command leads; nullopt = stay (an unknown topic).
    std::optional<ScreenId> choose_topic(const std::string& topic_id);
    ScreenId choose_person(const std::string& staff_id);
    std::optional<ScreenId> talk_to_someone();  // straight to the desk, skipping topics
    // Where talk_to_someone() would lead now, without going there (or
    // changing the session): a control must never lead to its own screen.
    ScreenId talk_destination();
    // Commits through the port: Confirmation only once the reception kept the
    // visit, otherwise StoreError (the visitor is sent to the desk).
    ScreenId check_in();
    // The same in two halves, for a port whose calls run off the UI thread:
    // what to send, then where its answer leads.
    CheckInRequest check_in_request() const;
    ScreenId checked_in(const Visit& kept, const std::string& survey_url);
    ScreenId not_checked_in(const std::string& why);
    // Any other request the reception did not keep: the visitor is told so
    // and sent to the desk (StoreError), never thanked.
    ScreenId not_kept(const std::string& why);

    // A callback request for this visitor's topic, in halves like check-in:
    // what to send (the reception stamps when, and by when), then where it
    // leads once kept.
    CallbackRequest callback_request(const std::string& phone, PartOfDay part) const;
    ScreenId callback_kept() const { return ScreenId::CallbackDone; }

    // Stores the exit survey's answer from the session (score, colleague) with
    // the one-go answer, if any; sets session().survey_id. Throws when not kept.
    void save_survey(std::optional<bool> one_go);
    // The same in halves: the answer to send, then where its id leads.
    SurveyResponse survey_response(std::optional<bool> one_go) const;
    ScreenId survey_kept(std::int64_t id);
    // The comment on that answer was kept (or there was none to send): the
    // thanks screen no longer offers one.
    void comment_kept(const std::string& comment);
    // A change to a visit (a colleague's answer): kept if it is this visitor's.
    void apply(const VisitChange& c);

private:
    // Closed, or nobody to take the visitor: the Unavailable screen instead.
    bool unavailable(const std::string& chosen);

    const Config* config_;
    KioskPort& port_;
    Session session_;
};

}  // namespace gastvrij::kiosk
