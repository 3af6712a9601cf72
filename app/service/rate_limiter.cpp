#include "service/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace gastvrij {

namespace {
// Beyond this many clients, full buckets are forgotten: a scan from many
// addresses must not grow memory without bound.
constexpr std::size_t kMaxTracked = 10000;
}  // namespace

bool RateLimiter::take(const std::string& key, int& retry_after_seconds) {
    return take(key, retry_after_seconds, Clock::now());
}

bool RateLimiter::take(const std::string& key, int& retry_after_seconds, Clock::time_point now) {
    if (rate_ <= 0) return true;
    std::lock_guard lock(mutex_);
    if (buckets_.size() > kMaxTracked) prune(now);
    auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
    Bucket& b = it->second;
    if (!fresh) {
        const double elapsed = std::chrono::duration<double>(now - b.at).count();
        b.tokens = std::min(burst_, b.tokens + std::max(0.0, elapsed) * rate_);
        b.at = now;
    }
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return true;
    }
    retry_after_seconds = std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / rate_)));
    return false;
}

void RateLimiter::prune(Clock::time_point now) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
        const double elapsed = std::chrono::duration<double>(now - it->second.at).count();
        if (it->second.tokens + elapsed * rate_ >= burst_)
            it = buckets_.erase(it);
        else
            ++it;
    }
}

std::size_t RateLimiter::tracked() const {
    std::lock_guard lock(mutex_);
    return buckets_.size();
}

}  // namespace gastvrij
