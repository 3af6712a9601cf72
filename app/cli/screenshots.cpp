// `gastvrij screenshots`: every kiosk screen, in every language, both
// orientations, normal and high contrast, rendered headless to PNG with SDL's
// offscreen driver. File names: <screen>-<lang>-<orientation>-<theme>.png.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <regex>

#include "cli/commands.h"
#include "cli/common.h"
#include "domain/reception.h"
#include "kiosk/driver.h"
#include "kiosk/kiosk_app.h"
#include "store/open_store.h"
#include "service/survey_link.h"

namespace gastvrij {
namespace fs = std::filesystem;

namespace {

struct Shot {
    std::string name;
    // Brings the kiosk into the state to photograph.
    std::function<void(kiosk::KioskApp&, kiosk::Driver&, FakeClock&, double& fake_ms)> setup;
};

const Topic* first_topic(const Config& c, RouteKind k) {
    for (const auto& t : c.directory.topics)
        if (t.route == k) return &t;
    return nullptr;
}

// Every screen of the table, shown as it looks when navigated to; the states a
// plain go() does not reach (a visit checked in, letters typed, the office
// closed) and further variants are set up here by name.
std::vector<Shot> shots(const Config& c, Reception& reception) {
    const Topic* team = first_topic(c, RouteKind::Team);
    const Topic* person = first_topic(c, RouteKind::ChoosePerson);
    auto check_in = [team](kiosk::KioskApp& app, const std::string& name) {
        if (team) app.choose_topic(team->id);
        app.journey().session().name = name;
        app.check_in();
    };
    std::vector<Shot> staged = {
        {"welcome_closed", [](auto&, auto&, FakeClock& clock, auto&) { clock.set(clock.at_local(2026, 11, 22, 12, 0)); }},
        // Sunday night: the office is closed and nobody has touched the kiosk for a while.
        {"dark", [](kiosk::KioskApp& app, auto&, FakeClock& clock, auto&) {
             clock.set(clock.at_local(2026, 11, 22, 22, 0));
             app.go(kiosk::ScreenId::Dark);
         }},
        {"appointment", [person](auto& app, auto&, auto&, auto&) { if (person) app.choose_topic(person->id); }},
        {"appointment_search", [person](auto& app, kiosk::Driver& d, auto&, auto&) {
             if (person) app.choose_topic(person->id);
             d.type("je");
         }},
        {"name", [team](auto& app, kiosk::Driver& d, auto&, auto&) {
             if (team) app.choose_topic(team->id);
             d.type("zeynep ş");
         }},
        {"confirmation", [check_in](auto& app, auto&, auto&, auto&) { check_in(app, "Zeynep"); }},
        {"confirmation_on_the_way", [check_in, &reception](kiosk::KioskApp& app, auto&, auto&, auto&) {
             check_in(app, "Piotr");
             if (app.journey().session().visit) reception.acknowledge(app.journey().session().visit->id, 4, "screenshots");
         }},
        {"unavailable", [team](auto& app, auto&, FakeClock& clock, auto&) {
             clock.set(clock.at_local(2026, 11, 22, 12, 0));
             app.journey().session().closed = true;
             if (team) app.journey().session().topic_id = team->id;  // its information link is offered
             app.go(kiosk::ScreenId::Unavailable);
         }},
        // Open, but everyone is out: the way out is walking to the desk.
        {"unavailable_nobody", [team, &c, &reception](kiosk::KioskApp& app, auto&, auto&, auto&) {
             for (const Staff& s : c.directory.staff) reception.set_presence(s.id, Presence::Out);
             if (team) app.choose_topic(team->id);
             for (const Staff& s : c.directory.staff) reception.set_presence(s.id, Presence::Unknown);
         }},
        {"callback", [](auto& app, kiosk::Driver& d, auto&, auto&) {
             app.go(kiosk::ScreenId::Callback);
             for (const char* k : {"0", "6", "1", "2"}) d.tap(std::string("keypad/") + k);
         }},
        {"callback_when", [](auto& app, kiosk::Driver& d, auto&, auto&) {
             app.go(kiosk::ScreenId::Callback);
             for (const char* k : {"0", "6", "1", "2", "3", "4", "5", "6", "7", "8"}) d.tap(std::string("keypad/") + k);
             d.tap("callback/next");
         }},
        {"survey_who", [check_in, &reception](kiosk::KioskApp& app, auto&, FakeClock& clock, auto&) {
             // Someone was helped a quarter of an hour ago: their face is offered.
             check_in(app, "Ayşe");
             if (auto v = app.journey().session().visit) {
                 reception.start(v->id, "screenshots");
                 clock.advance(600);
                 reception.finish(v->id, "screenshots");
             }
             const kiosk::Session settings = app.journey().session();
             app.home();  // a new visitor, with this picture's language and theme
             app.set_language(settings.language);
             app.journey().session().contrast = settings.contrast;
             app.journey().session().large_text = settings.large_text;
             app.go(kiosk::ScreenId::SurveyWho);
         }},
        {"survey_comment", [](auto& app, kiosk::Driver& d, auto&, auto&) {
             app.go(kiosk::ScreenId::SurveyComment);
             d.type("heel vriendelijk");
         }},
        {"timeout", [](kiosk::KioskApp& app, auto&, auto&, double& ms) {
             app.go(kiosk::ScreenId::Topic);
             ms += (app.journey().config().kiosk.idle_seconds + 3) * 1000.0;
         }},
        {"topic_large", [](auto& app, auto&, auto&, auto&) {
             app.journey().session().large_text = true;
             app.go(kiosk::ScreenId::Topic);
         }},
    };
    std::vector<Shot> all;
    for (const kiosk::ScreenEntry& e : kiosk::screen_table()) {
        const bool set_up = std::any_of(staged.begin(), staged.end(), [&](const Shot& s) { return s.name == e.name; });
        if (!set_up) all.push_back({e.name, [id = e.id](kiosk::KioskApp& app, auto&, auto&, auto&) { app.go(id); }});
    }
    all.insert(all.end(), staged.begin(), staged.end());
    return all;
}

int run_screenshots(const std::string& config_dir, const std::string& out, const std::string& only) {
    // Headless unless told otherwise; audio goes nowhere but speech still "works".
    setenv("SDL_VIDEODRIVER", "offscreen", 0);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    std::optional<Config> config = load_config_or_explain(config_dir, std::cerr);
    if (!config) return 1;
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) {
        std::cerr << "gastvrij screenshots: cannot create " << out << ": " << ec.message() << "\n";
        return 1;
    }
    const fs::path db = fs::temp_directory_path() / ("gastvrij-screens-" + std::to_string(::getpid()) + ".db");
    int written = 0;
    try {
        const auto store_opened = open_store(db.string());
        Store& store = *store_opened;
        FakeClock clock;
        Reception reception(config->directory, store, clock);
        const std::regex filter(only.empty() ? ".*" : only);
        struct Orientation { const char* name; int w, h; };
        for (Orientation o : {Orientation{"landscape", 1920, 1080}, Orientation{"portrait", 1080, 1920}}) {
            platform::WindowOptions wo;
            wo.fullscreen = false, wo.hidden = true, wo.width = o.w, wo.height = o.h;
            platform::Window window(wo);
            kiosk::KioskOptions ko;
            ko.assets_dir = assets_dir_for(*config);
            LocalKioskPort port(reception, phone_survey_links(reception.surveys(), clock, *config, [&] { return config->kiosk.public_url; }));
            kiosk::KioskApp app(window, *config, port, ko);
            double fake_ms = 0;
            app.set_time_source([&] { return fake_ms; });
            kiosk::Driver driver(window, app);
            for (const std::string& lang : config->kiosk.languages)
                for (const char* theme : {"normal", "contrast"})
                    for (const Shot& s : shots(*config, reception)) {
                        const std::string file = s.name + "-" + lang + "-" + o.name + "-" + theme + ".png";
                        if (!std::regex_search(file, filter)) continue;
                        clock.set(clock.at_local(2026, 11, 23, 10, 15));  // a Monday morning, open
                        app.home();
                        app.journey().session().language = lang;
                        app.journey().session().contrast = std::string(theme) == "contrast";
                        driver.frames(2);
                        s.setup(app, driver, clock, fake_ms);
                        driver.frames(3, true);
                        std::string err;
                        if (!window.capture_png((fs::path(out) / file).string(), &err)) {
                            std::cerr << "gastvrij screenshots: " << err << "\n";
                            return 1;
                        }
                        ++written;
                        fake_ms += 1000;
                    }
        }
    } catch (const std::exception& e) {
        std::cerr << "gastvrij screenshots: " << e.what() << "\n";
        fs::remove(db, ec);
        return 1;
    }
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix, ec);
    std::cout << written << " screenshots written to " << out << "\n";
    return written > 0 ? 0 : 1;
}

}  // namespace

void register_screenshots(CLI::App& app, int& status) {
    auto* cmd = app.add_subcommand("screenshots", "Render every kiosk screen (all languages, both orientations, both themes) to PNG.");
    auto config = std::make_shared<std::string>(default_config_dir());
    auto out = std::make_shared<std::string>("screenshots");
    auto only = std::make_shared<std::string>();
    cmd->add_option("--config", *config, "configuration folder")->capture_default_str();
    cmd->add_option("--out", *out, "folder for the PNG files")->capture_default_str();
    cmd->add_option("--only", *only, "regular expression on the file name, e.g. 'topic-ar'");
    cmd->callback([=, &status] { status = run_screenshots(*config, *out, *only); });
}

}  // namespace gastvrij
