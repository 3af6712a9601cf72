// `gastvrij kiosk-session-env --config DIR --out FILE`: what the kiosk
// session's unit needs from kiosk.toml before cage starts, as a systemd
// environment file. The unit runs it as ExecStartPre= and reads FILE with
// EnvironmentFile=, which systemd reads anew for each command it starts, so
// cage gets the rotation of the configuration as it is at this start:
//   CAGE_ARGS=-r -r        ([panel] rotation = 180; cage 0.1.4 turns 90° per -r)
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <memory>

#include "cli/commands.h"
#include "cli/common.h"
#include "log/log.h"

namespace gastvrij {

namespace {

struct SessionEnvArgs {
    std::string config = default_config_dir();
    std::string out;
};

// cage 0.1.4 rotates 90° clockwise per -r.
std::string cage_rotation_args(int degrees) {
    std::string args;
    for (int quarter = 0; quarter < degrees / 90; ++quarter) args += quarter == 0 ? "-r" : " -r";
    return args;
}

int run_session_env(const SessionEnvArgs& a) {
    const std::optional<Config> config = load_config_or_log(a.config);
    if (!config) return 2;
    const std::string text = "CAGE_ARGS=" + cage_rotation_args(config->kiosk.panel_rotation) + "\n";
    // Written beside and renamed: a start never reads half a file.
    const std::filesystem::path out(a.out), part(a.out + ".part");
    {
        std::ofstream f(part, std::ios::trunc);
        f << text;
        if (!f.flush()) {
            log::error("gastvrij kiosk-session-env: cannot write " + part.string());
            return 1;
        }
    }
    std::error_code ec;
    std::filesystem::rename(part, out, ec);
    if (ec) {
        log::error("gastvrij kiosk-session-env: cannot write " + out.string() + ": " + ec.message());
        return 1;
    }
    return 0;
}

}  // namespace

void register_kiosk_session_env(CLI::App& app, int& status) {
    auto* cmd = app.add_subcommand("kiosk-session-env",
                                   "Write the kiosk session's settings (cage's rotation) as an environment file for systemd");
    auto a = std::make_shared<SessionEnvArgs>();
    cmd->add_option("--config", a->config, "the configuration folder")->capture_default_str();
    cmd->add_option("--out", a->out, "the file to write, e.g. /run/gastvrij-kiosk/session.env")->required();
    cmd->callback([a, &status] { status = run_session_env(*a); });
}

}  // namespace gastvrij
