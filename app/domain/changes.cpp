#include "domain/changes.h"

#include <algorithm>

namespace gastvrij {

int ChangeFeed::subscribe(Subscriber s) {
    std::lock_guard lock(mutex_);
    const int handle = next_handle_++;
    subscribers_.emplace_back(handle, std::move(s));
    return handle;
}

void ChangeFeed::unsubscribe(int handle) {
    std::lock_guard lock(mutex_);
    std::erase_if(subscribers_, [&](const auto& p) { return p.first == handle; });
}

void ChangeFeed::publish(const Change& c) const {
    std::vector<std::pair<int, Subscriber>> copy;
    {
        std::lock_guard lock(mutex_);
        copy = subscribers_;
    }
    for (const auto& [handle, subscriber] : copy) {
        try {
            subscriber(c);
        } catch (...) {
        }
    }
}

}  // namespace gastvrij
