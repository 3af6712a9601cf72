// Configuration files that are not what they seem — a link to /dev/zero, a
// pipe, a link loop, a file far too large, a pasted megabyte in a name,
// thousands of broken rows — each get a clear message naming the file, and
// `validate` neither hangs nor eats the machine's memory.
#include <sys/stat.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>

#include "config_support.h"

using namespace gastvrij;
using namespace gastvrij::testing;

namespace {

std::string validate_output(const std::string& dir, int* status) {
    const std::string cmd = std::string("'") + GASTVRIJ_BINARY + "' validate '" + dir + "' 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    if (!p) return out;
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    const int st = pclose(p);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return out;
}

TEST(HostileFiles, ALinkToADeviceIsRefusedWithoutReadingIt) {
    DemoCopy demo;
    fs::remove(demo.file("staff.csv"));
    fs::create_symlink("/dev/zero", demo.file("staff.csv"));
    const LoadResult r = load_config(demo.dir());
    EXPECT_FALSE(r.ok());
    EXPECT_NE(find_diag(r, "staff.csv", "not a plain file"), nullptr) << dump(r);
}

TEST(HostileFiles, APipeIsRefusedInsteadOfWaitedOn) {
    DemoCopy demo;
    fs::remove(demo.file("topics.toml"));
    ASSERT_EQ(::mkfifo(demo.file("topics.toml").c_str(), 0600), 0);
    const LoadResult r = load_config(demo.dir());  // opening a FIFO would block here
    EXPECT_NE(find_diag(r, "topics.toml", "not a plain file"), nullptr) << dump(r);
}

TEST(HostileFiles, LinkLoopsAndBrokenLinksAreNamedAsSuch) {
    DemoCopy demo;
    fs::remove(demo.file("kiosk.toml"));
    fs::create_symlink("loop-b", demo.file("loop-a"));
    fs::create_symlink("loop-a", demo.file("loop-b"));
    fs::create_symlink("loop-a", demo.file("kiosk.toml"));
    LoadResult r = load_config(demo.dir());
    EXPECT_NE(find_diag(r, "kiosk.toml", "leads round in a circle"), nullptr) << dump(r);
    EXPECT_EQ(find_diag(r, "kiosk.toml", "file not found"), nullptr) << dump(r);

    fs::remove(demo.file("kiosk.toml"));
    fs::create_symlink("/nonexistent/kiosk.toml", demo.file("kiosk.toml"));
    r = load_config(demo.dir());
    EXPECT_NE(find_diag(r, "kiosk.toml", "which does not exist"), nullptr) << dump(r);
}

TEST(HostileFiles, AFileLargerThanAnyOfficeNeedsIsRefused) {
    DemoCopy demo;
    std::string texts = demo.read("texts/nl.toml");
    texts += "\n# " + std::string(4 * 1024 * 1024, 'x') + "\n";
    demo.write("texts/nl.toml", texts);
    const LoadResult r = load_config(demo.dir());
    const Diagnostic* d = find_diag(r, "texts/nl.toml", "larger than 4 MiB");
    ASSERT_NE(d, nullptr) << dump(r);
}

TEST(HostileFiles, OverlongFieldsAreRefusedWithTheirLengthNotEchoed) {
    DemoCopy demo;
    const std::string huge(1'000'000, 'a');
    const int line = demo.replace("staff.csv", "1001,Jeroen,", "1001," + huge + ",");
    const LoadResult r = load_config(demo.dir());
    const Diagnostic* d = find_diag(r, "staff.csv", "'first_name' has 1000000 characters; at most 60");
    ASSERT_NE(d, nullptr) << dump(r).substr(0, 2000);
    EXPECT_EQ(d->line, line);
    for (const Diagnostic& any : r.diagnostics) EXPECT_LT(any.message.size(), 1000u) << "a message repeats the value";
}

TEST(HostileFiles, ThousandsOfBrokenRowsShowAHundredAndACount) {
    DemoCopy demo;
    std::string staff = demo.read("staff.csv");
    for (int i = 0; i < 5000; ++i)
        staff += "x" + std::to_string(i) + ",Jan,,onderhoud,,,,,ja,who" + std::to_string(i) + ",ja,ma-vr 09:00-17:00\n";
    demo.write("staff.csv", staff);
    int status = -1;
    const std::string out = validate_output(demo.dir(), &status);
    EXPECT_EQ(status, 1);
    const auto lines = std::count(out.begin(), out.end(), '\n');
    EXPECT_LE(lines, 102) << out.substr(0, 2000);
    EXPECT_NE(out.find("… and 4900 more not shown"), std::string::npos) << out.substr(out.size() > 2000 ? out.size() - 2000 : 0);
    EXPECT_NE(out.find("5000 errors"), std::string::npos);
    // The first ones still help: a suggestion or the way to fix it.
    EXPECT_NE(out.find("backup 'who0' is not an id in staff.csv"), std::string::npos);
}

}  // namespace
