// `gastvrij bench http [--slow N] [--streams N] [--addresses N] [--seconds S] [--config DIR]`:
// the service under the office network's worst: N connections that send a
// request header one byte every 2 s (and come back when closed), M open
// event streams, both spread over many client addresses (127.0.0.2 …), while
// a kiosk on 127.0.0.1 asks /health and checks visitors in, and a desk board
// listens. Prints how many of the kiosk's requests were answered and how fast
// (p50 / p99 / max), how fast each check-in reached the board, and the
// service's threads and memory.
//
// The service runs in a child process (a real `Service` over a temporary data
// file) so that its threads and memory are its own.
#include <CLI/CLI.hpp>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "cli/bench.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "client/client.h"
#include "service/pairing.h"
#include "service/service.h"
#include "store/open_store.h"

namespace gastvrij {
namespace {

using SteadyClock = std::chrono::steady_clock;

struct HttpBenchArgs {
    std::string config;
    int slow = 1000;
    int streams = 1000;
    int addresses = 50;
    double seconds = 20;
};

double ms_since(SteadyClock::time_point t0) {
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count();
}

// A TCP connection to 127.0.0.1:port from 127.0.0.<2 + n % addresses>.
int connect_from(int n, int addresses, int port, bool blocking) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | (blocking ? 0 : SOCK_NONBLOCK), 0);
    if (fd < 0) return -1;
    sockaddr_in from{};
    from.sin_family = AF_INET;
    from.sin_addr.s_addr = htonl(0x7f000002u + static_cast<std::uint32_t>(n % addresses));
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
        (connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0 && errno != EINPROGRESS)) {
        close(fd);
        return -1;
    }
    return fd;
}

// An event stream held open by a device that never reads more than it must.
int open_stream(int n, int addresses, int port, const std::string& token) {
    const int fd = connect_from(n, addresses, port, true);
    if (fd < 0) return -1;
    timeval tv{5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    const std::string req = "GET /api/v1/events HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + token + "\r\n\r\n";
    char buf[512];
    if (send(fd, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size()) ||
        recv(fd, buf, sizeof buf - 1, 0) < 12 || std::strncmp(buf, "HTTP/1.1 200", 12) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

// GET /health on a new connection from 127.0.0.1; true when answered within 2 s.
bool fresh_health(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    timeval tv{2, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const std::string req = "GET /health HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n";
    char buf[256];
    const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0 &&
                    send(fd, req.data(), req.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(req.size()) &&
                    recv(fd, buf, sizeof buf, 0) >= 12 && std::strncmp(buf, "HTTP/1.1 200", 12) == 0;
    close(fd);
    return ok;
}

struct ServiceFigures {
    long threads = 0, rss_kb = 0, anon_kb = 0;
};

ServiceFigures figures_of(pid_t pid) {
    ServiceFigures f;
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string key;
    while (in >> key) {
        if (key == "Threads:") in >> f.threads;
        else if (key == "VmRSS:") in >> f.rss_kb;
        else if (key == "RssAnon:") in >> f.anon_kb;
        std::getline(in, key);
    }
    return f;
}

// The child: a real service on 127.0.0.1, until the parent closes `stop_fd`.
[[noreturn]] void serve_child(Config config, const std::string& data, int port_fd, int stop_fd, int streams) {
    int code = 0;
    try {
        const auto store_opened = open_store(data);
        const auto devices_opened = open_device_store(data);
        SystemClock clock;
        ServiceOptions options;
        options.api.listen = "127.0.0.1";
        options.api.port = 0;
        options.deliver_outbox = false;  // the demo's mail and chat addresses are not real
        options.tick_interval = std::chrono::hours(1);
        options.events.max_streams = static_cast<std::size_t>(streams) + 100;
        Service service(std::move(config), *store_opened, *devices_opened, clock, options);
        service.start();
        const int port = service.port();
        [[maybe_unused]] auto w = write(port_fd, &port, sizeof port);
        close(port_fd);
        char b;
        while (read(stop_fd, &b, 1) > 0) {
        }
        service.stop();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench http: the service did not start: %s\n", e.what());
        code = 1;
    }
    std::fflush(nullptr);
    _exit(code);
}

int run_http_bench(const HttpBenchArgs& args) {
    auto config = load_config_or_explain(args.config, std::cerr);
    if (!config) return 2;
    std::string topic_id;
    for (const Topic& t : config->directory.topics)
        if (t.route != RouteKind::ChoosePerson) {
            topic_id = t.id;
            break;
        }
    if (topic_id.empty()) {
        std::fprintf(stderr, "bench http: the configuration has no topic a walk-in can choose\n");
        return 2;
    }
    // Two connections per attacker and stream, and the client's own.
    rlimit nofile{};
    if (getrlimit(RLIMIT_NOFILE, &nofile) == 0) {
        nofile.rlim_cur = std::min<rlim_t>(nofile.rlim_max, static_cast<rlim_t>(args.slow + args.streams) + 512);
        setrlimit(RLIMIT_NOFILE, &nofile);
    }
    char tmpl[] = "/tmp/gastvrij-bench-http-XXXXXX";
    if (!mkdtemp(tmpl)) {
        std::perror("bench http: mkdtemp");
        return 1;
    }
    const std::filesystem::path dir = tmpl;
    const std::string data = (dir / "bench.db").string();

    // Devices are paired before the service starts: one kiosk, one desk
    // board, and a desk per event stream (a device holds only a few).
    std::string kiosk_token, board_token;
    std::vector<std::string> stream_tokens;
    {
        const auto devices_opened = open_device_store(data);
        const auto store_opened = open_store(data);
        SystemClock clock;
        Pairing pairing(*devices_opened, clock);
        auto pair = [&](DeviceKind kind, const std::string& name) {
            const PairingTicket t = pairing.create_code(kind, "");
            return pairing.redeem(t.code, name).token;
        };
        kiosk_token = pair(DeviceKind::Kiosk, "bench kiosk");
        board_token = pair(DeviceKind::Desk, "bench board");
        for (int i = 0; i < args.streams; ++i) stream_tokens.push_back(pair(DeviceKind::Desk, "stream " + std::to_string(i)));
    }

    int port_pipe[2], stop_pipe[2];
    if (pipe2(port_pipe, O_CLOEXEC) != 0 || pipe2(stop_pipe, O_CLOEXEC) != 0) {
        std::perror("bench http: pipe");
        return 1;
    }
    std::fflush(nullptr);
    const pid_t child = fork();
    if (child < 0) {
        std::perror("bench http: fork");
        return 1;
    }
    if (child == 0) {
        close(port_pipe[0]);
        close(stop_pipe[1]);
        serve_child(std::move(*config), data, port_pipe[1], stop_pipe[0], args.streams);
    }
    close(port_pipe[1]);
    close(stop_pipe[0]);
    int port = 0;
    const bool started = read(port_pipe[0], &port, sizeof port) == sizeof port && port > 0;
    close(port_pipe[0]);
    int status = 0;
    if (!started) {
        status = 1;
    } else {
        const std::string url = "http://127.0.0.1:" + std::to_string(port);
        const ServiceFigures before = figures_of(child);

        // The event streams, opened one after another from many addresses.
        std::vector<int> streams;
        for (int i = 0; i < args.streams; ++i) {
            const int fd = open_stream(i, args.addresses, port, stream_tokens[static_cast<std::size_t>(i)]);
            if (fd >= 0) streams.push_back(fd);
        }

        // The slow connections: one thread drips a byte on each every 2 s and
        // reconnects those the service closed; the streams are drained too.
        std::atomic<bool> attacking{true};
        std::atomic<long> slow_closed{0}, slow_open{0};
        std::thread attacker([&] {
            std::vector<int> slow(static_cast<std::size_t>(args.slow), -1);
            std::vector<int> sent(slow.size(), 0);
            const std::string head = "GET /health HTTP/1.1\r\nHost: bench\r\nX-Slow: ";
            auto last_drip = SteadyClock::now() - std::chrono::seconds(2);
            char sink[4096];
            while (attacking) {
                long open = 0;
                for (std::size_t i = 0; i < slow.size(); ++i) {
                    if (slow[i] < 0) {
                        slow[i] = connect_from(static_cast<int>(i) + args.streams, args.addresses, port, false);
                        sent[i] = 0;
                        continue;
                    }
                    ++open;
                    const ssize_t n = recv(slow[i], sink, sizeof sink, MSG_DONTWAIT);
                    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN)) {
                        close(slow[i]);
                        slow[i] = -1;
                        ++slow_closed;
                    }
                }
                slow_open = open;
                if (SteadyClock::now() - last_drip >= std::chrono::seconds(2)) {
                    last_drip = SteadyClock::now();
                    for (std::size_t i = 0; i < slow.size(); ++i) {
                        if (slow[i] < 0) continue;
                        const std::size_t k = static_cast<std::size_t>(sent[i]);
                        const char byte = k < head.size() ? head[k] : 'x';
                        if (send(slow[i], &byte, 1, MSG_NOSIGNAL | MSG_DONTWAIT) == 1) ++sent[i];
                    }
                }
                for (int fd : streams)
                    while (recv(fd, sink, sizeof sink, MSG_DONTWAIT) > 0) {
                    }
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
            for (int fd : slow)
                if (fd >= 0) close(fd);
        });
        // Let the attack build up before the kiosk is timed.
        const auto settle_until = SteadyClock::now() + std::chrono::seconds(3);
        while (SteadyClock::now() < settle_until && slow_open < args.slow)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));

        // The desk board hears each check-in.
        std::mutex m;
        std::map<VisitId, SteadyClock::time_point> heard;
        ClientOptions quick;
        quick.request_timeout = std::chrono::seconds(2);
        ServiceClient board(url, board_token, quick);
        ServiceClient::Listener l;
        l.on_visit = [&](const VisitView& v, const VisitEvent&) {
            std::lock_guard lock(m);
            heard.emplace(v.visit.id, SteadyClock::now());
        };
        board.listen(l);

        std::vector<double> health_ms, checkin_ms, board_ms;
        int health_failed = 0, checkin_failed = 0;
        std::map<VisitId, SteadyClock::time_point> sent_at;
        const auto until = SteadyClock::now() + std::chrono::duration<double>(args.seconds);
        while (SteadyClock::now() < until) {
            // Each request on a connection of its own, as a monitor or a
            // kiosk whose kept connection timed out would open it: a server
            // whose workers are all held cannot even accept it.
            auto t0 = SteadyClock::now();
            if (fresh_health(port))
                health_ms.push_back(ms_since(t0));
            else
                ++health_failed;
            t0 = SteadyClock::now();
            try {
                ServiceClient kiosk(url, kiosk_token, quick);
                const VisitView v = kiosk.check_in(topic_id, "", "Bezoeker");
                checkin_ms.push_back(ms_since(t0));
                sent_at.emplace(v.visit.id, t0);
            } catch (const std::exception&) {
                ++checkin_failed;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        // Give the board a moment for the last check-in.
        const auto grace = SteadyClock::now() + std::chrono::seconds(2);
        while (SteadyClock::now() < grace) {
            {
                std::lock_guard lock(m);
                if (heard.size() >= sent_at.size()) break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        int board_missed = 0;
        {
            std::lock_guard lock(m);
            for (const auto& [id, t0] : sent_at) {
                auto it = heard.find(id);
                if (it == heard.end()) ++board_missed;
                else board_ms.push_back(std::chrono::duration<double, std::milli>(it->second - t0).count());
            }
        }
        const ServiceFigures during = figures_of(child);
        attacking = false;
        attacker.join();
        board.stop_listening();
        for (int fd : streams) close(fd);

        auto line = [](const char* what, const std::vector<double>& v, int failed) {
            std::printf("  %-34s %4zu of %4zu answered   p50 %6.1f ms   p99 %6.1f ms   max %6.1f ms\n", what, v.size(),
                        v.size() + static_cast<std::size_t>(failed), percentile(v, 0.5), percentile(v, 0.99),
                        v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()));
        };
        std::printf("bench http: %d slow connections (a header byte every 2 s) and %d event streams from %d addresses, %.0f s\n",
                    args.slow, args.streams, args.addresses, args.seconds);
        std::printf("  event streams open                 %zu of %d\n", streams.size(), args.streams);
        std::printf("  slow connections open at the end  %ld; closed by the service meanwhile %ld\n", slow_open.load(),
                    slow_closed.load());
        line("new connection: GET /health", health_ms, health_failed);
        line("new connection: kiosk check-in", checkin_ms, checkin_failed);
        line("check-in → desk board", board_ms, board_missed);
        std::printf("  service threads  %ld before, %ld under attack\n", before.threads, during.threads);
        std::printf("  service memory   resident %.1f MB before, %.1f MB under attack (private %.1f MB)\n",
                    before.rss_kb / 1024.0, during.rss_kb / 1024.0, during.anon_kb / 1024.0);
        if (health_failed || checkin_failed || board_missed) status = 1;
    }
    close(stop_pipe[1]);
    int child_status = 0;
    waitpid(child, &child_status, 0);
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return status;
}

}  // namespace

void register_bench_http(CLI::App& app, int& status) {
    auto* cmd = bench_command(app)->add_subcommand(
        "http", "The service under slow connections and many event streams: is a kiosk still answered at once?");
    auto args = std::make_shared<HttpBenchArgs>();
    args->config = default_config_dir();
    cmd->add_option("--config", args->config, "configuration whose topics to use")->capture_default_str();
    cmd->add_option("--slow", args->slow, "connections sending their headers a byte every 2 s")
        ->capture_default_str()
        ->check(CLI::Range(0, 5000));
    cmd->add_option("--streams", args->streams, "event streams held open")->capture_default_str()->check(CLI::Range(0, 3000));
    cmd->add_option("--addresses", args->addresses, "client addresses they come from (127.0.0.2 …)")
        ->capture_default_str()
        ->check(CLI::Range(1, 250));
    cmd->add_option("--seconds", args->seconds, "how long the kiosk is timed")->capture_default_str()->check(CLI::Range(1.0, 600.0));
    cmd->callback([&status, args] { status = run_http_bench(*args); });
}

}  // namespace gastvrij
