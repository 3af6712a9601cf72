#include "cli/common.h"

#include <cstdio>

#include <filesystem>
#include <ostream>
#include <sstream>

#include "log/log.h"

namespace gastvrij {

std::optional<Config> load_config_or_explain(const std::string& dir, std::ostream& err) {
    LoadResult r = load_config(dir);
    if (r.ok()) return std::move(r.config);
    for (const auto& d : r.diagnostics)
        if (d.level == Diagnostic::Level::Error) err << d.format() << "\n";
    err << "The configuration in " << dir << " has errors; run `gastvrij validate " << dir
        << "` for the full list.\n";
    return std::nullopt;
}

std::optional<Config> load_config_or_log(const std::string& dir) {
    std::ostringstream err;
    std::optional<Config> c = load_config_or_explain(dir, err);
    if (!c) log::error(err.str());
    return c;
}

std::string assets_dir_for(const Config& c) {
    return std::filesystem::path(c.photos_dir).parent_path().string();
}

std::optional<WindowSize> parse_window_size(const std::string& text, int min_width, int min_height) {
    WindowSize s;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%dx%d%c", &s.width, &s.height, &tail) != 2) return std::nullopt;
    if (s.width < min_width || s.height < min_height) return std::nullopt;
    return s;
}

}  // namespace gastvrij
