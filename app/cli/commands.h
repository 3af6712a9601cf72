#pragma once
// The subcommands of Gastvrij's three programs. Each subcommand lives in its
// own file of app/cli and registers itself with a function; each program's
// main (app/*main.cpp) lists its table, dispatched before any window opens:
//   gastvrij        headless: serve, validate, report, export, purge, seed, backup,
//                   restore, doctor, bench
//                   (links no SDL, ImGui, espeak or X11, so a server needs none)
//   gastvrij-kiosk  kiosk, screenshots, bench kiosk
//   gastvrij-desk   desk, desk-screenshots
// `gastvrij kiosk …` and `gastvrij desk …` run the sibling program, so people
// and units keep one name to remember.
#include <optional>
#include <span>
#include <string>

namespace CLI { class App; }

namespace gastvrij {

using RegisterCommand = void (*)(CLI::App& app, int& status);

// A subcommand that lives in a sibling program (`gastvrij-kiosk`, `gastvrij-desk`).
struct ForwardedCommand {
    const char* path;     // "kiosk", or "bench kiosk" for a nested one
    const char* program;  // the sibling executable's file name
    const char* about;
};
// When argv names a forwarded command, replaces this process with the sibling
// program installed beside this one (same arguments); returns only when it
// could not, with the exit status to use after explaining why. nullopt: argv
// names no forwarded command.
std::optional<int> forward_to_sibling(int argc, char** argv, std::span<const ForwardedCommand> forwarded);

// Parses argv against `table` and runs the chosen subcommand; its exit status.
// `forwarded` commands are only listed in --help: forward_to_sibling runs them.
int run_cli(int argc, char** argv, const std::string& about, std::span<const RegisterCommand> table,
            std::span<const ForwardedCommand> forwarded = {});

// Default locations, overridable on every command line and by GASTVRIJ_CONFIG,
// GASTVRIJ_ASSETS and GASTVRIJ_DATA: the demo office in the source tree when
// run from the build tree, otherwise the install prefix's (/etc/gastvrij,
// /usr/share/gastvrij).
std::string default_config_dir();
// The icons and pictures the companion draws with (the kiosk finds its own
// through the configuration's `assets`).
std::string default_assets_dir();
std::string default_data_file();

struct Config;
// The store a command uses: --data when given, else [store] url of
// kiosk.toml, else this machine's data file (default_data_file()).
std::string data_address(const std::string& from_option, const Config& config);
// The --data option's help default: what data_address picks without it.
std::string data_default_text();
// Where the service keeps what is its own beside the data (its TLS key and
// certificate): the data file's folder, under systemd the StateDirectory.
std::string state_dir_of(const std::string& data_file);

// Each registers one subcommand; the callback stores its exit status in `status`.
void register_validate(CLI::App& app, int& status);
void register_purge(CLI::App& app, int& status);
void register_export(CLI::App& app, int& status);
void register_bench(CLI::App& app, int& status);
void register_kiosk(CLI::App& app, int& status);
void register_screenshots(CLI::App& app, int& status);
void register_report(CLI::App& app, int& status);     // report.cpp: `report` and `bench report`
void register_seed(CLI::App& app, int& status);       // seed.cpp
void register_backup(CLI::App& app, int& status);     // backup.cpp: `backup` and `restore`
void register_doctor(CLI::App& app, int& status);     // doctor.cpp
void register_serve(CLI::App& app, int& status);      // serve.cpp
void register_migrate_store(CLI::App& app, int& status);  // migrate_store.cpp
void register_kiosk_session_env(CLI::App& app, int& status);  // kiosk_session_env.cpp: for the kiosk unit
void register_bench_sse(CLI::App& app, int& status);  // bench_sse.cpp: `bench sse`
void register_bench_http(CLI::App& app, int& status);  // bench_http.cpp: `bench http`
void register_bench_kiosk(CLI::App& app, int& status);  // bench_kiosk.cpp: `bench kiosk`
void register_desk(CLI::App& app, int& status);       // desk.cpp
void register_desk_screenshots(CLI::App& app, int& status);  // desk_screenshots.cpp

}  // namespace gastvrij
