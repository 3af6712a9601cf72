// gastvrij: the headless program — the service and every command an office
// runs on a server, with no window system linked. The kiosk and the companion
// are sibling programs; `gastvrij kiosk …` and `gastvrij desk …` start them.
#include <array>

#include "cli/commands.h"

int main(int argc, char** argv) {
    using namespace gastvrij;
    static constexpr std::array<ForwardedCommand, 5> siblings{{
        {"kiosk", "gastvrij-kiosk", "Run the visitor's touch kiosk"},
        {"screenshots", "gastvrij-kiosk", "Render every kiosk screen to PNG"},
        {"bench kiosk", "gastvrij-kiosk", "Start-up, frame time and idle CPU of the kiosk"},
        {"desk", "gastvrij-desk", "Run the reception companion"},
        {"desk-screenshots", "gastvrij-desk", "Render every screen of the companion to PNG"},
    }};
    if (auto status = forward_to_sibling(argc, argv, siblings)) return *status;

    static constexpr std::array<RegisterCommand, 13> table{
        register_validate, register_purge,  register_export,    register_bench,     register_report,     register_seed,
        register_serve,    register_backup, register_doctor,    register_bench_sse, register_bench_http,
        register_kiosk_session_env, register_migrate_store,
    };
    return run_cli(argc, argv, "Gastvrij — the hospitable front desk: its service and the office's commands.", table,
                   siblings);
}
