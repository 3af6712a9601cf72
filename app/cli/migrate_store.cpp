// `gastvrij migrate-store --from FILE --to postgresql://…`: moves an office
// from its SQLite file onto the corporation's PostgreSQL database, in one
// transaction, ids and all. Stop the office's kiosk and service first.
#include <CLI/CLI.hpp>
#include <iomanip>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "domain/office_id.h"
#include "store/migrate_store.h"
#include "store/open_store.h"
#include "store/store_lock.h"

namespace gastvrij {

namespace {

int run_migrate_store(const std::string& from, const std::string& to, const std::string& office) {
    if (!office.empty() && !valid_office_id(office)) {
        std::cerr << "gastvrij migrate-store: --office '" << office
                  << "' may use only letters, digits, - and _ — give the office's [office] id from kiosk.toml\n";
        return 2;
    }
    try {
        // Like restore: no kiosk or service may write the file while it moves.
        const StoreLock moving(from, StoreLock::Mode::Exclusive);
        const MigrateResult r = migrate_store(from, to, office);
        std::cout << "Moved " << store_label(from) << " into " << store_label(to) << " in " << std::fixed
                  << std::setprecision(1) << r.seconds << " s:\n";
        for (const auto& t : r.tables) std::cout << "  " << std::left << std::setw(18) << t.name << t.rows << "\n";
        std::cout << "Row counts match on both sides. Point every kiosk and service of this office at the "
                     "database ([store] url in kiosk.toml), then keep the file as a backup.\n";
        return 0;
    } catch (const StoreError& e) {
        std::cerr << "gastvrij migrate-store: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace

void register_migrate_store(CLI::App& app, int& status) {
    auto* cmd = app.add_subcommand("migrate-store",
                                   "Move an office's data file into a PostgreSQL database (empty), in one transaction");
    auto from = std::make_shared<std::string>();
    auto to = std::make_shared<std::string>();
    auto office = std::make_shared<std::string>();
    cmd->add_option("--from", *from, "the office's data file")->required();
    cmd->add_option("--to", *to, "postgresql://… address of an empty database")->required();
    cmd->add_option("--office", *office,
                    "the office the file is: its [office] id in kiosk.toml (default: as the file says, or "
                    "main)");
    cmd->callback([&status, from, to, office] { status = run_migrate_store(*from, *to, *office); });
}

}  // namespace gastvrij
