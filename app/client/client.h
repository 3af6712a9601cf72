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
#include "domain/directory.h"
#include "domain/visit.h"
#include "wire/callback.h"
#include "wire/device.h"
#include "wire/directory.h"
#include "wire/health.h"
#include "wire/notification.h"
#include "wire/outbox.h"
#include "wire/presence.h"
#include "wire/report.h"
#include "wire/visit.h"

namespace httplib { class Client; }

namespace gastvrij {

class CertificatePin;

// A refused or failed call. status 0 = the service could not be reached.
class ServiceError : public std::runtime_error {
public:
    ServiceError(int status, const std::string& what, std::string field = {})
        : std::runtime_error(what), status(status), field(std::move(field)) {}
    int status;         // HTTP status: 400 bad field, 401 unpaired, 403, 404, 409 moved on, 429, 503
    std::string field;  // the request field that was wrong (400), if one; "certificate" (status 0): the
                        // service's certificate was refused (not the pinned one, or not trusted)
};

// The views the calls return are the wire types of API v1 (app/wire).

struct PairedDevice {
    std::string token;  // keep it (e.g. in the companion's settings file); shown once
    Device device;
};

struct ClientOptions {
    std::chrono::milliseconds connect_timeout{3000};
    std::chrono::milliseconds request_timeout{5000};
    // No byte (not even the heartbeat, every 15 s by default) for this long:
    // the connection is dead even if TCP has not noticed.
    std::chrono::milliseconds stream_timeout{40000};
    std::chrono::milliseconds backoff_min{500};
    std::chrono::milliseconds backoff_max{15000};
    // https only: the SHA-256 fingerprint (64 hex) of the service's
    // certificate, from the pairing link. Set: that certificate and no other.
    // Empty: the certificate authorities this computer trusts (an office's
    // own certificate, or a proxy's).
    std::string pinned_fingerprint;
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
    std::shared_ptr<const CertificatePin> pin_;  // before http_: the clients point at it
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

}  // namespace gastvrij
