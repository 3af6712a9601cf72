#pragma once
// Shared by the HTTP layer's tests: a Server on 127.0.0.1 (any free port) with
// a Router and hooks the test fills, a raw TCP client that may come from any
// loopback address (127.0.0.2, …) and sends exactly the bytes a test wants,
// and an event-stream body the test feeds by hand.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "http/http.h"
#include "http/server.h"

namespace gastvrij::http_test {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

inline bool eventually(const std::function<bool()>& done, std::chrono::milliseconds limit = 10s) {
    const auto until = Clock::now() + limit;
    while (Clock::now() < until) {
        if (done()) return true;
        std::this_thread::sleep_for(2ms);
    }
    return done();
}

inline double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// One client connection, made with the plain socket calls so that a test
// decides every byte and when it is sent. `from` is the client's address.
class Socket {
public:
    explicit Socket(int port, const std::string& from = "127.0.0.1") {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd_ < 0) return;
        int yes = 1;
        ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
        sockaddr_in local{};
        local.sin_family = AF_INET;
        ::inet_pton(AF_INET, from.c_str(), &local.sin_addr);
        sockaddr_in server{};
        server.sin_family = AF_INET;
        server.sin_port = htons(static_cast<std::uint16_t>(port));
        server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
            ::connect(fd_, reinterpret_cast<sockaddr*>(&server), sizeof server) != 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }
    ~Socket() { close(); }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;

    bool connected() const { return fd_ >= 0; }
    // False once the server has closed (or reset) the connection.
    bool send(const std::string& bytes) {
        if (fd_ < 0) return false;
        std::size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
            if (n <= 0) {
                if (n < 0 && errno == EINTR) continue;
                peer_closed_ = true;
                return false;
            }
            done += static_cast<std::size_t>(n);
        }
        return true;
    }
    // Reads until `done(received())`, the server's close, or `limit`; returns done's verdict.
    bool read_until(const std::function<bool(const std::string&)>& done, std::chrono::milliseconds limit) {
        const auto until = Clock::now() + limit;
        while (!done(received_)) {
            if (fd_ < 0 || peer_closed_) return false;
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
            if (left <= 0) return false;
            pollfd p{fd_, POLLIN, 0};
            const int r = ::poll(&p, 1, static_cast<int>(left));
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) continue;
            drain();
        }
        return true;
    }
    // Reads whatever is there now, without waiting.
    void drain() {
        char buf[16384];
        for (;;) {
            const ssize_t n = ::recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
            if (n > 0) {
                received_.append(buf, static_cast<std::size_t>(n));
                continue;
            }
            if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) peer_closed_ = true;
            return;
        }
    }
    // True when the server closes the connection within `limit`.
    bool closed_within(std::chrono::milliseconds limit) {
        read_until([](const std::string&) { return false; }, limit);
        return peer_closed_;
    }
    bool peer_closed() const { return peer_closed_; }
    const std::string& received() const { return received_; }
    void close() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

private:
    int fd_ = -1;
    bool peer_closed_ = false;
    std::string received_;
};

struct Reply {
    int status = 0;
    http::Headers headers;
    std::string body;
};

// A complete answer at the start of `raw` (Content-Length or chunked), else nothing.
inline std::optional<Reply> parse_reply(const std::string& raw) {
    const std::size_t head_end = raw.find("\r\n\r\n");
    if (head_end == std::string::npos || raw.compare(0, 9, "HTTP/1.1 ") != 0) return std::nullopt;
    Reply r;
    r.status = std::atoi(raw.c_str() + 9);
    std::size_t line = raw.find("\r\n") + 2;
    while (line < head_end) {
        const std::size_t end = raw.find("\r\n", line);
        const std::string h = raw.substr(line, end - line);
        const std::size_t colon = h.find(':');
        if (colon != std::string::npos) {
            std::size_t v = colon + 1;
            while (v < h.size() && h[v] == ' ') ++v;
            r.headers.emplace(h.substr(0, colon), h.substr(v));
        }
        line = end + 2;
    }
    std::size_t pos = head_end + 4;
    auto header = [&](const char* name) {
        auto it = r.headers.find(name);
        return it == r.headers.end() ? std::string() : it->second;
    };
    if (header("Transfer-Encoding") == "chunked") {
        for (;;) {
            const std::size_t size_end = raw.find("\r\n", pos);
            if (size_end == std::string::npos) return std::nullopt;
            const std::size_t size = std::stoul(raw.substr(pos, size_end - pos), nullptr, 16);
            if (raw.size() < size_end + 2 + size + 2) return std::nullopt;
            if (size == 0) return r;
            r.body.append(raw, size_end + 2, size);
            pos = size_end + 2 + size + 2;
        }
    }
    const std::size_t length = header("Content-Length").empty() ? 0 : std::stoul(header("Content-Length"));
    if (raw.size() < pos + length) return std::nullopt;
    r.body = raw.substr(pos, length);
    return r;
}

// Sends `request` on a new connection and waits (at most `limit`) for the whole answer.
inline std::optional<Reply> exchange(int port, const std::string& request, const std::string& from = "127.0.0.1",
                                     std::chrono::milliseconds limit = 5s) {
    Socket s(port, from);
    if (!s.connected() || !s.send(request)) return std::nullopt;
    s.read_until([](const std::string& got) { return parse_reply(got).has_value(); }, limit);
    return parse_reply(s.received());
}

inline std::string get(const std::string& path) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
}

// An event-stream body the test writes to; records how the server used it.
class TestSource : public http::BodySource {
public:
    Pull pull(std::string& out) override {
        std::lock_guard lock(m_);
        if (finished_ > 0) ++pulls_after_finished_;
        if (!pending_.empty()) {
            out += pending_;
            pending_.clear();
            return Pull::Data;
        }
        if (ended_) return Pull::End;
        ++empty_pulls_;
        cv_.notify_all();
        return Pull::Empty;
    }
    void set_waker(std::function<void()> wake) override {
        std::lock_guard lock(m_);
        wake_ = std::move(wake);
    }
    void finished() override {
        std::lock_guard lock(m_);
        ++finished_;
        cv_.notify_all();
    }

    // New frames (from the test's thread, as the hub's pump would).
    void push(const std::string& frame) {
        std::function<void()> wake;
        {
            std::lock_guard lock(m_);
            pending_ += frame;
            wake = wake_;
        }
        if (wake) wake();
    }
    void end() {
        std::function<void()> wake;
        {
            std::lock_guard lock(m_);
            ended_ = true;
            wake = wake_;
        }
        if (wake) wake();
    }
    // The server asked and found nothing `n` times: each time the connection went to sleep.
    bool wait_asleep(int n, std::chrono::milliseconds limit = 5s) {
        std::unique_lock lock(m_);
        return cv_.wait_for(lock, limit, [&] { return empty_pulls_ >= n; });
    }
    int empty_pulls() const {
        std::lock_guard lock(m_);
        return empty_pulls_;
    }
    bool wait_finished(std::chrono::milliseconds limit = 5s) {
        std::unique_lock lock(m_);
        return cv_.wait_for(lock, limit, [&] { return finished_ > 0; });
    }
    int finished_calls() const {
        std::lock_guard lock(m_);
        return finished_;
    }
    // The server promises no pull() once finished() ran.
    int pulls_after_finished() const {
        std::lock_guard lock(m_);
        return pulls_after_finished_;
    }

private:
    mutable std::mutex m_;
    std::condition_variable cv_;
    std::string pending_;
    bool ended_ = false;
    std::function<void()> wake_;
    int pulls_after_finished_ = 0;
    int empty_pulls_ = 0;
    int finished_ = 0;
};

// A server for one test: fill `router`, `hooks` and `options`, then start().
struct TestServer {
    TestServer() {
        options.listen = "127.0.0.1";
        options.port = 0;
        options.threads = 2;
        hooks.refuse = [](http::Response& res, int status, const std::string& message) {
            res.set_content("refused " + std::to_string(status) + ": " + message, "text/plain");
        };
        hooks.failed = [](http::Response& res) {
            res.status = 500;
            res.set_content("the handler failed", "text/plain");
        };
    }
    void start() {
        server = std::make_unique<http::Server>(options, router, hooks);
        server->start();
    }
    int port() const { return server->port(); }
    http::Server::Stats stats() const { return server->stats(); }

    http::Router router;
    http::ServerHooks hooks;
    http::ServerOptions options;
    std::unique_ptr<http::Server> server;  // last: stops before the router goes
};

}  // namespace gastvrij::http_test
