#pragma once
// Talking to systemd (sd_notify): ready, status, stopping, and the watchdog's
// "still alive". Everything is a no-op when the process was not started by
// systemd (no NOTIFY_SOCKET), so the programs run the same from a terminal.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace gastvrij::supervision {

void ready(const std::string& status);     // READY=1 with a STATUS= line
void status(const std::string& status);    // STATUS=, shown by `systemctl status`
void reloading(const std::string& status); // RELOADING=1 (READY=1 ends it)
void stopping(const std::string& status);  // STOPPING=1
void ping();                               // WATCHDOG=1

// The watchdog interval systemd set for this very process (WatchdogSec=, via
// sd_watchdog_enabled), or zero when there is none.
std::chrono::microseconds watchdog_for_this_process();
// WATCHDOG_USEC whichever process systemd watches. Under cage the watched
// process is cage (WATCHDOG_PID is cage's), and the unit's NotifyAccess=all
// lets its child, the kiosk, ping for it.
std::chrono::microseconds watchdog_from_environment();

// What a check found: serving or not, and the STATUS= line saying so.
struct Verdict {
    bool serving = false;
    std::string status;
};

// Every half interval runs `check` on a thread of its own and pings only
// when it says the process is serving; otherwise it logs why and lets
// systemd's timer run out. STATUS= follows the verdict (once per change).
class Watchdog {
public:
    using Check = std::function<Verdict()>;
    Watchdog(std::chrono::microseconds interval, Check check);
    ~Watchdog();  // stops the thread
    Watchdog(const Watchdog&) = delete;
    Watchdog& operator=(const Watchdog&) = delete;

private:
    void run(std::chrono::microseconds interval);

    Check check_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace gastvrij::supervision
