// Requests sent again with the same Idempotency-Key, as a kiosk, a companion
// or a phone sends them after a lost answer: the visitor is checked in once,
// the repeat gets the first answer, and a key cannot be reused for another
// request. On a real service over a real store (both engines).
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "client/client.h"
#include "service_fixture.h"

namespace gastvrij::service_test {
namespace {

constexpr const char* kCheckIn = R"({"topic":"repair","language":"nl","name":"Fatma"})";

httplib::Headers with_key(const std::string& token, const std::string& key) {
    auto h = Harness::auth(token);
    h.emplace("Idempotency-Key", key);
    return h;
}

// A hop between a client and the service that loses the first answer, as a
// dropped Wi-Fi does: it passes the request on, lets the service answer in
// full, then cuts the client off without a byte of it. Later connections
// pass both ways.
class LosesFirstAnswer {
public:
    explicit LosesFirstAnswer(int service_port) : service_port_(service_port) {
        listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(listener_, 16) != 0)
            throw std::runtime_error("the hop cannot listen");
        socklen_t len = sizeof a;
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
        accepting_ = std::thread([this] { accept_loop(); });
    }
    ~LosesFirstAnswer() {
        stop_ = true;
        ::shutdown(listener_, SHUT_RDWR);
        accepting_.join();
        for (auto& t : pumps_) t.join();
        ::close(listener_);
    }
    int port() const { return port_; }
    int answers_lost() const { return lost_; }

private:
    void accept_loop() {
        for (int n = 0; !stop_; ++n) {
            const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
            if (client < 0) return;
            pumps_.emplace_back([this, client, n] { pump(client, n == 0); });
        }
    }
    void pump(int client, bool lose_answer) {
        const int service = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(static_cast<std::uint16_t>(service_port_));
        if (::connect(service, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
            char buf[16384];
            bool answered = false;
            while (!stop_) {
                pollfd fds[2] = {{client, POLLIN, 0}, {service, POLLIN, 0}};
                if (::poll(fds, 2, 100) <= 0) {
                    // The whole answer came (the service went quiet after it): cut the client off.
                    if (answered && lose_answer) break;
                    continue;
                }
                if (fds[0].revents) {
                    const ssize_t got = ::read(client, buf, sizeof buf);
                    if (got <= 0 || ::write(service, buf, static_cast<std::size_t>(got)) != got) break;
                }
                if (fds[1].revents) {
                    const ssize_t got = ::read(service, buf, sizeof buf);
                    if (got <= 0) break;
                    answered = true;
                    if (!lose_answer && ::write(client, buf, static_cast<std::size_t>(got)) != got) break;
                }
            }
            if (lose_answer && answered) ++lost_;
        }
        ::close(service);
        ::close(client);
    }

    int service_port_ = 0;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<int> lost_{0};
    std::thread accepting_;
    std::vector<std::thread> pumps_;
};

TEST(RequestReplay, ACheckInSentTwiceChecksTheVisitorInOnceAndAnswersTheSame) {
    Harness h;
    const std::string kiosk = h.pair(DeviceKind::Kiosk);
    auto first = h.http().Post("/api/v1/visits", with_key(kiosk, "checkin-1"), kCheckIn, "application/json");
    ASSERT_TRUE(first);
    ASSERT_EQ(first->status, 201) << first->body;
    EXPECT_FALSE(first->has_header("Idempotent-Replayed"));

    auto again = h.http().Post("/api/v1/visits", with_key(kiosk, "checkin-1"), kCheckIn, "application/json");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 201);
    EXPECT_EQ(json::parse(again->body).at("id"), json::parse(first->body).at("id"));
    EXPECT_EQ(again->get_header_value("Idempotent-Replayed"), "true");
    EXPECT_EQ(h.store.open_visits().size(), 1u) << "one visitor, one visit";

    // A new check-in has a new key.
    auto next = h.http().Post("/api/v1/visits", with_key(kiosk, "checkin-2"), kCheckIn, "application/json");
    ASSERT_TRUE(next);
    EXPECT_EQ(next->status, 201);
    EXPECT_EQ(h.store.open_visits().size(), 2u);
}

TEST(RequestReplay, TwinsAtTheSameInstantCheckInOnce) {
    Harness h;
    const std::string kiosk = h.pair(DeviceKind::Kiosk);
    constexpr int kTwins = 6;
    std::vector<int> status(kTwins, 0);
    std::vector<std::string> body(kTwins);
    std::vector<std::thread> twins;
    for (int i = 0; i < kTwins; ++i) {
        twins.emplace_back([&, i] {
            auto r = h.http().Post("/api/v1/visits", with_key(kiosk, "same-tap"), kCheckIn, "application/json");
            if (r) {
                status[i] = r->status;
                body[i] = r->body;
            }
        });
    }
    for (auto& t : twins) t.join();
    EXPECT_EQ(h.store.open_visits().size(), 1u);
    json first_id;
    for (int i = 0; i < kTwins; ++i) {
        // A twin either got the first answer or was told to ask again in a moment.
        ASSERT_TRUE(status[i] == 201 || status[i] == 409) << status[i] << " " << body[i];
        if (status[i] != 201) continue;
        const json id = json::parse(body[i]).at("id");
        if (first_id.is_null()) first_id = id;
        EXPECT_EQ(id, first_id) << "every twin is told of the same visit";
    }
    EXPECT_FALSE(first_id.is_null());
}

TEST(RequestReplay, AKeyReusedForAnotherRequestIsRefusedAndKeysBelongToTheirDevice) {
    Harness h;
    const std::string kiosk = h.pair(DeviceKind::Kiosk);
    const std::string desk = h.pair(DeviceKind::Desk);
    ASSERT_EQ(h.http().Post("/api/v1/visits", with_key(kiosk, "k"), kCheckIn, "application/json")->status, 201);
    auto other = h.http().Post("/api/v1/visits", with_key(kiosk, "k"), R"({"topic":"rent","language":"nl"})",
                               "application/json");
    ASSERT_TRUE(other);
    EXPECT_EQ(other->status, 422);
    EXPECT_EQ(json::parse(other->body).value("field", ""), "Idempotency-Key");
    EXPECT_EQ(h.store.open_visits().size(), 1u);

    // The desk's own request with the same key is its own.
    auto walk_in = h.http().Post("/api/v1/visits", with_key(desk, "k"), kCheckIn, "application/json");
    ASSERT_TRUE(walk_in);
    EXPECT_EQ(walk_in->status, 201);
    EXPECT_EQ(h.store.open_visits().size(), 2u);
}

TEST(RequestReplay, AnUnusableKeyIsRefusedBeforeAnythingIsDone) {
    Harness h;
    const std::string kiosk = h.pair(DeviceKind::Kiosk);
    for (const std::string key : {std::string("two words"), std::string(101, 'k'), std::string("sleutel\xc3\xa9")}) {
        auto r = h.http().Post("/api/v1/visits", with_key(kiosk, key), kCheckIn, "application/json");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 400) << key;
        EXPECT_NE(r->body.find("Idempotency-Key"), std::string::npos) << r->body;
    }
    EXPECT_TRUE(h.store.open_visits().empty());
}

TEST(RequestReplay, ARefusalIsAnsweredAgainAndAnActionIsNotDoneTwice) {
    Harness h;
    const std::string kiosk = h.pair(DeviceKind::Kiosk);
    const std::string desk = h.pair(DeviceKind::Desk);
    // A refused request is refused the same way when sent again.
    for (int i = 0; i < 2; ++i) {
        auto r = h.http().Post("/api/v1/visits", with_key(kiosk, "bad"), R"({"topic":"nope","language":"nl"})",
                               "application/json");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 400);
        EXPECT_EQ(r->has_header("Idempotent-Replayed"), i == 1);
    }
    // A colleague's "I'm coming" sent twice acknowledges once: the repeat
    // gets the first answer, not "already acknowledged".
    auto v = h.http().Post("/api/v1/visits", with_key(kiosk, "v"), kCheckIn, "application/json");
    ASSERT_EQ(v->status, 201);
    const std::string path = "/api/v1/visits/" + std::to_string(json::parse(v->body).at("id").get<long long>()) + "/acknowledge";
    auto ack = h.http().Post(path, with_key(desk, "ack"), R"({"minutes":5})", "application/json");
    ASSERT_TRUE(ack);
    ASSERT_EQ(ack->status, 200) << ack->body;
    auto ack_again = h.http().Post(path, with_key(desk, "ack"), R"({"minutes":5})", "application/json");
    ASSERT_TRUE(ack_again);
    EXPECT_EQ(ack_again->status, 200) << ack_again->body;
    EXPECT_EQ(ack_again->body, ack->body);
    int acknowledged = 0;
    for (const auto& e : h.store.events(json::parse(v->body).at("id").get<VisitId>()))
        acknowledged += e.to == VisitState::Acknowledged;
    EXPECT_EQ(acknowledged, 1);
}

TEST(RequestReplay, AKioskWhoseAnswerWasLostIsToldOfTheVisitThatExists) {
    Harness h;
    LosesFirstAnswer hop(h.service.port());
    ServiceClient kiosk("http://127.0.0.1:" + std::to_string(hop.port()), h.pair(DeviceKind::Kiosk));
    const VisitView v = kiosk.check_in("repair", "", "Fatma", "nl");
    EXPECT_EQ(hop.answers_lost(), 1) << "the first answer never reached the kiosk";
    ASSERT_EQ(h.store.open_visits().size(), 1u) << "the repeat checked the visitor in a second time";
    EXPECT_EQ(v.visit.id, h.store.open_visits().front().id) << "the kiosk confirms the visit that exists";
    EXPECT_EQ(v.visit.visitor_name, "Fatma");
}

TEST(RequestReplay, TheServiceClientSendsAKeyWithEveryChange) {
    Harness h;
    ServiceClient kiosk(h.url(), h.pair(DeviceKind::Kiosk));
    kiosk.check_in("repair", "", "Fatma", "nl");
    kiosk.check_in("repair", "", "Fatma", "nl");
    EXPECT_EQ(h.store.open_visits().size(), 2u) << "two check-ins are two keys";
    EXPECT_EQ(h.store.forget_answers_before(h.clock.now() + 1), 2) << "each check-in's answer was kept";
}

}  // namespace
}  // namespace gastvrij::service_test
