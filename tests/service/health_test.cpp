// GET /health: ok / degraded / down for anyone; counts for paired devices;
// the reason, which may name paths, for a desk only.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "service/service_fixture.h"

namespace gastvrij::service_test {
namespace {

using nlohmann::json;

struct Answer {
    int status = 0;
    json body;
};

Answer health(const Harness& h, const std::string& token = {}) {
    auto r = token.empty() ? h.http().Get("/health") : h.http().Get("/health", Harness::auth(token));
    if (!r) return {};
    return {r->status, json::parse(r->body, nullptr, false)};
}

TEST(Health, SaysDegradedWhileTheDataFileTakesNoWritesAndOnlyADeskHearsWhy) {
    ServiceOptions o = test_options();
    o.write_probe_interval = std::chrono::milliseconds(0);  // every tick
    Harness h(o);
    const std::string desk = h.pair(DeviceKind::Desk);
    const std::string kiosk = h.pair(DeviceKind::Kiosk);
    ASSERT_TRUE(h.service.tick_now());

    EXPECT_EQ(health(h).status, 200);
    EXPECT_EQ(health(h).body, json({{"status", "ok"}}));
    const Answer kiosk_ok = health(h, kiosk);
    EXPECT_EQ(kiosk_ok.body.value("status", ""), "ok");
    EXPECT_EQ(kiosk_ok.body.value("undelivered", -1), 0);
    EXPECT_FALSE(kiosk_ok.body.contains("detail"));

    // Another program holds the data file's write lock: nobody checks in,
    // yet the service's own probe finds out.
    sqlite3* other = nullptr;
    ASSERT_EQ(sqlite3_open(h.dir.file("gastvrij.db").c_str(), &other), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    ASSERT_TRUE(h.service.tick_now(std::chrono::seconds(30)));

    const Answer stranger = health(h);
    EXPECT_EQ(stranger.status, 503);
    EXPECT_EQ(stranger.body, json({{"status", "degraded"}}));  // no path, no reason
    const Answer at_desk = health(h, desk);
    EXPECT_EQ(at_desk.status, 503);
    EXPECT_EQ(at_desk.body.value("status", ""), "degraded");
    EXPECT_NE(at_desk.body.value("detail", "").find("could not be saved"), std::string::npos) << at_desk.body.dump();
    EXPECT_NE(at_desk.body.value("detail", "").find("gastvrij.db"), std::string::npos) << at_desk.body.dump();
    EXPECT_FALSE(health(h, kiosk).body.contains("detail"));

    // The lock is gone: the next probe clears it.
    sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    ASSERT_TRUE(h.service.tick_now());
    EXPECT_EQ(health(h).status, 200);
    EXPECT_EQ(health(h).body, json({{"status", "ok"}}));
}

}  // namespace
}  // namespace gastvrij::service_test
