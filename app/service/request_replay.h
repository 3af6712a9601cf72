#pragma once
// Requests a device may send again. A kiosk, companion or phone sends an
// Idempotency-Key with every request that creates or changes something; when
// the answer was lost (a time-out, a dropped Wi-Fi) it asks again with the
// same key and gets the first answer instead of checking a visitor in twice.
// The first answers are kept in the store, so this holds across a restart and
// across several services on one PostgreSQL database.
#include <functional>

#include "domain/clock.h"
#include "domain/store.h"
#include "http/http.h"

namespace gastvrij {

class RequestReplay {
public:
    RequestReplay(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

    // Runs `handle` for `req` once per device and key: a repeat gets the
    // first answer; a repeat while the first is still being handled waits
    // a moment for it; a key sent again with another request is refused.
    // Requests without a key, or from no paired device, are handled as they come.
    void around(const http::Request& req, http::Response& res, const std::function<void()>& handle);

    // Keys live this long (seconds): a retry comes within minutes, and an
    // answer may hold a visitor's first name.
    static constexpr Timestamp kKeepSeconds = 3600;

private:
    Store& store_;
    const Clock& clock_;
};

}  // namespace gastvrij
