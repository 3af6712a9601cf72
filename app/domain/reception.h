#pragma once
// The application service every front end uses (kiosk, desk API, phone page):
// it turns a request into a domain transition, commits it with its outbox
// messages through the Store, and only then tells listeners. Thread-safe.
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/opening_hours.h"
#include "domain/promise.h"
#include "domain/routing.h"
#include "domain/store.h"

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

// A change listeners hear about after it is durable.
struct VisitChange {
    Visit visit;
    VisitEvent event;
};

class Reception {
public:
    Reception(const Directory& dir, Store& store, const Clock& clock);

    // Routes, commits visit + events + outbox, then notifies listeners.
    // Throws StoreError if it could not be committed (nothing is half-written).
    Visit check_in(const CheckInRequest& r);

    Visit acknowledge(VisitId id, int promised_minutes, const std::string& actor);
    Visit start(VisitId id, const std::string& actor);
    Visit finish(VisitId id, const std::string& actor);
    Visit reassign(VisitId id, const std::string& new_host, const std::string& actor);
    Visit cancel(VisitId id, const std::string& actor, bool visitor_left);
    void set_presence(const std::string& staff_id, Presence p);

    // Escalates every waiting visit past its deadline; returns the changes made.
    // Called from a timer (kiosk loop or service thread) with the injected clock.
    std::vector<VisitChange> tick();

    using Listener = std::function<void(const VisitChange&)>;
    int subscribe(Listener l);   // returns a handle for unsubscribe
    void unsubscribe(int handle);

    const Directory& directory() const { return dir_; }
    Store& store() { return store_; }
    const Clock& clock() const { return clock_; }

private:
    RoutingContext context(PresenceBoard& presence, OpenLoad& load) const;
    Visit commit(const Transition& t, NotificationKind kind, bool notify_new_host);
    void publish(const VisitChange& c);

    const Directory& dir_;
    Store& store_;
    const Clock& clock_;
    std::mutex mutex_;  // serialises read-modify-commit of visits
    std::mutex listeners_mutex_;
    std::vector<std::pair<int, Listener>> listeners_;
    int next_handle_ = 1;
};

}  // namespace gastvrij
