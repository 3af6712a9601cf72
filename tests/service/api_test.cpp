// The API's gate and its answers: tokens checked before anything else, errors
// that name the wrong field, rate limits, and domain refusals as statuses.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "service_fixture.h"
#include "store/sqlite_devices.h"
#include "store/sqlite_store.h"

namespace gastvrij::service_test {
namespace {

// Sends raw bytes and returns whatever the server answers within `wait`.
std::string raw_exchange(int port, const std::string& head, const std::string& body_part,
                         std::chrono::milliseconds wait = std::chrono::milliseconds(3000)) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        return {};
    }
    timeval tv{static_cast<time_t>(wait.count() / 1000), static_cast<suseconds_t>((wait.count() % 1000) * 1000)};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
    ::send(fd, body_part.data(), body_part.size(), MSG_NOSIGNAL);
    std::string got;
    char buf[4096];
    ssize_t n;
    while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) {
        got.append(buf, static_cast<std::size_t>(n));
        if (got.find("\r\n\r\n") != std::string::npos && got.find('}') != std::string::npos) break;
    }
    ::close(fd);
    return got;
}

TEST(ApiAuth, EveryApiRouteNeedsAToken) {
    Harness h;
    auto c = h.http();
    for (const char* path : {"/api/v1/visits", "/api/v1/presence", "/api/v1/directory", "/api/v1/me",
                             "/api/v1/outbox/dead", "/api/v1/devices", "/api/v1/events"}) {
        auto r = c.Get(path);
        ASSERT_TRUE(r) << path;
        EXPECT_EQ(r->status, 401) << path;
        EXPECT_FALSE(json::parse(r->body).at("error").get<std::string>().empty());
    }
    auto wrong = c.Get("/api/v1/visits", Harness::auth(std::string(64, 'a')));
    ASSERT_TRUE(wrong);
    EXPECT_EQ(wrong->status, 401);
    // Only the event stream takes the token as a parameter.
    const std::string token = h.pair(DeviceKind::Desk);
    auto param = c.Get(("/api/v1/visits?token=" + token).c_str());
    ASSERT_TRUE(param);
    EXPECT_EQ(param->status, 401);
    auto ok = c.Get("/api/v1/visits", Harness::auth(token));
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200);
}

TEST(ApiAuth, RevokedTokenIsRefusedAndItsStreamEnds) {
    Harness h;
    const std::string admin = h.pair(DeviceKind::Desk, "", "receptie links");
    const std::string old_phone = h.pair(DeviceKind::Phone, "1042", "oude telefoon");
    auto c = h.http();
    auto me = c.Get("/api/v1/me", Harness::auth(old_phone));
    ASSERT_TRUE(me);
    ASSERT_EQ(me->status, 200);
    const auto id = json::parse(me->body).at("id").get<std::int64_t>();

    EventReader stream(h.service.port(), old_phone);
    ASSERT_TRUE(stream.wait_for([](auto& f) { return !f.empty(); }));

    auto del = c.Delete(("/api/v1/devices/" + std::to_string(id)).c_str(), Harness::auth(admin));
    ASSERT_TRUE(del);
    EXPECT_EQ(del->status, 204);
    auto after = c.Get("/api/v1/visits", Harness::auth(old_phone));
    ASSERT_TRUE(after);
    EXPECT_EQ(after->status, 401);
    EXPECT_TRUE(eventually([&] { return stream.ended(); }));
    auto reconnect = c.Get(("/api/v1/events?token=" + old_phone).c_str());
    ASSERT_TRUE(reconnect);
    EXPECT_EQ(reconnect->status, 401);
    // Revoking twice is a 404, not a silent success.
    auto again = c.Delete(("/api/v1/devices/" + std::to_string(id)).c_str(), Harness::auth(admin));
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 404);
}

TEST(ApiAuth, UnauthenticatedHugeBodyIsRefusedBeforeItIsRead) {
    Harness h;
    // Announce 100 MB, send 64 KiB of broken JSON and stop: a server that read
    // the body first would wait (or answer 413/400); the gate answers at once.
    const std::string head =
        "POST /api/v1/visits HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Content-Length: 104857600\r\n\r\n";
    const auto t0 = std::chrono::steady_clock::now();
    const std::string answer = raw_exchange(h.service.port(), head, std::string(65536, '{'));
    const auto took = std::chrono::steady_clock::now() - t0;
    ASSERT_FALSE(answer.empty());
    EXPECT_EQ(answer.substr(0, 12), "HTTP/1.1 401") << answer.substr(0, 200);
    EXPECT_LT(took, std::chrono::seconds(2));

    // The same with "Expect: 100-continue" (curl's way for big bodies): refused
    // before the client sends a byte of body, with a complete answer.
    const std::string expect_head =
        "POST /api/v1/visits HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Expect: 100-continue\r\nContent-Length: 104857600\r\n\r\n";
    const std::string early = raw_exchange(h.service.port(), expect_head, "");
    EXPECT_EQ(early.substr(0, 12), "HTTP/1.1 401") << early.substr(0, 200);
    EXPECT_NE(early.find("Content-Length:"), std::string::npos);

    // Small malformed bodies without a token: still 401, not 400.
    auto c = h.http();
    auto r = c.Post("/api/v1/visits", "{not json", "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);

    // With a token the size limit applies: 413, in the API's JSON shape.
    const std::string token = h.pair(DeviceKind::Desk);
    auto big = c.Post("/api/v1/visits", Harness::auth(token), std::string(200 * 1024, '{'), "application/json");
    ASSERT_TRUE(big);
    EXPECT_EQ(big->status, 413);
    EXPECT_TRUE(json::parse(big->body).contains("error"));
}

TEST(ApiErrors, MalformedJsonAndWrongFieldsAre400NamingTheField) {
    Harness h;
    const std::string token = h.pair(DeviceKind::Desk);
    auto c = h.http();
    auto bad = c.Post("/api/v1/visits", Harness::auth(token), "{\"topic\": ", "application/json");
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    EXPECT_NE(json::parse(bad->body).at("error").get<std::string>().find("not valid JSON"), std::string::npos);

    auto not_object = c.Post("/api/v1/visits", Harness::auth(token), "[1,2]", "application/json");
    ASSERT_TRUE(not_object);
    EXPECT_EQ(not_object->status, 400);

    auto unknown_topic = c.Post("/api/v1/visits", Harness::auth(token), R"({"topic":"parking"})", "application/json");
    ASSERT_TRUE(unknown_topic);
    EXPECT_EQ(unknown_topic->status, 400);
    EXPECT_EQ(json::parse(unknown_topic->body).at("field"), "topic");

    auto missing = c.Post("/api/v1/visits", Harness::auth(token), R"({"name":"Ayşe"})", "application/json");
    ASSERT_TRUE(missing);
    EXPECT_EQ(json::parse(missing->body).at("field"), "topic");

    auto made = c.Post("/api/v1/visits", Harness::auth(token), R"({"topic":"rent","name":"Ayşe"})", "application/json");
    ASSERT_TRUE(made);
    ASSERT_EQ(made->status, 201);
    const auto id = json::parse(made->body).at("id").get<std::int64_t>();
    const std::string ack = "/api/v1/visits/" + std::to_string(id) + "/acknowledge";
    for (const char* body : {R"({"minutes":"five"})", R"({"minutes":0})", R"({"minutes":500})", R"({})",
                             R"({"minutes":2.5})"}) {
        auto r = c.Post(ack.c_str(), Harness::auth(token), body, "application/json");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 400) << body;
        EXPECT_EQ(json::parse(r->body).at("field"), "minutes") << body;
    }
    auto cancel = c.Post(("/api/v1/visits/" + std::to_string(id) + "/cancel").c_str(), Harness::auth(token),
                         R"({"left":"yes"})", "application/json");
    ASSERT_TRUE(cancel);
    EXPECT_EQ(json::parse(cancel->body).at("field"), "left");
    // Nothing of that changed the visit.
    EXPECT_EQ(h.store.visit(id)->state, VisitState::HostNotified);
}

TEST(ApiErrors, DomainRefusalsBecome404And409) {
    Harness h;
    const std::string token = h.pair(DeviceKind::Desk);
    auto c = h.http();
    auto made = c.Post("/api/v1/visits", Harness::auth(token), R"({"topic":"rent"})", "application/json");
    ASSERT_TRUE(made);
    const auto id = json::parse(made->body).at("id").get<std::int64_t>();
    auto finish = c.Post(("/api/v1/visits/" + std::to_string(id) + "/finish").c_str(), Harness::auth(token), "{}",
                         "application/json");
    ASSERT_TRUE(finish);
    EXPECT_EQ(finish->status, 409);  // nobody has come yet: it cannot be finished
    auto missing = c.Post("/api/v1/visits/999/start", Harness::auth(token), "{}", "application/json");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    auto no_route = c.Get("/api/v1/parking", Harness::auth(token));
    ASSERT_TRUE(no_route);
    EXPECT_EQ(no_route->status, 404);
    EXPECT_TRUE(json::parse(no_route->body).contains("error"));
}

TEST(ApiErrors, StoreThatCannotCommitAnswers503) {
    ServiceOptions o = test_options();
    TempDir dir;
    TestClock clock(monday_1042());
    SqliteOptions tiny;
    tiny.max_pages = 40;  // a full disk after a few dozen visits
    SqliteStore store(dir.file("g.db"), tiny);
    SqliteDeviceStore devices(dir.file("g.db"));
    Service service(office_config(), store, devices, clock, o);
    service.start();
    const PairingTicket t = service.pairing().create_code(DeviceKind::Desk, "");
    httplib::Client c("127.0.0.1", service.port());
    auto p = c.Post("/pair", json{{"code", t.code}}.dump(), "application/json");
    ASSERT_TRUE(p);
    ASSERT_EQ(p->status, 201);
    const std::string token = json::parse(p->body).at("token");
    int status = 201, made = 0;
    while (status == 201 && made < 5000) {
        auto r = c.Post("/api/v1/visits", Harness::auth(token),
                        json{{"topic", "rent"}, {"name", std::string(40, 'x')}}.dump(), "application/json");
        ASSERT_TRUE(r);
        status = r->status;
        if (status == 201) ++made;
        else {
            EXPECT_EQ(status, 503) << r->body;
            EXPECT_FALSE(r->get_header_value("Retry-After").empty());
        }
    }
    EXPECT_GT(made, 0);
    EXPECT_EQ(status, 503);
    // The visits that were confirmed are all there; the refused one is not half-written.
    EXPECT_EQ(store.open_visits().size(), static_cast<std::size_t>(made));
}

TEST(ApiLimits, TooManyRequestsFromOneDeviceGet429WithRetryAfter) {
    ServiceOptions o = test_options();
    o.api.token_per_second = 0.5;
    o.api.token_burst = 5;
    Harness h(o);
    const std::string busy = h.pair(DeviceKind::Desk, "", "druk");
    const std::string calm = h.pair(DeviceKind::Desk, "", "rustig");
    auto c = h.http();
    int ok = 0, limited = 0;
    std::string retry_after;
    for (int i = 0; i < 8; ++i) {
        auto r = c.Get("/api/v1/visits", Harness::auth(busy));
        ASSERT_TRUE(r);
        if (r->status == 200) ++ok;
        if (r->status == 429) {
            ++limited;
            retry_after = r->get_header_value("Retry-After");
        }
    }
    EXPECT_EQ(ok, 5);
    EXPECT_EQ(limited, 3);
    EXPECT_GE(std::stoi(retry_after), 1);
    // Another device is not punished for the first one.
    auto other = c.Get("/api/v1/visits", Harness::auth(calm));
    ASSERT_TRUE(other);
    EXPECT_EQ(other->status, 200);
}

TEST(ApiLimits, ClientAddressIsLimitedBeforeAuthentication) {
    ServiceOptions o = test_options();
    o.api.ip_per_second = 0.5;
    o.api.ip_burst = 4;
    Harness h(o);
    auto c = h.http();
    int unauthorized = 0, limited = 0;
    for (int i = 0; i < 7; ++i) {
        auto r = c.Post("/pair", R"({"code":"AAAAAAAA"})", "application/json");
        ASSERT_TRUE(r);
        unauthorized += r->status == 401;
        limited += r->status == 429;
    }
    // Guessing pairing codes stops after the burst.
    EXPECT_EQ(unauthorized, 4);
    EXPECT_EQ(limited, 3);
}

TEST(ApiRoles, PhoneSeesAndAnswersOnlyItsColleaguesVisits) {
    Harness h;
    const std::string desk = h.pair(DeviceKind::Desk);
    const std::string fatma = h.pair(DeviceKind::Phone, "1042", "telefoon Fatma");
    auto c = h.http();
    auto for_fatma = c.Post("/api/v1/visits", Harness::auth(desk), R"({"topic":"appointment","host":"1042"})",
                            "application/json");
    auto for_jan = c.Post("/api/v1/visits", Harness::auth(desk), R"({"topic":"appointment","host":"1043"})",
                          "application/json");
    ASSERT_TRUE(for_fatma && for_jan);
    const auto fatma_visit = json::parse(for_fatma->body).at("id").get<std::int64_t>();
    const auto jan_visit = json::parse(for_jan->body).at("id").get<std::int64_t>();
    ASSERT_EQ(json::parse(for_jan->body).at("host"), "1043");

    auto list = c.Get("/api/v1/visits", Harness::auth(fatma));
    ASSERT_TRUE(list);
    const auto visits = json::parse(list->body).at("visits");
    ASSERT_EQ(visits.size(), 1u);
    EXPECT_EQ(visits[0].at("id"), fatma_visit);
    EXPECT_EQ(visits[0].at("host_name"), "Fatma Yılmaz");
    EXPECT_EQ(visits[0].at("topic_label"), "Ik heb een afspraak");

    auto not_hers = c.Post(("/api/v1/visits/" + std::to_string(jan_visit) + "/acknowledge").c_str(),
                           Harness::auth(fatma), R"({"minutes":5})", "application/json");
    ASSERT_TRUE(not_hers);
    EXPECT_EQ(not_hers->status, 403);
    auto hers = c.Post(("/api/v1/visits/" + std::to_string(fatma_visit) + "/acknowledge").c_str(),
                       Harness::auth(fatma), R"({"minutes":5})", "application/json");
    ASSERT_TRUE(hers);
    EXPECT_EQ(hers->status, 200);
    EXPECT_EQ(h.store.visit(fatma_visit)->state, VisitState::Acknowledged);
    EXPECT_EQ(h.store.events(fatma_visit).back().actor, "staff:1042");

    for (auto [method, path] : std::vector<std::pair<std::string, std::string>>{
             {"POST", "/api/v1/visits"}, {"POST", "/api/v1/pairing"}, {"GET", "/api/v1/outbox/dead"},
             {"GET", "/api/v1/devices"}}) {
        auto r = method == "GET" ? c.Get(path.c_str(), Harness::auth(fatma))
                                 : c.Post(path.c_str(), Harness::auth(fatma), R"({"topic":"rent"})", "application/json");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 403) << path;
    }
    auto own_presence = c.Put("/api/v1/presence", Harness::auth(fatma), R"({"presence":"lunch"})", "application/json");
    ASSERT_TRUE(own_presence);
    EXPECT_EQ(own_presence->status, 200);
    auto others_presence = c.Put("/api/v1/presence", Harness::auth(fatma), R"({"staff_id":"1043","presence":"out"})",
                                 "application/json");
    ASSERT_TRUE(others_presence);
    EXPECT_EQ(others_presence->status, 403);
    EXPECT_EQ(h.store.presence("2026-11-23").at("1042"), Presence::Lunch);
}

TEST(ApiDirectory, ListsTopicsTeamsAndStaffWithNames) {
    Harness h;
    const std::string desk = h.pair(DeviceKind::Desk);
    auto r = h.http().Get("/api/v1/directory", Harness::auth(desk));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    const json d = json::parse(r->body);
    EXPECT_EQ(d.at("topics").size(), 4u);
    EXPECT_EQ(d.at("topics")[0].at("label"), "Reparatie");
    bool found = false;
    for (const auto& s : d.at("staff"))
        if (s.at("id") == "1044") found = s.at("name") == "Agnieszka Śliwa";
    EXPECT_TRUE(found);
}

}  // namespace
}  // namespace gastvrij::service_test
