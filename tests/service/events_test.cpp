// The live event streams: every board hears every check-in (more boards than
// httplib's default pool of 8 workers), a reconnecting client resumes where it
// left off, phones hear only their colleague, and a slow client is dropped
// without holding the others back.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <set>

#include "client/client.h"
#include "service_fixture.h"
#include "store/sqlite_devices.h"
#include "store/sqlite_store.h"

namespace gastvrij::service_test {
namespace {

TEST(Events, FourteenBoardsAllHearACheckIn) {
    Harness h;
    constexpr int kBoards = 14;
    std::mutex m;
    std::vector<std::set<VisitId>> seen(kBoards);
    std::atomic<int> online{0};
    std::vector<std::unique_ptr<ServiceClient>> boards;
    for (int i = 0; i < kBoards; ++i) {
        // Fourteen desks, each paired: one device holds only a few streams.
        auto c = std::make_unique<ServiceClient>(h.url(), h.pair(DeviceKind::Desk));
        ServiceClient::Listener l;
        l.on_connection = [&](bool on) { online += on ? 1 : -1; };
        l.on_visit = [&, i](const VisitView& v, const VisitEvent&) {
            std::lock_guard lock(m);
            seen[static_cast<std::size_t>(i)].insert(v.visit.id);
        };
        c->listen(l);
        boards.push_back(std::move(c));
    }
    ASSERT_TRUE(eventually([&] { return online == kBoards; })) << online << " of " << kBoards << " boards online";
    EXPECT_EQ(h.service.hub().stream_count(), static_cast<std::size_t>(kBoards));

    // A request still gets through while all the streams are open.
    ServiceClient desk(h.url(), h.pair(DeviceKind::Desk));
    const VisitView v = desk.check_in("rent", "", "Ayşe", "tr");
    EXPECT_EQ(v.visit.visitor_name, "Ayşe");
    EXPECT_TRUE(eventually([&] {
        std::lock_guard lock(m);
        return std::all_of(seen.begin(), seen.end(), [&](const auto& s) { return s.count(v.visit.id) == 1; });
    })) << "not every board heard the check-in";
}

TEST(Events, FramesCarryTheLogIdAndAResumedStreamReplaysWhatItMissed) {
    Harness h;
    const std::string token = h.pair(DeviceKind::Desk);
    ServiceClient desk(h.url(), token);
    desk.check_in("rent");  // before anyone listens: not replayed to a fresh client

    std::string last_id;
    {
        // A fresh stream starts at the end of the log: the hello carries its
        // id, or (when the pump had not yet caught up) the two events follow.
        EventReader first(h.service.port(), token);
        ASSERT_TRUE(first.wait_for([](auto& f) {
            return std::any_of(f.begin(), f.end(), [](auto& x) { return x.id == "2"; });
        }));
        EXPECT_EQ(first.frames()[0].event, "hello");
        last_id = "2";
    }
    const VisitView a = desk.check_in("rent", "", "Ayşe");
    const VisitView b = desk.check_in("appointment", "1043", "Piotr");
    desk.acknowledge(a.visit.id, 5);

    EventReader resumed(h.service.port(), token, last_id);
    // Counted in visit frames: a notification frame may come between them.
    ASSERT_TRUE(resumed.wait_for([&](auto&) { return resumed.visits().size() >= 5; })) << resumed.raw();
    const auto visits = resumed.visits();
    ASSERT_EQ(visits.size(), 5u);  // a: arrived, notified; b: arrived, notified; a: acknowledged
    std::int64_t previous = std::stoll(last_id);
    for (const auto& f : resumed.frames("visit")) {
        EXPECT_GT(std::stoll(f.id), previous);
        previous = std::stoll(f.id);
    }
    EXPECT_EQ(visits[0].at("visit").at("id"), a.visit.id);
    EXPECT_EQ(visits[2].at("visit").at("visitor_name"), "Piotr");
    EXPECT_EQ(visits[4].at("event").at("to"), "acknowledged");
    EXPECT_EQ(visits[4].at("event").at("actor"), "desk:1");

    // Live events continue after the replay, without gaps or repeats.
    desk.start(a.visit.id);
    ASSERT_TRUE(resumed.wait_for([&](auto&) { return resumed.visits().size() >= 6; }));
    EXPECT_EQ(std::stoll(resumed.frames("visit").back().id), previous + 1);
}

TEST(Events, TooFarBehindGetsAResetInsteadOfAFlood) {
    ServiceOptions o = test_options();
    o.events.replay_limit = 3;
    Harness h(o);
    const std::string token = h.pair(DeviceKind::Desk);
    ServiceClient desk(h.url(), token);
    for (int i = 0; i < 3; ++i) desk.check_in("rent");  // six events
    // The second event of each check-in (the colleague notified) follows it
    // asynchronously: connect once all six are kept, so none arrives live.
    ASSERT_TRUE(eventually([&] { return h.store.events_since(0, 100).size() >= 6; }));
    ASSERT_TRUE(eventually([&] { return h.service.hub().cursor() == h.store.latest_event_id(); }));
    EventReader r(h.service.port(), token, "0");
    ASSERT_TRUE(r.wait_for([](auto& f) { return f.size() >= 2; }));
    EXPECT_EQ(r.frames()[1].event, "reset");
    EXPECT_TRUE(r.frames("visit").empty());
}

TEST(Events, APhoneHearsOnlyItsColleague) {
    Harness h;
    const std::string desk_token = h.pair(DeviceKind::Desk);
    const std::string fatma = h.pair(DeviceKind::Phone, "1042");
    EventReader phone(h.service.port(), fatma);
    EventReader board(h.service.port(), desk_token);
    ASSERT_TRUE(phone.wait_for([](auto& f) { return !f.empty(); }));
    ASSERT_TRUE(board.wait_for([](auto& f) { return !f.empty(); }));
    ServiceClient desk(h.url(), desk_token);
    const VisitView jan = desk.check_in("appointment", "1043");
    const VisitView hers = desk.check_in("appointment", "1042", "Ayşe");
    ASSERT_TRUE(board.wait_for([&](auto&) { return board.visits().size() >= 4; }));
    ASSERT_TRUE(phone.wait_for([&](auto&) { return phone.visits().size() >= 2; }));
    for (const auto& v : phone.visits()) EXPECT_EQ(v.at("visit").at("id"), hers.visit.id);
    EXPECT_NE(jan.visit.id, hers.visit.id);
    // Her phone was also alerted (the outbox's phone channel), the board of both.
    EXPECT_TRUE(phone.wait_for([&](auto&) { return phone.frames("notification").size() == 1; }));

    // Reassigned away from her: her phone hears it (to drop it from its list).
    desk.reassign(hers.visit.id, "1043");
    ASSERT_TRUE(phone.wait_for([&](auto&) { return phone.visits().size() >= 3; }));
    EXPECT_EQ(phone.visits().back().at("visit").at("host"), "1043");
}

TEST(Events, PresenceChangesReachBoardsAndTheColleaguesPhone) {
    Harness h;
    const std::string desk_token = h.pair(DeviceKind::Desk);
    EventReader board(h.service.port(), desk_token);
    EventReader fatma(h.service.port(), h.pair(DeviceKind::Phone, "1042"));
    ASSERT_TRUE(board.wait_for([](auto& f) { return !f.empty(); }));
    ASSERT_TRUE(fatma.wait_for([](auto& f) { return !f.empty(); }));
    ServiceClient desk(h.url(), desk_token);
    desk.set_presence("1043", Presence::Out);
    desk.set_presence("1042", Presence::Lunch);
    ASSERT_TRUE(board.wait_for([](auto& f) { return f.size() >= 3; }));
    ASSERT_TRUE(fatma.wait_for([](auto& f) { return f.size() >= 2; }));
    const auto seen = fatma.frames("presence");
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(json::parse(seen[0].data).at("presence"), "lunch");
    const auto all = desk.presence();
    auto it = std::find_if(all.begin(), all.end(), [](const PresenceView& p) { return p.staff_id == "1043"; });
    ASSERT_NE(it, all.end());
    EXPECT_EQ(it->presence, Presence::Out);
    EXPECT_FALSE(it->available);
}

TEST(Events, HeartbeatsKeepAQuietStreamAliveAndCompressionDoesNotBufferIt) {
    Harness h;
    // Browsers always offer gzip; a compressed stream would sit in zlib's buffer.
    EventReader r(h.service.port(), h.pair(DeviceKind::Desk), "", {{"Accept-Encoding", "gzip, deflate, br"}});
    EXPECT_TRUE(eventually([&] { return r.raw().find(": ping") != std::string::npos; }, std::chrono::seconds(3)));
    EXPECT_EQ(r.raw().rfind("retry: ", 0), 0u);
}

TEST(Events, AStreamThatFallsTooFarBehindIsDroppedAndTheOthersGoOn) {
    TempDir dir;
    TestClock clock(monday_1042());
    SqliteStore store(dir.file("g.db"));
    const Config config = office_config();
    Reception reception(config.directory, store, clock);
    SseHub::Options o;
    o.queue_limit = 4;
    o.heartbeat = std::chrono::milliseconds(50);
    SseHub hub(store, ViewContext{config.directory, config.texts, clock, {}}, o);
    hub.start();
    reception.subscribe([&](const VisitChange&) { hub.wake(); });
    Device desk;
    desk.id = 1;
    auto slow = hub.open(desk, std::nullopt);
    auto fast = hub.open(desk, std::nullopt);
    ASSERT_TRUE(slow && fast);

    // The fast stream is read whenever its waker says there is something.
    std::atomic<int> wakes{0};
    hub.set_waker(*fast, [&] { ++wakes; });
    int fast_visits = 0;
    auto read_fast = [&] {
        std::string frames;
        if (hub.take(*fast, frames) == SseHub::Take::Ended) return false;
        for (std::size_t p = 0; (p = frames.find("event: visit", p)) != std::string::npos; ++p) ++fast_visits;
        return true;
    };
    for (int i = 0; i < 10; ++i) {
        reception.check_in({"rent", "", "Bezoeker"});
        // One visit at a time, so only the stream that does not read falls behind.
        ASSERT_TRUE(eventually([&] { return read_fast() && fast_visits >= 2 * (i + 1); }));
    }
    EXPECT_EQ(fast_visits, 20);
    EXPECT_GE(wakes.load(), 10);
    // The other stream never read: its fifth frame overflowed it and it ended.
    std::string frames;
    EXPECT_EQ(hub.take(*slow, frames), SseHub::Take::Ended);
    EXPECT_EQ(hub.dropped_slow(), 1u);
    EXPECT_EQ(hub.stream_count(), 1u);
    hub.stop();
}

TEST(Events, AClientThatStopsReadingDoesNotDelayTheOthers) {
    Harness h;
    const std::string token = h.pair(DeviceKind::Desk);

    // A board that connects and then never reads, with a tiny receive buffer.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    int small = 1024;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(h.service.port()));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    const std::string req = "GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n\r\n";
    ::send(fd, req.data(), req.size(), MSG_NOSIGNAL);
    EventReader healthy(h.service.port(), token);
    ASSERT_TRUE(eventually([&] { return h.service.hub().stream_count() == 2; }));

    constexpr int kCheckIns = 200;  // 400 frames of about 900 bytes: far more than the stuck window
    for (int i = 0; i < kCheckIns; ++i) h.service.reception().check_in({"rent", "", "Bezoeker " + std::string(1, char('A' + i % 26))});
    const auto done = std::chrono::steady_clock::now();
    EXPECT_TRUE(healthy.wait_for([&](auto&) { return healthy.frames("visit").size() >= 2 * kCheckIns; }));
    // Everything was there well within a second of the last commit.
    EXPECT_LT(std::chrono::steady_clock::now() - done, std::chrono::seconds(2));

    // Gone for good: the next heartbeat that cannot be written ends its stream.
    ::close(fd);
    EXPECT_TRUE(eventually([&] { return h.service.hub().stream_count() == 1; }));
}

TEST(Events, TheListenerReconnectsAndCatchesUpAfterTheServiceRestarts) {
    TempDir dir;
    TestClock clock(monday_1042());
    SqliteStore store(dir.file("g.db"));
    SqliteDeviceStore devices(dir.file("g.db"));
    auto service = std::make_unique<Service>(office_config(), store, devices, clock, test_options());
    service->start();
    const int port = service->port();
    const std::string token = service->pairing().redeem(service->pairing().create_code(DeviceKind::Desk, "").code, "d").token;

    // Declared before the board, so they outlive its listening thread, which
    // still reports the connection going down while the board closes.
    std::mutex m;
    std::vector<std::string> names;
    std::vector<bool> connection;
    ClientOptions co;
    co.backoff_min = std::chrono::milliseconds(50);
    co.backoff_max = std::chrono::milliseconds(200);
    ServiceClient board("http://127.0.0.1:" + std::to_string(port), token, co);
    ServiceClient::Listener l;
    l.on_connection = [&](bool on) {
        std::lock_guard lock(m);
        connection.push_back(on);
    };
    l.on_visit = [&](const VisitView& v, const VisitEvent& e) {
        std::lock_guard lock(m);
        if (e.to == VisitState::HostNotified) names.push_back(v.visit.visitor_name);
    };
    board.listen(l);
    ASSERT_TRUE(eventually([&] { return board.online(); }));
    ServiceClient desk("http://127.0.0.1:" + std::to_string(port), token, co);
    EXPECT_TRUE(desk.visits().empty());  // keeps its connection open
    service->reception().check_in({"rent", "", "Eerste"});
    ASSERT_TRUE(eventually([&] { std::lock_guard lock(m); return names.size() == 1; }));

    service.reset();  // the kiosk restarts; the board notices
    EXPECT_TRUE(eventually([&] { return !board.online(); }));
    // Meanwhile a visitor checks in through another process on the same file.
    {
        const Config config = office_config();
        Reception other(config.directory, store, clock);
        other.check_in({"rent", "", "Tussendoor"});
    }
    ServiceOptions same_port = test_options();
    same_port.api.port = port;
    service = std::make_unique<Service>(office_config(), store, devices, clock, same_port);
    service->start();
    ASSERT_TRUE(eventually([&] { return board.online(); }));
    // The desk's kept connection died with the old service: the first call still works.
    EXPECT_EQ(desk.visits().size(), 2u);
    service->reception().check_in({"rent", "", "Daarna"});
    ASSERT_TRUE(eventually([&] { std::lock_guard lock(m); return names.size() == 3; })) << names.size();
    std::lock_guard lock(m);
    EXPECT_EQ(names, (std::vector<std::string>{"Eerste", "Tussendoor", "Daarna"}));
    EXPECT_EQ(connection, (std::vector<bool>{true, false, true}));
}

}  // namespace
}  // namespace gastvrij::service_test
