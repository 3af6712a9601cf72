// `gastvrij validate [DIR]`: checks the configuration an office manager edits
// and lists every mistake as file:line, so all of them can be fixed in one go.
// `--hash-pin 1234` prints the pin_hash line for kiosk.toml.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "config/config.h"

namespace gastvrij {

namespace {

constexpr int kMostShown = 100;

int run_validate(const std::string& dir) {
    LoadResult r = load_config(dir);
    int errors = 0, warnings = 0, shown = 0;
    for (const Diagnostic& d : r.diagnostics) {
        bool error = d.level == Diagnostic::Level::Error;
        (error ? errors : warnings)++;
        // A broken export can hold thousands of bad rows: the first ones show
        // the pattern, a count says how far it goes.
        if (shown == kMostShown) continue;
        ++shown;
        std::string where = d.file + (d.line > 0 ? ":" + std::to_string(d.line) : "");
        std::cout << where << ": " << (error ? "error: " : "warning: ") << d.message << '\n';
    }
    if (const std::size_t hidden = r.diagnostics.size() - std::size_t(shown))
        std::cout << "… and " << hidden << " more not shown — fix the ones above first, then run validate again\n";
    std::cout << dir << ": " << errors << (errors == 1 ? " error, " : " errors, ") << warnings
              << (warnings == 1 ? " warning" : " warnings");
    if (r.config) {
        const Directory& d = r.config->directory;
        std::cout << " — OK: " << d.topics.size() << " topics, " << d.staff.size() << " colleagues in "
                  << d.teams.size() << " teams, " << r.config->kiosk.languages.size() << " languages\n";
    } else {
        std::cout << " — fix the errors above, then run validate again\n";
    }
    return errors > 0 ? 1 : 0;
}

}  // namespace

void register_validate(CLI::App& app, int& status) {
    auto* cmd = app.add_subcommand("validate", "Check kiosk-config/ and list every mistake with file and line");
    auto dir = std::make_shared<std::string>();
    auto pin = std::make_shared<std::string>();
    cmd->add_option("dir", *dir, "the configuration folder (default: " + default_config_dir() + ")");
    cmd->add_option("--hash-pin", *pin, "print the pin_hash line for kiosk.toml [admin] for this PIN, then stop");
    cmd->callback([&status, dir, pin] {
        if (!pin->empty()) {
            if (pin->size() < 4) std::cerr << "warning: a PIN of at least 4 digits is harder to guess\n";
            std::cout << "pin_hash = \"" << hash_pin(*pin) << "\"\n";
            status = 0;
            return;
        }
        status = run_validate(dir->empty() ? default_config_dir() : *dir);
    });
}

}  // namespace gastvrij
