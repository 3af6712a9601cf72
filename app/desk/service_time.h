#pragma once
// The service's clock as seen from the desk. "Minutes waiting" and "about to
// be late" move between events, so the desk must know the service's time; the
// API hands out instants (event times, arrival + whole minutes waiting, a
// promise reported broken) that each prove the service's clock was at least
// that far. The largest such bound wins. When it agrees with the desk's own
// clock (both set by NTP, the normal case) the desk's own clock is used, which
// also ticks the minutes exactly; otherwise (a skewed desk, a test clock) the
// bound is used.
#include <optional>

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

}  // namespace gastvrij::desk
