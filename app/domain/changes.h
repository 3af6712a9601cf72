#pragma once
// What changed, told after it is durable. The domain services publish one
// typed Change per commit; views subscribe (the event hub for desks and
// phones, the kiosk's port, a companion's model) and never poll the store
// for what this process wrote.
#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "domain/callback.h"
#include "domain/directory.h"
#include "domain/survey.h"
#include "domain/visit.h"

namespace gastvrij {

struct VisitChange {
    Visit visit;
    VisitEvent event;  // as kept in the event log, with its id
};

struct CallbackChange {
    CallbackRequest callback;  // as stored: no phone number once it was erased
};

struct PresenceChange {
    std::string date;  // local date it holds for, "2026-11-23"
    std::string staff_id;
    Presence presence = Presence::Unknown;
};

struct SurveyChange {
    SurveyResponse survey;  // anonymous as stored: the hour only
};

using Change = std::variant<VisitChange, CallbackChange, PresenceChange, SurveyChange>;

// Subscribers of one reception. Thread-safe; a subscriber is called on the
// thread that committed, after the commit, and must not block it for long.
class ChangeFeed {
public:
    using Subscriber = std::function<void(const Change&)>;

    int subscribe(Subscriber s);  // returns a handle for unsubscribe
    void unsubscribe(int handle);
    // Tells every subscriber. A subscriber that throws is skipped: the change
    // is already durable, and a failing view must not undo or block it.
    void publish(const Change& c) const;

private:
    mutable std::mutex mutex_;
    std::vector<std::pair<int, Subscriber>> subscribers_;
    int next_handle_ = 1;
};

}  // namespace gastvrij
