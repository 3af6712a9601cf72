// `gastvrij bench sse [--clients N] [--checkins N] [--seconds S] [--config DIR] [--data postgresql://…]`:
// how fast a check-in reaches every open companion board over the event stream
// on loopback. Two figures:
//  - latency: check-ins one at a time; for each, the time from calling
//    check_in() until each client has parsed the event (p50 / p99 over all
//    client receipts);
//  - throughput: check-ins as fast as the store commits them for S seconds,
//    then whether every client received every event (no loss) and how long the
//    last one took to arrive;
//  - a kiosk on another machine: its check-in round trip over the API, that
//    check-in at every board, and a colleague's answer back at the kiosk.
// Runs a real Service (HTTP server, event pump) on 127.0.0.1 over a temporary
// data file, with ServiceClient listeners as the companion app uses them.
// With --data postgresql://… two services of one office share that database:
// check-ins at the first, clients spread over both.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <unistd.h>

#include "cli/bench.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "client/client.h"
#include "client/remote_kiosk.h"
#include "service/service.h"
#include "store/open_store.h"

namespace gastvrij {

namespace {

using SteadyClock = std::chrono::steady_clock;

struct SseBenchArgs {
    std::string config;
    std::string data;  // "": a temporary file; postgresql://…: two services on that database
    int clients = 50;
    int checkins = 200;
    double seconds = 5;
};

// What the listeners saw, guarded by one mutex: per visit, when each client
// received its host_notified event.
struct Receipts {
    std::mutex mutex;
    std::condition_variable cv;
    std::map<VisitId, std::vector<SteadyClock::time_point>> by_visit;
    std::vector<std::uint64_t> events_per_client;
    int online = 0;
};

// A kiosk on another machine (RemoteKioskPort over loopback): its check-in
// round trip (the POST returns once the service committed), the same check-in
// on every companion board, and a colleague's answer back on the kiosk.
int remote_kiosk_figures(Service& service, const Clock& clock, const std::string& topic_id, int checkins,
                         Receipts& receipts, int clients) {
    const PairingTicket ticket = service.pairing().create_code(DeviceKind::Kiosk, "");
    const PairedDevice kiosk = ServiceClient::pair(service.local_url(), ticket.code, "bench kiosk");
    RemoteKioskPort port(service.local_url(), kiosk.token, clock);
    std::mutex mutex;
    std::condition_variable cv;
    std::map<VisitId, SteadyClock::time_point> answered;
    const int handle = port.subscribe([&](const VisitChange& c) {
        if (c.visit.state != VisitState::Acknowledged) return;
        std::lock_guard lock(mutex);
        answered.emplace(c.visit.id, SteadyClock::now());
        cv.notify_all();
    });
    port.start();
    const auto connect_until = SteadyClock::now() + std::chrono::seconds(10);
    while (!port.online() && SteadyClock::now() < connect_until) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    CheckInRequest req;
    req.topic_id = topic_id;
    std::vector<double> round_trip, board, answer;
    int missing = 0;
    const int n = std::min(checkins, 200);
    for (int i = 0; i < n && port.online(); ++i) {
        const auto t0 = SteadyClock::now();
        const Visit v = port.check_in(req);
        round_trip.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count());
        {
            std::unique_lock lock(receipts.mutex);
            if (!receipts.cv.wait_for(lock, std::chrono::seconds(10), [&] {
                    return receipts.by_visit[v.id].size() >= static_cast<std::size_t>(clients);
                }))
                ++missing;
            for (auto at : receipts.by_visit[v.id]) board.push_back(std::chrono::duration<double, std::milli>(at - t0).count());
        }
        const auto t1 = SteadyClock::now();
        service.reception().acknowledge(v.id, 5, "bench");
        std::unique_lock lock(mutex);
        if (!cv.wait_for(lock, std::chrono::seconds(10), [&] { return answered.count(v.id) != 0; })) ++missing;
        else answer.push_back(std::chrono::duration<double, std::milli>(answered[v.id] - t1).count());
    }
    port.unsubscribe(handle);
    if (round_trip.empty()) {
        std::fprintf(stderr, "bench sse: the remote kiosk's event stream did not open\n");
        return 1;
    }
    std::printf("remote kiosk (own machine's API over loopback, %zu check-ins):\n"
                "  check-in round trip (committed at the service)  p50 %.2f ms   p99 %.2f ms\n"
                "  kiosk check-in → each of %d boards               p50 %.2f ms   p99 %.2f ms\n"
                "  colleague's answer → kiosk screen's listener      p50 %.2f ms   p99 %.2f ms%s\n",
                round_trip.size(), percentile(round_trip, 0.50), percentile(round_trip, 0.99), clients,
                percentile(board, 0.50), percentile(board, 0.99), percentile(answer, 0.50), percentile(answer, 0.99),
                missing ? "   (some events never arrived!)" : "");
    return missing ? 1 : 0;
}

int run_sse_bench(const SseBenchArgs& args) {
    auto config = load_config_or_explain(args.config, std::cerr);
    if (!config) return 2;
    const Topic* topic = nullptr;
    for (const Topic& t : config->directory.topics)
        if (t.route != RouteKind::ChoosePerson) {
            topic = &t;
            break;
        }
    if (!topic) {
        std::fprintf(stderr, "bench sse: the configuration has no topic a walk-in can choose\n");
        return 2;
    }
    const std::string topic_id = topic->id;

    char tmpl[] = "/tmp/gastvrij-bench-sse-XXXXXX";
    if (!mkdtemp(tmpl)) {
        std::perror("bench sse: mkdtemp");
        return 1;
    }
    const std::filesystem::path dir = tmpl;
    int status = 0;
    {
        // On PostgreSQL two services share the database, as one office's two behind a load balancer:
        // the check-ins are made at the first, the clients are spread over
        // both, so half the receipts crossed by NOTIFY. A data file has one.
        const bool shared = is_postgresql_url(args.data);
        const std::string data = shared ? args.data : (dir / "bench.db").string();
        SystemClock clock;
        ServiceOptions options;
        options.api.listen = "127.0.0.1";
        options.api.port = 0;
        options.api.token_per_second = 0;  // one token for all clients: no per-device limit here
        options.api.ip_per_second = 0;
        options.deliver_outbox = false;    // the demo's mail and chat addresses are not real
        options.tick_interval = std::chrono::hours(1);
        // Every client is the same desk on the same address.
        // Room for the remote kiosk's stream beyond the slots kept for desks.
        options.events.max_streams = static_cast<std::size_t>(args.clients) + 10 + options.events.desk_reserve;
        options.events.per_device = static_cast<std::size_t>(args.clients) + 10;
        options.api.connections_per_address = static_cast<unsigned>(args.clients) + 32;
        struct Instance {
            std::unique_ptr<Store> store;
            std::unique_ptr<DeviceStore> devices;
            std::unique_ptr<Service> service;
        };
        std::vector<Instance> instances(shared ? 2 : 1);
        for (Instance& in : instances) {
            in.store = open_store(data);
            in.devices = open_device_store(data);
            in.service = std::make_unique<Service>(*config, *in.store, *in.devices, clock, options);
            in.service->start();
        }
        if (shared) std::printf("bench sse: two services on %s\n", pg_label(data).c_str());
        Service& service = *instances.front().service;

        const PairingTicket ticket = service.pairing().create_code(DeviceKind::Desk, "");
        const PairedDevice desk = ServiceClient::pair(service.local_url(), ticket.code, "bench");

        Receipts receipts;
        receipts.events_per_client.assign(static_cast<std::size_t>(args.clients), 0);
        std::vector<std::unique_ptr<ServiceClient>> clients;
        for (int i = 0; i < args.clients; ++i) {
            const Service& at = *instances[static_cast<std::size_t>(i) % instances.size()].service;
            auto c = std::make_unique<ServiceClient>(at.local_url(), desk.token);
            ServiceClient::Listener l;
            l.on_connection = [&receipts](bool on) {
                std::lock_guard lock(receipts.mutex);
                receipts.online += on ? 1 : -1;
                receipts.cv.notify_all();
            };
            l.on_visit = [&receipts, i](const VisitView& v, const VisitEvent& e) {
                const auto now = SteadyClock::now();
                std::lock_guard lock(receipts.mutex);
                ++receipts.events_per_client[static_cast<std::size_t>(i)];
                if (e.to == VisitState::HostNotified) receipts.by_visit[v.visit.id].push_back(now);
                receipts.cv.notify_all();
            };
            c->listen(l);
            clients.push_back(std::move(c));
        }
        {
            std::unique_lock lock(receipts.mutex);
            if (!receipts.cv.wait_for(lock, std::chrono::seconds(30), [&] { return receipts.online == args.clients; })) {
                std::fprintf(stderr, "bench sse: only %d of %d clients connected\n", receipts.online, args.clients);
                status = 1;
            }
        }

        CheckInRequest req;
        req.topic_id = topic_id;
        req.source = "bench";
        std::vector<double> latencies;
        int missing = 0;
        if (status == 0) {
            for (int i = 0; i < args.checkins; ++i) {
                const auto t0 = SteadyClock::now();
                const Visit v = service.reception().check_in(req);
                std::unique_lock lock(receipts.mutex);
                const bool all = receipts.cv.wait_for(lock, std::chrono::seconds(10), [&] {
                    return receipts.by_visit[v.id].size() >= static_cast<std::size_t>(args.clients);
                });
                if (!all) ++missing;
                for (auto at : receipts.by_visit[v.id])
                    latencies.push_back(std::chrono::duration<double, std::milli>(at - t0).count());
            }
            if (shared) std::printf("(check-ins at the first service; %d clients on each)\n", args.clients / 2);
            std::printf("sse latency, check-in → event parsed by each of %d clients (%d check-ins, %zu receipts):\n"
                        "  p50 %.2f ms   p99 %.2f ms   max %.2f ms%s\n",
                        args.clients, args.checkins, latencies.size(), percentile(latencies, 0.50),
                        percentile(latencies, 0.99), percentile(latencies, 1.0),
                        missing ? "   (some events never arrived!)" : "");
            if (missing) status = 1;
        }

        if (status == 0) {
            std::vector<std::uint64_t> before;
            {
                std::lock_guard lock(receipts.mutex);
                before = receipts.events_per_client;
            }
            const auto start = SteadyClock::now();
            const auto until = start + std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(args.seconds));
            std::uint64_t made = 0;
            while (SteadyClock::now() < until) {
                service.reception().check_in(req);
                ++made;
            }
            const double elapsed = std::chrono::duration<double>(SteadyClock::now() - start).count();
            // Each check-in writes two events (arrived, host notified); each
            // client must see both of every one.
            const std::uint64_t want = 2 * made;
            const auto dropped_slow = [&] {
                std::uint64_t n = 0;
                for (const Instance& in : instances) n += in.service->hub().dropped_slow();
                return n;
            };
            auto received = [&](std::size_t i) { return receipts.events_per_client[i] - before[i]; };
            std::unique_lock lock(receipts.mutex);
            const bool complete = receipts.cv.wait_for(lock, std::chrono::seconds(60), [&] {
                for (std::size_t i = 0; i < before.size(); ++i)
                    if (received(i) < want) return false;
                return true;
            });
            const double drained = std::chrono::duration<double>(SteadyClock::now() - start).count();
            std::uint64_t least = want;
            for (std::size_t i = 0; i < before.size(); ++i) least = std::min(least, received(i));
            std::printf("sse throughput: %llu check-ins in %.1f s = %.0f check-ins/s committed (%s)\n"
                        "  delivered to all %d clients: %s (slowest client %llu of %llu events; all in after %.2f s; "
                        "streams dropped as too slow: %llu)\n",
                        static_cast<unsigned long long>(made), elapsed, static_cast<double>(made) / elapsed,
                        shared ? "as durably as the database server is set to" : "synchronous=FULL", args.clients, complete ? "yes, no loss" : "NO",
                        static_cast<unsigned long long>(least), static_cast<unsigned long long>(want), drained,
                        static_cast<unsigned long long>(dropped_slow()));
            if (!complete) status = 1;
        }
        if (status == 0) status = remote_kiosk_figures(service, clock, topic_id, args.checkins, receipts, args.clients);
        for (auto& c : clients) c->stop_listening();
        for (Instance& in : instances) in.service->stop();
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return status;
}

}  // namespace

void register_bench_sse(CLI::App& app, int& status) {
    auto* cmd = bench_command(app)->add_subcommand(
        "sse", "Time check-in → live event at many companion boards, and sustained check-ins without loss");
    auto args = std::make_shared<SseBenchArgs>();
    args->config = default_config_dir();
    cmd->add_option("--config", args->config, "configuration whose topics and staff to use")->capture_default_str();
    cmd->add_option("--data", args->data, "an empty postgresql://… database: two services share it (default: a temporary file, one service)");
    cmd->add_option("--clients", args->clients, "event streams open at once")->capture_default_str()->check(CLI::Range(1, 500));
    cmd->add_option("--checkins", args->checkins, "check-ins timed one by one")->capture_default_str()->check(CLI::Range(1, 100000));
    cmd->add_option("--seconds", args->seconds, "duration of the sustained run")->capture_default_str()->check(CLI::Range(0.1, 600.0));
    cmd->callback([&status, args] { status = run_sse_bench(*args); });
}

}  // namespace gastvrij
