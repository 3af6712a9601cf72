// `gastvrij serve --config DIR --data FILE [--port N] [--listen ADDR]`: the
// reception service on its own (API, event streams, phone page, outbox and
// escalation) for offices whose kiosk runs elsewhere or for a central store.
// Prints where it listens and, while no companion is paired yet (or with
// --pair-desk), a pairing code for the first one. SIGTERM/SIGINT stop it cleanly;
// SIGHUP (systemctl reload) reads the configuration again and, when it has no
// errors, restarts the service on it at the same address. With errors the
// running service goes on unchanged and the errors are printed.
#include <CLI/CLI.hpp>
#include <pthread.h>
#include <signal.h>

#include <ctime>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/serve_supervision.h"
#include "log/log.h"
#include "service/service.h"
#include "store/open_store.h"
#include "store/store_lock.h"

namespace gastvrij {

namespace {

struct ServeArgs {
    std::string config;
    std::string data;
    int port = -1;        // -1: from kiosk.toml
    std::string listen;   // "": from kiosk.toml
    std::string public_url;
    bool pair_desk = false;
    int pair_kiosks = 0;
    int pair_minutes = 5;
    int test_hang_loop_after_pings = 0;  // hidden: the supervision tests' hook
    int test_outbox_lease_seconds = 0;   // hidden: the two-services test's hook; 0 = the worker's own
};

std::string local_hhmm(Timestamp t) { return machine_local_text(t, "%H:%M"); }

int run_serve(const ServeArgs& args) {
    auto config = load_config_or_log(args.config);
    if (!config) return 2;
    const std::string data = data_address(args.data, *config);

    // Every thread started from here on inherits the blocked signals, so only
    // sigwait() below sees SIGTERM/SIGINT and the stop runs on this thread.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    try {
        const StoreLock in_use(data, StoreLock::Mode::Writer);  // the file's one writer until we stop
        const auto store_opened = open_store(data, config->kiosk.office_id);
        Store& store = *store_opened;
        const auto devices_opened = open_device_store(data, config->kiosk.office_id);
        DeviceStore& devices = *devices_opened;
        SystemClock clock;

        // kiosk.toml's settings, then what the command line says.
        auto options_for = [&args](const Config& c, int port) {
            ServiceOptions o = ServiceOptions::from(c.kiosk);
            if (port >= 0) o.api.port = port;
            // Services sharing a PostgreSQL database (several offices', or one
            // office's two on one machine) each take back only their own
            // unfinished claims after a restart: the name is the office and
            // the port, the same after a restart. (Port 0, any free port, is
            // for tests: such services of one office share the name "any".)
            o.outbox.worker = worker_name("serve:" + c.kiosk.office_id + ":" +
                                          (o.api.port > 0 ? std::to_string(o.api.port) : std::string("any")));
            if (args.test_outbox_lease_seconds > 0)
                o.outbox.lease = std::chrono::seconds(args.test_outbox_lease_seconds);
            if (!args.listen.empty()) o.api.listen = args.listen;
            if (!args.public_url.empty()) o.api.public_url = args.public_url;
            o.pairing_minutes = args.pair_minutes;
            return o;
        };
        ServiceOptions options = options_for(*config, args.port);
        const auto tls = use_configured_tls(options, config->kiosk, state_dir_of(data));

        ServeSupervision supervision(args.test_hang_loop_after_pings);
        auto service = std::make_unique<Service>(std::move(*config), store, devices, clock, options);
        service->start();
        supervision.serving(*service);
        std::cout << "Gastvrij service for " << service->config().kiosk.office_name << "\n"
                  << "  listening on " << service->local_url() << "\n"
                  << "  phone page   " << service->public_url() << "/phone\n"
                  << "  data         " << store_label(data) << "\n";
        if (tls)
            std::cout << "  certificate  " << tls->cert_file << (tls->created ? " (made just now)" : "") << "\n"
                      << "  fingerprint  " << readable_fingerprint(tls->fingerprint) << "\n";
        else
            std::cout << "  plain HTTP   tls = false: only a TLS proxy on this machine should reach it\n";

        bool desk_paired = false;
        for (const Device& d : devices.devices(false)) desk_paired |= d.kind == DeviceKind::Desk;
        if (!desk_paired || args.pair_desk) {
            const PairingTicket t = service->pairing().create_code(DeviceKind::Desk, "");
            std::cout << "Pair a reception companion: gastvrij-desk desk --server '"
                      << service->pairing_link(DeviceKind::Desk, t.code) << "'\n"
                      << "  or type service " << service->public_url() << ", code " << t.code << " (valid until "
                      << local_hhmm(t.expires_at) << ", once)\n";
        }
        // One code per kiosk on another machine: `gastvrij kiosk --server LINK`.
        for (int i = 0; i < args.pair_kiosks; ++i) {
            const PairingTicket t = service->pairing().create_code(DeviceKind::Kiosk, "");
            std::cout << "Pair a kiosk: gastvrij kiosk --server '"
                      << service->pairing_link(DeviceKind::Kiosk, t.code) << "' (valid until "
                      << local_hhmm(t.expires_at) << ", once)\n";
        }
        std::cout << "Stop with Ctrl+C or SIGTERM; reload the configuration with SIGHUP." << std::endl;

        int sig = 0;
        for (;;) {
            sigwait(&stop_signals, &sig);
            if (sig != SIGHUP) break;
            std::cout << "Reloading the configuration from " << args.config << "…" << std::endl;
            std::optional<Config> fresh = load_config_or_log(args.config);
            if (!fresh) {
                log::error("gastvrij serve: the service goes on with the configuration it had.");
                continue;
            }
            // Same address as before, also when it was "any free port"; the
            // outbox and visits are in the store and carry on.
            ServiceOptions next = options_for(*fresh, service->port());
            try {
                use_configured_tls(next, fresh->kiosk, state_dir_of(data));
            } catch (const TlsError& e) {
                log::error(std::string("gastvrij serve: ") + e.what());
                log::error("gastvrij serve: the service goes on with the configuration it had.");
                continue;
            }
            options = std::move(next);
            supervision.reloading();
            service->stop();
            service.reset();
            service = std::make_unique<Service>(std::move(*fresh), store, devices, clock, options);
            service->start();
            supervision.serving(*service);
            std::cout << "Reloaded: " << service->config().kiosk.office_name << ", listening on " << service->local_url()
                      << std::endl;
        }
        std::cout << "Stopping (" << (sig == SIGTERM ? "SIGTERM" : "SIGINT") << ")…" << std::endl;
        supervision.stopping();
        service->stop();
        std::cout << "Stopped." << std::endl;
        return 0;
    } catch (const std::exception& e) {  // StoreError included
        log::error(std::string("gastvrij serve: ") + e.what());
        return 1;
    }
}

}  // namespace

void register_serve(CLI::App& app, int& status) {
    auto* cmd = app.add_subcommand("serve", "Run the reception service: API, live events, phone page, notifications");
    auto args = std::make_shared<ServeArgs>();
    args->config = default_config_dir();
    args->data.clear();
    cmd->add_option("--config", args->config, "the configuration folder")->capture_default_str();
    cmd->add_option("--data", args->data, "the data file shared with the kiosk, or postgresql://… for several offices")
        ->default_str(data_default_text());
    cmd->add_option("--port", args->port, "TCP port (default: [service] port in kiosk.toml; 0 = any free port)")
        ->check(CLI::Range(0, 65535));
    cmd->add_option("--listen", args->listen, "address to listen on (default: [service] listen in kiosk.toml)");
    cmd->add_option("--public-url", args->public_url, "how phones reach this service (default: [service] public_url)");
    cmd->add_flag("--pair-desk", args->pair_desk, "print a desk pairing code even when a companion is paired already");
    cmd->add_option("--pair-kiosk", args->pair_kiosks,
                    "print N kiosk pairing links, one per kiosk on another machine (gastvrij kiosk --server LINK)")
        ->expected(0, 1)
        ->default_str("1")
        ->check(CLI::Range(0, 20));
    cmd->add_option("--pair-minutes", args->pair_minutes, "minutes a pairing code stays valid")
        ->capture_default_str()
        ->check(CLI::Range(1, 24 * 60));
    // Not in --help: makes the background loop hang after N watchdog pings.
    cmd->add_option("--test-hang-loop-after-pings", args->test_hang_loop_after_pings)->group("");
    // Not in --help: how long a claimed notice is left to this service (the
    // tests of a service killed mid-send wait that long, not 90 s).
    cmd->add_option("--test-outbox-lease", args->test_outbox_lease_seconds)->group("")->check(CLI::Range(1, 600));
    cmd->callback([&status, args] { status = run_serve(*args); });
}

}  // namespace gastvrij
