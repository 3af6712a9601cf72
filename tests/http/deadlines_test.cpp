// Slow and greedy clients cannot stop the server: headers or a body that
// trickle in past their deadline are cut off however steadily the bytes come,
// one address cannot hold more than its share of connections, and hundreds of
// slow connections leave a healthy client's answer quick.
#include <atomic>
#include <numeric>

#include "http/http_fixture.h"

namespace gastvrij::http_test {
namespace {

// Sends `bytes` one at a time, `gap` apart, until the server closes the
// connection or `limit` passes. Returns how many went out.
std::size_t trickle(Socket& s, const std::string& bytes, std::chrono::milliseconds gap, std::chrono::milliseconds limit) {
    const auto until = Clock::now() + limit;
    std::size_t sent = 0;
    while (sent < bytes.size() && Clock::now() < until) {
        if (!s.send(bytes.substr(sent, 1))) break;
        ++sent;
        // Waiting for the close doubles as the gap between bytes.
        if (s.closed_within(gap)) break;
    }
    return sent;
}

TEST(Deadlines, HeadersThatTrickleInPastTheDeadlineAreCutOff) {
    TestServer t;
    t.options.header_deadline = 300ms;
    std::atomic<int> handled{0};
    t.router.get("/hello", [&](const http::Request&, http::Response& res) {
        ++handled;
        res.set_content("hello", "text/plain");
    });
    t.start();

    // 2,000 header bytes at one per 10 ms would take 20 s; the server must
    // not wait for them although each byte comes well within the idle timeout.
    const std::string head = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + std::string(2000, 'a') + "\r\n\r\n";
    const auto t0 = Clock::now();
    Socket s(t.port());
    ASSERT_TRUE(s.connected());
    const std::size_t sent = trickle(s, head, 10ms, 5s);
    const double took = ms_since(t0);
    EXPECT_TRUE(s.closed_within(1s)) << "still open after " << took << " ms and " << sent << " bytes";
    EXPECT_GE(took, 300) << "closed before its deadline";
    EXPECT_LT(took, 3000);
    EXPECT_GT(sent, 5u) << "the bytes did not keep coming";
    EXPECT_LT(sent, head.size());
    EXPECT_EQ(s.received(), "") << "a request that never completed was answered";
    EXPECT_EQ(t.stats().closed_too_slow, 1u);
    EXPECT_EQ(handled, 0);

    // Others are served as before.
    auto ok = exchange(t.port(), get("/hello"));
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200);
}

TEST(Deadlines, ABodyThatTricklesInPastTheDeadlineIsCutOff) {
    TestServer t;
    t.options.header_deadline = 10s;
    t.options.body_deadline = 300ms;
    std::atomic<int> handled{0};
    t.router.post("/upload", [&](const http::Request&, http::Response& res) {
        ++handled;
        res.set_content("stored", "text/plain");
    });
    t.start();

    Socket s(t.port());
    ASSERT_TRUE(s.send("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                       "Content-Length: 2000\r\n\r\n"));
    const auto t0 = Clock::now();
    const std::size_t sent = trickle(s, std::string(2000, 'b'), 10ms, 5s);
    const double took = ms_since(t0);
    EXPECT_TRUE(s.closed_within(1s)) << "still open after " << took << " ms and " << sent << " bytes";
    EXPECT_GE(took, 250) << "closed before its deadline";  // the deadline counts from the headers, sent just before t0
    EXPECT_LT(took, 3000);
    EXPECT_GT(sent, 5u);
    EXPECT_LT(sent, 2000u);
    EXPECT_EQ(s.received(), "");
    EXPECT_EQ(t.stats().closed_too_slow, 1u);
    EXPECT_EQ(handled, 0);

    // A body that arrives in one go is well within it.
    auto ok = exchange(t.port(), "POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                                 "Content-Length: 4\r\n\r\nbody");
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200);
    EXPECT_EQ(handled, 1);
}

TEST(Deadlines, OneAddressGetsNoMoreThanItsShareOfConnections) {
    TestServer t;
    t.options.per_address_limit = 3;
    t.router.get("/hello", [](const http::Request& req, http::Response& res) {
        res.set_content("hello " + req.remote_addr, "text/plain");
    });
    t.start();

    // Three connections from 127.0.0.1, each in the middle of its headers.
    std::vector<std::unique_ptr<Socket>> held;
    for (int i = 0; i < 3; ++i) {
        held.push_back(std::make_unique<Socket>(t.port(), "127.0.0.1"));
        ASSERT_TRUE(held.back()->send("GET /hello HTTP/1.1\r\n"));
    }
    ASSERT_TRUE(eventually([&] { return t.stats().connections == 3; }, 5s)) << t.stats().connections;

    // The fourth from the same address is closed unanswered …
    Socket fourth(t.port(), "127.0.0.1");
    fourth.send(get("/hello"));
    EXPECT_TRUE(fourth.closed_within(5s));
    EXPECT_EQ(fourth.received(), "");

    // … while other addresses are answered.
    for (const char* other : {"127.0.0.2", "127.0.0.3"}) {
        auto r = exchange(t.port(), get("/hello"), other);
        ASSERT_TRUE(r) << other;
        EXPECT_EQ(r->status, 200);
        EXPECT_EQ(r->body, std::string("hello ") + other);
    }

    // When one of the three leaves, the address may connect again.
    held.front()->close();
    EXPECT_TRUE(eventually(
        [&] {
            auto r = exchange(t.port(), get("/hello"), "127.0.0.1", 1s);
            return r && r->status == 200;
        },
        5s));
}

TEST(Deadlines, AHealthyClientIsAnsweredWhileThreeHundredSlowConnectionsTrickle) {
    TestServer t;
    t.options.threads = 2;  // far fewer than connections: waiting ones must hold none
    t.options.header_deadline = 30s;
    t.router.get("/health", [](const http::Request&, http::Response& res) { res.set_content("ok", "text/plain"); });
    t.start();

    // 300 connections from 300 other addresses, each stuck in its headers.
    constexpr int kSlow = 300;
    std::vector<std::unique_ptr<Socket>> slow;
    for (int i = 0; i < kSlow; ++i) {
        const std::string from = "127.0." + std::to_string(1 + i / 200) + "." + std::to_string(1 + i % 200);
        slow.push_back(std::make_unique<Socket>(t.port(), from));
        ASSERT_TRUE(slow.back()->connected()) << from;
        ASSERT_TRUE(slow.back()->send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
    }
    ASSERT_TRUE(eventually([&] { return t.stats().connections >= kSlow; }, 10s)) << t.stats().connections;

    // They keep trickling a byte each while the healthy client asks.
    std::atomic<bool> stop{false};
    std::atomic<int> rounds{0};
    std::thread trickler([&] {
        while (!stop) {
            for (auto& s : slow) s->send("a");
            ++rounds;
            std::this_thread::sleep_for(20ms);  // the pace of the slow clients, not a wait for an outcome
        }
    });

    // The healthy client asks once the slow ones are visibly at it.
    const bool trickling = eventually([&] { return rounds >= 2; }, 10s);
    std::vector<double> took;
    int answered = 0;
    for (int i = 0; i < 30; ++i) {
        const auto t0 = Clock::now();
        auto r = exchange(t.port(), get("/health"), "127.0.0.1", 5s);
        took.push_back(ms_since(t0));
        if (r && r->status == 200) ++answered;
    }
    stop = true;
    trickler.join();
    EXPECT_EQ(answered, 30);

    EXPECT_TRUE(trickling) << rounds << " rounds";
    EXPECT_GE(t.stats().connections, static_cast<std::size_t>(kSlow)) << "the slow connections were not all held";
    EXPECT_EQ(t.stats().closed_too_slow, 0u);
    std::sort(took.begin(), took.end());
    // On a loaded two-core machine a single answer may be late; most must be quick.
    EXPECT_LT(took[took.size() / 2], 100) << "median " << took[took.size() / 2] << " ms";
    EXPECT_LT(took.back(), 2000) << "slowest " << took.back() << " ms";
    std::printf("healthy client under %d slow connections: median %.2f ms, slowest %.2f ms over %zu requests\n", kSlow,
                took[took.size() / 2], took.back(), took.size());
}

}  // namespace
}  // namespace gastvrij::http_test
