// `gastvrij serve` as a real process: it prints a pairing code for the first
// companion, stops cleanly on SIGTERM, and a SIGKILL while a notification is on
// its way loses nothing: after a restart the message goes out again with the
// same idempotency key, and the receiver accepts it exactly once.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>
#include <regex>
#include <sstream>

#include "notify/notify_fixture.h"
#include "service_fixture.h"
#include "support/pg_test_database.h"
#include "support/raw_store.h"
#include "support/child_process.h"
#include "store/sqlite_devices.h"
#include "store/sqlite_store.h"

extern char** environ;

namespace gastvrij::service_test {
namespace {

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The demo office from the sources, with its notifications pointed at `hooks`
// on 127.0.0.1 and the mail server at `smtp` (none when empty).
fs::path demo_config(const TempDir& dir, const std::string& hooks, const std::string& smtp = "") {
    const fs::path src = fs::path(GASTVRIJ_SOURCE_DIR) / "kiosk-config";
    const fs::path dst = dir.path() / "kiosk-config";
    fs::copy(src, dst, fs::copy_options::recursive);
    std::string toml = read_all(dst / "kiosk.toml");
    auto replace = [&](const std::string& from, const std::string& to) {
        const auto at = toml.find(from);
        if (at == std::string::npos) throw std::runtime_error("demo kiosk.toml changed: no " + from);
        toml.replace(at, from.size(), to);
    };
    replace("assets = \"../assets\"", "assets = \"" + (fs::path(GASTVRIJ_SOURCE_DIR) / "assets").string() + "\"");
    replace("url = \"smtp://127.0.0.1:2525\"", "url = \"" + smtp + "\"");
    replace("https://example.invalid/workflows/verhuur", hooks + "/verhuur");
    replace("https://example.invalid/workflows/onderhoud", hooks + "/onderhoud");
    replace("https://hooks.slack.example.invalid/services/financien", hooks + "/financien");
    std::ofstream(dst / "kiosk.toml", std::ios::trunc) << toml;
    return dst;
}

// A `gastvrij serve` child on any free port of 127.0.0.1.
class ServeProcess : public test_support::ChildProcess {
public:
    ServeProcess(const fs::path& config, const std::string& data, const std::vector<std::string>& more = {})
        : ChildProcess(arguments(config, data, more)) {}

private:
    static std::vector<std::string> arguments(const fs::path& config, const std::string& data,
                                              const std::vector<std::string>& more) {
        std::vector<std::string> args = {GASTVRIJ_BINARY, "serve", "--config", config.string(), "--data", data,
                                         "--port", "0", "--listen", "127.0.0.1"};
        args.insert(args.end(), more.begin(), more.end());
        return args;
    }
};

// The chat-webhook receiver. It can hold the first request open (the crash
// happens while it waits); held requests get a 503, as a sender that died
// could not have heard the answer anyway.
class Hooks {
public:
    Hooks() {
        server_.Post(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
            std::unique_lock lock(mutex_);
            requests_.push_back({req.path, req.get_header_value("Idempotency-Key"), req.body});
            cv_.notify_all();
            if (hold_ && req.path == "/verhuur") {
                hold_ = false;
                held_ = true;
                cv_.wait(lock, [&] { return !held_; });
                res.status = 503;
                return;
            }
            if (req.path == "/verhuur") ++accepted_;
            res.status = 200;
            res.set_content("1", "text/plain");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
    }
    ~Hooks() {
        release();
        server_.stop();
        if (thread_.joinable()) thread_.join();
    }
    std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
    void hold_next() {
        std::lock_guard lock(mutex_);
        hold_ = true;
    }
    bool holding() const {
        std::lock_guard lock(mutex_);
        return held_;
    }
    void release() {
        std::lock_guard lock(mutex_);
        held_ = false;
        cv_.notify_all();
    }
    struct Request {
        std::string path, key, body;
    };
    std::vector<Request> requests(const std::string& path) const {
        std::lock_guard lock(mutex_);
        std::vector<Request> out;
        for (auto& r : requests_)
            if (r.path == path) out.push_back(r);
        return out;
    }
    int accepted() const {
        std::lock_guard lock(mutex_);
        return accepted_;
    }

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<Request> requests_;
    bool hold_ = false, held_ = false;
    int accepted_ = 0;
};

// The service speaks HTTPS with the certificate it made; this test is about
// the outbox, so it does not check that certificate (tls_test.cpp does).
httplib::Client https(int port) {
    httplib::Client c("https://127.0.0.1:" + std::to_string(port));
    c.enable_server_certificate_verification(false);
    return c;
}

json post(int port, const std::string& path, const std::string& token, const json& body, int expect) {
    httplib::Client c = https(port);
    c.set_read_timeout(std::chrono::seconds(10));
    httplib::Headers h;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    auto r = c.Post(path.c_str(), h, body.dump(), "application/json");
    if (!r) throw std::runtime_error("no answer from " + path);
    EXPECT_EQ(r->status, expect) << path << ": " << r->body;
    return json::parse(r->body);
}

TEST(ServeProcess, SigkillWhileANotificationIsUnderwayThenRestartDeliversItOnce) {
    TempDir dir;
    Hooks hooks;
    const fs::path config = demo_config(dir, hooks.base());
    const std::string data = test_support::test_store_url(dir);
    // A database address names no folder: the service's certificate goes to
    // the state folder systemd would give it, here the test's own.
    if (test_support::testing_on_postgresql()) setenv("STATE_DIRECTORY", dir.path().c_str(), 1);

    VisitId visit = 0;
    {
        ServeProcess serve(config, data);
        const std::string port_text = serve.find(R"(listening on https://127\.0\.0\.1:(\d+))");
        const std::string code = serve.find(R"(code ([0-9A-Z]{8}))");
        ASSERT_FALSE(port_text.empty()) << serve.output();
        ASSERT_FALSE(code.empty()) << serve.output();
        const int port = std::stoi(port_text);
        const std::string token = post(port, "/pair", "", {{"code", code}, {"name", "balie"}}, 201).at("token");

        hooks.hold_next();
        // Fatma has the Team Verhuur chat channel; "in" makes her available at any hour the test runs.
        httplib::Client c = https(port);
        auto p = c.Put("/api/v1/presence", {{"Authorization", "Bearer " + token}},
                       R"({"staff_id":"1011","presence":"in"})", "application/json");
        ASSERT_TRUE(p);
        ASSERT_EQ(p->status, 200);
        const json v = post(port, "/api/v1/visits", token, {{"topic", "appointment"}, {"host", "1011"}, {"name", "Ayşe"}}, 201);
        ASSERT_EQ(v.at("host"), "1011");
        visit = v.at("id");

        // The message is committed and its delivery has begun: kill the service now.
        ASSERT_TRUE(eventually([&] { return hooks.holding(); }, std::chrono::seconds(20))) << serve.output();
        serve.signal(SIGKILL);
        EXPECT_EQ(serve.wait(), 128 + SIGKILL);
    }
    hooks.release();
    ASSERT_EQ(hooks.requests("/verhuur").size(), 1u);
    EXPECT_EQ(hooks.accepted(), 0);

    {
        ServeProcess serve(config, data);
        ASSERT_FALSE(serve.find(R"(listening on https://127\.0\.0\.1:(\d+))").empty()) << serve.output();
        // The desk is paired already: no new code is offered.
        EXPECT_EQ(serve.output().find("Pair a reception companion"), std::string::npos);
        ASSERT_TRUE(eventually([&] { return hooks.accepted() == 1; }, std::chrono::seconds(20))) << serve.output();
        // Once the service has written the message down as sent, nothing can
        // send it again: stop only then, so a duplicate would have shown.
        ASSERT_TRUE(eventually([&] {
            const auto seen = open_store(data);
            for (const auto& m : seen->due_messages(std::numeric_limits<Timestamp>::max() / 2, 1000))
                if (m.channel == Channel::Webhook && m.visit_id == visit) return false;
            return true;
        }, std::chrono::seconds(20))) << serve.output();
        serve.signal(SIGTERM);
        EXPECT_EQ(serve.wait(), 0) << serve.output();
        EXPECT_NE(serve.output().find("Stopped."), std::string::npos);
    }
    const auto got = hooks.requests("/verhuur");
    ASSERT_EQ(got.size(), 2u);  // the cut-off attempt and the one after the restart
    EXPECT_EQ(hooks.accepted(), 1);
    EXPECT_FALSE(got[0].key.empty());
    EXPECT_EQ(got[0].key, got[1].key);  // the receiver can tell it is the same message
    EXPECT_NE(got[1].key.find("visit-" + std::to_string(visit) + "-"), std::string::npos);

    // The store agrees: that message is sent, nothing of it pending or dead.
    const auto store = open_store(data);
    for (const auto& m : store->due_messages(std::numeric_limits<Timestamp>::max() / 2, 1000))
        EXPECT_FALSE(m.channel == Channel::Webhook && m.visit_id == visit) << m.idempotency_key << " still pending";
    EXPECT_TRUE(store->dead_letters().empty());
}

// Two services of one office on one PostgreSQL database, behind one address;
// one is killed (SIGKILL) in the middle of a burst of check-ins. Every
// acknowledged check-in is kept, and every e-mail about them reaches the mail
// server (a real one, on loopback) once: the survivor sends what the dead one
// had claimed once its claim runs out. A mail the dead one had handed over
// but not yet marked sent may arrive a second time, with the same Message-ID
// (mail programs show it once); the test allows that for one mail at most.
TEST(ServeProcess, OfTwoServicesOnOneDatabaseOneIsKilledMidBurstAndEveryMailGoesOutOnce) {
    TempDir dir;
    Hooks hooks;
    // The mail server takes its time to say "accepted" (after keeping the
    // mail), so A dies while handing one over.
    gastvrij::testing::SmtpSink mail(dir.file("mail"), gastvrij::testing::free_port(), /*delay_ms=*/200);
    mail.start();
    const fs::path config = demo_config(dir, hooks.base(), mail.url());
    const std::string url = test_support::fresh_pg_database();
    setenv("STATE_DIRECTORY", dir.path().c_str(), 1);  // the certificate both services use
    const std::vector<std::string> short_lease = {"--test-outbox-lease", "3"};

    auto a = std::make_unique<ServeProcess>(config, url, short_lease);
    const std::string port_a = a->find(R"(listening on https://127\.0\.0\.1:(\d+))");
    const std::string code = a->find(R"(code ([0-9A-Z]{8}))");
    ASSERT_FALSE(port_a.empty()) << a->output();
    ASSERT_FALSE(code.empty()) << a->output();
    ServeProcess b(config, url, short_lease);
    const std::string port_b = b.find(R"(listening on https://127\.0\.0\.1:(\d+))");
    ASSERT_FALSE(port_b.empty()) << b.output();
    const int ports[2] = {std::stoi(port_a), std::stoi(port_b)};
    // One desk, known to both services: they share the database.
    const std::string token = post(ports[0], "/pair", "", {{"code", code}, {"name", "balie"}}, 201).at("token");
    {
        // Rajesh has e-mail and no chat channel; "in" makes him available at any hour the test runs.
        httplib::Client c = https(ports[1]);
        auto p = c.Put("/api/v1/presence", {{"Authorization", "Bearer " + token}},
                       R"({"staff_id":"1021","presence":"in"})", "application/json");
        ASSERT_TRUE(p);
        ASSERT_EQ(p->status, 200) << p->body;
    }

    // Check-ins reach both at once, as through a load balancer; when A has
    // answered ten, it dies with requests and e-mails under way, and B goes on.
    std::mutex m;
    std::vector<long long> acknowledged;
    std::string refusals;
    int acked_at_a = 0;
    const auto visitors = [&](int port, int first) {
        for (int i = first; i < first + 15; ++i) {
            httplib::Client c = https(port);
            c.set_read_timeout(std::chrono::seconds(10));
            const std::string name = std::string("Bezoeker ") + static_cast<char>('A' + i % 26) +
                                     static_cast<char>('a' + i / 26);
            auto r = c.Post("/api/v1/visits", {{"Authorization", "Bearer " + token}},
                            json{{"topic", "appointment"}, {"host", "1021"}, {"name", name}}.dump(), "application/json");
            std::lock_guard lock(m);
            if (r && r->status == 201) {
                acknowledged.push_back(json::parse(r->body).at("id").get<long long>());
                if (port == ports[0]) ++acked_at_a;
            } else {
                refusals += (r ? std::to_string(r->status) + " " + r->body : std::string("no answer")) + "\n";
            }
        }
    };
    std::thread to_a(visitors, ports[0], 0), to_b(visitors, ports[1], 15);
    ASSERT_TRUE(eventually([&] {
        std::lock_guard lock(m);
        return acked_at_a >= 10;
    }, std::chrono::seconds(30)));
    a->signal(SIGKILL);
    EXPECT_EQ(a->wait(), 128 + SIGKILL);
    to_a.join();
    to_b.join();
    ASSERT_GE(acknowledged.size(), 25u) << refusals;  // B's fifteen and at least A's ten

    // Every acknowledged check-in is kept, and every e-mail of the office goes
    // out: nothing left pending, nothing dead.
    const auto store = open_store(url);
    for (const long long id : acknowledged) EXPECT_TRUE(store->visit(id)) << "visit " << id << " was lost";
    const auto mails_in_outbox = [&] {
        return std::stoll(
            test_support::raw_detail::column(url, "SELECT count(*) FROM outbox WHERE channel = 'email'").at(0));
    };
    ASSERT_TRUE(eventually([&] {
        for (const auto& m : store->due_messages(std::numeric_limits<Timestamp>::max() / 2, 1000))
            if (m.channel == Channel::Email) return false;
        return true;
    }, std::chrono::seconds(40))) << b.output();
    EXPECT_TRUE(store->dead_letters().empty());
    const long long expected = mails_in_outbox();
    EXPECT_GE(expected, static_cast<long long>(acknowledged.size()));

    std::map<std::string, int> by_message_id;
    ASSERT_TRUE(eventually([&] {
        by_message_id.clear();
        for (const auto& m : mail.messages()) ++by_message_id[m.at("message_id").get<std::string>()];
        return static_cast<long long>(by_message_id.size()) >= expected;
    }, std::chrono::seconds(20)));
    EXPECT_EQ(static_cast<long long>(by_message_id.size()), expected) << "a mail never arrived, or two had one id";
    int repeated = 0;
    for (const auto& [id, n] : by_message_id) repeated += n - 1;
    EXPECT_LE(repeated, 1) << "mails were sent more than once";
    std::cout << acknowledged.size() << " check-ins acknowledged, " << expected << " e-mails, " << repeated
              << " of them handed over twice (same Message-ID)\n";

    b.signal(SIGTERM);
    EXPECT_EQ(b.wait(), 0) << b.output();
    unsetenv("STATE_DIRECTORY");
}

TEST(ServeProcess, RefusesToStartOnAPortInUse) {
    TempDir dir;
    Hooks hooks;
    const fs::path config = demo_config(dir, hooks.base());
    ServeProcess first(config, dir.file("a.db"));
    const std::string port = first.find(R"(listening on https://127\.0\.0\.1:(\d+))");
    ASSERT_FALSE(port.empty());
    // A second service on the same port must say so and exit, not hang.
    std::vector<std::string> args = {GASTVRIJ_BINARY, "serve", "--config", config.string(), "--data",
                                     dir.file("b.db"), "--port", port, "--listen", "127.0.0.1"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ), 0);
    int status = 0;
    const bool ended = eventually([&] { return ::waitpid(pid, &status, WNOHANG) == pid; }, std::chrono::seconds(20));
    if (!ended) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
    }
    ASSERT_TRUE(ended) << "a second service started on a port that was in use";
    EXPECT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 1);
    first.signal(SIGINT);
    EXPECT_EQ(first.wait(), 0);
}

}  // namespace
}  // namespace gastvrij::service_test
