// `gastvrij kiosk`: the visitor's touch screen, fullscreen by default.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/event_loop.h"
#include "cli/kiosk_backend.h"
#include "domain/reception.h"
#include "kiosk/kiosk_app.h"
#include "service/survey_link.h"

namespace gastvrij {

static int run_kiosk(const std::string& config_dir, const std::string& data, bool windowed, int w, int h, bool api) {
    std::optional<Config> config = load_config_or_explain(config_dir, std::cerr);
    if (!config) return 1;
    try {
        std::future<std::unique_ptr<KioskBackend>> starting = start_kiosk_backend(*config, data, api);
        platform::WindowOptions wo;
        wo.title = "Gastvrij — " + config->kiosk.office_name;
        wo.fullscreen = !windowed;
        wo.width = w, wo.height = h;
        platform::Window window(wo);
        std::unique_ptr<KioskBackend> backend = starting.get();
        Service& service = backend->service;
        if (api) std::cerr << "gastvrij kiosk: service at " << service.local_url() << "\n";
        Reception& reception = service.reception();
        kiosk::KioskOptions ko;
        ko.assets_dir = assets_dir_for(*config);
        if (api)
            ko.pair_companion = [&service] {
                PairingTicket t = service.pairing().create_code(DeviceKind::Desk, "");
                return std::make_pair(t.code, service.public_url());
            };
        // The survey link on the confirmation screen, when [survey] phone_page is on.
        ko.survey_link = phone_survey_links(backend->store, backend->clock, service.config(),
                                            [&service] { return service.public_url(); });
        kiosk::KioskApp app(window, *config, reception, ko);
        app.set_reloader([&](std::string* errors) -> std::optional<Config> {
            LoadResult r = load_config(config_dir);
            if (r.ok()) return std::move(r.config);
            if (errors)
                for (const auto& d : r.diagnostics)
                    if (d.level == Diagnostic::Level::Error) *errors += d.format() + "\n";
            return std::nullopt;
        });

        run_event_loop(window, app);
    } catch (const std::exception& e) {
        std::cerr << "gastvrij kiosk: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

void register_kiosk(CLI::App& app, int& status) {
    auto* cmd = app.add_subcommand("kiosk", "Run the visitor's touch kiosk (fullscreen; the admin corner + PIN quits).");
    auto config = std::make_shared<std::string>(default_config_dir());
    auto data = std::make_shared<std::string>(default_data_file());
    auto windowed = std::make_shared<bool>(false);
    auto size = std::make_shared<std::string>("1920x1080");
    auto no_api = std::make_shared<bool>(false);
    cmd->add_option("--config", *config, "configuration folder (kiosk.toml, topics.toml, staff.csv, texts/)")->capture_default_str();
    cmd->add_option("--data", *data, "SQLite database file (created if missing)")->capture_default_str();
    cmd->add_flag("--windowed", *windowed, "run in a window instead of fullscreen");
    cmd->add_flag("--no-api", *no_api, "do not listen for companions and phones (escalation and notifications still run)");
    cmd->add_option("--size", *size, "window size WIDTHxHEIGHT when windowed, e.g. 1080x1920 for portrait")->capture_default_str();
    cmd->callback([=, &status] {
        const std::optional<WindowSize> wh = parse_window_size(*size, 320, 320);
        if (!wh) {
            std::cerr << "gastvrij kiosk: --size must look like 1920x1080\n";
            status = 2;
            return;
        }
        status = run_kiosk(*config, *data, *windowed, wh->width, wh->height, !*no_api);
    });
}

}  // namespace gastvrij
