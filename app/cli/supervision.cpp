#include "cli/supervision.h"

#include <systemd/sd-daemon.h>

#include <cstdlib>

#include "log/log.h"

namespace gastvrij::supervision {

namespace {

// systemd shows STATUS= as one line.
std::string one_line(std::string s) {
    for (char& c : s)
        if (c == '\n') c = ' ';
    return s;
}

void send(const std::string& state) { sd_notify(0, state.c_str()); }

}  // namespace

void ready(const std::string& s) { send("READY=1\nSTATUS=" + one_line(s)); }
void status(const std::string& s) { send("STATUS=" + one_line(s)); }
void reloading(const std::string& s) { send("RELOADING=1\nSTATUS=" + one_line(s)); }
void stopping(const std::string& s) { send("STOPPING=1\nSTATUS=" + one_line(s)); }
void ping() { sd_notify(0, "WATCHDOG=1"); }

std::chrono::microseconds watchdog_for_this_process() {
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) <= 0) return {};
    return std::chrono::microseconds(usec);
}

std::chrono::microseconds watchdog_from_environment() {
    const char* v = std::getenv("WATCHDOG_USEC");
    if (!v || !*v) return {};
    char* end = nullptr;
    const unsigned long long usec = std::strtoull(v, &end, 10);
    if (*end != '\0' || usec == 0) return {};
    return std::chrono::microseconds(usec);
}

Watchdog::Watchdog(std::chrono::microseconds interval, Check check) : check_(std::move(check)) {
    if (interval.count() > 0) thread_ = std::thread([this, interval] { run(interval); });
}

Watchdog::~Watchdog() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void Watchdog::run(std::chrono::microseconds interval) {
    // Half the interval, as sd_watchdog_enabled(3) advises: one late check
    // does not yet restart a process that is merely busy.
    const auto period = interval / 2;
    std::string last_status;
    std::unique_lock lock(mutex_);
    while (!stop_) {
        lock.unlock();
        const Verdict v = check_();
        if (v.serving) ping();
        if (v.status != last_status) {
            if (!v.serving) log::warning("gastvrij: the watchdog is not told the service is alive: " + v.status);
            else if (!last_status.empty()) log::info("gastvrij: " + v.status);
            status(v.status);
            last_status = v.status;
        }
        lock.lock();
        cv_.wait_for(lock, period, [&] { return stop_; });
    }
}

}  // namespace gastvrij::supervision
