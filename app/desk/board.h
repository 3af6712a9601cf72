#pragma once
// What the reception companion knows, kept on the UI thread: the live board of
// open visits, today's presence, the directory, undelivered messages, the
// pairing code on show, the connection state and the promise alerts. It knows
// no HTTP and no pixels: the action layer (session.h) feeds it, the views read
// it. "Now" is the service's clock (service_time.h), so the minutes and the
// promise colours move on between events, as a receptionist expects.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "desk/service_time.h"
#include "client/client.h"

namespace gastvrij::desk {

enum class Connection {
    Connecting,  // first contact not made yet
    Online,      // the event stream is open
    Offline,     // it broke; the client reconnects by itself
    Unpaired,    // no token, or the service refused it
};

struct BoardRow {
    VisitView view;
    std::uint64_t updated_seq = 0;   // model sequence of the last change (reload races)
    Timestamp alerted_deadline = 0;  // the deadline whose breaking was announced
    bool alert_open = false;         // an announced break nobody has marked as seen
};

// What a row looks like right now.
struct RowStatus {
    PromiseState promise = PromiseState::OnTime;
    int minutes = 0;
    bool waiting = true;
    bool red = false;                 // about to break or broken, or an unseen alert
    std::string promised_hhmm;        // local "10:50" of an acknowledged visit's promise
};

struct Alert {
    VisitId visit = 0;
    bool escalated = false;  // the service sent the visitor on to someone else
    double at = 0;           // desk wall-clock seconds
};

struct Message {
    std::string text;
    bool error = false;
    double at = 0;        // desk wall-clock seconds
};

class DeskModel {
public:
    // `wall`: the desk's clock in seconds since the epoch (tests pass their own).
    explicit DeskModel(std::function<double()> wall = {});

    // ---- connection ----
    void set_connection(Connection c);
    Connection connection() const { return connection_; }
    double offline_since() const { return offline_since_; }  // wall seconds, 0 = never
    bool ever_online() const { return ever_online_; }

    // ---- the board ----
    // A full list (connect, reset). Rows changed by the stream after
    // `requested_seq` (taken with reload_seq() when the list was asked for)
    // are newer than the list and kept as they are.
    void replace_visits(const std::vector<VisitView>& visits, std::uint64_t requested_seq);
    std::uint64_t reload_seq() const { return seq_; }
    // One visit as the stream or an action's reply reported it. `event` is
    // given for stream frames: an escalation is a broken promise.
    void apply_visit(const VisitView& v, const VisitEvent* event);
    // The desk was told a promise broke (a "promise_broken" notification).
    void promise_broken(const VisitView& v);
    // Looks for deadlines that passed since the last look and raises alerts.
    // Returns how many were raised.
    int check_promises();

    std::vector<const BoardRow*> rows() const;  // waiting first (by arrival), then in conversation
    const BoardRow* row(VisitId id) const;
    RowStatus status(const BoardRow& r) const;
    int waiting_count() const;
    double service_now() const;

    // ---- alerts (banner, red rows, sound) ----
    const std::vector<Alert>& alerts() const { return alerts_; }
    // The banner line, with the minutes as they are now.
    std::string alert_text(const Alert& a) const;
    void dismiss_alerts();                  // "Gezien"
    std::uint64_t alerts_raised() const { return alerts_raised_; }
    // Spoken lines waiting to be said (coalesced); empties the list.
    std::vector<std::string> take_speech();

    // ---- presence, directory, dead letters, pairing ----
    void set_presence(std::vector<PresenceView> p);
    void update_presence(const PresenceView& p);
    const std::vector<PresenceView>& presence() const { return presence_; }
    void set_directory(DirectoryView d) { directory_ = std::move(d); has_directory_ = true; }
    const DirectoryView& directory() const { return directory_; }
    bool has_directory() const { return has_directory_; }
    std::string staff_name(const std::string& id) const;
    std::string topic_label(const std::string& id) const;

    void set_dead_letters(std::vector<DeadLetter> d);
    const std::vector<DeadLetter>& dead_letters() const { return dead_; }
    double dead_letters_loaded_at() const { return dead_loaded_at_; }

    void set_pairing(std::optional<PairingView> p);
    const std::optional<PairingView>& pairing() const { return pairing_; }
    // Whole minutes (rounded down; 0 = under a minute) until the pairing code
    // expires, counted on the desk's own clock from when it came; -1 =
    // expired; nullopt = the desk cannot tell
    // (its idea of the service's clock calls a fresh code expired).
    std::optional<int> pairing_minutes_left() const;

    // ---- paired devices (the pairing tab) ----
    // The active devices as the service listed them, sorted by what the
    // office calls them.
    void set_devices(std::vector<Device> d);
    const std::vector<Device>& devices() const { return devices_; }
    bool has_devices() const { return devices_loaded_at_ > 0; }
    // This desk's own device (from /me): marked in the list, never withdrawn from here.
    void set_own_device(const Device& d) { own_device_ = d.id; }
    std::int64_t own_device() const { return own_device_; }
    // "Telefoon van Fatma Yılmaz", "Kiosk \"Entree\"", "Balie \"Receptie links\"", "Balie centrum".
    std::string device_label(const Device& d) const;
    // The device whose withdrawal waits for "Ja, intrekken"; 0 = none. A
    // mis-click must not lock a colleague's phone out, so it takes two taps.
    void ask_revoke(std::int64_t id) { revoke_asked_ = id; }
    std::int64_t revoke_asked() const { return revoke_asked_; }
    // Gone from the list at once (the service refuses its token already).
    void device_revoked(std::int64_t id);

    // ---- callback requests (kiosk) and the KPI report ----
    void set_callbacks(CallbackList list);
    // One request as a desk changed it (the reply, or another desk's event).
    void update_callback(const CallbackView& c);
    const std::vector<CallbackView>& callbacks() const { return callbacks_; }
    bool has_callbacks() const { return callbacks_loaded_at_ > 0; }
    double callbacks_loaded_at() const { return callbacks_loaded_at_; }
    // Past its promised moment and not done, on the service's clock now.
    bool overdue(const CallbackView& c) const;
    int callbacks_to_do() const;    // open or called
    int callbacks_overdue() const;
    // The service's local date ("2026-11-23") as its last answer gave it;
    // the desk's own date until one came.
    std::string service_today() const;

    enum class ReportSpan { Today, Week, Month };
    void set_report(ReportSpan span, ReportView r);
    const std::optional<ReportView>& report() const { return report_; }
    ReportSpan report_span() const { return report_span_; }
    void choose_report_span(ReportSpan s) { report_span_ = s; }
    // The last 30 days, for the line of visitors per day.
    void set_trend(ReportView r) { trend_ = std::move(r); }
    const std::optional<ReportView>& trend() const { return trend_; }

    // ---- messages in plain words ----
    void tell(const std::string& text) { message_ = Message{text, false, wall_()}; }
    void warn(const std::string& text) { message_ = Message{text, true, wall_()}; }
    void clear_message() { message_.reset(); }
    const std::optional<Message>& message() const { return message_; }
    static constexpr double kMessageSeconds = 8;   // a confirmation goes by itself; an error stays

    // Milliseconds until the screen changes by itself (a minute turns, a
    // promise turns red, a confirmation disappears); the loop sleeps that long.
    int ms_until_change() const;
    double wall() const { return wall_(); }

private:
    void observe(const VisitView& v);
    void raise(BoardRow& r, bool escalated);
    void forget_alerts(VisitId id);
    std::string alert_text(const BoardRow& r, const RowStatus& s, bool escalated) const;

    std::function<double()> wall_;
    ServiceTime time_;
    Connection connection_ = Connection::Connecting;
    double offline_since_ = 0;
    bool ever_online_ = false;
    std::map<VisitId, BoardRow> rows_;
    std::uint64_t seq_ = 0;
    std::vector<Alert> alerts_;
    std::uint64_t alerts_raised_ = 0;
    int unspoken_ = 0;
    std::vector<PresenceView> presence_;
    DirectoryView directory_;
    bool has_directory_ = false;
    std::vector<DeadLetter> dead_;
    double dead_loaded_at_ = 0;
    std::optional<PairingView> pairing_;
    double pairing_received_ = 0;        // desk wall-clock seconds
    double pairing_left_at_receipt_ = 0;  // seconds of validity then
    std::optional<Message> message_;
    std::vector<Device> devices_;
    double devices_loaded_at_ = 0;  // desk wall-clock seconds
    std::int64_t own_device_ = 0;
    std::int64_t revoke_asked_ = 0;
    std::vector<CallbackView> callbacks_;
    double callbacks_loaded_at_ = 0;  // desk wall-clock seconds
    std::string service_today_;
    std::optional<ReportView> report_, trend_;
    ReportSpan report_span_ = ReportSpan::Today;
};

}  // namespace gastvrij::desk
