// `gastvrij kiosk`: the visitor's touch screen, fullscreen by default. It
// runs the whole service in its own process on a local data file, or, with
// --server, checks visitors in at the office's `gastvrij serve` on another
// machine (paired once as a kiosk; the token kept in a 0600 file).
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <functional>
#include <iostream>
#include <optional>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/event_loop.h"
#include "cli/kiosk_backend.h"
#include "cli/reload_signal.h"
#include "cli/supervision.h"
#include "domain/devices.h"
#include "kiosk/kiosk_app.h"
#include "client/remote_kiosk.h"
#include "service/survey_link.h"
#include "client/token_file.h"

namespace gastvrij {

namespace {

struct KioskArgs {
    std::string config = default_config_dir();
    std::string data;  // "" = [store] url of kiosk.toml, else this machine's file
    bool windowed = false;
    std::string size = "1920x1080";
    bool no_api = false;
    std::string server;     // the office's service, or a pairing link …/kiosk#pair=CODE
    std::string pair_code;
    std::string token_file = default_token_file("kiosk");
    std::string name;       // the device name when pairing
};

platform::WindowOptions window_options(const Config& config, const KioskArgs& a, WindowSize size) {
    platform::WindowOptions wo;
    wo.title = "Gastvrij — " + config.kiosk.office_name;
    wo.fullscreen = !a.windowed;
    wo.width = size.width, wo.height = size.height;
    return wo;
}

std::function<std::optional<Config>(std::string*)> reload_from(const std::string& config_dir) {
    return [config_dir](std::string* errors) -> std::optional<Config> {
        LoadResult r = load_config(config_dir);
        if (r.ok()) return std::move(r.config);
        if (errors)
            for (const auto& d : r.diagnostics)
                if (d.level == Diagnostic::Level::Error) *errors += d.format() + "\n";
        return std::nullopt;
    };
}

// SIGHUP is the admin screen's "reload" — taken only while no visitor is in
// the middle of something.
std::function<void()> reload_on_hangup(kiosk::KioskApp& app, ReloadSignal& hup) {
    return [&app, &hup] {
        if (!hup.pending() || !app.idle()) return;
        hup.clear();
        std::string errors;
        // One write: the reason stays with its headline in a shared log.
        if (!app.reload_config(&errors)) std::cerr << "gastvrij kiosk: the configuration was not reloaded:\n" + errors << std::flush;
    };
}

// Under the kiosk unit (WatchdogSec=, NotifyAccess=all) the frame loop tells
// systemd it is alive, at half the interval; a frozen screen stops it and the
// session is restarted. The watched process is cage, so WATCHDOG_PID is not
// ours and WATCHDOG_USEC alone decides.
Heartbeat watchdog_heartbeat() {
    const auto interval = supervision::watchdog_from_environment();
    if (interval.count() == 0) return {};
    return {std::chrono::duration_cast<std::chrono::milliseconds>(interval / 2), &supervision::ping};
}

// The kiosk with the service inside: local store, outbox, escalation, API.
// A reload (admin screen or SIGHUP) restarts store, service and screens on
// the new configuration in the same window, so routing and notifications
// use the same staff list and texts the visitor sees.
int run_local(const KioskArgs& a, WindowSize size) {
    ReloadSignal hup([] { platform::Window::wake(); });
    std::optional<Config> loaded = load_config_or_explain(a.config, std::cerr);
    if (!loaded) return 1;
    auto config = std::make_unique<Config>(std::move(*loaded));
    const bool api = !a.no_api;
    try {
        std::future<std::unique_ptr<KioskBackend>> starting = start_kiosk_backend(*config, data_address(a.data, *config), api);
        platform::Window window(window_options(*config, a, size));
        for (;;) {
            std::optional<Config> next;
            {
                std::unique_ptr<KioskBackend> backend = starting.get();
                Service& service = backend->service;
                if (api) std::cerr << "gastvrij kiosk: service at " << service.local_url() << std::endl;
                kiosk::KioskOptions ko;
                ko.assets_dir = assets_dir_for(*config);
                if (api)
                    ko.pair_companion = [&service] {
                        PairingTicket t = service.pairing().create_code(DeviceKind::Desk, "");
                        return std::make_pair(t.code, service.pairing_link(DeviceKind::Desk, t.code));
                    };
                // The survey link on the confirmation screen, when [survey] phone_page is on.
                LocalKioskPort port(service.reception(),
                                    phone_survey_links(service.reception().surveys(), backend->clock, service.config(),
                                                       [&service] { return service.public_url(); }));
                ko.reload = reload_from(a.config);
                ko.restart_on_reload = true;
                kiosk::KioskApp app(window, *config, port, ko);
                run_event_loop(window, app, reload_on_hangup(app, hup), watchdog_heartbeat());
                next = app.take_reloaded_config();
            }  // screens, port and backend end here, the service's port is free again
            if (!next) break;
            config = std::make_unique<Config>(std::move(*next));
            std::cerr << "gastvrij kiosk: configuration reloaded from " << a.config << std::endl;
            starting = start_kiosk_backend(*config, data_address(a.data, *config), api);
        }
    } catch (const std::exception& e) {
        std::cerr << "gastvrij kiosk: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

std::string default_kiosk_name(const Config& config) {
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) == 0 && host[0]) return "Kiosk " + config.kiosk.kiosk_id + " (" + host + ")";
    return "Kiosk " + config.kiosk.kiosk_id;
}

// Exit status when only a person can help (pair the kiosk again); the
// systemd unit does not restart on it (RestartPreventExitStatus).
constexpr int kNeedsPairing = 3;

// A kiosk on another machine: everything through the office's service.
int run_remote(KioskArgs a, WindowSize size) {
    ReloadSignal hup([] { platform::Window::wake(); });
    std::optional<Config> config = load_config_or_explain(a.config, std::cerr);
    if (!config) return 1;
    // A pairing link from a QR code (…/kiosk#pair=CODE&fp=…) carries server,
    // code and the fingerprint of the service's certificate.
    ClientOptions client = RemoteKioskPort::kiosk_client_options();
    if (const auto link = parse_pairing_link(a.server)) {
        a.server = link->service_url;
        if (a.pair_code.empty()) a.pair_code = link->code;
        client.pinned_fingerprint = link->fingerprint;
    }
    while (!a.server.empty() && a.server.back() == '/') a.server.pop_back();
    try {
        const DevicePairing kept = load_pairing(a.token_file);
        std::string token = kept.token;
        if (client.pinned_fingerprint.empty() && kept.server == a.server) client.pinned_fingerprint = kept.fingerprint;
        bool withdrawn = false;
        bool reachable = true;  // as far as we know: no second wait at start-up when it is not
        if (!token.empty()) {
            // Started again with the same link (a systemd unit keeps it in its
            // settings): a token that still works is kept, the used code ignored.
            try {
                const Device me = ServiceClient(a.server, token, client).me();
                if (!a.pair_code.empty())
                    std::cerr << "gastvrij kiosk: paired already as \"" << me.name << "\" (" << a.token_file
                              << "); the pairing code is not used\n";
                a.pair_code.clear();
            } catch (const ServiceError& e) {
                if (e.status == 401 || e.status == 403) {
                    withdrawn = true;  // pair anew with the code, if there is one
                    token.clear();
                } else {
                    a.pair_code.clear();  // unreachable now: keep what we have, it reconnects by itself
                    reachable = false;
                    std::cerr << "gastvrij kiosk: cannot reach " << a.server << " now (" << e.what()
                              << "); going on, visitors are sent to the desk until it answers\n";
                }
            }
        }
        if (!a.pair_code.empty()) {
            try {
                const PairedDevice p =
                    ServiceClient::pair(a.server, a.pair_code, a.name.empty() ? default_kiosk_name(*config) : a.name, client);
                if (p.device.kind != DeviceKind::Kiosk)
                    std::cerr << "gastvrij kiosk: warning: this code paired a " << to_string(p.device.kind)
                              << ", not a kiosk; check-ins will be recorded as that device\n";
                save_pairing(a.token_file, {p.token, a.server, client.pinned_fingerprint});
                token = p.token;
                std::cout << "Gekoppeld als \"" << p.device.name << "\"; de sleutel staat in " << a.token_file << std::endl;
            } catch (const ServiceError& e) {
                std::cerr << "gastvrij kiosk: pairing failed: " << e.what()
                          << (e.status == 0 ? " — is --server right and the service running?" : "") << "\n";
                return e.status == 0 ? 1 : kNeedsPairing;
            }
        }
        if (token.empty()) {
            if (withdrawn)
                std::cerr << "gastvrij kiosk: " << a.server << " refused this kiosk's token: its pairing was withdrawn.\n";
            else
                std::cerr << "gastvrij kiosk: this kiosk is not paired with " << a.server << " yet (no token in "
                          << a.token_file << ").\n";
            std::cerr << "Ask for a kiosk code on a companion (Koppelen → Code voor een kiosk) or run `gastvrij serve "
                         "--pair-kiosk`, then:\n"
                      << "  gastvrij kiosk --server '<the link>'   or   gastvrij kiosk --server " << a.server << " --pair CODE\n";
            return kNeedsPairing;
        }
        SystemClock clock;
        RemoteKioskPort port(a.server, token, clock, client);
        port.start([] { platform::Window::wake(); });
        if (reachable) {
            try {
                for (const std::string& d : directory_differences(config->directory, port.client().directory()))
                    std::cerr << "gastvrij kiosk: warning: " << d << "\n";
            } catch (const ServiceError& e) {
                // Not fatal: the service may be restarting; check-ins say so when they fail.
                std::cerr << "gastvrij kiosk: cannot compare topics and colleagues with " << a.server << " now ("
                          << e.what() << ")\n";
            }
        }
        platform::Window window(window_options(*config, a, size));
        kiosk::KioskOptions ko;
        ko.assets_dir = assets_dir_for(*config);
        ko.port_calls_in_background = true;  // the screen never waits on the network
        ko.reload = reload_from(a.config);   // texts and layout; the service reloads its own
        kiosk::KioskApp app(window, *config, port, ko);
        std::cerr << "gastvrij kiosk: checking visitors in at " << a.server << std::endl;
        run_event_loop(window, app, reload_on_hangup(app, hup), watchdog_heartbeat());
    } catch (const std::exception& e) {
        std::cerr << "gastvrij kiosk: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace

void register_kiosk(CLI::App& app, int& status) {
    auto* cmd = app.add_subcommand("kiosk", "Run the visitor's touch kiosk (fullscreen; the admin corner + PIN quits).");
    auto a = std::make_shared<KioskArgs>();
    cmd->add_option("--config", a->config, "configuration folder (kiosk.toml, topics.toml, staff.csv, texts/)")->capture_default_str();
    auto* data = cmd->add_option("--data", a->data, "SQLite database file (created if missing), or postgresql://…")
                     ->default_str(data_default_text());
    cmd->add_flag("--windowed", a->windowed, "run in a window instead of fullscreen");
    cmd->add_flag("--no-api", a->no_api, "do not listen for companions and phones (escalation and notifications still run)");
    cmd->add_option("--size", a->size, "window size WIDTHxHEIGHT when windowed, e.g. 1080x1920 for portrait")->capture_default_str();
    auto* server = cmd->add_option("--server", a->server,
                                   "check visitors in at the office's `gastvrij serve` instead of a local data file: "
                                   "its address, or the pairing link …/kiosk#pair=CODE");
    cmd->add_option("--pair", a->pair_code, "with --server: pair with this kiosk code and keep the token")->needs(server);
    cmd->add_option("--token-file", a->token_file, "with --server: where the token is kept (created 0600)")
        ->capture_default_str()
        ->needs(server);
    cmd->add_option("--name", a->name, "with --server: this kiosk's name when pairing (default: Kiosk <kiosk_id> (<host>))")->needs(server);
    server->excludes(data);
    cmd->callback([a, &status] {
        const std::optional<WindowSize> wh = parse_window_size(a->size, 320, 320);
        if (!wh) {
            std::cerr << "gastvrij kiosk: --size must look like 1920x1080\n";
            status = 2;
            return;
        }
        status = a->server.empty() ? run_local(*a, *wh) : run_remote(*a, *wh);
    });
}

}  // namespace gastvrij
