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

// --- Read-aloud started twice in one process ------------------------------
// BUG (app/platform/speech.cpp): the second platform::Speech of a process hangs
// for ever in espeak_ng_Terminate() when it is destroyed. ctest runs every test
// in its own process, so there each test starts speech once and nothing hangs;
// a whole test binary run by hand would hang at its second kiosk. So before a
// second kiosk with speech, the program asks a child copy of itself to start
// and stop speech twice: if the child hangs, the test is skipped, naming the bug.
inline int& speech_kiosks_made() {
    static int n = 0;
    return n;
}

// In the child (GASTVRIJ_SPEECH_PROBE set): start and stop speech twice, then
// leave before any test runs. Runs from a static initialiser, before main.
inline bool run_speech_probe_if_asked() {
    if (!std::getenv("GASTVRIJ_SPEECH_PROBE")) return false;
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    for (int i = 0; i < 2; ++i) platform::Speech s;
    _exit(0);
}
inline const bool speech_probe_hook = run_speech_probe_if_asked();

// True when starting speech a second time in this process would hang.
inline bool second_speech_hangs() {
    static const bool hangs = [] {
        pid_t pid = 0;
        char exe[] = "/proc/self/exe";
        char* argv[] = {exe, nullptr};
        std::vector<std::string> env_s = {"GASTVRIJ_SPEECH_PROBE=1"};
        for (char** e = environ; *e; ++e) env_s.emplace_back(*e);
        std::vector<char*> envp;
        for (auto& e : env_s) envp.push_back(e.data());
        envp.push_back(nullptr);
        if (posix_spawn(&pid, exe, nullptr, nullptr, argv, envp.data()) != 0) return true;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        int status = 0;
        while (waitpid(pid, &status, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() > deadline) {
                kill(pid, SIGKILL);
                waitpid(pid, &status, 0);
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }();
    return hangs;
}

#define GASTVRIJ_SPEECH_BUG                                                                      \
    "BUG app/platform/speech.cpp: a second Speech in one process hangs in espeak_ng_Terminate() " \
    "(~Speech); run this test on its own (ctest does)"

// Put before each kiosk a test makes: skips instead of hanging (see above).
#define SKIP_IF_SECOND_SPEECH_HANGS(setup)                                                   \
    if ((setup).speech && ::gastvrij::kiosk_test::speech_kiosks_made() > 0 &&                 \
        ::gastvrij::kiosk_test::second_speech_hangs())                                         \
    GTEST_SKIP() << GASTVRIJ_SPEECH_BUG

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
        if (s.speech) ++speech_kiosks_made();
        app = std::make_unique<kiosk::KioskApp>(*window, config(), *reception, ko);
        app->set_time_source([this] { return fake_ms; });
        driver = std::make_unique<kiosk::Driver>(*window, *app);
        driver->frames(2);
    }
    ~Kiosk() {
        driver.reset();
        app.reset();
        window.reset();
        reception.reset();
        store.reset();
    }
    Kiosk(const Kiosk&) = delete;
    Kiosk& operator=(const Kiosk&) = delete;

    const Config& config() const { return demo_config(); }
    kiosk::Session& session() { return app->session(); }
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
                                    config().kiosk.panel_height_mm, app->session().large_text);
    }

    TempDir dir;
    std::string db_file;
    FakeClock clock;
    double fake_ms = 1000;
    std::unique_ptr<SqliteStore> store;
    std::unique_ptr<Reception> reception;
    std::unique_ptr<platform::Window> window;
    std::unique_ptr<kiosk::KioskApp> app;
    std::unique_ptr<kiosk::Driver> driver;
};

// Declares `var`, a kiosk built from `setup`, or skips the test (see above).
#define NEW_KIOSK(var, setup)             \
    SKIP_IF_SECOND_SPEECH_HANGS(setup);   \
    ::gastvrij::kiosk_test::Kiosk var(setup)

inline const Topic* first_topic(const Config& c, RouteKind k) {
    for (const auto& t : c.directory.topics)
        if (t.route == k) return &t;
    return nullptr;
}

}  // namespace gastvrij::kiosk_test
