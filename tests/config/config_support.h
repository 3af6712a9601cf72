#pragma once
// Helpers for the config tests: a private copy of the demo office in a temp
// folder that a test may break, and look-ups over the diagnostics.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "config/config.h"

namespace gastvrij::testing {

namespace fs = std::filesystem;

inline fs::path demo_dir() { return fs::path(GASTVRIJ_SOURCE_DIR) / "kiosk-config"; }

inline std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline void write_all(const fs::path& p, const std::string& s) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << s;
}

// kiosk-config/ and assets/ side by side, as in the source tree, so the
// demo's assets = "../assets" holds.
class DemoCopy {
public:
    DemoCopy() {
        static int counter = 0;
        root_ = fs::temp_directory_path() /
                ("gastvrij-config-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
        fs::remove_all(root_);
        fs::create_directories(root_);
        fs::copy(demo_dir(), root_ / "kiosk-config", fs::copy_options::recursive);
        fs::copy(demo_dir().parent_path() / "assets", root_ / "assets", fs::copy_options::recursive);
    }
    ~DemoCopy() {
        std::error_code ec;
        fs::remove_all(root_, ec);
    }
    DemoCopy(const DemoCopy&) = delete;
    DemoCopy& operator=(const DemoCopy&) = delete;

    std::string dir() const { return (root_ / "kiosk-config").string(); }
    fs::path file(const std::string& rel) const { return root_ / "kiosk-config" / rel; }
    fs::path root() const { return root_; }

    std::string read(const std::string& rel) const { return read_all(file(rel)); }
    void write(const std::string& rel, const std::string& s) const { write_all(file(rel), s); }

    // Replaces the first `from` by `to` in a config file and returns the
    // 1-based line where the change is. Fails the test if `from` is absent.
    int replace(const std::string& rel, const std::string& from, const std::string& to) const {
        std::string s = read(rel);
        auto pos = s.find(from);
        EXPECT_NE(pos, std::string::npos) << "'" << from << "' not in " << rel;
        if (pos == std::string::npos) return -1;
        int line = 1 + static_cast<int>(std::count(s.begin(), s.begin() + static_cast<long>(pos), '\n'));
        s.replace(pos, from.size(), to);
        write(rel, s);
        return line;
    }

    // The 1-based line of the first occurrence of `needle` in a config file.
    int line_of(const std::string& rel, const std::string& needle) const {
        std::string s = read(rel);
        auto pos = s.find(needle);
        EXPECT_NE(pos, std::string::npos) << "'" << needle << "' not in " << rel;
        if (pos == std::string::npos) return -1;
        return 1 + static_cast<int>(std::count(s.begin(), s.begin() + static_cast<long>(pos), '\n'));
    }

private:
    fs::path root_;
};

inline std::string dump(const LoadResult& r) {
    std::string s;
    for (const auto& d : r.diagnostics)
        s += std::string(d.level == Diagnostic::Level::Error ? "  error   " : "  warning ") + d.format() + "\n";
    return s;
}

inline int count_errors(const LoadResult& r) {
    int n = 0;
    for (const auto& d : r.diagnostics) n += d.level == Diagnostic::Level::Error;
    return n;
}

// The first diagnostic of `level` in `file` whose message contains `part`.
inline const Diagnostic* find_diag(const LoadResult& r, const std::string& file, const std::string& part,
                                   Diagnostic::Level level = Diagnostic::Level::Error) {
    for (const auto& d : r.diagnostics)
        if (d.level == level && d.file == file && d.message.find(part) != std::string::npos) return &d;
    return nullptr;
}

}  // namespace gastvrij::testing
