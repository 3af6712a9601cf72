// Several services on one PostgreSQL database (one office's two behind a load
// balancer, or several offices'): what one commits, the desks of the other see
// at once — by the database's NOTIFY, not by polling — and each office keeps
// its own visitors and desks.
#include <algorithm>
#include <iostream>
#include <thread>

#include "service_fixture.h"
#include "support/pg_test_database.h"
#include "support/raw_store.h"

namespace gastvrij::service_test {
namespace {

TEST(SharedDatabase, ACheckInAtOneServiceReachesTheDesksOfAnotherAtOnce) {
    const std::string url = test_support::fresh_pg_database();
    TestClock clock(monday_1042());
    const auto store_a = open_store(url), store_b = open_store(url);
    const auto devices_a = open_device_store(url), devices_b = open_device_store(url);
    ServiceOptions never_looks = test_options();
    // B never looks at the log by itself: only the database's word can wake it.
    never_looks.events.poll = std::chrono::hours(1);
    never_looks.events.heartbeat = std::chrono::hours(1);
    Service a(office_config(), *store_a, *devices_a, clock, test_options());
    Service b(office_config(), *store_b, *devices_b, clock, never_looks);
    a.start();
    b.start();

    const PairingTicket t = b.pairing().create_code(DeviceKind::Desk, "");
    httplib::Client c("127.0.0.1", b.port());
    auto paired = c.Post("/pair", json{{"code", t.code}, {"name", "balie west"}}.dump(), "application/json");
    ASSERT_TRUE(paired);
    ASSERT_EQ(paired->status, 201) << paired->body;
    EventReader desk_b(b.port(), json::parse(paired->body).at("token").get<std::string>());
    ASSERT_TRUE(desk_b.wait_for([](auto& f) { return !f.empty() && f[0].event == "hello"; }));

    CheckInRequest r;
    r.topic_id = "repair";
    r.visitor_name = "Fatma";
    const Visit v = a.reception().check_in(r);
    ASSERT_TRUE(desk_b.wait_for([&](auto& frames) {
        return std::any_of(frames.begin(), frames.end(), [&](auto& f) {
            return f.event == "visit" && json::parse(f.data).at("visit").at("id") == v.id;
        });
    })) << "the other service's desk never heard of the check-in";

    // The figure for the README: 20 more, one at a time (the reader looks every 5 ms).
    std::vector<double> ms;
    for (int i = 0; i < 20; ++i) {
        const auto before = desk_b.frames("visit").size();
        const auto t0 = std::chrono::steady_clock::now();
        a.reception().check_in(r);
        ASSERT_TRUE(desk_b.wait_for([&](auto&) { return desk_b.frames("visit").size() > before; }));
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    std::cout << "check-in at one service → frame at the other's desk: p50 " << ms[ms.size() / 2] << " ms, max "
              << ms.back() << " ms (20 check-ins)\n";
    a.stop();
    b.stop();
}

// Two services of one office on one database.
struct TwoServices {
    TwoServices()
        : url(test_support::fresh_pg_database()),
          clock(monday_1042()),
          store_a(open_store(url)),
          store_b(open_store(url)),
          devices_a(open_device_store(url)),
          devices_b(open_device_store(url)),
          a(office_config(), *store_a, *devices_a, clock, test_options()),
          b(office_config(), *store_b, *devices_b, clock, test_options()) {
        a.start();
        b.start();
    }
    ~TwoServices() {
        a.stop();
        b.stop();
    }
    static std::string pair_desk(Service& s) {
        const PairingTicket t = s.pairing().create_code(DeviceKind::Desk, "");
        httplib::Client c("127.0.0.1", s.port());
        auto r = c.Post("/pair", json{{"code", t.code}, {"name", "balie"}}.dump(), "application/json");
        if (!r || r->status != 201) throw std::runtime_error("pairing failed");
        return json::parse(r->body).at("token").get<std::string>();
    }
    std::string url;
    TestClock clock;
    std::unique_ptr<Store> store_a, store_b;
    std::unique_ptr<DeviceStore> devices_a, devices_b;
    Service a, b;
};

std::vector<long long> visit_ids(const std::vector<EventReader::Frame>& frames) {
    std::vector<long long> out;
    for (const auto& f : frames)
        if (f.event == "visit") out.push_back(json::parse(f.data).at("visit").at("id").get<long long>());
    return out;
}

TEST(SharedDatabase, ADeskStreamResumesAtTheOtherServiceWithNothingMissedOrTwice) {
    TwoServices two;
    const std::string token = TwoServices::pair_desk(two.a);  // one desk, known to both: one database
    CheckInRequest r;
    r.topic_id = "repair";
    r.visitor_name = "Fatma";
    std::string last_id;
    std::vector<long long> seen_at_a;
    {
        EventReader at_a(two.a.port(), token);
        ASSERT_TRUE(at_a.wait_for([](auto& f) { return !f.empty() && f[0].event == "hello"; }));
        for (int i = 0; i < 3; ++i) two.a.reception().check_in(r);
        ASSERT_TRUE(at_a.wait_for([](auto& f) { return visit_ids(f).size() >= 6; }));  // arrived + notified each
        const auto frames = at_a.frames("visit");
        last_id = frames.back().id;
        seen_at_a = visit_ids(frames);
    }
    // The desk's Wi-Fi drops; meanwhile both services take check-ins. It
    // comes back through the other service (a load balancer's choice).
    const Visit missed_a = two.a.reception().check_in(r);
    const Visit missed_b = two.b.reception().check_in(r);
    EventReader at_b(two.b.port(), token, last_id);
    ASSERT_TRUE(at_b.wait_for([&](auto& f) {
        const auto ids = visit_ids(f);
        return std::count(ids.begin(), ids.end(), missed_a.id) >= 2 && std::count(ids.begin(), ids.end(), missed_b.id) >= 2;
    })) << "the resumed stream missed what happened while the desk was away";
    for (long long id : visit_ids(at_b.frames()))
        EXPECT_TRUE(id == missed_a.id || id == missed_b.id) << "visit " << id << " was sent again after the resume";
}

TEST(SharedDatabase, OfTwoDesksAnsweringOneVisitAtTwoServicesOneWinsAndTheOtherHears409) {
    TwoServices two;
    const std::string desk_a = TwoServices::pair_desk(two.a), desk_b = TwoServices::pair_desk(two.b);
    CheckInRequest r;
    r.topic_id = "repair";
    const Visit v = two.a.reception().check_in(r);
    const std::string path = "/api/v1/visits/" + std::to_string(v.id) + "/start";
    std::vector<int> status(2, 0);
    std::thread at_a([&] {
        httplib::Client c("127.0.0.1", two.a.port());
        if (auto res = c.Post(path, Harness::auth(desk_a), "{}", "application/json")) status[0] = res->status;
    });
    std::thread at_b([&] {
        httplib::Client c("127.0.0.1", two.b.port());
        if (auto res = c.Post(path, Harness::auth(desk_b), "{}", "application/json")) status[1] = res->status;
    });
    at_a.join();
    at_b.join();
    std::sort(status.begin(), status.end());
    EXPECT_EQ(status, (std::vector<int>{200, 409})) << "both desks were told they started the visit";
    int started = 0;
    for (const auto& e : two.store_a->events(v.id)) started += e.to == VisitState::InConversation;
    EXPECT_EQ(started, 1);
}

TEST(SharedDatabase, ADeadlinePassedAtTwoServicesEscalatesOnceAndNotifiesTheBackupOnce) {
    TwoServices two;
    CheckInRequest r;
    r.topic_id = "rent";  // Team Verhuur answers within 5 minutes; Fatma's backup is Jan
    const Visit v = two.a.reception().check_in(r);
    ASSERT_EQ(v.host_id, "1042");
    two.clock.advance(5 * 60);
    // Both services notice the deadline at the same instant.
    std::thread at_a([&] { two.a.tick_now(); });
    std::thread at_b([&] { two.b.tick_now(); });
    at_a.join();
    at_b.join();
    EXPECT_EQ(two.store_a->visit(v.id)->host_id, "1043");
    int escalations = 0;
    for (const auto& e : two.store_a->events(v.id)) escalations += e.to == VisitState::Escalated;
    EXPECT_EQ(escalations, 1) << "the deadline fired at both services";
    const auto to_jan = test_support::raw_detail::column(
        two.url, "SELECT idempotency_key FROM outbox WHERE recipient = '1043' AND visit_id = " + std::to_string(v.id));
    EXPECT_FALSE(to_jan.empty()) << "Jan was never told";
}

// Two offices on one database: each desk sees its own office's visitors, a
// desk paired at one office is unknown at the other, and the figures put the
// offices side by side.
TEST(SharedDatabase, TwoOfficesKeepTheirVisitorsAndDesksApart) {
    const std::string url = test_support::fresh_pg_database();
    TestClock clock(monday_1042());
    const auto store_zuid = open_store(url, "zuid"), store_noord = open_store(url, "noord");
    const auto devices_zuid = open_device_store(url, "zuid"), devices_noord = open_device_store(url, "noord");
    Service zuid(office_config(), *store_zuid, *devices_zuid, clock, test_options());
    Service noord(office_config(), *store_noord, *devices_noord, clock, test_options());
    zuid.start();
    noord.start();
    const std::string token = TwoServices::pair_desk(zuid);
    EventReader desk(zuid.port(), token);
    ASSERT_TRUE(desk.wait_for([](auto& f) { return !f.empty() && f[0].event == "hello"; }));

    CheckInRequest there;
    there.topic_id = "repair";
    there.visitor_name = "Piotr";
    const Visit elsewhere = noord.reception().check_in(there);
    CheckInRequest here = there;
    here.visitor_name = "Fatma";
    const Visit ours = zuid.reception().check_in(here);
    ASSERT_TRUE(desk.wait_for([&](auto& f) {
        const auto ids = visit_ids(f);
        return std::find(ids.begin(), ids.end(), ours.id) != ids.end();
    }));
    const auto ids = visit_ids(desk.frames("visit"));
    EXPECT_EQ(std::find(ids.begin(), ids.end(), elsewhere.id), ids.end()) << "the other office's visitor reached this desk";

    httplib::Client at_zuid("127.0.0.1", zuid.port()), at_noord("127.0.0.1", noord.port());
    const httplib::Headers auth{{"Authorization", "Bearer " + token}};
    const auto board = at_zuid.Get("/api/v1/visits", auth);
    ASSERT_TRUE(board);
    ASSERT_EQ(board->status, 200) << board->body;
    EXPECT_NE(board->body.find("Fatma"), std::string::npos);
    EXPECT_EQ(board->body.find("Piotr"), std::string::npos);
    EXPECT_EQ(at_noord.Get("/api/v1/visits", auth)->status, 401) << "a desk of one office reads another's visitors";
    const auto act = at_zuid.Post("/api/v1/visits/" + std::to_string(elsewhere.id) + "/cancel", auth, "{}",
                                  "application/json");
    ASSERT_TRUE(act);
    EXPECT_EQ(act->status, 404) << act->body;
    EXPECT_EQ(store_noord->visit(elsewhere.id)->state, elsewhere.state);

    // The other office's events do not hold this office's stream back: its
    // position moves past them, so a quiet office does not read them again
    // at every look.
    noord.reception().check_in(there);
    const std::int64_t newest = store_noord->latest_event_id();
    EXPECT_TRUE(eventually([&] { return zuid.hub().cursor() >= newest; })) << zuid.hub().cursor() << " < " << newest;

    const auto figures = at_zuid.Get("/api/v1/report?from=2026-11-23&to=2026-11-23", auth);
    ASSERT_TRUE(figures);
    ASSERT_EQ(figures->status, 200) << figures->body;
    const json report = json::parse(figures->body);
    EXPECT_EQ(report.at("office"), "zuid");
    EXPECT_EQ(report.at("overall").at("visits"), 1);
    ASSERT_EQ(report.at("offices").size(), 2u);
    EXPECT_EQ(report.at("offices")[0].at("id"), "noord");
    EXPECT_EQ(report.at("offices")[0].at("figures").at("visits"), 2);  // Piotr and the one after him
    zuid.stop();
    noord.stop();
}

}  // namespace
}  // namespace gastvrij::service_test
