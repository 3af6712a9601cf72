#pragma once
// Shared by the command tests: run the real `gastvrij` executable as a child
// process in the office's time zone, and a temporary folder for its files.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include "support/temp_dir.h"

namespace gastvrij::cli_test {

// The office's time zone, for the child and for this test process alike, so
// both agree on where a local day begins.
inline constexpr const char* kTimeZone = "Europe/Amsterdam";

inline std::string demo_config() { return std::string(GASTVRIJ_SOURCE_DIR) + "/kiosk-config"; }

using TempDir = test_support::TempDir;

struct Run {
    int status = -1;
    std::string out, err;
};

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// `args` is passed to the shell as written: quote paths with '…'.
inline Run run(const std::string& args) {
    static TempDir scratch;
    static int n = 0;
    const std::string out = scratch.file("out" + std::to_string(n)), err = scratch.file("err" + std::to_string(n));
    ++n;
    const std::string cmd = std::string("TZ=") + kTimeZone + " '" + GASTVRIJ_BINARY + "' " + args + " >'" + out +
                            "' 2>'" + err + "'";
    Run r;
    const int st = std::system(cmd.c_str());
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
}

}  // namespace gastvrij::cli_test
