#pragma once
// The application service every front end uses (kiosk, desk API, phone page):
// it turns a request into a domain transition, commits it with its outbox
// messages through the Store, and only then tells listeners. Thread-safe.
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/callback_requests.h"
#include "domain/changes.h"
#include "domain/opening_hours.h"
#include "domain/promise.h"
#include "domain/routing.h"
#include "domain/store.h"
#include "domain/survey_answers.h"

namespace gastvrij {

struct CheckInRequest {
    std::string topic_id;
    std::string chosen_host;   // staff id when the visitor picked a person
    std::string visitor_name;  // optional first name
    std::string language = "nl";
    std::string source = "kiosk";  // actor recorded in the event log
};

// Asked to change a visit the store does not know (a stale desk screen, a typo).
class UnknownVisit : public TransitionError {
public:
    using TransitionError::TransitionError;
};

// A request that names a topic or colleague the directory does not know.
class UnknownName : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// The office's rules the reception applies besides its directory.
struct ReceptionRules {
    CallbackRules callbacks;
};

class Reception {
public:
    Reception(const Directory& dir, Store& store, const Clock& clock, const ReceptionRules& rules = {});

    // Routes, commits visit + events + outbox, then notifies listeners.
    // Throws StoreError if it could not be committed (nothing is half-written).
    Visit check_in(const CheckInRequest& r);

    Visit acknowledge(VisitId id, int promised_minutes, const std::string& actor);
    Visit start(VisitId id, const std::string& actor);
    Visit finish(VisitId id, const std::string& actor);
    Visit reassign(VisitId id, const std::string& new_host, const std::string& actor);
    // The desk passes a waiting visit on to whoever its escalation would reach
    // next, without waiting for the deadline. Throws TransitionError when the
    // visit is past waiting or nobody is further along than who has it.
    Visit escalate_now(VisitId id, const std::string& actor);
    Visit cancel(VisitId id, const std::string& actor, bool visitor_left);
    // Today's presence of a colleague; subscribers hear a PresenceChange.
    void set_presence(const std::string& staff_id, Presence p);
    PresenceBoard presence_today() const;

    CallbackRequests& callbacks() { return callbacks_; }
    SurveyAnswers& surveys() { return surveys_; }
    // A notification that gave up, sent again from now.
    void retry_dead_letter(std::int64_t message_id);

    // Escalates every waiting visit past its deadline; returns the changes made.
    // Called from a timer (kiosk loop or service thread) with the injected clock.
    std::vector<VisitChange> tick();

    // Visits still open from before `day_start` (the start of today, local)
    // end: nobody pressed "finished" or "left", and a board that grows by
    // yesterday's forgotten visits hides today's. One in conversation is
    // finished, any other cancelled, each with the actor "day end" so the
    // report can tell them apart. Returns the changes made.
    std::vector<VisitChange> close_earlier_days(Timestamp day_start);

    // Every change of this reception (visits, callbacks, presence, surveys),
    // after it is durable.
    ChangeFeed& changes() { return feed_; }
    // Visit changes only: what a kiosk's screens follow.
    using Listener = std::function<void(const VisitChange&)>;
    int subscribe(Listener l);   // returns a handle for unsubscribe
    void unsubscribe(int handle) { feed_.unsubscribe(handle); }

    const Directory& directory() const { return dir_; }
    // What is kept, to read: every write goes through the reception and its services.
    const Store& records() const { return store_; }
    const Clock& clock() const { return clock_; }

private:
    RoutingContext context(PresenceBoard& presence, OpenLoad& load) const;
    VisitChange commit(const Transition& t, NotificationKind kind, bool notify_new_host);
    void publish(const VisitChange& c) { feed_.publish(c); }

    const Directory& dir_;
    Store& store_;
    const Clock& clock_;
    ChangeFeed feed_;
    CallbackRequests callbacks_;
    SurveyAnswers surveys_;
    std::mutex mutex_;  // serialises read-modify-commit of visits
};

}  // namespace gastvrij
