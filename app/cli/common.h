#pragma once
// Helpers shared by the subcommands: loading the configuration with every
// problem explained, and where the assets live.
#include <iosfwd>
#include <optional>
#include <string>

#include "config/config.h"

namespace gastvrij {

// Loads `dir`; on errors prints each as file:line and returns nullopt.
std::optional<Config> load_config_or_explain(const std::string& dir, std::ostream& err);
// The same, the errors logged (log/log.h: with priorities under systemd).
std::optional<Config> load_config_or_log(const std::string& dir);
// The assets folder (photos/, icons/, welcome.png) belonging to a config.
std::string assets_dir_for(const Config& c);

struct WindowSize {
    int width = 0, height = 0;
};
// "1920x1080" for --size; nullopt when malformed or smaller than the minimum.
std::optional<WindowSize> parse_window_size(const std::string& text, int min_width, int min_height);

}  // namespace gastvrij
