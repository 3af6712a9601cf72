#pragma once
// `gastvrij serve` under systemd (Type=notify, WatchdogSec=): READY=1 once
// its own /health answers, STATUS= lines, RELOADING=1 around a SIGHUP reload,
// STOPPING=1, and a watchdog ping only while the service proves it serves —
// its HTTP listener answers a real request and its background loop ticks.
// A hung listener or loop stops the pings and systemd restarts the service.
#include <chrono>
#include <memory>
#include <mutex>

#include "cli/supervision.h"

namespace gastvrij {

class Service;

class ServeSupervision {
public:
    // hang_loop_after_pings > 0: the supervision tests' hook, which hangs the
    // service's background loop after that many pings.
    explicit ServeSupervision(int hang_loop_after_pings = 0);
    ~ServeSupervision();

    // After service.start(): waits (briefly) for /health to answer, then READY=1.
    void serving(Service& service);
    // Before the service is stopped to be replaced with a reloaded one.
    void reloading();
    void stopping();

private:
    supervision::Verdict check();

    std::mutex mutex_;
    Service* service_ = nullptr;  // null while reloading or stopping
    int hang_after_ = 0;
    std::chrono::milliseconds check_timeout_{2000};
    int pings_ = 0;
    std::unique_ptr<supervision::Watchdog> watchdog_;
};

}  // namespace gastvrij
