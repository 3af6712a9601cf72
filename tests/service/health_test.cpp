// GET /health: ok / degraded / down for anyone; counts for paired devices;
// the reason, which may name paths, for a desk only.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "store/open_store.h"
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

// Another program holding the write lock of the store at `data`: a SQLite
// writer's BEGIN IMMEDIATE, or a PostgreSQL session locking the probe's table.
class OtherWriter {
public:
    explicit OtherWriter(const std::string& data) : data_(data) {
        if (is_postgresql_url(data)) {
            pg_ = PQconnectdb(data.c_str());
            EXPECT_EQ(PQstatus(pg_), CONNECTION_OK) << PQerrorMessage(pg_);
            PQclear(PQexec(pg_, "BEGIN"));
            PGresult* r = PQexec(pg_, "LOCK TABLE write_probe IN ACCESS EXCLUSIVE MODE");
            EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQerrorMessage(pg_);
            PQclear(r);
        } else {
            EXPECT_EQ(sqlite3_open(data.c_str(), &sqlite_), SQLITE_OK);
            EXPECT_EQ(sqlite3_exec(sqlite_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
        }
    }
    ~OtherWriter() { release(); }
    void release() {
        if (pg_) {
            PQclear(PQexec(pg_, "COMMIT"));
            PQfinish(pg_);
            pg_ = nullptr;
        }
        if (sqlite_) {
            sqlite3_exec(sqlite_, "COMMIT", nullptr, nullptr, nullptr);
            sqlite3_close(sqlite_);
            sqlite_ = nullptr;
        }
    }
    // How the store is named to the desk: the file, or the database.
    std::string name() const {
        if (!is_postgresql_url(data_)) return "gastvrij.db";
        const auto from = data_.find(":///") + 4;
        return data_.substr(from, data_.find('?') - from);
    }

private:
    std::string data_;
    PGconn* pg_ = nullptr;
    sqlite3* sqlite_ = nullptr;
};

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

    // Another program holds the store's write lock: nobody checks in, yet
    // the service's own probe finds out.
    OtherWriter other(h.data);
    ASSERT_TRUE(h.service.tick_now(std::chrono::seconds(30)));

    const Answer stranger = health(h);
    EXPECT_EQ(stranger.status, 503);
    EXPECT_EQ(stranger.body, json({{"status", "degraded"}}));  // no path, no reason
    const Answer at_desk = health(h, desk);
    EXPECT_EQ(at_desk.status, 503);
    EXPECT_EQ(at_desk.body.value("status", ""), "degraded");
    EXPECT_NE(at_desk.body.value("detail", "").find("could not be saved"), std::string::npos) << at_desk.body.dump();
    EXPECT_NE(at_desk.body.value("detail", "").find(other.name()), std::string::npos) << at_desk.body.dump();
    EXPECT_FALSE(health(h, kiosk).body.contains("detail"));

    // The lock is gone: the next probe clears it.
    other.release();
    ASSERT_TRUE(h.service.tick_now());
    EXPECT_EQ(health(h).status, 200);
    EXPECT_EQ(health(h).body, json({{"status", "ok"}}));
}

}  // namespace
}  // namespace gastvrij::service_test
