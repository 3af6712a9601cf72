// One device cannot take the event-stream slots of the others: a device's
// newer stream ends its oldest, phones and kiosks leave the last slots to the
// desks, and a stream whose client leaves gives its slot back at once. And the
// gate before the body: a huge body is refused for who sends it (401 without a
// token, 413 with one) before a byte of it is read; a flood of headers is 431.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "client/client.h"
#include "service_fixture.h"

namespace gastvrij::service_test {
namespace {

using namespace std::chrono_literals;

bool has_hello(const std::vector<EventReader::Frame>& f) {
    return !f.empty() && f.front().event == "hello";
}

// Sends `request` and returns the status line, headers and as much of the body
// as arrives until the server closes the connection or `limit` passes.
std::string raw_answer(int port, const std::string& request, std::chrono::milliseconds limit = 5s) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string got;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
        const auto until = std::chrono::steady_clock::now() + limit;
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
            pollfd p{fd, POLLIN, 0};
            if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
            char buf[4096];
            const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n <= 0) break;
            got.append(buf, static_cast<std::size_t>(n));
        }
    }
    ::close(fd);
    return got;
}

std::string body_of(const std::string& answer) {
    const std::size_t end = answer.find("\r\n\r\n");
    return end == std::string::npos ? std::string() : answer.substr(end + 4);
}

TEST(StreamLimits, AFifthStreamOfOneDeviceEndsItsOldestAndTheOthersStay) {
    Harness h;
    const std::string phone = h.pair(DeviceKind::Phone, "1042", "telefoon Fatma");
    std::vector<std::unique_ptr<EventReader>> streams;
    for (int i = 0; i < 4; ++i) {
        streams.push_back(std::make_unique<EventReader>(h.service.port(), phone));
        ASSERT_TRUE(streams.back()->wait_for(has_hello)) << "stream " << i;
    }
    ASSERT_EQ(h.service.hub().stream_count(), 4u);

    // A page reload in a loop: the fifth replaces the oldest, never a fifth slot.
    streams.push_back(std::make_unique<EventReader>(h.service.port(), phone));
    ASSERT_TRUE(streams.back()->wait_for(has_hello));
    EXPECT_TRUE(eventually([&] { return streams.front()->ended(); }, 5s)) << "the oldest stream goes on";
    EXPECT_EQ(streams.front()->status(), 200);
    EXPECT_EQ(h.service.hub().stream_count(), 4u);

    // The four newest still hear her visits; the oldest heard nothing more.
    ServiceClient desk(h.url(), h.pair(DeviceKind::Desk));
    const VisitView v = desk.check_in("appointment", "1042", "Ayşe");
    for (std::size_t i = 1; i < streams.size(); ++i) {
        EXPECT_TRUE(streams[i]->wait_for([&](auto&) {
            const auto visits = streams[i]->visits();
            return std::any_of(visits.begin(), visits.end(),
                               [&](const json& x) { return x.at("visit").at("id") == v.visit.id; });
        })) << "stream " << i;
        EXPECT_FALSE(streams[i]->ended()) << "stream " << i;
    }
    EXPECT_TRUE(streams.front()->visits().empty());
}

TEST(StreamLimits, PhonesAndKiosksLeaveTheReservedSlotsToDesks) {
    ServiceOptions o = test_options();
    o.events.max_streams = 6;
    o.events.desk_reserve = 2;
    Harness h(o);
    const std::string fatma = h.pair(DeviceKind::Phone, "1042");
    const std::string jan = h.pair(DeviceKind::Phone, "1043");
    const std::string kiosk = h.pair(DeviceKind::Kiosk);
    const std::string desk_a = h.pair(DeviceKind::Desk);
    const std::string desk_b = h.pair(DeviceKind::Desk);

    std::vector<std::unique_ptr<EventReader>> open;
    auto connect = [&](const std::string& token) {
        open.push_back(std::make_unique<EventReader>(h.service.port(), token));
        EventReader& r = *open.back();
        eventually([&] { return has_hello(r.frames()) || r.ended(); });
        return has_hello(r.frames()) ? 200 : r.status();
    };
    // Four slots for phones and kiosks …
    for (const std::string* t : {&fatma, &fatma, &jan, &jan}) EXPECT_EQ(connect(*t), 200);
    // … and no more, though two are free.
    EXPECT_EQ(connect(fatma), 503);
    EXPECT_EQ(connect(kiosk), 503);
    EXPECT_EQ(h.service.hub().stream_count(), 4u);
    // The desks take the last two; then the service is full for everyone.
    EXPECT_EQ(connect(desk_a), 200);
    EXPECT_EQ(connect(desk_b), 200);
    EXPECT_EQ(h.service.hub().stream_count(), 6u);
    EXPECT_EQ(connect(desk_a), 503);
    EXPECT_EQ(h.service.hub().stream_count(), 6u);
}

TEST(StreamLimits, AReplacingStreamIsTakenEvenWhenPhonesHaveNoSlotLeft) {
    ServiceOptions o = test_options();
    o.events.max_streams = 6;
    o.events.desk_reserve = 2;
    Harness h(o);
    const std::string fatma = h.pair(DeviceKind::Phone, "1042");
    std::vector<std::unique_ptr<EventReader>> open;
    for (const std::string& t : {fatma, fatma, fatma, fatma, h.pair(DeviceKind::Desk), h.pair(DeviceKind::Desk)}) {
        open.push_back(std::make_unique<EventReader>(h.service.port(), t));
        ASSERT_TRUE(open.back()->wait_for(has_hello));
    }
    ASSERT_EQ(h.service.hub().stream_count(), 6u);

    // Her phone reloads: the new stream takes the place of her oldest, so it
    // needs no slot of its own — she must not lose the old one and get a 503.
    EventReader reload(h.service.port(), fatma);
    ASSERT_TRUE(eventually([&] { return has_hello(reload.frames()) || reload.ended(); }));
    EXPECT_TRUE(has_hello(reload.frames())) << "status " << reload.status();
    EXPECT_TRUE(eventually([&] { return open.front()->ended(); }, 5s));
    EXPECT_EQ(h.service.hub().stream_count(), 6u);
}

TEST(StreamLimits, AStreamWhoseClientLeavesGivesItsSlotBackAtOnce) {
    ServiceOptions o = test_options();
    o.events.heartbeat = std::chrono::minutes(10);  // only the close itself can tell
    o.events.max_streams = 1;
    o.events.desk_reserve = 0;
    Harness h(o);
    const std::string first = h.pair(DeviceKind::Desk, "", "balie 1");
    const std::string second = h.pair(DeviceKind::Desk, "", "balie 2");

    auto leaving = std::make_unique<EventReader>(h.service.port(), first);
    ASSERT_TRUE(leaving->wait_for(has_hello));
    ASSERT_EQ(h.service.hub().stream_count(), 1u);
    {
        EventReader refused(h.service.port(), second);
        ASSERT_TRUE(eventually([&] { return refused.ended(); }));
        EXPECT_EQ(refused.status(), 503);
    }

    const auto t0 = std::chrono::steady_clock::now();
    leaving->close();
    ASSERT_TRUE(eventually([&] { return h.service.hub().stream_count() == 0; }, 5s));
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
    EXPECT_LT(took.count(), 1000) << "the slot came back after " << took.count() << " ms";
    std::printf("a closed stream's slot came back after %lld ms\n", static_cast<long long>(took.count()));

    EventReader next(h.service.port(), second);
    EXPECT_TRUE(next.wait_for(has_hello)) << "status " << next.status();
}

TEST(GateBeforeBody, AHugeBodyIs401WithoutATokenAnd413WithOne) {
    Harness h;
    const std::string token = h.pair(DeviceKind::Desk);
    // 100 MB announced, not a byte of it sent: both answers come at once.
    const std::string head =
        "POST /api/v1/visits HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Content-Length: 104857600\r\n";

    const std::string stranger = raw_answer(h.service.port(), head + "\r\n");
    EXPECT_EQ(stranger.substr(0, 12), "HTTP/1.1 401") << stranger.substr(0, 300);
    EXPECT_TRUE(json::parse(body_of(stranger), nullptr, false).contains("error")) << stranger;

    const std::string paired = raw_answer(h.service.port(), head + "Authorization: Bearer " + token + "\r\n\r\n");
    EXPECT_EQ(paired.substr(0, 12), "HTTP/1.1 413") << paired.substr(0, 300);
    EXPECT_TRUE(json::parse(body_of(paired), nullptr, false).contains("error")) << paired;
}

TEST(GateBeforeBody, TooManyHeadersAre431) {
    Harness h;
    const std::string token = h.pair(DeviceKind::Desk);
    auto request = [&](int lines) {
        std::string r = "GET /api/v1/visits HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n";
        for (int i = 0; i < lines; ++i) r += "X-" + std::to_string(i) + ": x\r\n";
        return r + "\r\n";
    };
    // Just past the limit of 100 lines: the API's own JSON error.
    const std::string over = raw_answer(h.service.port(), request(101));
    EXPECT_EQ(over.substr(0, 12), "HTTP/1.1 431") << over.substr(0, 300);
    const json body = json::parse(body_of(over), nullptr, false);
    EXPECT_TRUE(body.is_object() && body.contains("error")) << body_of(over);

    // 10,000 lines overflow the header memory first; libmicrohttpd answers
    // those itself (an HTML page), still 431.
    const std::string flood = raw_answer(h.service.port(), request(10000));
    EXPECT_EQ(flood.substr(0, 12), "HTTP/1.1 431") << flood.substr(0, 300);

    // The service goes on.
    auto ok = h.http().Get("/api/v1/visits", Harness::auth(token));
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200);
}

}  // namespace
}  // namespace gastvrij::service_test
