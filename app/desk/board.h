#pragma once
// The live board of open visits and the promise alerts it raises (banner, red
// rows, a spoken line). It knows no HTTP and no pixels: the action layer
// (session.h) feeds it, the views read it. "Now" is the service's clock
// (service_time.h), so the minutes and the promise colours move on between
// events, as a receptionist expects.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "client/client.h"
#include "desk/service_time.h"

namespace gastvrij::desk {

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

class BoardModel {
public:
    explicit BoardModel(DeskClock& clock) : clock_(clock) {}

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

    // ---- alerts (banner, red rows, sound) ----
    const std::vector<Alert>& alerts() const { return alerts_; }
    // The banner line, with the minutes as they are now.
    std::string alert_text(const Alert& a) const;
    void dismiss_alerts();                  // "Gezien"
    std::uint64_t alerts_raised() const { return alerts_raised_; }
    // Spoken lines waiting to be said (coalesced); empties the list.
    std::vector<std::string> take_speech();

    // A minute turns for a waiting visitor, a promise turns amber or red.
    void until_change(NextChange& next) const;

private:
    void observe(const VisitView& v);
    void raise(BoardRow& r, bool escalated);
    void forget_alerts(VisitId id);
    std::string alert_text(const BoardRow& r, const RowStatus& s, bool escalated) const;

    DeskClock& clock_;
    std::map<VisitId, BoardRow> rows_;
    std::uint64_t seq_ = 0;
    std::vector<Alert> alerts_;
    std::uint64_t alerts_raised_ = 0;
    int unspoken_ = 0;
};

}  // namespace gastvrij::desk
