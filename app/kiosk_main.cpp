// gastvrij-kiosk: the visitor's touch kiosk (with its embedded service, or
// talking to a `gastvrij serve` elsewhere), its screenshots and its benchmark.
#include <array>

#include "cli/commands.h"

int main(int argc, char** argv) {
    using namespace gastvrij;
    static constexpr std::array<RegisterCommand, 3> table{register_kiosk, register_screenshots, register_bench_kiosk};
    return run_cli(argc, argv, "Gastvrij kiosk — the visitor's touch screen at the front desk.", table);
}
