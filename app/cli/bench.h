#pragma once
// `gastvrij bench …`: measurements on this machine, one sub-subcommand per
// part (store here; kiosk and sse can sit beside it). Each part registers with
//   bench_command(app)->add_subcommand("kiosk", "…")
// from its own register function; `bench` is created by whoever comes first.
#include <vector>

namespace CLI { class App; }

namespace gastvrij {

CLI::App* bench_command(CLI::App& app);

// The p-th (0…1) percentile of `v` by nearest rank, as the store's report
// computes its percentiles; 0 for no values.
double percentile(std::vector<double> v, double p);

}  // namespace gastvrij
