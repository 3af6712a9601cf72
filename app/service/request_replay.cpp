#include "service/request_replay.h"

#include <any>
#include <chrono>
#include <thread>

#include "log/log.h"
#include "service/api_support.h"
#include "service/crypto.h"

namespace gastvrij {

using api::reply_error;

namespace {

// A request whose handler died (a crash between its work and keeping the
// answer) leaves its reservation behind; after this long a repeat is handled.
constexpr Timestamp kAbandonedSeconds = 60;
// How long a repeat waits for its twin that is still being handled.
constexpr auto kTwinWait = std::chrono::seconds(3);

bool changes_something(const std::string& method) {
    return method == "POST" || method == "PUT" || method == "DELETE" || method == "PATCH";
}

// 1–100 visible ASCII characters: a UUID, or any client's own scheme.
bool acceptable_key(const std::string& key) {
    if (key.empty() || key.size() > 100) return false;
    for (unsigned char c : key)
        if (c < 0x21 || c > 0x7e) return false;
    return true;
}

}  // namespace

void RequestReplay::around(const http::Request& req, http::Response& res, const std::function<void()>& handle) {
    if (!changes_something(req.method) || !req.has_header("Idempotency-Key")) return handle();
    const std::string key = req.get_header_value("Idempotency-Key");
    if (!acceptable_key(key))
        return reply_error(res, 400, "Idempotency-Key must be 1 to 100 visible ASCII characters, such as a UUID",
                           "Idempotency-Key");
    const Device* device = std::any_cast<Device>(&req.context);
    if (!device) return handle();  // unpaired (pairing itself): nothing to remember it by
    const std::string scope = "device:" + std::to_string(device->id);
    const std::string fingerprint = req.method + " " + req.path + " " + sha256_hex(req.body);

    const auto waited_since = std::chrono::steady_clock::now();
    for (;;) {
        const Timestamp now = clock_.now();
        const auto kept = store_.reserve_answer(scope, key, fingerprint, now, now - kAbandonedSeconds);
        if (!kept) break;  // ours to handle
        if (!kept->fingerprint.empty() && kept->fingerprint != fingerprint) {
            return reply_error(res, 422,
                               "this Idempotency-Key came before with another request — make a new key for "
                               "every new request",
                               "Idempotency-Key");
        }
        if (kept->status != 0) {
            res.status = kept->status;
            res.set_content(kept->body, "application/json; charset=utf-8");
            res.set_header("Idempotent-Replayed", "true");
            return;
        }
        if (std::chrono::steady_clock::now() - waited_since > kTwinWait) {
            res.set_header("Retry-After", "1");
            return reply_error(res, 409, "the same request is still being handled — ask again in a moment");
        }
        // Its twin is being handled on another connection (or service): its
        // answer comes within a store commit or two.
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }

    try {
        handle();
    } catch (...) {
        store_.forget_answer(scope, key);  // nothing was done: a repeat is handled afresh
        throw;
    }
    if (res.status >= 500 || res.status == 429 || res.stream) {
        // A refusal that changed nothing (the store could not commit, too many
        // requests): the repeat deserves a fresh try, not the same refusal.
        store_.forget_answer(scope, key);
    } else {
        try {
            store_.keep_answer(scope, key, res.status, res.body);
        } catch (const StoreError& e) {
            // The work is done and committed: the client gets its answer all
            // the same. A repeat meanwhile waits, and after a minute is handled
            // anew: the rare double this allows beats telling a visitor who is
            // checked in to go to the desk.
            log::format(log::Level::Warning, "gastvrij: an answer to device %lld could not be kept for a repeat: %s",
                        static_cast<long long>(device->id), e.what());
        }
    }
}

}  // namespace gastvrij
