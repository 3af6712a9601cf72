#pragma once
// Token buckets keyed by client (a device token's hash, or an IP address): a
// burst is allowed, then requests refill at a steady rate. Real elapsed time
// (steady clock), not the office clock: it protects the machine, not a promise.
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace gastvrij {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    // `per_second` ≤ 0 switches the limiter off.
    RateLimiter(double per_second, double burst) : rate_(per_second), burst_(burst) {}

    // Takes one token for `key`. When none is left returns false and sets
    // `retry_after_seconds` to when the next one will be there (≥ 1).
    bool take(const std::string& key, int& retry_after_seconds);
    bool take(const std::string& key, int& retry_after_seconds, Clock::time_point now);

    std::size_t tracked() const;

private:
    struct Bucket {
        double tokens;
        Clock::time_point at;
    };
    void prune(Clock::time_point now);

    double rate_, burst_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace gastvrij
