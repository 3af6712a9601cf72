// Two offices' services on one PostgreSQL database: what one commits, the
// desks of the other see at once — by the database's NOTIFY, not by polling.
#include <algorithm>
#include <iostream>

#include "service_fixture.h"
#include "support/pg_test_database.h"

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

}  // namespace
}  // namespace gastvrij::service_test
