#pragma once
// SIGHUP (`systemctl reload`) for a process with a window: a thread of its own
// waits for the signal and wakes the event loop, which reloads when it suits
// (the kiosk: when no visitor is using it). Create it before any other thread,
// so that every thread inherits the blocked signal and only this one takes it.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <functional>
#include <thread>

namespace gastvrij {

class ReloadSignal {
public:
    explicit ReloadSignal(std::function<void()> wake) : wake_(std::move(wake)) {
        sigemptyset(&set_);
        sigaddset(&set_, SIGHUP);
        pthread_sigmask(SIG_BLOCK, &set_, nullptr);
        thread_ = std::thread([this] {
            for (;;) {
                int sig = 0;
                if (sigwait(&set_, &sig) != 0) continue;
                if (stop_) return;
                pending_ = true;
                if (wake_) wake_();
            }
        });
    }
    ~ReloadSignal() {
        stop_ = true;
        pthread_kill(thread_.native_handle(), SIGHUP);
        thread_.join();
    }
    ReloadSignal(const ReloadSignal&) = delete;
    ReloadSignal& operator=(const ReloadSignal&) = delete;

    bool pending() const { return pending_; }
    void clear() { pending_ = false; }

private:
    sigset_t set_;
    std::function<void()> wake_;
    std::atomic<bool> pending_{false};
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace gastvrij
