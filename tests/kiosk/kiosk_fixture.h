#pragma once
// A whole kiosk, headless: the demo office's configuration, a real SQLite file
// in a fresh temporary folder, a FakeClock on a Monday morning (open) and a
// fake millisecond clock for the time-outs, the real SDL window under the
// offscreen driver and the real KioskApp, driven by widget names like a
// visitor's finger. Shared by the kiosk and the accessibility (ui) tests.
#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "config/config.h"
#include "domain/reception.h"
#include "kiosk/driver.h"
#include "kiosk/kiosk_app.h"
#include "platform/speech.h"
#include "store/sqlite_db.h"
#include "store/sqlite_store.h"
#include "support/temp_dir.h"

namespace gastvrij::kiosk_test {

using TempDir = test_support::TempDir;

inline const std::string& demo_config_dir() {
    static const std::string dir = GASTVRIJ_SOURCE_DIR "/kiosk-config";
    return dir;
}

// The demo office, loaded once per test program (every test reads it only).
inline const Config& demo_config() {
    static const Config config = [] {
        LoadResult r = load_config(demo_config_dir());
        if (!r.ok()) {
            std::ostringstream out;
            for (const auto& d : r.diagnostics) out << d.format() << "\n";
            throw std::runtime_error("the demo kiosk-config does not load:\n" + out.str());
        }
        return std::move(*r.config);
    }();
    return config;
}

// The demo PIN as kiosk.toml's comment tells the office ("the demo PIN is 2468").
inline std::string demo_pin() {
    std::ifstream in(demo_config_dir() + "/kiosk.toml");
    std::string line;
    const std::regex pin(R"(demo PIN is ([0-9]+))");
    std::smatch m;
    while (std::getline(in, line))
        if (std::regex_search(line, m, pin)) return m[1];
    return "";
}

struct KioskSetup {
    int width = 1920, height = 1080;
    bool speech = true;          // the real product offers read-aloud
    SqliteOptions store;         // page limit / busy timeout for the failure tests
    const char* audio_driver = "dummy";
    // A port of the test's own in front of the reception (a slow one): its
    // calls then run off the UI thread, as a kiosk on another machine runs them.
    std::function<std::unique_ptr<KioskPort>(Reception&)> port;
    // The admin's "reload" (KioskOptions::reload).
    std::function<std::optional<Config>(std::string* errors)> reload;
};

// Monday 23 November 2026, 10:15 local: the office is open.
inline Timestamp monday_morning(const FakeClock& c) { return c.at_local(2026, 11, 23, 10, 15); }
// Sunday 22 November 2026, 12:00 local: closed all day.
inline Timestamp sunday_noon(const FakeClock& c) { return c.at_local(2026, 11, 22, 12, 0); }

class Kiosk {
public:
    explicit Kiosk(const KioskSetup& s = {}) {
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        setenv("SDL_AUDIODRIVER", s.audio_driver, 1);
        clock.set(monday_morning(clock));
        db_file = dir.file("gastvrij.db");
        store = std::make_unique<SqliteStore>(db_file, s.store);
        reception = std::make_unique<Reception>(config().directory, *store, clock);
        platform::WindowOptions wo;
        wo.fullscreen = false;
        wo.hidden = true;
        wo.width = s.width;
        wo.height = s.height;
        window = std::make_unique<platform::Window>(wo);
        kiosk::KioskOptions ko;
        ko.assets_dir = std::filesystem::path(config().photos_dir).parent_path().string();
        ko.speech = s.speech;
        ko.reload = s.reload;
        if (s.port) {
            port = s.port(*reception);
            ko.port_calls_in_background = true;
            app = std::make_unique<kiosk::KioskApp>(*window, config(), *port, ko);
        } else {
            app = std::make_unique<kiosk::KioskApp>(*window, config(), *reception, ko);
        }
        app->set_time_source([this] { return fake_ms; });
        driver = std::make_unique<kiosk::Driver>(*window, *app);
        driver->frames(2);
    }
    ~Kiosk() {
        driver.reset();
        app.reset();
        port.reset();
        window.reset();
        reception.reset();
        store.reset();
    }
    Kiosk(const Kiosk&) = delete;
    Kiosk& operator=(const Kiosk&) = delete;

    const Config& config() const { return demo_config(); }
    kiosk::Session& session() { return app->journey().session(); }
    std::string screen() const { return driver->screen(); }
    const ui::WidgetInfo* find(const std::string& name) const { return app->ui().find(name); }
    std::string label(const std::string& name) const {
        const ui::WidgetInfo* w = find(name);
        return w ? w->label : "<" + name + " not on screen>";
    }
    // Names of the widgets on screen that start with `prefix` ("person/").
    std::set<std::string> names(const std::string& prefix) const {
        std::set<std::string> out;
        for (const auto& w : app->ui().widgets().shown())
            if (w.name.rfind(prefix, 0) == 0) out.insert(w.name);
        return out;
    }
    // Lets fake time pass for the time-outs (the visitor does nothing).
    void wait_ms(double ms, int frames = 2) {
        fake_ms += ms;
        driver->frames(frames);
    }
    // Taps each widget in turn; fails the test naming the first one missing.
    ::testing::AssertionResult taps(const std::vector<std::string>& names, bool finger = true) {
        for (const auto& n : names)
            if (!driver->tap(n, finger ? ui::PointerKind::Finger : ui::PointerKind::Mouse))
                return ::testing::AssertionFailure() << "no widget '" << n << "' on the " << screen() << " screen";
        return ::testing::AssertionSuccess();
    }
    ui::Metrics metrics() const {
        return ui::Metrics::compute(window->width(), window->height(), config().kiosk.panel_width_mm,
                                    config().kiosk.panel_height_mm, app->journey().session().large_text);
    }

    TempDir dir;
    std::string db_file;
    FakeClock clock;
    double fake_ms = 1000;
    std::unique_ptr<SqliteStore> store;
    std::unique_ptr<Reception> reception;
    std::unique_ptr<KioskPort> port;  // setup.port's, if any
    std::unique_ptr<platform::Window> window;
    std::unique_ptr<kiosk::KioskApp> app;
    std::unique_ptr<kiosk::Driver> driver;
};

// Declares `var`, a kiosk built from `setup`.
#define NEW_KIOSK(var, setup) ::gastvrij::kiosk_test::Kiosk var(setup)

inline const Topic* first_topic(const Config& c, RouteKind k) {
    for (const auto& t : c.directory.topics)
        if (t.route == k) return &t;
    return nullptr;
}

}  // namespace gastvrij::kiosk_test
