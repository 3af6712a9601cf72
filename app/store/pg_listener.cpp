#include "store/pg_listener.h"

#include <poll.h>

#include <chrono>
#include <memory>
#include <optional>

#include "store/pg_db.h"

namespace gastvrij::pg {

ChangeListener::ChangeListener(std::string url) : url_(std::move(url)) {}

ChangeListener::~ChangeListener() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void ChangeListener::set(std::function<void()> wake) {
    const bool wanted = static_cast<bool>(wake);
    {
        std::lock_guard calling(call_mutex_);
        wake_ = std::move(wake);
    }
    std::lock_guard lock(mutex_);
    if (wanted && !thread_.joinable() && !stopping_) thread_ = std::thread([this] { run(); });
}

void ChangeListener::call() {
    std::lock_guard calling(call_mutex_);
    if (wake_) wake_();
}

void ChangeListener::run() {
    std::unique_ptr<Connection> listening;
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
        }
        if (!listening) {
            try {
                listening = std::make_unique<Connection>(url_);
                listening->exec_script("LISTEN gastvrij_change", "listening for other services' changes");
                call();  // what was committed while nobody listened is in the log
            } catch (const std::exception&) {
                listening.reset();
                // The server is away: try again in a second (or stop at once).
                std::unique_lock lock(mutex_);
                cv_.wait_for(lock, std::chrono::seconds(1), [&] { return stopping_; });
                continue;
            }
        }
        // Wake at least twice a second to notice a stop.
        pollfd fd{listening->socket(), POLLIN, 0};
        const int ready = ::poll(&fd, 1, 500);
        if (ready < 0) continue;  // a signal: look again
        try {
            if (listening->take_notifications() > 0) call();
        } catch (const std::exception&) {
            listening.reset();  // connect again; the call after it catches up
        }
    }
}

}  // namespace gastvrij::pg
