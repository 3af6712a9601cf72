#pragma once
// The subcommand table of `gastvrij`. Each subcommand lives in its own file of
// app/cli and registers itself with a function listed in commands.cpp; all of
// them are dispatched before any window opens.
#include <string>

namespace CLI { class App; }

namespace gastvrij {

int run_cli(int argc, char** argv);

// Default locations, overridable on every command line: the demo config in the
// source tree when run from a build, otherwise the packaged paths.
std::string default_config_dir();
std::string default_data_file();

// Each registers one subcommand; the callback stores its exit status in `status`.
void register_validate(CLI::App& app, int& status);
void register_purge(CLI::App& app, int& status);
void register_export(CLI::App& app, int& status);
void register_bench(CLI::App& app, int& status);
void register_kiosk(CLI::App& app, int& status);
void register_screenshots(CLI::App& app, int& status);
void register_report(CLI::App& app, int& status);     // report.cpp: `report` and `bench report`
void register_seed(CLI::App& app, int& status);       // seed.cpp
void register_serve(CLI::App& app, int& status);      // serve.cpp
void register_bench_sse(CLI::App& app, int& status);  // bench_sse.cpp: `bench sse`
void register_bench_kiosk(CLI::App& app, int& status);  // bench_kiosk.cpp: `bench kiosk`
void register_desk(CLI::App& app, int& status);       // desk.cpp
void register_desk_screenshots(CLI::App& app, int& status);  // desk_screenshots.cpp

}  // namespace gastvrij
