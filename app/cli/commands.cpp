#include "cli/commands.h"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace gastvrij {

std::string default_config_dir() {
    if (const char* env = std::getenv("GASTVRIJ_CONFIG")) return env;
    // A build tree runs on the demo office shipped with the sources.
    std::filesystem::path src = GASTVRIJ_SOURCE_DIR "/kiosk-config";
    if (std::filesystem::exists(src / "kiosk.toml")) return src.string();
    return "/etc/gastvrij";
}

std::string default_data_file() {
    if (const char* env = std::getenv("GASTVRIJ_DATA")) return env;
    if (const char* state = std::getenv("STATE_DIRECTORY")) return std::string(state) + "/gastvrij.db";  // systemd
    if (const char* home = std::getenv("XDG_DATA_HOME")) return std::string(home) + "/gastvrij/gastvrij.db";
    if (const char* home = std::getenv("HOME")) return std::string(home) + "/.local/share/gastvrij/gastvrij.db";
    return "gastvrij.db";
}

int run_cli(int argc, char** argv) {
    CLI::App app{"Gastvrij — the hospitable front desk: kiosk, reception companion and their service."};
    app.set_version_flag("--version", std::string("gastvrij ") + GASTVRIJ_VERSION);
    app.require_subcommand(1);
    int status = 0;

    using Register = void (*)(CLI::App&, int&);
    static const Register table[] = {
        register_validate, register_purge, register_export, register_bench,
        register_kiosk, register_screenshots,
        register_report, register_seed,
        register_serve, register_bench_sse,
        register_bench_kiosk,
        register_desk, register_desk_screenshots,
    };
    for (Register r : table) r(app, status);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    return status;
}

}  // namespace gastvrij
