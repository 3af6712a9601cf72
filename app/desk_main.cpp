// gastvrij-desk: the reception companion and its screenshots.
#include <array>

#include "cli/commands.h"

int main(int argc, char** argv) {
    using namespace gastvrij;
    static constexpr std::array<RegisterCommand, 2> table{register_desk, register_desk_screenshots};
    return run_cli(argc, argv, "Gastvrij balie — the reception companion.", table);
}
