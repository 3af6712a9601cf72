#pragma once
// What runs behind the kiosk's screen: the whole service lives inside the
// kiosk process — escalation, the outbox with every channel, retention, and
// (unless --no-api) the HTTP API that companions and phones connect to.
//
// It starts on a thread of its own while the caller opens the window: the
// display and graphics driver take longest, and the visitor sees nothing
// until both are ready. `gastvrij kiosk` and `bench kiosk` share this.
#include <future>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "config/config.h"
#include "domain/clock.h"
#include "service/service.h"
#include "store/open_store.h"
#include "store/store_lock.h"

namespace gastvrij {

struct KioskBackend {
    KioskBackend(const Config& config, const std::string& data, bool api)
        : in_use(data, StoreLock::Mode::Writer),
          store(open_store(data, config.kiosk.office_id)),
          devices(open_device_store(data, config.kiosk.office_id)),
          service(config, *store, *devices, clock, options(config, api ? state_dir_of(data) : std::string())) {
        service.start(api);
    }
    // `state_dir` "": no API, so no certificate either.
    static ServiceOptions options(const Config& config, const std::string& state_dir) {
        ServiceOptions o = ServiceOptions::from(config.kiosk);
        o.outbox.worker = worker_name("kiosk");  // not the name of a `gastvrij serve` on this machine
        if (!state_dir.empty()) use_configured_tls(o, config.kiosk, state_dir);
        return o;
    }
    StoreLock in_use;  // first in, last out: the file's one writer until the store is closed
    std::unique_ptr<Store> store;
    std::unique_ptr<DeviceStore> devices;
    SystemClock clock;
    Service service;
};

// `config` must outlive the backend. If the caller leaves before get(), the
// future's destructor waits for the thread (std::async's guarantee).
inline std::future<std::unique_ptr<KioskBackend>> start_kiosk_backend(const Config& config, std::string data, bool api) {
    return std::async(std::launch::async, [&config, data = std::move(data), api] {
        return std::make_unique<KioskBackend>(config, data, api);
    });
}

}  // namespace gastvrij
