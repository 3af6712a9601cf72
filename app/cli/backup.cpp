// `gastvrij backup [--data FILE] [--out DIR] [--keep N]`: a consistent copy of
// the data file, also while the service writes to it, into a dated file of
// DIR; keeps the newest N copies there. Meant for the daily timer
// (gastvrij-backup.timer).
//
// `gastvrij restore FILE [--data TARGET]`: puts a copy back once the service
// is stopped; the replaced file is kept as TARGET.before-restore.
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "store/backup.h"
#include "store/migrations.h"

namespace gastvrij {

namespace {

std::string size_text(std::int64_t bytes) {
    if (bytes < 1024 * 1024) return std::to_string((bytes + 1023) / 1024) + " KB";
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return text;
}

int run_backup(const std::string& data, const std::string& out, int keep) {
    try {
        const auto started = std::chrono::steady_clock::now();
        const BackupCopy copy = backup_store(data, out, keep);
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        std::cout << data << " → " << copy.file << " (" << size_text(copy.bytes) << ", data version "
                  << copy.schema_version << ", checked, " << ms.count() << " ms)\n";
        for (const auto& f : copy.removed) std::cout << "  removed the older backup " << f << "\n";
        std::cout << "  " << backups_in(out).size() << " backups in " << out << " (--keep " << keep << ")\n";
        return 0;
    } catch (const StoreError& e) {
        std::cerr << "gastvrij backup: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "gastvrij backup: " << e.what() << "\n";
        return 1;
    }
}

int run_restore(const std::string& copy, const std::string& data) {
    try {
        const Restored r = restore_store(copy, data);
        std::cout << "Restored " << data << " from " << copy << " (data version " << r.schema_version << ").\n";
        if (!r.previous.empty()) std::cout << "  the file it replaced is kept as " << r.previous << "\n";
        if (r.schema_version < sqlite::latest_schema_version())
            std::cout << "  it is brought up to data version " << sqlite::latest_schema_version()
                      << " when the service next starts\n";
        std::cout << "  start the service again: systemctl start gastvrij-serve (or gastvrij-kiosk)\n";
        return 0;
    } catch (const StoreError& e) {
        std::cerr << "gastvrij restore: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "gastvrij restore: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace

void register_backup(CLI::App& app, int& status) {
    auto* cmd = app.add_subcommand("backup", "Copy the data file consistently (also while the service runs) into a "
                                             "dated file, keeping the newest N");
    auto data = std::make_shared<std::string>(default_data_file());
    auto out = std::make_shared<std::string>("/var/backups/gastvrij");
    auto keep = std::make_shared<int>(14);
    cmd->add_option("--data", *data, "data file")->capture_default_str();
    cmd->add_option("--out", *out, "backup folder (created if missing)")->capture_default_str();
    cmd->add_option("--keep", *keep, "how many backups to keep in that folder, newest first")
        ->capture_default_str()
        ->check(CLI::Range(1, 10000));
    cmd->callback([&status, data, out, keep] { status = run_backup(*data, *out, *keep); });

    auto* restore = app.add_subcommand(
        "restore", "Put a backup back in place of the data file (stop the service first); keeps the file it replaces");
    auto copy = std::make_shared<std::string>();
    auto target = std::make_shared<std::string>(default_data_file());
    restore->add_option("file", *copy, "the backup, e.g. /var/backups/gastvrij/gastvrij-20261207-031500.db")->required();
    restore->add_option("--data", *target, "data file to replace")->capture_default_str();
    restore->callback([&status, copy, target] { status = run_restore(*copy, *target); });
}

}  // namespace gastvrij
