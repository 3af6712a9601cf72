// `gastvrij validate` is what an office manager runs after editing: every
// problem as file:line, a summary, and an exit status a script can test.
#include <sys/wait.h>

#include <array>
#include <cstdio>

#include "config_support.h"

using namespace gastvrij;
using namespace gastvrij::testing;

namespace {

struct CommandRun {
    int status = -1;
    std::string out;
};

CommandRun run(const std::string& args) {
    CommandRun r;
    std::string cmd = std::string("'") + GASTVRIJ_BINARY + "' " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

}  // namespace

TEST(ValidateCommand, DemoConfigPassesWithStatusZero) {
    CommandRun r = run("validate '" + demo_dir().string() + "'");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("0 errors, 0 warnings — OK: 8 topics, 15 colleagues in 5 teams, 5 languages"),
              std::string::npos)
        << r.out;
}

TEST(ValidateCommand, ListsEveryProblemWithFileAndLineAndFails) {
    DemoCopy copy;
    int l1 = copy.replace("kiosk.toml", "warning_seconds = 30", "warning_seconds = 10");
    int l2 = copy.replace("staff.csv", "1011,Fatma,Yılmaz,verhuur,", "1011,Fatma,Yılmaz,verhur,");
    int l3 = copy.replace("kiosk.toml", "public_url = \"https://", "public_url = \"http://");
    CommandRun r = run("validate '" + copy.dir() + "'");
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("kiosk.toml:" + std::to_string(l1) + ": error: [timeouts]: warning_seconds = 10"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("staff.csv:" + std::to_string(l2) + ": error: unknown team 'verhur'"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("kiosk.toml:" + std::to_string(l3) + ": warning: [service]: public_url uses http://"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("2 errors, 1 warning"), std::string::npos) << r.out;
}

TEST(ValidateCommand, WarningsAloneDoNotFail) {
    DemoCopy copy;
    copy.replace("kiosk.toml", "public_url = \"https://", "public_url = \"http://");
    CommandRun r = run("validate '" + copy.dir() + "'");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("0 errors, 1 warning"), std::string::npos) << r.out;
}

TEST(ValidateCommand, HashPinPrintsALineForKioskToml) {
    CommandRun r = run("validate --hash-pin 2468");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(r.out, "pin_hash = \"" + hash_pin("2468") + "\"\n");
}
