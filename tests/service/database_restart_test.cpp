// A PostgreSQL restart during opening hours, on a server of this test's own
// (so the other tests' server is left alone): a kiosk keeps checking visitors
// in through the service while the database stops as in a crash and comes back.
// No acknowledged check-in is lost, none is stored twice, while the database
// is away the visitor is sent to the desk (503) and /health says so, and once
// it is back the service confirms again by itself.
#include <gtest/gtest.h>

#include <libpq-fe.h>

#include <atomic>
#include <set>
#include <thread>

#include "service_fixture.h"
#include "support/pg_test_database.h"

namespace gastvrij::service_test {
namespace {

const std::string kScript = std::string(GASTVRIJ_SOURCE_DIR) + "/tests/support/pg_cluster.sh";

// A PostgreSQL server of this test's own, with one empty database.
class PrivateServer {
public:
    PrivateServer() {
        run("start");
        std::ifstream in(state_.file("socket-dir"));
        std::getline(in, socket_);
        const std::string host = test_support::pg_detail::url_encoded(socket_);
        std::unique_ptr<PGconn, decltype(&PQfinish)> admin(
            PQconnectdb(("postgresql:///postgres?host=" + host + "&user=postgres").c_str()), &PQfinish);
        if (PQstatus(admin.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(admin.get()));
        PQclear(PQexec(admin.get(), "CREATE DATABASE office"));
        // The test server acknowledges commits before their WAL is written
        // (synchronous_commit=off: speed for throwaway data); a crash then
        // loses the last of them, as on any such server. The office's server
        // keeps PostgreSQL's default, and so does this database.
        PQclear(PQexec(admin.get(), "ALTER DATABASE office SET synchronous_commit = on"));
        url_ = "postgresql:///office?host=" + host + "&user=postgres";
    }
    ~PrivateServer() { run("stop"); }
    const std::string& url() const { return url_; }
    void halt() { run("halt"); }
    void resume() { run("resume"); }

private:
    void run(const std::string& mode) {
        const std::string cmd = "'" + kScript + "' " + mode + " '" + state_.path().string() + "' >/dev/null";
        if (std::system(cmd.c_str()) != 0) throw std::runtime_error("pg_cluster.sh " + mode + " failed");
    }
    TempDir state_;
    std::string socket_;
    std::string url_;
};

TEST(DatabaseRestart, NoAcknowledgedCheckInIsLostAndTheServiceConfirmsAgainByItself) {
    PrivateServer db;
    TestClock clock(monday_1042());
    const auto store = open_store(db.url());
    const auto devices = open_device_store(db.url());
    Service service(office_config(), *store, *devices, clock, test_options());
    service.start();
    httplib::Client http("127.0.0.1", service.port());
    http.set_read_timeout(std::chrono::seconds(40));  // longer than any statement's time limit
    const PairingTicket ticket = service.pairing().create_code(DeviceKind::Kiosk, "");
    const auto paired = http.Post("/pair", json{{"code", ticket.code}, {"name", "Kiosk hal"}}.dump(), "application/json");
    ASSERT_TRUE(paired && paired->status == 201);
    const auto auth = Harness::auth(json::parse(paired->body).at("token").get<std::string>());

    // The kiosk: one visitor after the other, each told "we are coming" (201)
    // or sent to the desk; never an error of another kind.
    std::atomic<bool> stop{false};
    std::atomic<int> after_resume{0};
    std::atomic<bool> resumed{false};
    std::mutex m;
    std::vector<long long> acknowledged;
    int sent_to_desk = 0;
    std::vector<std::string> odd;
    std::thread kiosk([&] {
        for (int i = 0; !stop; ++i) {
            auto r = http.Post("/api/v1/visits", auth,
                               json{{"topic", "repair"}, {"language", "nl"}, {"name", i % 2 ? "Fatma" : "Jan"}}.dump(),
                               "application/json");
            std::lock_guard lock(m);
            if (r && r->status == 201) {
                acknowledged.push_back(json::parse(r->body).at("id").get<long long>());
                if (resumed) ++after_resume;
            } else if (r && r->status == 503) {
                ++sent_to_desk;
            } else {
                odd.push_back(r ? std::to_string(r->status) + " " + r->body : "no answer");
            }
        }
    });
    struct StopsTheKiosk {
        std::atomic<bool>& stop;
        std::thread& kiosk;
        ~StopsTheKiosk() {
            stop = true;
            if (kiosk.joinable()) kiosk.join();
        }
    } stops_the_kiosk{stop, kiosk};
    auto acknowledged_count = [&] {
        std::lock_guard lock(m);
        return acknowledged.size();
    };
    auto first_odd = [&] {
        std::lock_guard lock(m);
        return odd.empty() ? std::string() : odd.front();
    };
    ASSERT_TRUE(eventually([&] { return acknowledged_count() >= 20; }, std::chrono::seconds(20))) << first_odd();

    db.halt();
    // While it is away the service says so, and the kiosk sends visitors to the desk.
    EXPECT_TRUE(eventually([&] {
        auto h = http.Get("/health");
        return h && h->status == 503;
    }, std::chrono::seconds(20))) << "/health kept saying all is well";
    EXPECT_TRUE(eventually([&] {
        std::lock_guard lock(m);
        return sent_to_desk > 0;
    }, std::chrono::seconds(20)));

    db.resume();
    resumed = true;
    EXPECT_TRUE(eventually([&] { return after_resume >= 20; }, std::chrono::seconds(30)))
        << "the service did not confirm check-ins again after the database came back";
    EXPECT_TRUE(eventually([&] {
        auto h = http.Get("/health");
        return h && h->status == 200;
    }, std::chrono::seconds(20)));
    stop = true;
    kiosk.join();
    service.stop();

    EXPECT_TRUE(odd.empty()) << odd.size() << " answers of another kind, first: " << (odd.empty() ? std::string() : odd.front());
    std::set<long long> stored;
    for (const Visit& v : store->open_visits()) stored.insert(v.id);
    for (long long id : acknowledged) EXPECT_TRUE(stored.count(id)) << "acknowledged visit " << id << " is lost";
    EXPECT_EQ(std::set<long long>(acknowledged.begin(), acknowledged.end()).size(), acknowledged.size());
    std::printf("[ figures  ] %zu check-ins acknowledged, %d sent to the desk while the database was away\n",
                acknowledged.size(), sent_to_desk);
}

}  // namespace
}  // namespace gastvrij::service_test
