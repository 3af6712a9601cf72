// `gastvrij serve` under systemd's eyes, as a real process: the test plays
// systemd's part with a notification socket of its own (NOTIFY_SOCKET) and a
// watchdog interval (WATCHDOG_USEC). READY=1 comes when /health answers,
// WATCHDOG=1 keeps coming while the service serves, STOPPING=1 on SIGTERM;
// and when the background loop hangs the pings stop, although the process is
// alive and its HTTP side still answers — so systemd would restart it.
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>

#include "service_fixture.h"
#include "support/child_process.h"

namespace gastvrij::service_test {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// What systemd's end of NOTIFY_SOCKET receives, one datagram per sd_notify().
class NotifySocket {
public:
    struct Message {
        std::string text;
        Clock::time_point at;
    };

    explicit NotifySocket(const fs::path& path) : path_(path) {
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd_ < 0) throw std::runtime_error("socket");
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        if (path.string().size() >= sizeof addr.sun_path) throw std::runtime_error("socket path too long");
        std::strcpy(addr.sun_path, path.c_str());
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("bind");
        reader_ = std::thread([this] { read(); });
    }
    ~NotifySocket() {
        stop_ = true;
        reader_.join();
        ::close(fd_);
    }

    std::vector<Message> messages() const {
        std::lock_guard lock(mutex_);
        return messages_;
    }
    // Messages holding `line` as one of their lines ("READY=1"), or starting
    // with it when it ends in '=' ("STATUS=").
    std::vector<Message> with(const std::string& line) const {
        std::vector<Message> out;
        for (const Message& m : messages()) {
            std::istringstream lines(m.text);
            for (std::string l; std::getline(lines, l);)
                if (line.back() == '=' ? l.rfind(line, 0) == 0 : l == line) {
                    out.push_back(m);
                    break;
                }
        }
        return out;
    }

private:
    void read() {
        char buf[4096];
        while (!stop_) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) continue;
            std::lock_guard lock(mutex_);
            messages_.push_back({std::string(buf, std::size_t(n)), Clock::now()});
        }
    }

    fs::path path_;
    int fd_ = -1;
    std::atomic<bool> stop_{false};
    mutable std::mutex mutex_;
    std::vector<Message> messages_;
    std::thread reader_;
};

fs::path demo_config(const TempDir& dir) {
    const fs::path dst = dir.path() / "kiosk-config";
    fs::copy(fs::path(GASTVRIJ_SOURCE_DIR) / "kiosk-config", dst, fs::copy_options::recursive);
    std::ifstream in(dst / "kiosk.toml");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string toml = ss.str();
    const std::string from = "assets = \"../assets\"";
    const auto at = toml.find(from);
    if (at == std::string::npos) throw std::runtime_error("demo kiosk.toml changed: no " + from);
    toml.replace(at, from.size(), "assets = \"" + (fs::path(GASTVRIJ_SOURCE_DIR) / "assets").string() + "\"");
    std::ofstream(dst / "kiosk.toml", std::ios::trunc) << toml;
    return dst;
}

// The service under a one-second watchdog: a ping every half second.
class SupervisedServe : public test_support::ChildProcess {
public:
    SupervisedServe(const TempDir& dir, const NotifySocket&, const fs::path& socket, std::vector<std::string> extra = {})
        : ChildProcess(args(dir, std::move(extra)), {"NOTIFY_SOCKET=" + socket.string(), "WATCHDOG_USEC=1000000"}) {}

private:
    static std::vector<std::string> args(const TempDir& dir, std::vector<std::string> extra) {
        std::vector<std::string> a = {GASTVRIJ_BINARY, "serve", "--config", demo_config(dir).string(), "--data",
                                      dir.file("gastvrij.db"), "--port", "0", "--listen", "127.0.0.1"};
        a.insert(a.end(), extra.begin(), extra.end());
        return a;
    }
};

// The port from READY=1's status line ("Serving … on https://127.0.0.1:PORT").
int port_in(const std::string& message) {
    std::smatch m;
    if (!std::regex_search(message, m, std::regex(R"(on https://127\.0\.0\.1:(\d+))"))) return 0;
    return std::stoi(m[1].str());
}

int health_status(int port) {
    // The service's own certificate; which one is tls_test.cpp's business.
    httplib::Client c("https://127.0.0.1:" + std::to_string(port));
    c.enable_server_certificate_verification(false);
    c.set_connection_timeout(2s);
    c.set_read_timeout(2s);
    auto r = c.Get("/health");
    return r ? r->status : 0;
}

TEST(Supervision, ReadyWhenHealthAnswersThenPingsUntilStopping) {
    TempDir dir;
    const fs::path sock = dir.path() / "notify";
    NotifySocket systemd(sock);
    SupervisedServe serve(dir, systemd, sock);

    ASSERT_TRUE(test_support::wait_until([&] { return !systemd.with("READY=1").empty(); }, 30s))
        << "no READY=1; output:\n" << serve.output();
    const NotifySocket::Message ready = systemd.with("READY=1").front();
    // Ready means a client is served now: the first request gets its answer.
    const int port = port_in(ready.text);
    ASSERT_GT(port, 0) << "READY=1 came without a status naming the address: " << ready.text;
    EXPECT_EQ(health_status(port), 200);

    // The pings keep coming, and none came before the service was ready.
    ASSERT_TRUE(test_support::wait_until([&] { return systemd.with("WATCHDOG=1").size() >= 4; }, 30s))
        << "the watchdog pings did not keep coming; output:\n" << serve.output();
    EXPECT_GE(systemd.with("WATCHDOG=1").front().at, ready.at);

    serve.signal(SIGTERM);
    EXPECT_EQ(serve.wait(), 0) << serve.output();
    const auto stopping = systemd.with("STOPPING=1");
    ASSERT_EQ(stopping.size(), 1u) << "no STOPPING=1 on SIGTERM";
    // Nothing claims it is alive once it said it is stopping.
    for (const auto& ping : systemd.with("WATCHDOG=1")) EXPECT_LE(ping.at, stopping.front().at);
}

TEST(Supervision, PingsStopWhileTheBackgroundLoopHangs) {
    TempDir dir;
    const fs::path sock = dir.path() / "notify";
    NotifySocket systemd(sock);
    SupervisedServe serve(dir, systemd, sock, {"--test-hang-loop-after-pings", "3"});

    ASSERT_TRUE(test_support::wait_until([&] { return systemd.with("WATCHDOG=1").size() >= 3; }, 30s))
        << "no pings before the loop hung; output:\n" << serve.output();
    const int port = port_in(systemd.with("READY=1").front().text);

    // The loop misses its rounds: the service says why it is not serving …
    auto not_serving = [&] {
        for (const auto& m : systemd.with("STATUS="))
            if (m.text.find("background loop has not ticked") != std::string::npos) return true;
        return false;
    };
    ASSERT_TRUE(test_support::wait_until(not_serving, 60s)) << "no status about the hung loop; output:\n"
                                                             << serve.output();
    // … and from then on no ping comes, for several intervals, while the
    // process lives and its HTTP side still answers: only the watchdog can tell.
    const std::size_t pings = systemd.with("WATCHDOG=1").size();
    test_support::wait_until([&] { return systemd.with("WATCHDOG=1").size() > pings; }, 3s);  // six ping periods
    EXPECT_EQ(systemd.with("WATCHDOG=1").size(), pings) << "pings went on while the loop hung";
    EXPECT_TRUE(serve.running());
    EXPECT_EQ(health_status(port), 200);
    serve.signal(SIGTERM);
    EXPECT_EQ(serve.wait(), 0) << serve.output();
}

// The kiosk under cage: systemd watches cage (WATCHDOG_PID is cage's), and the
// kiosk's frame loop pings for it every half interval — no more often, so an
// idle screen stays idle.
TEST(Supervision, KioskFrameLoopPingsAtHalfTheInterval) {
    TempDir dir;
    const fs::path sock = dir.path() / "notify";
    NotifySocket systemd(sock);
    test_support::ChildProcess kiosk({GASTVRIJ_BINARY, "kiosk", "--config", demo_config(dir).string(), "--data",
                                      dir.file("gastvrij.db"), "--no-api", "--windowed", "--size", "800x600"},
                                     {"SDL_VIDEODRIVER=offscreen", "NOTIFY_SOCKET=" + sock.string(),
                                      "WATCHDOG_USEC=1000000", "WATCHDOG_PID=1"});
    ASSERT_TRUE(test_support::wait_until([&] { return systemd.with("WATCHDOG=1").size() >= 5; }, 60s))
        << "the kiosk did not ping; output:\n" << kiosk.output();
    const auto pings = systemd.with("WATCHDOG=1");
    for (std::size_t i = 1; i < pings.size(); ++i)
        EXPECT_GE(pings[i].at - pings[i - 1].at, 400ms) << "ping " << i << " came sooner than half the interval";
    kiosk.signal(SIGTERM);
    EXPECT_EQ(kiosk.wait(), 0) << kiosk.output();
}

}  // namespace
}  // namespace gastvrij::service_test
