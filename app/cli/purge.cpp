// `gastvrij purge [--config DIR] [--data FILE]`: applies kiosk.toml's
// [retention] now — erases visitors' first names and the phone numbers of
// handled callback requests past their time — and says what it erased.
// Meant for a daily timer; counts, ratings and the event log stay.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/common.h"
#include "store/open_store.h"
#include "store/store_lock.h"

namespace gastvrij {

namespace {

std::string plural(int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string days(int n) { return n == 0 ? std::string("0 days") : plural(n, "day", "days"); }

int run_purge(const std::string& config_dir, const std::string& data_option) {
    std::optional<Config> config = load_config_or_explain(config_dir, std::cerr);
    if (!config) return 1;
    const std::string data = data_address(data_option, *config);
    if (!store_exists(data)) {
        std::cerr << "gastvrij purge: there is no data file at " << store_label(data)
                  << " — nothing to erase (pass --data FILE if it lives elsewhere)\n";
        return 1;
    }
    const RetentionPolicy& policy = config->kiosk.retention;
    SystemClock clock;
    const Timestamp now = clock.now();
    const Timestamp midnight = clock.start_of_day(now);
    // A running service writes the file and erases past retention by itself (at
    // start and every new day): then the daily timer has nothing to do.
    const std::string writer = StoreLock::holder(data);
    if (writer == "serve" || writer == "kiosk") {
        std::cout << store_label(data) << ": "
                  << (writer == "serve" ? "gastvrij serve" : "the kiosk with its service")
                  << " writes this data file and erases first names and phone numbers past retention by itself, "
                     "at start and every new day — nothing to do here (restart it to apply a changed "
                     "[retention] at once).\n";
        return 0;
    }
    try {
        const StoreLock in_use(data, StoreLock::Mode::Writer);  // no service writes while we do
        const auto store_opened = open_store(data, config->kiosk.office_id);
        Store& store = *store_opened;
        const PurgeResult r = store.purge(policy, now, midnight);
        std::cout << store_label(data) << ": erased " << plural(r.names_erased, "first name", "first names") << " and "
                  << plural(r.phones_erased, "phone number", "phone numbers") << ".\n"
                  << "  first names are kept "
                  << (policy.name_keep_days == 0 ? std::string("until the end of the day of the visit")
                                                 : days(policy.name_keep_days) + " after the day of the visit")
                  << "; phone numbers " << days(policy.callback_keep_days)
                  << " after the callback was handled (kiosk.toml [retention]).\n";
    } catch (const StoreError& e) {
        std::cerr << "gastvrij purge: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace

void register_purge(CLI::App& app, int& status) {
    auto* cmd = app.add_subcommand(
        "purge", "Erase first names and handled callers' phone numbers past kiosk.toml's retention");
    auto config = std::make_shared<std::string>(default_config_dir());
    auto data = std::make_shared<std::string>();
    cmd->add_option("--config", *config, "configuration folder")->capture_default_str();
    cmd->add_option("--data", *data, "data file or postgresql://… address")->default_str(data_default_text());
    cmd->callback([&status, config, data] { status = run_purge(*config, *data); });
}

}  // namespace gastvrij
