#pragma once
// Made-up office history for demos and benchmarks (`gastvrij seed`, `bench
// report`), and the local-date arithmetic the report and seed commands share.
#include <cstdint>
#include <optional>
#include <string>

#include "config/config.h"
#include "domain/clock.h"

namespace gastvrij {

class Store;

// The instant `minute_of_day` on the local date `date` ("2026-11-23") plus
// `days_later`, in this machine's time zone (TZ). nullopt when `date` is not a
// real date written YYYY-MM-DD.
std::optional<Timestamp> local_instant(const std::string& date, int days_later, int minute_of_day);

struct SeedPlan {
    int days = 30;                 // local days of history, ending with `last_day`
    std::string last_day;          // "2026-11-22"; empty = yesterday
    int visits_per_day = 120;      // on average over the days the office is open
    std::uint64_t seed = 1;        // same seed, config and days → the same rows
};

struct SeedSummary {
    std::string first_day, last_day;
    int open_days = 0;
    std::int64_t visits = 0, events = 0, surveys = 0, callbacks = 0;
};

// Writes the history into `store` (visits with their events, surveys,
// callbacks) following the office's opening hours, staff and topics in
// `config`; callbacks not yet due or handled are judged against `now`.
// Throws StoreError.
SeedSummary seed_history(Store& store, const Config& config, const SeedPlan& plan, Timestamp now);

}  // namespace gastvrij
