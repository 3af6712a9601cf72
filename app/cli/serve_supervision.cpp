#include "cli/serve_supervision.h"

#include <algorithm>
#include <thread>

#include "log/log.h"
#include "service/self_check.h"
#include "service/service.h"

namespace gastvrij {

namespace {

using namespace std::chrono_literals;

std::string serving_status(Service& s, const std::string& health) {
    std::string line = "Serving " + s.config().kiosk.office_name + " on " + s.local_url();
    if (!health.empty() && health != "ok") line += "; /health says " + health;
    return line;
}

}  // namespace

ServeSupervision::ServeSupervision(int hang_loop_after_pings) : hang_after_(hang_loop_after_pings) {}

ServeSupervision::~ServeSupervision() {
    watchdog_.reset();  // its thread reads service_
}

void ServeSupervision::serving(Service& service) {
    // READY=1 means "clients can be served": the listener is bound by now, so
    // this normally answers at once.
    SelfCheck c;
    const auto until = std::chrono::steady_clock::now() + 10s;
    do {
        c = check_own_health(service.local_url(), 1s);
        if (c.answered) break;
        std::this_thread::sleep_for(50ms);
    } while (std::chrono::steady_clock::now() < until);
    if (!c.answered) log::warning("gastvrij serve: its own /health does not answer yet: " + c.detail);
    {
        std::lock_guard lock(mutex_);
        service_ = &service;
    }
    supervision::ready(serving_status(service, c.detail));
    if (!watchdog_) {
        const auto interval = supervision::watchdog_for_this_process();
        // A request that takes a quarter of the interval is as good as none.
        check_timeout_ = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(interval / 4),
                                    std::chrono::milliseconds(250), std::chrono::milliseconds(2000));
        if (interval.count() > 0) watchdog_ = std::make_unique<supervision::Watchdog>(interval, [this] { return check(); });
    }
}

void ServeSupervision::reloading() {
    std::lock_guard lock(mutex_);
    service_ = nullptr;
    supervision::reloading("Reloading the configuration");
}

void ServeSupervision::stopping() {
    {
        std::lock_guard lock(mutex_);
        service_ = nullptr;
    }
    supervision::stopping("Stopping");
    watchdog_.reset();
}

// Under the lock: a reload cannot replace the service in the middle of it.
supervision::Verdict ServeSupervision::check() {
    std::lock_guard lock(mutex_);
    if (!service_) return {false, "Reloading"};
    Service& s = *service_;
    // The loop wakes every tick_interval; three missed rounds is no slow disk.
    const auto silent = s.since_last_tick();
    if (silent > 3 * s.tick_interval())
        return {false, "Not serving: the background loop has not ticked for " +
                           std::to_string(std::chrono::duration_cast<std::chrono::seconds>(silent).count()) + " s"};
    const SelfCheck c = check_own_health(s.local_url(), check_timeout_);
    if (!c.answered) return {false, "Not serving: GET /health failed: " + c.detail};
    if (hang_after_ > 0 && ++pings_ == hang_after_) s.hang_loop_for_test();
    return {true, serving_status(s, c.detail)};
}

}  // namespace gastvrij
