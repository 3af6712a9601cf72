#pragma once
// Shared by the notification tests: real receivers on 127.0.0.1 — an SMTP
// server (Debian's aiosmtpd, run by /usr/bin/python3) that files every message
// it accepts, and an HTTP server (cpp-httplib) that records webhook requests
// and answers from a script — plus a thread-safe settable clock and a
// configuration with two colleagues on different channels.
#include <gtest/gtest.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "domain/store.h"
#include "notify/notice.h"
#include "support/temp_dir.h"
#include "support/test_clock.h"

extern char** environ;

namespace gastvrij::testing {

namespace fs = std::filesystem;
using nlohmann::json;

using TempDir = test_support::TempDir;

using TestClock = test_support::TestClock;

// Monday 23 November 2026, 10:42 in the office.
inline Timestamp monday_1042() { return FakeClock(0, 60).at_local(2026, 11, 23, 10, 42); }

// Polls `done` until it holds or `limit` passes; the receivers and the worker
// run on their own threads, so a test waits for an outcome, not a fixed time.
inline bool eventually(const std::function<bool()>& done,
                       std::chrono::milliseconds limit = std::chrono::milliseconds(15000)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return done();
}

// A port on 127.0.0.1 that was free a moment ago (aiosmtpd 1.4.3 cannot pick one itself).
inline int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
        ::close(fd);
        throw std::runtime_error("no free port");
    }
    ::close(fd);
    return ntohs(a.sin_port);
}

inline std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The SMTP receiver: tests/notify/smtp_sink.py in its own process.
class SmtpSink {
public:
    SmtpSink(std::string dir, int port, int delay_ms = 0) : dir_(std::move(dir)), port_(port), delay_ms_(delay_ms) {
        fs::create_directories(dir_);
    }
    ~SmtpSink() { stop(); }
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    int port() const { return port_; }
    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

    void start() {
        const std::string script = std::string(GASTVRIJ_SOURCE_DIR) + "/tests/notify/smtp_sink.py";
        std::vector<std::string> args = {"/usr/bin/python3", script, std::to_string(port_), dir_};
        if (delay_ms_ > 0) {
            args.push_back("--delay-ms");
            args.push_back(std::to_string(delay_ms_));
        }
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        if (posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0)
            throw std::runtime_error("could not start /usr/bin/python3 (is python3-aiosmtpd installed?)");
        const bool ready = eventually([&] { return fs::exists(fs::path(dir_) / "ready"); });
        if (!ready) {
            stop();
            throw std::runtime_error("the SMTP sink did not come up on port " + std::to_string(port_));
        }
    }

    void stop() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        int status = 0;
        // A sink that does not stop must not hang the test run.
        const bool ended = eventually([&] { return ::waitpid(pid_, &status, WNOHANG) == pid_; },
                                      std::chrono::milliseconds(5000));
        if (!ended) {
            ADD_FAILURE() << "the SMTP sink ignored SIGTERM";
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, &status, 0);
        }
        pid_ = -1;
    }

    // The messages received so far, in order, as the sink's parser decoded them.
    std::vector<json> messages() const {
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(dir_))
            if (e.path().extension() == ".json") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        std::vector<json> out;
        for (const auto& f : files) out.push_back(json::parse(read_file(f)));
        return out;
    }
    std::vector<std::string> raw_messages() const {
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(dir_))
            if (e.path().extension() == ".eml") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        std::vector<std::string> out;
        for (const auto& f : files) out.push_back(read_file(f));
        return out;
    }
    std::size_t count() const { return messages().size(); }

private:
    std::string dir_;
    int port_;
    int delay_ms_;
    pid_t pid_ = -1;
};

// The webhook receiver: records each request and answers from a per-path script.
class HttpSink {
public:
    struct Request {
        std::string path;
        std::string body;
        std::string idempotency_key;
        std::string content_type;
        std::chrono::steady_clock::time_point at;
    };

    HttpSink() {
        server_.Post(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
            std::pair<int, std::string> answer{200, "ok"};
            {
                std::lock_guard lock(mutex_);
                requests_.push_back({req.path, req.body, req.get_header_value("Idempotency-Key"),
                                     req.get_header_value("Content-Type"), std::chrono::steady_clock::now()});
                auto& script = scripts_[req.path];
                if (!script.empty()) {
                    answer = script.front();
                    if (script.size() > 1 || !repeat_last_[req.path]) script.pop_front();
                }
            }
            res.status = answer.first;
            res.set_content(answer.second, "text/plain");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        if (port_ <= 0) throw std::runtime_error("HTTP sink could not bind");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
    }
    ~HttpSink() {
        server_.stop();
        if (thread_.joinable()) thread_.join();
    }

    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

    // Answers for the next requests to `path`; afterwards 200 "ok", or the last
    // answer for ever when `repeat_last`.
    void script(const std::string& path, std::vector<std::pair<int, std::string>> answers, bool repeat_last = false) {
        std::lock_guard lock(mutex_);
        scripts_[path] = std::deque<std::pair<int, std::string>>(answers.begin(), answers.end());
        repeat_last_[path] = repeat_last;
    }

    std::vector<Request> requests(const std::string& path) const {
        std::lock_guard lock(mutex_);
        std::vector<Request> out;
        for (const auto& r : requests_)
            if (r.path == path) out.push_back(r);
        return out;
    }

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
    mutable std::mutex mutex_;
    std::vector<Request> requests_;
    std::map<std::string, std::deque<std::pair<int, std::string>>> scripts_;
    std::map<std::string, bool> repeat_last_;
};

inline WorkingHours office_hours() {
    WorkingHours h;
    for (int d = 0; d < 5; ++d) h.days[static_cast<std::size_t>(d)] = std::make_pair(8 * 60, 17 * 60);
    return h;
}

// The staff-facing wording (texts/nl.toml "notify.*") the tests read back.
inline void add_notify_texts(Texts& t) {
    const std::map<std::string, std::string> nl = {
        {"notify.arrived", "{name} is er voor u ({topic})"},
        {"notify.arrived_anonymous", "Er is een bezoeker voor u ({topic})"},
        {"notify.escalated", "{name} wacht al {minutes} minuten. Kunt u helpen? ({topic})"},
        {"notify.escalated_anonymous", "Een bezoeker wacht al {minutes} minuten. Kunt u helpen? ({topic})"},
        {"notify.reassigned", "{name} is aan u doorgegeven ({topic})"},
        {"notify.reassigned_anonymous", "Een bezoeker is aan u doorgegeven ({topic})"},
        {"notify.promise_broken", "{name} wacht nog op {host} ({topic})"},
        {"notify.promise_broken_anonymous", "Een bezoeker wacht nog op {host} ({topic})"},
        {"notify.greeting", "Hallo {host},"},
        {"notify.greeting_desk", "Hallo collega's van de balie,"},
        {"notify.visitor", "Bezoeker"},
        {"notify.visitor_unnamed", "geen naam gegeven"},
        {"notify.topic", "Onderwerp"},
        {"notify.team", "Team"},
        {"notify.waiting_since", "Wacht sinds"},
        {"notify.waiting_value", "{time} ({minutes} min.)"},
        {"notify.for", "Voor"},
        {"notify.desk", "de balie"},
        {"notify.respond", "Reageren"},
        {"notify.respond_link", "Reageer via uw telefoon: {link}"},
        {"notify.footer", "Verstuurd door Gastvrij, {office}."},
    };
    for (const auto& [k, v] : nl) t.set("nl", k, Text{v, ""});
    t.set("nl", "topic.repair", Text{"Reparatie", ""});
    t.set("nl", "topic.rent", Text{"Huur en betalen", ""});
}

// Two colleagues: Jeroen (repairs; e-mail + Teams) and Łucja (rent; e-mail +
// Slack), both working Monday to Friday 08:00–17:00.
inline Config test_config(const std::string& smtp_url, const std::string& teams_url, const std::string& slack_url) {
    Config c;
    c.kiosk.office_name = "Woonstichting Demo — kantoor Centrum";
    c.kiosk.public_url = "https://kiosk.example.nl:8470/";
    c.kiosk.smtp.url = smtp_url;
    c.kiosk.smtp.from = "Gastvrij Receptie <receptie@woonstichting-demo.nl>";
    c.kiosk.webhooks = {{"teams-onderhoud", teams_url, "teams"}, {"slack-financien", slack_url, "slack"}};
    Directory& d = c.directory;
    d.teams = {{"onderhoud", "Team Onderhoud", ""}, {"financien", "Team Financiën", ""}, {"receptie", "Receptie", ""}};
    d.reception_team = "receptie";
    Topic repair;
    repair.id = "repair";
    repair.team = "onderhoud";
    Topic rent;
    rent.id = "rent";
    rent.team = "financien";
    d.topics = {repair, rent};
    Staff jeroen;
    jeroen.id = "1042";
    jeroen.first_name = "Jeroen";
    jeroen.last_name = "van Dijk";
    jeroen.team = "onderhoud";
    jeroen.email = "jeroen.vandijk@woonstichting-demo.nl";
    jeroen.webhook = "teams-onderhoud";
    jeroen.hours = office_hours();
    Staff lucja;
    lucja.id = "1043";
    lucja.first_name = "Łucja";
    lucja.last_name = "Wiśniewska";
    lucja.team = "financien";
    lucja.email = "lucja.wisniewska@woonstichting-demo.nl";
    lucja.webhook = "slack-financien";
    lucja.hours = office_hours();
    d.staff = {jeroen, lucja};
    add_notify_texts(c.texts);
    return c;
}

// Pending outbox rows, whenever they are due.
inline std::vector<OutboxMessage> pending(const Store& s) {
    return s.due_messages(std::numeric_limits<Timestamp>::max() / 2, 10000);
}

inline std::vector<OutboxMessage> pending_on(const Store& s, Channel c) {
    std::vector<OutboxMessage> out;
    for (auto& m : pending(s))
        if (m.channel == c) out.push_back(m);
    return out;
}

}  // namespace gastvrij::testing
