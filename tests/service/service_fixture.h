#pragma once
// Shared by the service tests: a real Service on 127.0.0.1 (any free port) over
// a real store (a SQLite file in a temporary folder, or a PostgreSQL database:
// support/test_store.h), the test office of the domain
// tests, a clock the test moves, and small HTTP helpers: paired tokens and an
// event-stream reader that records every frame.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "domain/office.h"
#include "service/service.h"
#include "store/open_store.h"
#include "support/office_config.h"
#include "support/temp_dir.h"
#include "support/test_store.h"
#include "support/test_clock.h"

namespace gastvrij::service_test {

namespace fs = std::filesystem;
using nlohmann::json;

using TempDir = test_support::TempDir;

using TestClock = test_support::TestClock;

// Monday 23 November 2026, 10:42 in the office: everyone is at work.
inline Timestamp monday_1042() { return FakeClock(0, 60).at_local(2026, 11, 23, 10, 42); }

using test_support::office_config;

inline bool eventually(const std::function<bool()>& done,
                       std::chrono::milliseconds limit = std::chrono::milliseconds(10000)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return done();
}

// Options for tests: any free port, a short heartbeat, no timer ticks unless
// asked (tick_now), no rate limits unless a test sets them.
inline ServiceOptions test_options() {
    ServiceOptions o;
    o.api.listen = "127.0.0.1";
    o.api.port = 0;
    o.api.token_per_second = 0;
    o.api.ip_per_second = 0;
    o.events.heartbeat = std::chrono::milliseconds(300);
    o.tick_interval = std::chrono::hours(1);
    return o;
}

// A running service and the parts a test looks into.
struct Harness {
    explicit Harness(ServiceOptions options = test_options(), Config config = office_config())
        : clock(monday_1042()),
          data(test_support::test_store_url(dir)),
          store_opened(open_store(data)),
          devices_opened(open_device_store(data)),
          store(*store_opened),
          devices(*devices_opened),
          service(std::move(config), store, devices, clock, std::move(options)) {
        service.start();
    }

    httplib::Client http() const {
        httplib::Client c("127.0.0.1", service.port());
        c.set_read_timeout(std::chrono::seconds(10));
        return c;
    }
    std::string url() const { return service.local_url(); }

    // Pairs a device through the real route and returns its token.
    std::string pair(DeviceKind kind, const std::string& staff = "", const std::string& name = "test") {
        const PairingTicket t = service.pairing().create_code(kind, staff);
        auto r = http().Post("/pair", json{{"code", t.code}, {"name", name}}.dump(), "application/json");
        if (!r || r->status != 201) throw std::runtime_error("pairing failed");
        return json::parse(r->body).at("token").get<std::string>();
    }
    static httplib::Headers auth(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

    TempDir dir;
    TestClock clock;
    std::string data;  // the store's address: a SQLite file, or a PostgreSQL database
    std::unique_ptr<Store> store_opened;
    std::unique_ptr<DeviceStore> devices_opened;
    Store& store;
    DeviceStore& devices;
    Service service;
};

// One event stream read on a thread of its own; keeps every frame it got.
class EventReader {
public:
    struct Frame {
        std::string id, event, data;
    };

    EventReader(int port, const std::string& token, const std::string& last_event_id = {},
                httplib::Headers extra = {})
        : client_("127.0.0.1", port) {
        client_.set_read_timeout(std::chrono::seconds(30));
        headers_ = {{"Authorization", "Bearer " + token}};
        if (!last_event_id.empty()) headers_.emplace("Last-Event-ID", last_event_id);
        for (auto& h : extra) headers_.insert(h);
        thread_ = std::thread([this] { run(); });
    }
    ~EventReader() { close(); }

    void close() {
        stop_ = true;
        client_.stop();
        if (thread_.joinable()) thread_.join();
    }

    std::vector<Frame> frames() const {
        std::lock_guard lock(mutex_);
        return frames_;
    }
    std::vector<Frame> frames(const std::string& event) const {
        std::vector<Frame> out;
        for (auto& f : frames())
            if (f.event == event) out.push_back(f);
        return out;
    }
    std::string raw() const {
        std::lock_guard lock(mutex_);
        return raw_;
    }
    int status() const { return status_; }
    bool ended() const { return ended_; }
    bool wait_for(const std::function<bool(const std::vector<Frame>&)>& done,
                  std::chrono::milliseconds limit = std::chrono::milliseconds(10000)) const {
        return eventually([&] { return done(frames()); }, limit);
    }
    // The visit frames (event: visit) as parsed JSON.
    std::vector<json> visits() const {
        std::vector<json> out;
        for (auto& f : frames("visit")) out.push_back(json::parse(f.data));
        return out;
    }

private:
    void run() {
        std::string buffer;
        Frame current;
        client_.Get(
            "/api/v1/events", headers_,
            [&](const httplib::Response& r) {
                status_ = r.status;
                return true;
            },
            [&](const char* p, std::size_t n) {
                std::lock_guard lock(mutex_);
                raw_.append(p, n);
                buffer.append(p, n);
                std::size_t pos;
                while ((pos = buffer.find('\n')) != std::string::npos) {
                    std::string line = buffer.substr(0, pos);
                    buffer.erase(0, pos + 1);
                    if (line.empty()) {
                        if (!current.event.empty()) frames_.push_back(current);
                        current = Frame{};
                    } else if (line.rfind("id: ", 0) == 0) {
                        current.id = line.substr(4);
                    } else if (line.rfind("event: ", 0) == 0) {
                        current.event = line.substr(7);
                    } else if (line.rfind("data: ", 0) == 0) {
                        current.data = line.substr(6);
                    }
                }
                return !stop_.load();
            });
        ended_ = true;
    }

    httplib::Client client_;
    httplib::Headers headers_;
    std::thread thread_;
    mutable std::mutex mutex_;
    std::vector<Frame> frames_;
    std::string raw_;
    std::atomic<bool> stop_{false};
    std::atomic<int> status_{0};
    std::atomic<bool> ended_{false};
};

}  // namespace gastvrij::service_test
