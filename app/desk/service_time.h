#pragma once
// The service's clock as seen from the desk. "Minutes waiting" and "about to
// be late" move between events, so the desk must know the service's time; the
// API hands out instants (event times, arrival + whole minutes waiting, a
// promise reported broken) that each prove the service's clock was at least
// that far. The largest such bound wins. When it agrees with the desk's own
// clock (both set by NTP, the normal case) the desk's own clock is used, which
// also ticks the minutes exactly; otherwise (a skewed desk, a test clock) the
// bound is used.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <optional>
#include <string>

#include "domain/clock.h"

namespace gastvrij::desk {

class ServiceTime {
public:
    // How far the bound may trail the desk's clock and still count as agreeing:
    // a "minutes waiting" bound lags by up to a minute, plus transfer time.
    static constexpr double kAgreement = 120.0;

    void reset() { lower_.reset(); }
    // The service's clock showed at least `service_seconds` by `local_seconds`.
    void at_least(double service_seconds, double local_seconds) {
        const double d = service_seconds - local_seconds;
        if (!lower_ || d > *lower_) lower_ = d;
    }
    double offset() const {
        if (!lower_) return 0;
        return (*lower_ <= 0 && *lower_ >= -kAgreement) ? 0 : *lower_;
    }
    double now(double local_seconds) const { return local_seconds + offset(); }

private:
    std::optional<double> lower_;  // max over (service − local)
};

// The desk's own clock and its estimate of the service's, shared by every
// part of the model that shows minutes (the board, callbacks, a pairing code):
// what one of them learns about the service's time, all of them use.
class DeskClock {
public:
    // `wall`: the desk's clock in seconds since the epoch (tests pass their own).
    explicit DeskClock(std::function<double()> wall = {}) : wall_(wall ? std::move(wall) : system_wall) {}
    DeskClock(const DeskClock&) = delete;
    DeskClock& operator=(const DeskClock&) = delete;

    double wall() const { return wall_(); }
    double service_now() const { return time_.now(wall_()); }
    // The service's clock showed at least `service_seconds` by the desk's `local_seconds`.
    void service_at_least(double service_seconds, double local_seconds) { time_.at_least(service_seconds, local_seconds); }
    void service_at_least(double service_seconds) { time_.at_least(service_seconds, wall_()); }
    // A restarted service may run another clock; what it sends next counts.
    void service_restarted() { time_.reset(); }
    // The service's local date ("2026-11-23") as its last answer gave it;
    // the desk's own date until one came.
    void set_service_today(std::string date) { service_today_ = std::move(date); }
    std::string service_today() const {
        return service_today_.empty() ? machine_local_text(Timestamp(wall()), "%Y-%m-%d") : service_today_;
    }

private:
    static double system_wall() {
        using namespace std::chrono;
        return duration<double>(system_clock::now().time_since_epoch()).count();
    }
    std::function<double()> wall_;
    ServiceTime time_;
    std::string service_today_;
};

// The soonest moment the screen changes by itself (a minute turns, a promise
// turns red, a message goes), in seconds from now; the loop sleeps that long.
struct NextChange {
    double seconds = 60.0;  // nothing sooner: look again in a minute
    void consider(double s) {
        if (s > 0) seconds = std::min(seconds, s);
    }
    int ms() const { return std::max(1, int(std::ceil(seconds * 1000.0))); }
};

}  // namespace gastvrij::desk
