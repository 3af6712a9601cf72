#pragma once
// The reception companion against a real service: a Service on 127.0.0.1
// (any free port, restartable on the same port) over a real SQLite file in a
// temporary folder, the test office of the domain tests, a clock the test
// moves, and the real DeskSession + DeskApp in an SDL window under the
// offscreen driver, driven by region names like a mouse.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "config/config.h"
#include "desk/desk_app.h"
#include "desk/driver.h"
#include "desk/session.h"
#include "domain/office.h"
#include "client/client.h"
#include "service/service.h"
#include "store/sqlite_devices.h"
#include "store/sqlite_store.h"
#include "support/office_config.h"
#include "support/temp_dir.h"
#include "support/test_clock.h"

namespace gastvrij::desk_test {

namespace fs = std::filesystem;

using TempDir = test_support::TempDir;

using TestClock = test_support::TestClock;

using test_support::office_config;

// The service, restartable on the same port over the same file.
struct Office {
    // https: with the certificate the service makes in its folder, as `serve` does.
    explicit Office(bool https = false)
        : https(https), clock(FakeClock(0, 60).at_local(2026, 11, 23, 10, 42)), store(dir.file("gastvrij.db")),
          devices(dir.file("gastvrij.db")) {
        start();
    }
    ~Office() { stop(); }

    void start() {
        ServiceOptions o;
        o.api.listen = "127.0.0.1";
        o.api.port = port;  // 0 the first time, then the same port again
        o.api.token_per_second = 0;
        o.api.ip_per_second = 0;
        o.events.heartbeat = std::chrono::milliseconds(300);
        o.tick_interval = std::chrono::hours(1);  // escalation only when the test ticks
        o.deliver_outbox = false;                 // the dead letters are the test's to make
        if (https) fingerprint = use_configured_tls(o, KioskSettings{}, dir.path().string())->fingerprint;
        service = std::make_unique<Service>(office_config(), store, devices, clock, o);
        service->start();
        port = service->port();
    }
    void stop() {
        if (service) service->stop();
        service.reset();
    }
    std::string url() const { return (https ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port); }
    // The link a desk is given: this service's address, a fresh code and the pin.
    std::string desk_link() {
        return pairing_link(url(), DeviceKind::Desk, service->pairing().create_code(DeviceKind::Desk, "").code, fingerprint);
    }
    std::string desk_token() {
        const PairingTicket t = service->pairing().create_code(DeviceKind::Desk, "");
        ClientOptions o;
        o.pinned_fingerprint = fingerprint;
        return ServiceClient::pair(url(), t.code, "Balie test", o).token;
    }
    Visit check_in(const std::string& topic, const std::string& name, const std::string& host = "") {
        CheckInRequest r;
        r.topic_id = topic;
        r.visitor_name = name;
        r.chosen_host = host;
        r.source = "kiosk:test";
        return service->reception().check_in(r);
    }

    bool https = false;
    std::string fingerprint;  // of the certificate, when https
    TempDir dir;
    TestClock clock;
    SqliteStore store;
    SqliteDeviceStore devices;
    std::unique_ptr<Service> service;
    int port = 0;
};

// The companion on that service, headless.
struct Desk {
    // `server`: the address the desk starts with; nullopt = the office's, "" = none yet.
    explicit Desk(Office& office, std::string token, bool sound = false, std::string token_file = "",
                  std::optional<std::string> server = std::nullopt) {
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        setenv("SDL_AUDIODRIVER", "dummy", 1);
        platform::WindowOptions wo;
        wo.fullscreen = false, wo.hidden = true, wo.width = 1280, wo.height = 800;
        window = std::make_unique<platform::Window>(wo);
        desk::SessionOptions so;
        so.server = server ? *server : office.url();
        if (!server) so.client.pinned_fingerprint = office.fingerprint;
        so.token = std::move(token);
        so.token_file = std::move(token_file);
        so.device_name = "Balie test";
        // Quick reconnection, so a restarted service is found within the test.
        so.client.backoff_min = std::chrono::milliseconds(100);
        so.client.backoff_max = std::chrono::milliseconds(400);
        so.client.connect_timeout = std::chrono::milliseconds(1000);
        session = std::make_unique<desk::DeskSession>(so, [] { platform::Window::wake(); });
        desk::AppOptions ao;
        ao.assets_dir = GASTVRIJ_SOURCE_DIR "/assets";
        ao.sound = sound;
        app = std::make_unique<desk::DeskApp>(*window, *session, ao);
        driver = std::make_unique<desk::Driver>(*window, *app);
        session->start();
    }
    ~Desk() {
        driver.reset();
        app.reset();
        session.reset();  // stops listening before the window goes
        window.reset();
    }

    desk::DeskModel& model() { return session->model(); }
    // Connected and the first load (visits, directory, presence) is in.
    bool online() {
        return driver->until([&] { return model().connection().state() == desk::Connection::Online && model().directory().loaded(); });
    }
    bool until(const std::function<bool()>& done, std::chrono::milliseconds limit = std::chrono::milliseconds(5000)) {
        return driver->until(done, limit);
    }
    const ui::WidgetInfo* region(const std::string& name) { return app->find(name); }
    static std::string row(VisitId id) { return "board/row/" + std::to_string(id); }

    std::unique_ptr<platform::Window> window;
    std::unique_ptr<desk::DeskSession> session;
    std::unique_ptr<desk::DeskApp> app;
    std::unique_ptr<desk::Driver> driver;
};

// Polls a condition on the test thread (the store, written by the service).
inline bool eventually(const std::function<bool()>& done, std::chrono::milliseconds limit = std::chrono::milliseconds(5000)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return done();
}

}  // namespace gastvrij::desk_test
