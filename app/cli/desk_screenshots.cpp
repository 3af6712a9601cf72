// `gastvrij desk-screenshots --out DIR`: every screen of the reception
// companion rendered headless to PNG (SDL's offscreen driver), against an
// in-process service on a temporary SQLite file seeded with a Monday morning:
// visitors in each promise state, one in conversation, presence changes and
// two undelivered messages, a phone, a kiosk and a second desk paired, after a
// month of made-up history (figures, callback requests). File names:
// desk-<screen>-<W>x<H>.png.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <functional>
#include <iostream>
#include <regex>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/seed.h"
#include "desk/driver.h"
#include "service/service.h"
#include "store/open_store.h"

namespace gastvrij {
namespace fs = std::filesystem;

namespace {

// The service's threads read the clock while this thread moves it.
class ShotClock final : public Clock {
public:
    explicit ShotClock(Timestamp t) : now_(t) {}
    Timestamp now() const override { return now_.load(); }
    LocalTime local(Timestamp t) const override { return calendar_.local(t); }
    Timestamp start_of_day(Timestamp t) const override { return calendar_.start_of_day(t); }
    void set(Timestamp t) { now_ = t; }

private:
    std::atomic<Timestamp> now_;
    FakeClock calendar_{0, 60};  // the office in winter time
};

struct Office {
    Service& service;
    Store& store;  // for the dead letters only: the outbox worker's part
    ShotClock& clock;
    Timestamp t0;
    std::map<std::string, VisitId> visits;  // by the visitor's name
    std::map<std::string, std::int64_t> devices;  // paired in seed(), by the name given
};

// A Monday morning at 10:15: a visitor in every promise state.
void seed(Office& o) {
    Reception& r = o.service.reception();
    const Config& c = o.service.config();
    auto at = [&](int seconds_before) { o.clock.set(o.t0 - seconds_before); };
    auto topic = [&](RouteKind k, const std::string& prefer) {
        for (const auto& t : c.directory.topics)
            if (t.id == prefer) return t.id;
        for (const auto& t : c.directory.topics)
            if (t.route == k) return t.id;
        return c.directory.topics.front().id;
    };
    auto ack = [&](const std::string& topic_id) {
        const Topic* t = c.directory.topic(topic_id);
        return static_cast<Timestamp>(t ? t->ack_minutes : 5) * 60;
    };
    auto check_in = [&](const std::string& name, const std::string& topic_id, const std::string& host = "") {
        CheckInRequest q;
        q.topic_id = topic_id;
        q.visitor_name = name;
        q.chosen_host = host;
        q.source = "kiosk:entree";
        o.visits[name.empty() ? "-" : name] = r.check_in(q).id;
    };
    std::string person_host;
    for (const auto& s : c.directory.staff)
        if (s.show_on_kiosk && person_host.empty()) person_host = s.id;

    const std::string home = topic(RouteKind::Team, "find_home"), repair = topic(RouteKind::Team, "repair"),
                      rent = topic(RouteKind::Team, "rent"), nuisance = topic(RouteKind::Team, "nuisance"),
                      appointment = topic(RouteKind::ChoosePerson, "appointment");
    at(14 * 60);
    check_in("Noël", home);  // in conversation
    at(9 * 60);
    check_in("Zeynep", repair);  // answered: on time
    at(7 * 60);
    check_in("Marek", rent);  // broken: nobody answered
    at(6 * 60);
    r.start(o.visits["Noël"], "staff:screenshots");
    at(int(ack(nuisance)) - 40);
    check_in("", nuisance);  // about to break
    at(4 * 60);
    r.acknowledge(o.visits["Zeynep"], 6, "staff:screenshots");
    at(60);
    check_in("Ayşe", appointment, person_host);  // on time
    at(0);

    int n = 0;
    for (const auto& s : c.directory.staff) {
        if (n == 1) r.set_presence(s.id, Presence::Lunch);
        if (n == 2) r.set_presence(s.id, Presence::Out);
        if (n == 3) r.set_presence(s.id, Presence::In);
        ++n;
    }
    // This morning's survey answers and a callback request from the kiosk.
    at(3600);
    const std::pair<int, int> answers[] = {{9, 1}, {8, 1}, {6, 0}, {10, 1}, {7, -1}};
    for (const auto& [score, one_go] : answers) {
        SurveyResponse a;
        a.topic_id = repair;
        a.score = score;
        if (one_go >= 0) a.one_go = one_go == 1;
        r.surveys().answer(a);
    }
    at(40 * 60);
    CallbackRequest cb;
    cb.phone = "+31612345678";
    cb.topic_id = rent;
    cb.part = PartOfDay::Afternoon;
    r.callbacks().request(cb);
    at(0);
    // Two messages the outbox gave up on.
    bool mail = false, hook = false;
    for (const OutboxMessage& m : o.store.due_messages(o.t0 + 1, 200)) {
        if (m.channel == Channel::Email && !mail) {
            o.store.mark_dead(m.id, "550 5.1.1 mailbox unavailable (adres onbekend bij de ontvanger)", o.t0 - 120);
            mail = true;
        } else if (m.channel == Channel::Webhook && !hook) {
            o.store.mark_dead(m.id, "webhook answered 404: channel_not_found", o.t0 - 60);
            hook = true;
        }
    }
}

// Devices paired over the past weeks while the desk looks at its list: a
// colleague's phone, the entrance kiosk and a second desk (the desk on
// screen paired at the start). The clock goes back only for each redemption.
void pair_devices(Office& o) {
    const Timestamp now = o.clock.now();
    auto pair_device = [&](int days_ago, DeviceKind kind, const std::string& staff, const std::string& name) {
        o.clock.set(now - days_ago * 86400);
        const PairingTicket t = o.service.pairing().create_code(kind, staff);
        o.devices[name] = ServiceClient::pair(o.service.local_url(), t.code, name).device.id;
    };
    pair_device(40, DeviceKind::Kiosk, "", "Entree");
    pair_device(12, DeviceKind::Desk, "", "Spreekkamer 2");
    for (const auto& s : o.service.config().directory.staff)
        if (s.phone_page) {
            pair_device(3, DeviceKind::Phone, s.id, "Telefoon werk");
            break;
        }
    o.clock.set(now);
}

struct Shot {
    std::string name;
    std::function<void(desk::DeskApp&, desk::Driver&, Office&)> setup;
};

VisitId row_of(Office& o, const std::string& name) { return o.visits.count(name) ? o.visits.at(name) : 0; }

// A story through the companion, each shot building on the one before; every
// tab of the table that the story does not show gets a shot of its own
// (named after the tab) before the service goes away.
std::vector<Shot> shots() {
    using App = desk::DeskApp;
    using D = desk::Driver;
    std::vector<Shot> story = {
        {"board", [](App&, D&, Office&) {}},
        {"board-visit", [](App&, D& d, Office& o) { d.tap("board/row/" + std::to_string(row_of(o, "Marek"))); }},
        {"board-reassign", [](App&, D& d, Office&) { d.tap("visit/reassign"); }},
        {"board-cancel", [](App&, D& d, Office&) {
             d.tap("visit/reassign");  // closes the list again
             d.tap("visit/cancel");
         }},
        {"walk-in", [](App& app, D& d, Office&) {
             d.tap("visit/cancel/no");
             d.tap("visit/close");
             d.tap("walkin/topic/repair");
             app.walk_in().name = "Fatima";
         }},
        {"board-seen", [](App&, D& d, Office&) { d.tap("alert/seen"); }},
        {"board-escalated", [](App&, D& d, Office& o) {
             o.clock.set(o.t0 + 50);  // the visitor without a name is now late too
             o.service.tick_now();
             d.until([&] { return d.visible("banner/alert"); });
         }},
        {"presence", [](App&, D& d, Office&) { d.tap("tab/presence"); }},
        {"dead-letters", [](App&, D& d, Office&) { d.tap("tab/dead"); }},
        {"pairing", [](App& app, D& d, Office&) {
             d.tap("tab/pairing");
             d.until([&] { return app.model().pairing().has_devices() && app.session().busy() == 0; });
         }},
        {"pairing-devices", [](App& app, D& d, Office& o) {
             // Paired meanwhile; "Vernieuwen" shows them with this desk.
             pair_devices(o);
             d.tap("devices/refresh");
             d.until([&] { return app.model().pairing().devices().size() == o.devices.size() + 1 && app.session().busy() == 0; });
         }},
        {"pairing-revoke", [](App&, D& d, Office& o) {
             if (o.devices.count("Telefoon werk")) d.tap("devices/revoke/" + std::to_string(o.devices.at("Telefoon werk")));
         }},
        {"pairing-phone", [](App& app, D& d, Office& o) {
             d.tap("devices/confirm/no");
             for (const auto& s : o.service.config().directory.staff)
                 if (s.phone_page) {
                     d.tap("pairing/staff/" + s.id);
                     break;
                 }
             d.tap("pairing/create");
             d.until([&] { return app.model().pairing().code().has_value(); });
         }},
        {"pairing-desk", [](App& app, D& d, Office&) {
             d.tap("pairing/desk");
             d.until([&] { return app.model().pairing().code() && app.model().pairing().code()->kind == DeviceKind::Desk; });
         }},
        {"pairing-kiosk", [](App& app, D& d, Office&) {
             d.tap("pairing/kiosk");
             d.until([&] { return app.model().pairing().code() && app.model().pairing().code()->kind == DeviceKind::Kiosk; });
         }},
        {"error-conflict", [](App& app, D& d, Office& o) {
             d.tap("tab/board");
             // A colleague's phone starts the conversation just before the desk answers for them.
             const VisitId id = row_of(o, "Ayşe");
             o.service.reception().start(id, "staff:screenshots");
             app.session().acknowledge(id, 5);
             d.until([&] { return d.visible("message/error"); });
         }},
        {"callbacks", [](App& app, D& d, Office&) {
             d.tap("tab/callbacks");
             d.until([&] { return app.model().callbacks().loaded() && app.session().busy() == 0; });
         }},
        {"callbacks-done", [](App& app, D& d, Office&) {
             for (const auto& c : app.model().callbacks().list())
                 if (c.request.state != CallbackState::Done && !app.model().callbacks().overdue(c)) {
                     d.tap("callbacks/" + std::to_string(c.request.id) + "/done");
                     break;
                 }
         }},
        {"report", [](App& app, D& d, Office&) {
             d.tap("callbacks/done/no");
             d.tap("tab/report");
             d.until([&] { return app.model().report().figures() && app.model().report().trend() && app.session().busy() == 0; });
         }},
        {"report-month", [](App& app, D& d, Office&) {
             d.tap("report/span/month");
             d.until([&] {
                 return app.session().busy() == 0 && app.model().report().figures() &&
                        app.model().report().figures()->from != app.model().report().figures()->to;
             });
         }},
        {"offline", [](App& app, D& d, Office& o) {
             o.service.stop();
             d.until([&] { return app.model().connection().state() == desk::Connection::Offline; });
         }},
    };
    std::vector<Shot> tabs;
    for (const desk::TabEntry& e : desk::tab_table()) {
        const std::string name = e.name;
        const bool shown = std::any_of(story.begin(), story.end(), [&](const Shot& s) { return s.name.rfind(name, 0) == 0; });
        if (!shown)
            tabs.push_back({name, [name](App& app, D& d, Office&) {
                                d.tap("tab/" + name);
                                d.until([&] { return app.session().busy() == 0; });
                            }});
    }
    story.insert(story.end() - 1, tabs.begin(), tabs.end());  // before "offline"
    return story;
}

int run_desk_screenshots(const std::string& config_dir, const std::string& out, const std::string& only,
                         const std::string& size) {
    // Headless unless told otherwise; the office's clock for the times shown.
    setenv("SDL_VIDEODRIVER", "offscreen", 0);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    setenv("TZ", "Europe/Amsterdam", 0);
    tzset();
    const std::optional<WindowSize> parsed = parse_window_size(size, 1280, 800);
    if (!parsed) {
        std::cerr << "gastvrij desk-screenshots: --size must be WIDTHxHEIGHT of at least 1280x800\n";
        return 2;
    }
    const int w = parsed->width, h = parsed->height;
    std::optional<Config> config = load_config_or_explain(config_dir, std::cerr);
    if (!config) return 1;
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) {
        std::cerr << "gastvrij desk-screenshots: cannot create " << out << ": " << ec.message() << "\n";
        return 1;
    }
    const std::string assets = assets_dir_for(*config);
    const fs::path db = fs::temp_directory_path() / ("gastvrij-desk-screens-" + std::to_string(::getpid()) + ".db");
    const std::regex filter(only.empty() ? ".*" : only);
    const std::string suffix = "-" + std::to_string(w) + "x" + std::to_string(h) + ".png";
    int written = 0;
    auto capture = [&](platform::Window& window, const std::string& name) {
        std::string err;
        if (!window.capture_png((fs::path(out) / ("desk-" + name + suffix)).string(), &err))
            throw std::runtime_error(err);
        ++written;
    };
    try {
        const auto store_opened = open_store(db.string(), config->kiosk.office_id);
        Store& store = *store_opened;
        const auto devices_opened = open_device_store(db.string(), config->kiosk.office_id);
        DeviceStore& devices = *devices_opened;
        const Timestamp t0 = FakeClock(0, 60).at_local(2026, 11, 23, 10, 15);
        ShotClock clock(t0);
        // A month of made-up history before the service starts, so the figures
        // screen has days to draw and the event stream starts after it.
        SeedPlan plan;
        plan.days = 30;
        plan.last_day = "2026-11-22";
        plan.visits_per_day = 80;
        seed_history(store, *config, plan, t0);
        // A neighbourhood office on the same store, so the figures tab shows
        // the offices side by side.
        plan.visits_per_day = 35;
        plan.seed = 2;
        seed_history(*open_store(db.string(), "wijkwinkel-noord"), *config, plan, t0);
        ServiceOptions so = ServiceOptions::from(config->kiosk);
        so.api.listen = "127.0.0.1";
        so.api.port = 0;
        so.api.token_per_second = so.api.ip_per_second = 0;
        so.tick_interval = std::chrono::hours(1);  // escalation when a shot asks for it
        so.deliver_outbox = false;                 // nothing leaves this machine
        Service service(*config, store, devices, clock, so);
        service.start();
        Office office{service, store, clock, t0, {}, {}};
        const PairingTicket ticket = service.pairing().create_code(DeviceKind::Desk, "");
        const std::string token = ServiceClient::pair(service.local_url(), ticket.code, "Balie centrum").token;

        platform::WindowOptions wo;
        wo.fullscreen = false, wo.hidden = true, wo.width = w, wo.height = h;
        platform::Window window(wo);
        {
            desk::SessionOptions sess;
            sess.server = service.local_url();
            sess.token = token;
            desk::DeskSession session(sess, [] { platform::Window::wake(); });
            desk::AppOptions ao;
            ao.assets_dir = assets;
            ao.sound = false;
            desk::DeskApp app(window, session, ao);
            desk::Driver driver(window, app);
            session.start();
            // First the quiet start of the day, then the morning as seeded.
            if (!driver.until([&] {
                    return app.model().connection().state() == desk::Connection::Online && app.model().directory().loaded();
                }, std::chrono::seconds(10)))
                throw std::runtime_error("the desk did not reach the service");
            driver.frames(3, true);
            if (std::regex_search("desk-board-empty" + suffix, filter)) capture(window, "board-empty");
            seed(office);
            session.reload();  // as after a restart: the whole board with the service's minutes
            if (!driver.until([&] {
                    return app.model().board().rows().size() == office.visits.size() && !app.model().dead_letters().list().empty() &&
                           session.busy() == 0;
                }, std::chrono::seconds(10)))
                throw std::runtime_error("the desk did not get the seeded board from the service");
            for (const Shot& s : shots()) {
                s.setup(app, driver, office);
                driver.frames(3, true);
                if (std::regex_search("desk-" + s.name + suffix, filter)) capture(window, s.name);
            }
        }
        {
            // A new desk, started from the menu: it asks for the pairing link.
            desk::SessionOptions sess;
            desk::DeskSession session(sess, [] { platform::Window::wake(); });
            desk::AppOptions ao;
            ao.assets_dir = assets;
            ao.sound = false;
            desk::DeskApp app(window, session, ao);
            desk::Driver driver(window, app);
            session.start();
            app.link().code = "https://kiosk-centrum:8470/desk#pair=K7QM";
            driver.frames(3, true);
            if (std::regex_search("desk-link" + suffix, filter)) capture(window, "link");
        }
    } catch (const std::exception& e) {
        std::cerr << "gastvrij desk-screenshots: " << e.what() << "\n";
        for (const char* s : {"", "-wal", "-shm"}) fs::remove(db.string() + s, ec);
        return 1;
    }
    for (const char* s : {"", "-wal", "-shm"}) fs::remove(db.string() + s, ec);
    std::cout << written << " desk screenshots written to " << out << "\n";
    return written > 0 ? 0 : 1;
}

}  // namespace

void register_desk_screenshots(CLI::App& app, int& status) {
    auto* cmd = app.add_subcommand("desk-screenshots", "Render every screen of the reception companion to PNG (headless).");
    auto config = std::make_shared<std::string>(default_config_dir());
    auto out = std::make_shared<std::string>("screenshots");
    auto only = std::make_shared<std::string>();
    auto size = std::make_shared<std::string>("1280x800");
    cmd->add_option("--config", *config, "configuration folder (the office shown)")->capture_default_str();
    cmd->add_option("--out", *out, "folder for the PNG files")->capture_default_str();
    cmd->add_option("--only", *only, "regular expression on the file name, e.g. 'pairing'");
    cmd->add_option("--size", *size, "window size WIDTHxHEIGHT")->capture_default_str();
    cmd->callback([=, &status] { status = run_desk_screenshots(*config, *out, *only, *size); });
}

}  // namespace gastvrij
