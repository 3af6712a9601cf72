// `gastvrij desk --server URL`: the reception companion, a resizable window
// for the staff at the desk. It pairs once (--pair CODE, or the code typed
// into its window) and keeps the token in a 0600 file.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/event_loop.h"
#include "desk/desk_app.h"
#include "client/token_file.h"
#include "domain/devices.h"

namespace gastvrij {

namespace {

struct DeskArgs {
    std::string server;
    std::string token;
    std::string pair_code;
    std::string token_file = default_token_file("desk");
    std::string size = "1280x800";
    std::string assets;
    std::string name;
    bool no_sound = false;
};

std::string default_device_name() {
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) == 0 && host[0]) return std::string("Balie ") + host;
    return "Balie";
}

int run_desk(DeskArgs a) {
    const std::optional<WindowSize> size = parse_window_size(a.size, 1280, 800);
    if (!size) {
        std::cerr << "gastvrij desk: --size must be WIDTHxHEIGHT of at least 1280x800\n";
        return 2;
    }
    const int w = size->width, h = size->height;
    if (a.name.empty()) a.name = default_device_name();
    // A pairing link from a QR code (…/desk#pair=CODE&fp=…) carries server,
    // code and the fingerprint of the service's certificate.
    std::string fingerprint;
    if (const auto link = parse_pairing_link(a.server)) {
        a.server = link->service_url;
        if (a.pair_code.empty()) a.pair_code = link->code;
        fingerprint = link->fingerprint;
    }
    try {
        const DevicePairing kept = load_pairing(a.token_file);
        if (a.server.empty()) a.server = kept.server;  // started from the menu: the service it was paired with
        // Neither: the window asks for the pairing link.
        while (!a.server.empty() && a.server.back() == '/') a.server.pop_back();
        // The kept pin belongs to the service it was kept with.
        if (a.pair_code.empty() && fingerprint.empty() && kept.server == a.server) fingerprint = kept.fingerprint;
        ClientOptions client;
        client.pinned_fingerprint = fingerprint;
        if (!a.pair_code.empty()) {
            // Pair before the window opens, so a wrong code is answered right here.
            try {
                const PairedDevice p = ServiceClient::pair(a.server, a.pair_code, a.name, client);
                save_pairing(a.token_file, {p.token, a.server, fingerprint});
                a.token = p.token;
                std::cout << "Gekoppeld als \"" << p.device.name << "\"; de sleutel staat in " << a.token_file << "\n";
            } catch (const ServiceError& e) {
                std::cerr << "gastvrij desk: pairing failed: " << e.what()
                          << (e.status == 0 ? " — is --server right and the service running?" : "") << "\n";
                return 1;
            }
        }
        if (a.token.empty() && kept.server == a.server) a.token = kept.token;
        if (a.token.empty() && kept.server.empty() && !a.server.empty()) a.token = kept.token;  // kept before addresses were

        platform::WindowOptions wo;
        wo.title = "Gastvrij — Receptie";
        wo.fullscreen = false;
        wo.resizable = true;
        wo.width = w, wo.height = h;
        platform::Window window(wo);

        desk::SessionOptions so;
        so.server = a.server;
        so.token = a.token;
        so.token_file = a.token_file;
        so.client = client;
        so.device_name = a.name;
        desk::DeskSession session(so, [] { platform::Window::wake(); });
        desk::AppOptions ao;
        ao.assets_dir = a.assets.empty() ? default_assets_dir() : a.assets;
        ao.sound = !a.no_sound;
        desk::DeskApp app(window, session, ao);
        session.start();

        run_event_loop(window, app);
    } catch (const std::exception& e) {
        std::cerr << "gastvrij desk: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace

void register_desk(CLI::App& app, int& status) {
    auto* cmd = app.add_subcommand("desk", "Run the reception companion: live board, walk-ins, presence, pairing.");
    auto a = std::make_shared<DeskArgs>();
    cmd->add_option("--server", a->server, "the pairing link …/desk#pair=CODE&fp=… (once; later starts use the service it paired with), or an address");
    cmd->add_option("--token", a->token, "a device token (otherwise the token file, or pair)");
    cmd->add_option("--pair", a->pair_code, "pair with this code (from `gastvrij serve` or another desk) and keep the token");
    cmd->add_option("--token-file", a->token_file, "where the token is kept (created 0600)")->capture_default_str();
    cmd->add_option("--size", a->size, "window size WIDTHxHEIGHT, at least 1280x800")->capture_default_str();
    cmd->add_option("--assets", a->assets, "assets folder with icons/ (default: " + default_assets_dir() + ")");
    cmd->add_option("--name", a->name, "this desk's name when pairing (default: Balie <host name>)");
    cmd->add_flag("--no-sound", a->no_sound, "show promise alerts without speaking them");
    cmd->callback([a, &status] { status = run_desk(*a); });
}

}  // namespace gastvrij
