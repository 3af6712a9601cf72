#pragma once
// Callback requests as the office handles them: a visitor asks (at the kiosk
// or through the desk), a colleague calls and marks it done. Every rule lives
// here — when it is due, when it counts as handled, when the number goes — and
// every change is published (CallbackChange) after it is kept, so a desk hears
// of a kiosk's request at once. Thread-safe.
#include <optional>
#include <stdexcept>
#include <vector>

#include "domain/callback.h"
#include "domain/changes.h"
#include "domain/store.h"

namespace gastvrij {

// A request that does not exist (a stale desk list, a typo in the API).
class UnknownCallback : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

class CallbackRequests {
public:
    CallbackRequests(Store& store, const Clock& clock, const CallbackRules& rules, const ChangeFeed& feed)
        : store_(store), clock_(clock), rules_(rules), feed_(feed) {}

    // Keeps a visitor's request: phone (normalised "+31…", else
    // std::invalid_argument with the reason key), topic, part of the day and
    // language from `asked`; asked now, due as the office promises, open.
    CallbackRequest request(const CallbackRequest& asked);
    // Moves a request to `s` now; the number goes when the office keeps none.
    // Throws UnknownCallback.
    CallbackRequest set_state(std::int64_t id, CallbackState s);

    std::optional<CallbackRequest> find(std::int64_t id) const { return store_.callback(id); }
    std::vector<CallbackRequest> list(bool only_open) const { return store_.callbacks(only_open); }
    const CallbackRules& rules() const { return rules_; }

private:
    Store& store_;
    const Clock& clock_;
    CallbackRules rules_;
    const ChangeFeed& feed_;
};

}  // namespace gastvrij
