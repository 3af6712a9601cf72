// A kiosk on another machine than the service: the real kiosk screens over
// RemoteKioskPort, talking to a real service on 127.0.0.1 only through API v1
// with a kiosk token. What the visitor taps ends up in the service's SQLite
// file; what a colleague does there reaches the visitor's screen live; and
// while the service is gone, hung or has withdrawn the kiosk's pairing, the
// kiosk never claims "we are coming" and never freezes for long.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>

#include "kiosk/driver.h"
#include "kiosk/kiosk_app.h"
#include "platform/window.h"
#include "client/client.h"
#include "client/remote_kiosk.h"
#include "service/service_fixture.h"
#include "store/sqlite_devices.h"
#include "store/sqlite_store.h"

namespace gastvrij {
namespace {

using namespace service_test;

Config demo_office() {
    LoadResult loaded = load_config(GASTVRIJ_SOURCE_DIR "/kiosk-config");
    if (!loaded.config) throw std::runtime_error("the demo configuration does not load");
    Config c = *loaded.config;
    c.kiosk.public_url.clear();  // links point at this test's service on 127.0.0.1
    return c;
}

// The office's service, and a kiosk elsewhere that knows only its address.
class RemoteKiosk : public ::testing::Test {
protected:
    RemoteKiosk()
        : config(demo_office()),
          clock(monday_1042()),
          store(dir.file("gastvrij.db")),
          devices(dir.file("gastvrij.db")),
          service(std::make_unique<Service>(config, store, devices, clock, test_options())) {
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        setenv("SDL_AUDIODRIVER", "dummy", 1);
        service->start();
        port_number = service->port();
        const PairingTicket t = service->pairing().create_code(DeviceKind::Kiosk, "");
        token = ServiceClient::pair(service->local_url(), t.code, "Zuil hal").token;
        port = std::make_unique<RemoteKioskPort>(service->local_url(), token, clock);
        port->start();
        // As at an office: the kiosk has been up a moment before the first visitor.
        online = eventually([&] { return port->online() && knows_presence(); });
        platform::WindowOptions wo;
        wo.fullscreen = false, wo.hidden = true, wo.width = 1920, wo.height = 1080;
        window = std::make_unique<platform::Window>(wo);
        kiosk::KioskOptions ko;
        ko.assets_dir = std::filesystem::path(config.photos_dir).parent_path().string();
        ko.speech = false;
        ko.port_calls_in_background = true;  // as `gastvrij kiosk --server` runs it
        app = std::make_unique<kiosk::KioskApp>(*window, config, *port, ko);
        app->set_time_source([this] { return fake_ms; });
        driver = std::make_unique<kiosk::Driver>(*window, *app);
        driver->frames(2);
    }
    ~RemoteKiosk() override {
        driver.reset();
        app.reset();
        port.reset();
        if (service) service->stop();
    }

    bool knows_presence() {
        try {
            port->presence_today();
            return true;
        } catch (const std::exception&) {
            return false;
        }
    }
    bool taps(std::initializer_list<const char*> names) {
        for (const char* n : names)
            if (!driver->tap(n)) {
                ADD_FAILURE() << "cannot tap " << n << " on " << driver->screen();
                return false;
            }
        return true;
    }
    // Check-in, callback and survey run off the UI thread: frames until the
    // service's answer (or its time-out) moved the screen on from "Een moment…".
    std::string answered() {
        driver->until([&] { return driver->screen() != "waiting"; }, std::chrono::seconds(10));
        return driver->screen();
    }
    std::string label(const std::string& name) const {
        const ui::WidgetInfo* w = app->ui().find(name);
        return w ? w->label : std::string();
    }
    // Draws frames until `done` (the kiosk hears of changes on another thread).
    bool until(const std::function<bool()>& done) {
        return eventually([&] {
            driver->frames(1);
            return done();
        });
    }
    std::string text(const std::string& key, const std::map<std::string, std::string>& v = {}) const {
        return fill(config.texts.text("nl", key), v);
    }

    Config config;
    TempDir dir;
    TestClock clock;
    SqliteStore store;
    SqliteDeviceStore devices;
    std::unique_ptr<Service> service;
    int port_number = 0;
    std::string token;
    std::unique_ptr<RemoteKioskPort> port;
    std::unique_ptr<platform::Window> window;
    std::unique_ptr<kiosk::KioskApp> app;
    std::unique_ptr<kiosk::Driver> driver;
    double fake_ms = 1000;
    bool online = false;
};

TEST_F(RemoteKiosk, CheckInIsKeptByTheServiceAndTheHostsAnswerReachesTheScreen) {
    ASSERT_TRUE(online) << "the kiosk's event stream never opened, or presence never came";
    ASSERT_TRUE(taps({"welcome/start", "topic/repair", "name/skip"}));
    ASSERT_EQ(answered(), "confirmation");
    ASSERT_TRUE(app->journey().session().visit);
    const VisitId id = app->journey().session().visit->id;

    // Kept in the service's own file before the screen said "we are coming".
    const auto kept = store.visit(id);
    ASSERT_TRUE(kept) << "the confirmation shows a visit the service does not have";
    EXPECT_EQ(kept->topic_id, "repair");
    ASSERT_FALSE(kept->host_id.empty());
    const auto events = store.events(id);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.front().actor, "kiosk:Zuil hal") << "the event log names the kiosk that checked the visitor in";
    const Staff* host = config.directory.person(kept->host_id);
    ASSERT_NE(host, nullptr);
    EXPECT_EQ(label("confirm/status"), text("confirm.notified", {{"host", host->first_name}}));

    // The survey link comes from the service, for this visit.
    EXPECT_EQ(app->journey().session().survey_url.rfind(service->local_url() + "/survey?t=", 0), 0u) << app->journey().session().survey_url;

    // The colleague answers on their phone or at the desk: the visitor sees it.
    service->reception().acknowledge(id, 4, "staff:" + host->id);
    EXPECT_TRUE(until([&] { return label("confirm/status") == text("confirm.on_the_way", {{"host", host->first_name}, {"minutes", "4"}}); }))
        << "status still: " << label("confirm/status");
}

TEST_F(RemoteKiosk, ServiceGoneSendsTheVisitorToTheDeskAndBackItChecksInAgain) {
    ASSERT_TRUE(online);
    service->stop();
    service.reset();
    ASSERT_TRUE(taps({"welcome/start", "topic/repair", "name/skip"}));
    EXPECT_EQ(answered(), "store_error") << "a check-in nobody kept must not be confirmed";
    EXPECT_FALSE(app->journey().session().visit);
    EXPECT_TRUE(store.open_visits().empty());
    // The admin screen learns it in the background, without waiting.
    EXPECT_TRUE(eventually([&] { return port->health().status.find("cannot reach") != std::string::npos; }))
        << port->health().status;

    // The service comes back on its address: the next visitor is checked in,
    // and the event stream finds its way back by itself.
    ServiceOptions o = test_options();
    o.api.port = port_number;
    service = std::make_unique<Service>(config, store, devices, clock, o);
    service->start();
    ASSERT_TRUE(eventually([&] { return port->online(); }, std::chrono::seconds(20))) << "no reconnection";
    app->home();
    ASSERT_TRUE(taps({"welcome/start", "topic/repair", "name/skip"}));
    ASSERT_EQ(answered(), "confirmation");
    ASSERT_TRUE(app->journey().session().visit);
    EXPECT_TRUE(store.visit(app->journey().session().visit->id));
    EXPECT_TRUE(eventually([&] { return port->health().status == "ok"; })) << port->health().status;
}

TEST_F(RemoteKiosk, ExitSurveyAndCallbackRequestLandInTheServicesFile) {
    ASSERT_TRUE(online);
    // A conversation that just ended, recorded at the service.
    CheckInRequest r;
    r.topic_id = "repair";
    r.source = "desk";
    const Visit v = service->reception().check_in(r);
    ASSERT_FALSE(v.host_id.empty());
    service->reception().acknowledge(v.id, 2, v.host_id);
    service->reception().start(v.id, v.host_id);
    service->reception().finish(v.id, v.host_id);
    clock.advance(5 * 60);

    ASSERT_TRUE(taps({"welcome/survey"}));
    ASSERT_EQ(driver->screen(), "survey_who");
    // The faces follow the service's answer; the screen draws meanwhile.
    ASSERT_TRUE(driver->until([&] { return driver->visible("survey/who/" + v.host_id); }))
        << "the colleague who just finished is not offered";
    ASSERT_TRUE(driver->tap("survey/who/" + v.host_id));
    ASSERT_TRUE(taps({"survey/score/9", "survey/yes"}));
    ASSERT_EQ(answered(), "survey_thanks");
    auto answers = store.surveys_between(clock.now() - 86'400, clock.now() + 3600);
    ASSERT_EQ(answers.size(), 1u);
    EXPECT_EQ(answers[0].staff_id, v.host_id);
    EXPECT_EQ(answers[0].score, 9);
    EXPECT_EQ(answers[0].hour, round_to_hour(clock.now())) << "the hour is the service's, rounded";
    ASSERT_TRUE(answers[0].one_go && *answers[0].one_go);

    ASSERT_TRUE(taps({"survey/comment"}));
    ASSERT_TRUE(driver->type("prima"));
    ASSERT_TRUE(taps({"survey/send"}));
    ASSERT_EQ(answered(), "survey_thanks");
    answers = store.surveys_between(clock.now() - 86'400, clock.now() + 3600);
    ASSERT_EQ(answers.size(), 1u);
    EXPECT_EQ(answers[0].comment, "Prima");

    // A callback request typed on the kiosk's keypad.
    app->home();
    app->choose_topic("rent");
    app->go(kiosk::ScreenId::Callback);
    for (const char* k : {"0", "6", "1", "2", "3", "4", "5", "6", "7", "8"})
        ASSERT_TRUE(driver->tap(std::string("keypad/") + k));
    ASSERT_TRUE(taps({"callback/next", "callback/yes", "callback/any"}));
    ASSERT_EQ(answered(), "callback_done");
    const auto callbacks = store.callbacks(false);
    ASSERT_EQ(callbacks.size(), 1u);
    EXPECT_EQ(callbacks[0].phone, "+31612345678");
    EXPECT_EQ(callbacks[0].topic_id, "rent");
    EXPECT_EQ(callbacks[0].due_at, clock.now() + Timestamp(config.kiosk.callback_due_hours) * 3600);
}

TEST_F(RemoteKiosk, PresenceSetAtTheDeskReachesTheKioskWithoutAsking) {
    ASSERT_TRUE(online);
    const PresenceBoard before = port->presence_today();
    const std::string desk = [&] {
        const PairingTicket t = service->pairing().create_code(DeviceKind::Desk, "");
        return ServiceClient::pair(service->local_url(), t.code, "Balie").token;
    }();
    ServiceClient desk_client(service->local_url(), desk);
    const Staff& someone = config.directory.staff.front();
    const Presence now_out = before.count(someone.id) && before.at(someone.id) == Presence::Out ? Presence::In : Presence::Out;
    desk_client.set_presence(someone.id, now_out);
    EXPECT_TRUE(eventually([&] {
        const PresenceBoard b = port->presence_today();
        return b.count(someone.id) && b.at(someone.id) == now_out;
    })) << "the kiosk routes on stale presence";
}

TEST_F(RemoteKiosk, AtMidnightYesterdaysPresenceIsNotUsedForToday) {
    ASSERT_TRUE(online);
    const PairingTicket t = service->pairing().create_code(DeviceKind::Desk, "");
    ServiceClient desk_client(service->local_url(), ServiceClient::pair(service->local_url(), t.code, "Balie").token);
    const Staff& someone = config.directory.staff.front();
    desk_client.set_presence(someone.id, Presence::Out);  // went home in the evening
    ASSERT_TRUE(eventually([&] {
        try {
            const PresenceBoard b = port->presence_today();
            return b.count(someone.id) && b.at(someone.id) == Presence::Out;
        } catch (const std::exception&) {
            return false;
        }
    }));
    clock.advance(86'400);  // the next morning
    bool stale = false;
    EXPECT_TRUE(eventually([&] {
        try {
            const PresenceBoard b = port->presence_today();
            stale = b.count(someone.id) && b.at(someone.id) == Presence::Out;
            return true;
        } catch (const std::exception&) {
            return false;  // not known for the new day yet: the kiosk routes as if present
        }
    })) << "presence never came for the new day";
    EXPECT_FALSE(stale) << "yesterday's 'out' kept a colleague from this morning's visitors";
}

TEST_F(RemoteKiosk, AWithdrawnPairingSendsVisitorsToTheDeskAndTheAdminScreenSaysWhy) {
    ASSERT_TRUE(online);
    for (const Device& d : devices.devices(false)) {
        if (d.kind == DeviceKind::Kiosk) {
            ASSERT_TRUE(devices.revoke_device(d.id, clock.now()));
        }
    }
    ASSERT_TRUE(taps({"welcome/start", "topic/repair", "name/skip"}));
    EXPECT_EQ(answered(), "store_error");
    EXPECT_TRUE(store.open_visits().empty());
    EXPECT_NE(port->health().status.find("withdrawn"), std::string::npos) << port->health().status;
}

// A service that takes the connection and never answers (hung, or a machine
// half gone): the visitor's taps must not freeze the screen for long.
TEST(RemoteKioskHungService, TapsStayQuickAndTheCheckInGivesUpWithinSeconds) {
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    ASSERT_EQ(::listen(fd, 64), 0);  // connections complete in the backlog; nobody reads them
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    const std::string url = "http://127.0.0.1:" + std::to_string(ntohs(a.sin_port));

    const Config config = demo_office();
    TestClock clock(monday_1042());
    RemoteKioskPort port(url, "token-of-a-kiosk", clock);
    port.start();
    platform::WindowOptions wo;
    wo.fullscreen = false, wo.hidden = true, wo.width = 1920, wo.height = 1080;
    platform::Window window(wo);
    kiosk::KioskOptions ko;
    ko.assets_dir = std::filesystem::path(config.photos_dir).parent_path().string();
    ko.speech = false;
    ko.port_calls_in_background = true;
    kiosk::KioskApp app(window, config, port, ko);
    app.set_time_source([] { return 1000.0; });
    kiosk::Driver driver(window, app);
    driver.frames(2);

    using Ms = std::chrono::milliseconds;
    auto timed = [&](const std::string& name) {
        const auto t0 = std::chrono::steady_clock::now();
        EXPECT_TRUE(driver.tap(name)) << name;
        return std::chrono::duration_cast<Ms>(std::chrono::steady_clock::now() - t0);
    };
    EXPECT_LT(timed("welcome/start"), Ms(1000));
    EXPECT_LT(timed("topic/repair"), Ms(1000)) << "choosing a topic waited on the network";
    EXPECT_LT(timed("name/skip"), Ms(1000)) << "the check-in froze the screen";
    EXPECT_EQ(driver.screen(), "waiting");
    const ui::WidgetInfo* title = app.ui().find("title");
    ASSERT_TRUE(title);
    EXPECT_EQ(title->label, config.texts.text("nl", "confirm.wait"));
    // The service holds the connection: the screen keeps drawing meanwhile,
    // and after the time-out the visitor is sent to the desk, never confirmed.
    int frames = 0;
    const auto pending_since = std::chrono::steady_clock::now();
    EXPECT_TRUE(driver.until([&] { return ++frames, driver.screen() != "waiting"; }, Ms(10000)));
    const auto pending = std::chrono::duration_cast<Ms>(std::chrono::steady_clock::now() - pending_since);
    EXPECT_EQ(driver.screen(), "store_error");
    EXPECT_FALSE(app.journey().session().visit);
    EXPECT_GE(frames, 20) << "only " << frames << " frames in " << pending.count() << " ms of waiting";
    EXPECT_LT(pending, Ms(6000)) << "the visitor waited " << pending.count() << " ms for the desk notice";
    const auto t0 = std::chrono::steady_clock::now();
    const ReceptionHealth h = port.health();
    EXPECT_LT(std::chrono::steady_clock::now() - t0, Ms(100)) << "the admin screen would freeze";
    EXPECT_NE(h.status, "ok");
    ::close(fd);
}

TEST(RemoteKioskDirectory, DifferencesBetweenKioskAndServiceAreNamed) {
    const Config c = demo_office();
    DirectoryView served;
    for (const Topic& t : c.directory.topics)
        if (t.id != "repair") served.topics.push_back({t.id, t.id, "", "", "", 5});
    served.topics.push_back({"parking", "Parkeren", "", "", "", 5});
    for (const Staff& s : c.directory.staff)
        if (&s != &c.directory.staff.front()) served.staff.push_back({s.id, s.display_name()});
    const auto diff = directory_differences(c.directory, served);
    ASSERT_EQ(diff.size(), 3u);
    EXPECT_NE(diff[0].find("\"repair\""), std::string::npos) << diff[0];
    EXPECT_NE(diff[1].find("\"" + c.directory.staff.front().id + "\""), std::string::npos) << diff[1];
    EXPECT_NE(diff[2].find("\"parking\""), std::string::npos) << diff[2];

    DirectoryView same;
    for (const Topic& t : c.directory.topics) same.topics.push_back({t.id, t.id, "", "", "", 5});
    for (const Staff& s : c.directory.staff) same.staff.push_back({s.id, s.display_name()});
    EXPECT_TRUE(directory_differences(c.directory, same).empty());
}

}  // namespace
}  // namespace gastvrij
