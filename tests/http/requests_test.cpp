// What the server answers before and around a route's handler: too many
// headers (431) and too large a body (413) are refused with the service's own
// answer before the body is read, the gate's refusal keeps the body from the
// handler, unknown paths and methods are told apart, form fields arrive as
// parameters, and a handler that throws costs one answer, not the server.
#include <atomic>

#include "http/http_fixture.h"

namespace gastvrij::http_test {
namespace {

std::string with_headers(const std::string& path, int extra) {
    std::string r = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    for (int i = 0; i < extra; ++i) r += "X-Line-" + std::to_string(i) + ": " + std::to_string(i) + "\r\n";
    return r + "\r\n";
}

TEST(Requests, MoreHeaderLinesThanTheLimitGet431WithTheServicesAnswer) {
    TestServer t;
    t.options.headers_max = 20;
    std::atomic<int> handled{0};
    t.router.get("/hello", [&](const http::Request&, http::Response& res) {
        ++handled;
        res.set_content("hello", "text/plain");
    });
    t.start();

    // Host and Connection are two of the 20.
    auto at_limit = exchange(t.port(), with_headers("/hello", 18));
    ASSERT_TRUE(at_limit);
    EXPECT_EQ(at_limit->status, 200);
    EXPECT_EQ(at_limit->body, "hello");

    auto over = exchange(t.port(), with_headers("/hello", 19));
    ASSERT_TRUE(over);
    EXPECT_EQ(over->status, 431);
    EXPECT_EQ(over->body.rfind("refused 431: ", 0), 0u) << over->body;
    EXPECT_EQ(handled, 1);
}

TEST(Requests, TenThousandHeaderLinesAreRefusedWith431) {
    TestServer t;
    std::atomic<int> handled{0};
    t.router.get("/hello", [&](const http::Request&, http::Response& res) {
        ++handled;
        res.set_content("hello", "text/plain");
    });
    t.start();

    // Beyond what fits the header memory (about 400 short lines in 32 KiB)
    // libmicrohttpd refuses the request itself, with a page of its own: the
    // status is what holds, and the request never reaches a route.
    Socket s(t.port());
    ASSERT_TRUE(s.send(with_headers("/hello", 10000)));
    EXPECT_TRUE(s.closed_within(5s));
    EXPECT_EQ(s.received().rfind("HTTP/1.1 431", 0), 0u) << s.received().substr(0, 200);
    EXPECT_EQ(handled, 0);
    auto still = exchange(t.port(), get("/hello"));
    ASSERT_TRUE(still);
    EXPECT_EQ(still->status, 200);
    EXPECT_EQ(handled, 1);
}

TEST(Requests, ADeclaredBodyAboveTheLimitGets413BeforeItIsSent) {
    TestServer t;
    t.options.payload_max = 1024;
    std::atomic<int> handled{0};
    std::string seen;
    t.router.post("/upload", [&](const http::Request& req, http::Response& res) {
        ++handled;
        seen = req.body;
        res.set_content("stored", "text/plain");
    });
    t.start();

    // Only the headers go out: the answer must come without a byte of the body.
    Socket s(t.port());
    ASSERT_TRUE(s.send("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                       "Content-Length: 1025\r\n\r\n"));
    ASSERT_TRUE(s.read_until([](const std::string& got) { return parse_reply(got).has_value(); }, 5s))
        << s.received();
    const Reply r = *parse_reply(s.received());
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(r.body.rfind("refused 413: ", 0), 0u) << r.body;
    EXPECT_TRUE(s.closed_within(5s)) << "the connection stays open for a body that is not wanted";

    // A chunked body declares no length: it is cut off once it grows past the limit.
    Socket chunked(t.port());
    ASSERT_TRUE(chunked.send("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"));
    for (int i = 0; i < 3 && chunked.send("200\r\n" + std::string(512, 'c') + "\r\n"); ++i) {
    }
    chunked.send("0\r\n\r\n");
    EXPECT_TRUE(chunked.closed_within(5s));
    EXPECT_EQ(chunked.received().find("HTTP/1.1 200"), std::string::npos) << chunked.received();
    EXPECT_EQ(handled, 0);

    // Exactly the limit is accepted, and the handler gets all of it.
    const std::string body(1024, 'b');
    auto fits = exchange(t.port(), "POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                                   "Content-Type: text/plain\r\nContent-Length: 1024\r\n\r\n" + body);
    ASSERT_TRUE(fits);
    EXPECT_EQ(fits->status, 200);
    EXPECT_EQ(handled, 1);
    EXPECT_EQ(seen, body);
}

TEST(Requests, TheGatesRefusalIsAnsweredAndTheBodyNeverReachesTheHandler) {
    TestServer t;
    std::atomic<int> gated{0}, handled{0};
    t.hooks.gate = [&](http::Request& req, http::Response& res) {
        ++gated;
        if (req.get_header_value("X-Key") == "open sesame") {
            req.context = std::string("caller-7");
            return true;
        }
        res.status = 401;
        res.set_content("who are you?", "text/plain");
        return false;
    };
    std::string context_seen, body_seen;
    t.router.post("/visits", [&](const http::Request& req, http::Response& res) {
        ++handled;
        if (const auto* who = std::any_cast<std::string>(&req.context)) context_seen = *who;
        body_seen = req.body;
        res.set_content("ok", "text/plain");
    });
    t.start();

    // 10 MB announced, nothing sent: the gate answers at once.
    Socket s(t.port());
    ASSERT_TRUE(s.send("POST /visits HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10485760\r\n\r\n"));
    ASSERT_TRUE(s.read_until([](const std::string& got) { return parse_reply(got).has_value(); }, 5s))
        << s.received();
    const Reply r = *parse_reply(s.received());
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, "who are you?");
    EXPECT_TRUE(s.closed_within(5s));

    // A small body sent with the headers does not reach the handler either.
    auto small = exchange(t.port(), "POST /visits HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello");
    ASSERT_TRUE(small);
    EXPECT_EQ(small->status, 401);
    EXPECT_EQ(handled, 0);

    // Let through: what the gate learnt travels with the request.
    auto ok = exchange(t.port(), "POST /visits HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                                 "X-Key: open sesame\r\nContent-Length: 5\r\n\r\nhello");
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200);
    EXPECT_EQ(handled, 1);
    EXPECT_EQ(context_seen, "caller-7");
    EXPECT_EQ(body_seen, "hello");
    EXPECT_EQ(gated, 3);
}

TEST(Requests, AnUnknownPathIs404AndAKnownPathWithTheWrongMethodIs405) {
    TestServer t;
    std::string id;
    t.router.get(R"(/visits/(\d+))", [&](const http::Request& req, http::Response& res) {
        id = req.matches[1];
        res.set_content("visit " + id, "text/plain");
    });
    t.start();

    auto found = exchange(t.port(), get("/visits/42"));
    ASSERT_TRUE(found);
    EXPECT_EQ(found->status, 200);
    EXPECT_EQ(found->body, "visit 42");

    auto missing = exchange(t.port(), get("/visits/forty-two"));
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    EXPECT_EQ(missing->body.rfind("refused 404: ", 0), 0u) << missing->body;

    auto wrong = exchange(t.port(), "DELETE /visits/42 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    ASSERT_TRUE(wrong);
    EXPECT_EQ(wrong->status, 405);
    EXPECT_EQ(wrong->body.rfind("refused 405: ", 0), 0u) << wrong->body;

    // HEAD runs the GET route: the headers only.
    Socket head(t.port());
    ASSERT_TRUE(head.send("HEAD /visits/7 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
    EXPECT_TRUE(head.closed_within(5s));
    EXPECT_EQ(head.received().rfind("HTTP/1.1 200", 0), 0u) << head.received();
    EXPECT_EQ(head.received().find("visit 7"), std::string::npos) << head.received();
    EXPECT_EQ(id, "7");
}

TEST(Requests, AFormBodyAndTheQueryArriveAsParameters) {
    TestServer t;
    http::Params params;
    t.router.post("/pair", [&](const http::Request& req, http::Response& res) {
        params = req.params;
        res.set_content("ok", "text/plain");
    });
    t.start();

    const std::string form = "name=Ay%C5%9Fe+de+Vries&code=AB12&empty=&a%26b=c%3Dd";
    auto r = exchange(t.port(), "POST /pair?from=phone HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                                "Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n"
                                "Content-Length: " + std::to_string(form.size()) + "\r\n\r\n" + form);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    auto value = [&](const std::string& k) {
        auto it = params.find(k);
        return it == params.end() ? std::string("<missing>") : it->second;
    };
    EXPECT_EQ(value("name"), "Ayşe de Vries");
    EXPECT_EQ(value("code"), "AB12");
    EXPECT_EQ(value("empty"), "");
    EXPECT_EQ(value("a&b"), "c=d");
    EXPECT_EQ(value("from"), "phone");
}

TEST(Requests, AHandlerThatThrowsGetsTheFailedAnswerAndTheServerGoesOn) {
    TestServer t;
    t.router.get("/broken", [](const http::Request&, http::Response&) { throw std::runtime_error("disk on fire"); });
    t.router.get("/odd", [](const http::Request&, http::Response&) { throw 42; });
    t.router.get("/hello", [](const http::Request&, http::Response& res) { res.set_content("hello", "text/plain"); });
    t.start();

    for (const char* path : {"/broken", "/odd", "/broken"}) {
        auto r = exchange(t.port(), get(path));
        ASSERT_TRUE(r) << path;
        EXPECT_EQ(r->status, 500) << path;
        EXPECT_EQ(r->body, "the handler failed") << path;
    }
    auto ok = exchange(t.port(), get("/hello"));
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200);
    EXPECT_EQ(ok->body, "hello");
}

}  // namespace
}  // namespace gastvrij::http_test
