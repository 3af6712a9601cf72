#pragma once
// The companion app's side of API v1: typed calls and a live event listener.
//
// Calls block (at most the request timeout) and throw ServiceError; make them
// off the UI thread. The listener runs a thread of its own that keeps an event
// stream open, reconnects with back-off (resuming with Last-Event-ID, so no
// change is missed) and calls the Listener's functions on that thread — hand
// results to the UI thread (SDL_PushEvent) rather than touching UI state there.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "domain/callback.h"
#include "domain/devices.h"
#include "domain/notification.h"
#include "domain/promise.h"
#include "domain/report.h"
#include "domain/visit.h"

namespace httplib { class Client; }

namespace gastvrij {

// A refused or failed call. status 0 = the service could not be reached.
class ServiceError : public std::runtime_error {
public:
    ServiceError(int status, const std::string& what, std::string field = {})
        : std::runtime_error(what), status(status), field(std::move(field)) {}
    int status;         // HTTP status: 400 bad field, 401 unpaired, 403, 404, 409 moved on, 429, 503
    std::string field;  // the request field that was wrong (400), if one
};

// A visit as the board shows it.
struct VisitView {
    Visit visit;
    bool waiting = false;
    PromiseState promise = PromiseState::OnTime;
    Timestamp deadline = 0;        // answer or promised arrival; 0 = none
    int minutes_waiting = 0;       // when the service sent it
    std::string waiting_since;     // local "10:42"
    std::string topic_label;       // "Reparatie"
    std::string host_name;         // "Fatma Yılmaz", "Receptie" for the desk
    std::string team_name;
    // A kiosk's check-in when [survey] phone_page is on: the link for the
    // visitor's phone ("<public_url>/survey?t=…"); "" otherwise.
    std::string survey_url;
};

struct TopicView {
    std::string id, label, icon, route, team;
    int ack_minutes = 5;
};
struct TeamView {
    std::string id, name, backup_team;
};
struct StaffView {
    std::string id, name, first_name, last_name, team, role, backup;
    bool phone_page = false;
    std::string photo_url;  // "" = no photo; else pass the id to ServiceClient::photo()
};
struct DirectoryView {
    std::string office, reception_team;
    std::vector<TopicView> topics;
    std::vector<TeamView> teams;
    std::vector<StaffView> staff;
};

struct PresenceView {
    std::string staff_id, name, team;
    Presence presence = Presence::Unknown;
    bool available = false;  // can take a visitor now (presence or working hours)
};

struct DeadLetter {
    OutboxMessage message;
    std::string recipient_name;
};

// A callback request as the desk lists it. `request.phone` is "" once done.
struct CallbackView {
    CallbackRequest request;
    std::string topic_label;               // "Huur en betalen"
    std::string team;                      // team of the topic, "" = none
    std::string created_date, created_hhmm;  // local, "2026-11-23", "10:42"
    std::string due_date, due_hhmm;
    bool overdue = false;                  // not done and past due, on the service's clock
};

struct CallbackList {
    std::vector<CallbackView> callbacks;   // oldest first
    Timestamp now = 0;                     // the service's clock when it answered
    std::string today;                     // its local date, "2026-11-23"
};

// The KPI report with the service's Dutch labels for topics and teams.
struct ReportView {
    std::string from, to;                  // the local dates asked for, both included
    KpiReport report;
    std::map<std::string, std::string> labels;  // "topic:<id>" / "team:<id>" → words
    std::string label(const std::string& kind, const std::string& id) const;
};

// GET /health: "ok" or what is wrong with the store.
struct ServiceHealth {
    std::string status;
    int undelivered = -1;  // dead letters; -1 = the service did not say
    int streams = 0;       // open event streams
};

struct PairingView {
    std::string code;        // show large, and the QR code
    DeviceKind kind = DeviceKind::Phone;
    std::string staff_id, staff_name;
    Timestamp expires_at = 0;
    std::string url;         // phone: <public_url>/phone#pair=CODE
    std::string qr_svg;      // the url as an SVG QR code
};

struct PairedDevice {
    std::string token;  // keep it (e.g. in the companion's settings file); shown once
    Device device;
};

// A "notification" event: the desk (or a phone) is asked to look at a visit.
struct NotificationView {
    std::int64_t message_id = 0;
    NotificationKind kind = NotificationKind::VisitorArrived;
    std::string recipient;  // staff id or "desk"
    std::string title;
    VisitView visit;
};

struct ClientOptions {
    std::chrono::milliseconds connect_timeout{3000};
    std::chrono::milliseconds request_timeout{5000};
    // No byte (not even the heartbeat, every 15 s by default) for this long:
    // the connection is dead even if TCP has not noticed.
    std::chrono::milliseconds stream_timeout{40000};
    std::chrono::milliseconds backoff_min{500};
    std::chrono::milliseconds backoff_max{15000};
};

class ServiceClient {
public:
    // base_url: "http://kiosk.local:8470" (no trailing path).
    ServiceClient(std::string base_url, std::string token, ClientOptions options = {});
    ~ServiceClient();  // stops listening
    ServiceClient(const ServiceClient&) = delete;
    ServiceClient& operator=(const ServiceClient&) = delete;

    // Redeems a pairing code the desk (or `gastvrij serve`) showed. Throws
    // ServiceError: 401 unknown code, 410 expired or used.
    static PairedDevice pair(const std::string& base_url, const std::string& code, const std::string& device_name,
                             ClientOptions options = {});

    Device me();
    std::vector<VisitView> visits();  // open visits, oldest first
    VisitView visit(VisitId id);
    VisitView check_in(const std::string& topic, const std::string& host = {}, const std::string& name = {},
                       const std::string& language = "nl");
    VisitView acknowledge(VisitId id, int minutes);
    VisitView start(VisitId id);
    VisitView finish(VisitId id);
    VisitView reassign(VisitId id, const std::string& host);  // "" = the desk
    VisitView cancel(VisitId id, bool visitor_left);

    // `date` (if given) gets the service's local date the board is for.
    std::vector<PresenceView> presence(std::string* date = nullptr);
    PresenceView set_presence(const std::string& staff_id, Presence p);
    DirectoryView directory();
    std::string photo(const std::string& staff_id);  // image bytes (JPEG/PNG)

    std::vector<DeadLetter> dead_letters();
    void retry_dead_letter(std::int64_t message_id);

    CallbackList callbacks();
    // Open, called or done; done erases the number (as retention allows).
    CallbackView set_callback_state(std::int64_t id, CallbackState state);
    // Local dates "YYYY-MM-DD", both included.
    ReportView report(const std::string& from, const std::string& to);

    // ---- a kiosk on another machine (kiosk or desk devices) ----
    // Colleagues who finished a visit in the last hour, latest first: the
    // faces of "who helped you?".
    std::vector<std::string> survey_helpers();
    // The three-tap answer; the service keeps only its own hour. Returns the
    // survey's id, for set_survey_comment. staff "" = skipped / someone else.
    std::int64_t add_survey(const std::string& staff, int score, std::optional<bool> one_go,
                            const std::string& language, const std::string& topic = {});
    // Once per answer, within 3 hours (kiosk only): 404 too old, 409 commented already.
    void set_survey_comment(std::int64_t id, const std::string& comment);
    // The phone number as typed; 400 with field "phone" and the reason key
    // ("phone.too_short") in the message when it is no Dutch number.
    CallbackView add_callback(const std::string& phone, const std::string& topic, PartOfDay part,
                              const std::string& language);
    // No token needed. A 503 (store unhealthy) still answers with its status
    // text; only an unreachable service throws (ServiceError status 0).
    ServiceHealth health();

    PairingView create_pairing(DeviceKind kind, const std::string& staff_id = {});
    std::vector<Device> devices(bool include_revoked = false);
    void revoke_device(std::int64_t device_id);

    // ---- live events ----
    struct Listener {
        std::function<void(const VisitView&, const VisitEvent&)> on_visit;
        std::function<void(const PresenceView&)> on_presence;
        std::function<void(const NotificationView&)> on_notification;
        // A desk changed a callback request (desks only).
        std::function<void(const CallbackView&)> on_callback;
        // The stream could not replay what was missed: reload visits().
        std::function<void()> on_reset;
        // true once a stream is open (reload visits() then), false when it broke.
        std::function<void(bool online)> on_connection;
        // The token was refused (device revoked): pair again. Listening stops.
        std::function<void()> on_unauthorized;
    };
    void listen(Listener listener);
    void stop_listening();  // may be called from a Listener callback
    bool online() const { return online_; }
    std::int64_t last_event_id() const { return last_event_id_; }

    const std::string& base_url() const { return base_url_; }

private:
    std::string request(const char* method, const std::string& path, const std::string& body, int expect);
    void listen_loop();
    void dispatch(const std::string& event, const std::string& data, const std::string& id);
    void set_online(bool on);

    std::string base_url_;
    std::string token_;
    ClientOptions options_;
    std::mutex http_mutex_;  // one request at a time on the kept connection
    std::unique_ptr<httplib::Client> http_;

    Listener listener_;
    std::thread thread_;
    std::mutex listen_mutex_;
    std::condition_variable listen_cv_;
    bool stop_ = false;
    httplib::Client* stream_ = nullptr;  // the open stream's client, to interrupt it
    std::atomic<bool> online_{false};
    std::atomic<std::int64_t> last_event_id_{0};
};

// Parsing the API's JSON, shared with tests.
VisitView visit_view_from_json(const std::string& json_text);
CallbackView callback_view_from_json(const std::string& json_text);
ReportView report_view_from_json(const std::string& json_text);

}  // namespace gastvrij
