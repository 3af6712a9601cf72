// Event streams sleep between frames and wake at once: a frame written while
// the connection sleeps reaches the client quickly, a source that ends ends
// the body cleanly, a client that closes its end is noticed while its stream
// sleeps (no heartbeat needed), and stopping the server ends every stream.
#include <numeric>

#include "http/http_fixture.h"

namespace gastvrij::http_test {
namespace {

// A server whose /events route hands out a fresh TestSource per request.
struct StreamServer : TestServer {
    StreamServer() {
        router.get("/events", [this](const http::Request&, http::Response& res) {
            auto src = std::make_shared<TestSource>();
            {
                std::lock_guard lock(m);
                sources.push_back(src);
            }
            res.set_header("Content-Type", "text/event-stream");
            res.stream = src;
        });
        router.get("/hello", [](const http::Request&, http::Response& res) { res.set_content("hello", "text/plain"); });
        start();
    }
    // Opens a stream and returns its source once the connection sleeps.
    std::shared_ptr<TestSource> open(Socket& s) {
        std::size_t before;
        {
            std::lock_guard lock(m);
            before = sources.size();
        }
        if (!s.send("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")) return nullptr;
        if (!eventually(
                [&] {
                    std::lock_guard lock(m);
                    return sources.size() > before;
                },
                5s))
            return nullptr;
        std::shared_ptr<TestSource> src;
        {
            std::lock_guard lock(m);
            src = sources[before];
        }
        return src->wait_asleep(1) ? src : nullptr;
    }

    std::mutex m;
    std::vector<std::shared_ptr<TestSource>> sources;
};

TEST(Streams, FramesWrittenWhileTheConnectionSleepsArriveAtOnce) {
    StreamServer t;
    Socket s(t.port());
    auto src = t.open(s);
    ASSERT_TRUE(src) << "the stream did not go to sleep";
    EXPECT_EQ(t.stats().streams, 1u);

    std::vector<double> latency;
    for (int i = 1; i <= 10; ++i) {
        // Asleep again after the last frame: the server asked and found nothing.
        ASSERT_TRUE(src->wait_asleep(i)) << "frame " << i;
        const std::string frame = "event: visit\ndata: {\"n\":" + std::to_string(i) + "}\n\n";
        const auto t0 = Clock::now();
        src->push(frame);
        ASSERT_TRUE(s.read_until([&](const std::string& got) { return got.find(frame) != std::string::npos; }, 2s))
            << "frame " << i << " not delivered: " << s.received();
        latency.push_back(ms_since(t0));
    }
    EXPECT_EQ(s.received().rfind("HTTP/1.1 200", 0), 0u);
    EXPECT_NE(s.received().find("text/event-stream"), std::string::npos);
    std::sort(latency.begin(), latency.end());
    // The wake is immediate; one frame may still wait for a busy core.
    EXPECT_LT(latency[latency.size() / 2], 20) << "median " << latency[latency.size() / 2] << " ms";
    EXPECT_LT(latency.back(), 250) << "slowest " << latency.back() << " ms";
    // Once per frame, plus the first: a connection that polled its source
    // instead of sleeping would have asked many more times.
    ASSERT_TRUE(src->wait_asleep(11));
    EXPECT_LE(src->empty_pulls(), 12);
    std::printf("frame latency after sleep: median %.2f ms, slowest %.2f ms over %zu frames\n",
                latency[latency.size() / 2], latency.back(), latency.size());
    EXPECT_EQ(src->finished_calls(), 0);
}

TEST(Streams, ASourceThatEndsEndsTheBodyCleanly) {
    StreamServer t;
    Socket s(t.port());
    auto src = t.open(s);
    ASSERT_TRUE(src);
    src->push("data: one\n\n");
    ASSERT_TRUE(src->wait_asleep(2));
    src->push("data: two\n\n");
    src->end();

    // The chunked body is complete (its last chunk came), with every frame in order.
    ASSERT_TRUE(s.read_until([](const std::string& got) { return parse_reply(got).has_value(); }, 5s))
        << s.received();
    const Reply r = *parse_reply(s.received());
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "data: one\n\ndata: two\n\n");
    EXPECT_TRUE(src->wait_finished(5s));
    EXPECT_TRUE(eventually([&] { return t.stats().streams == 0; }, 5s)) << t.stats().streams;
    EXPECT_EQ(src->finished_calls(), 1);
    EXPECT_EQ(src->pulls_after_finished(), 0);

    // The connection itself may go on.
    ASSERT_TRUE(s.send("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    EXPECT_TRUE(s.read_until([](const std::string& got) { return got.find("hello") != std::string::npos; }, 5s))
        << s.received();
}

TEST(Streams, AClientThatClosesWhileItsStreamSleepsIsNoticedAtOnce) {
    StreamServer t;
    Socket leaving(t.port(), "127.0.0.1");
    Socket staying(t.port(), "127.0.0.2");
    auto gone = t.open(leaving);
    auto kept = t.open(staying);
    ASSERT_TRUE(gone && kept);
    ASSERT_EQ(t.stats().streams, 2u);

    // Nothing is written to the stream: only the close can tell the server.
    const auto t0 = Clock::now();
    leaving.close();
    ASSERT_TRUE(gone->wait_finished(5s)) << "finished() not called";
    const double took = ms_since(t0);
    EXPECT_LT(took, 500) << "the close was noticed only after " << took << " ms";
    EXPECT_TRUE(eventually([&] { return t.stats().streams == 1; }, 5s)) << t.stats().streams;
    EXPECT_EQ(gone->finished_calls(), 1);
    EXPECT_EQ(gone->pulls_after_finished(), 0);
    std::printf("a sleeping stream's closed client noticed after %.2f ms\n", took);

    // The other stream is untouched and still delivers.
    EXPECT_EQ(kept->finished_calls(), 0);
    kept->push("data: still here\n\n");
    EXPECT_TRUE(staying.read_until(
        [](const std::string& got) { return got.find("data: still here") != std::string::npos; }, 5s));
}

TEST(Streams, StopEndsSleepingStreamsPromptly) {
    StreamServer t;
    std::vector<std::unique_ptr<Socket>> clients;
    std::vector<std::shared_ptr<TestSource>> sources;
    for (int i = 0; i < 5; ++i) {
        clients.push_back(std::make_unique<Socket>(t.port(), "127.0.0." + std::to_string(i + 1)));
        sources.push_back(t.open(*clients.back()));
        ASSERT_TRUE(sources.back()) << "stream " << i;
    }
    ASSERT_EQ(t.stats().streams, 5u);

    const auto t0 = Clock::now();
    t.server->stop();
    const double took = ms_since(t0);
    EXPECT_LT(took, 2000) << "stop took " << took << " ms";
    for (std::size_t i = 0; i < sources.size(); ++i) {
        // stop() has returned: finished() ran before it, without waiting here.
        EXPECT_EQ(sources[i]->finished_calls(), 1) << "stream " << i;
        EXPECT_EQ(sources[i]->pulls_after_finished(), 0) << "stream " << i;
        EXPECT_TRUE(clients[i]->closed_within(5s)) << "stream " << i << " still open for its client";
    }
    EXPECT_EQ(t.stats().streams, 0u);
    EXPECT_FALSE(t.server->running());
    std::printf("stop with 5 sleeping streams took %.2f ms\n", took);
}

}  // namespace
}  // namespace gastvrij::http_test
