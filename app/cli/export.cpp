// `gastvrij export visits|surveys [--data FILE] [--from YYYY-MM-DD]
// [--to YYYY-MM-DD] [--out FILE] [--config DIR]`: CSV for the manager's
// spreadsheet, local dates inclusive, to stdout unless --out is given, of
// this office ([office] id in the configuration). Visitors' names are not
// exported (see store/csv_export.h).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <memory>

#include "cli/commands.h"
#include "cli/common.h"
#include "store/csv_export.h"
#include "store/open_store.h"

namespace gastvrij {

namespace {

struct ExportArgs {
    std::string what;
    std::string data;
    std::string from, to;  // local dates, both inclusive; empty = unbounded
    std::string out;
    std::string config;
};

// The local midnight starting `date` ("2026-11-23"), `extra_days` later.
std::optional<Timestamp> local_midnight(const std::string& date, int extra_days) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (std::sscanf(date.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return std::nullopt;
    if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    int cy = 0, cm = 0, cd = 0;
    civil_from_days(days_from_civil(y, m, d), cy, cm, cd);
    if (cy != y || cm != m || cd != d) return std::nullopt;  // 2026-02-30
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d + extra_days;
    tm.tm_isdst = -1;  // let the time zone decide (summer time)
    return static_cast<Timestamp>(std::mktime(&tm));
}

int run_export(const ExportArgs& a) {
    Timestamp from = std::numeric_limits<Timestamp>::min();
    Timestamp to = std::numeric_limits<Timestamp>::max();
    if (!a.from.empty()) {
        auto t = local_midnight(a.from, 0);
        if (!t) {
            std::cerr << "gastvrij export: --from " << a.from << " is not a date — write it as 2026-11-01\n";
            return 2;
        }
        from = *t;
    }
    if (!a.to.empty()) {
        auto t = local_midnight(a.to, 1);  // through the end of that day
        if (!t) {
            std::cerr << "gastvrij export: --to " << a.to << " is not a date — write it as 2026-11-30\n";
            return 2;
        }
        to = *t;
    }
    if (from >= to) {
        std::cerr << "gastvrij export: --from " << a.from << " lies after --to " << a.to << "\n";
        return 2;
    }
    if (!store_exists(a.data)) {
        std::cerr << "gastvrij export: there is no data file at " << store_label(a.data) << " — pass --data FILE\n";
        return 1;
    }
    const auto config = load_config_or_explain(a.config, std::cerr);
    if (!config) return 1;
    try {
        const auto store_opened = open_store(a.data, config->kiosk.office_id, {}, StoreUse::Read);
        Store& store = *store_opened;
        SystemClock clock;
        std::ofstream file;
        if (!a.out.empty()) {
            file.open(a.out, std::ios::binary | std::ios::trunc);
            if (!file) {
                std::cerr << "gastvrij export: cannot write " << a.out << " — check the folder and permissions\n";
                return 1;
            }
        }
        std::ostream& out = a.out.empty() ? std::cout : file;
        const std::size_t rows = a.what == "visits" ? export_visits_csv(store, clock, from, to, out)
                                                    : export_surveys_csv(store, clock, from, to, out);
        out.flush();
        if (!out) {
            std::cerr << "gastvrij export: writing " << (a.out.empty() ? "the output" : a.out)
                      << " failed (disk full?)\n";
            return 1;
        }
        if (!a.out.empty()) std::cerr << "wrote " << rows << " " << a.what << " to " << a.out << "\n";
    } catch (const StoreError& e) {
        std::cerr << "gastvrij export: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace

void register_export(CLI::App& app, int& status) {
    auto* cmd = app.add_subcommand("export", "Write visits or survey answers as CSV (RFC 4180) for a spreadsheet");
    auto args = std::make_shared<ExportArgs>();
    args->data = default_data_file();
    cmd->add_option("what", args->what, "visits or surveys")->required()->check(CLI::IsMember({"visits", "surveys"}));
    cmd->add_option("--data", args->data, "data file")->capture_default_str();
    cmd->add_option("--from", args->from, "first local date, YYYY-MM-DD (default: from the first record)");
    cmd->add_option("--to", args->to, "last local date, YYYY-MM-DD, included (default: up to the last record)");
    cmd->add_option("--out", args->out, "CSV file to write (default: standard output)");
    args->config = default_config_dir();
    cmd->add_option("--config", args->config, "configuration folder: which office ([office] id)")
        ->capture_default_str();
    cmd->callback([&status, args] { status = run_export(*args); });
}

}  // namespace gastvrij
