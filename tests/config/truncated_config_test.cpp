// A file cut short — a full disk, a USB stick pulled out, an editor crash —
// must never crash the kiosk or `validate`, and must never pass silently.
#include "config_support.h"

using namespace gastvrij;
using namespace gastvrij::testing;

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Cut points that split a word, a number or a multi-byte letter, plus the
// first bytes of the file. A cut exactly between two lines can leave a valid
// shorter file (a list with one entry fewer), which is not a mistake.
std::vector<std::size_t> cut_points(const std::string& s) {
    std::vector<std::size_t> cuts = {0, 1};
    const int wanted = 14;
    for (int k = 1; k <= wanted; ++k) {
        std::size_t p = s.size() * static_cast<std::size_t>(k) / (wanted + 1);
        while (p + 1 < s.size() && (is_space(s[p - 1]) || is_space(s[p]))) ++p;
        if (p + 1 < s.size()) cuts.push_back(p);
    }
    // Inside a UTF-8 sequence: a continuation byte follows the cut.
    for (std::size_t p = s.size() / 2; p + 1 < s.size(); ++p)
        if ((static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) {
            cuts.push_back(p);
            break;
        }
    return cuts;
}

}  // namespace

TEST(TruncatedConfig, NeverCrashesAndAlwaysReports) {
    const std::vector<std::string> files = {"kiosk.toml",    "topics.toml",   "staff.csv",     "texts/nl.toml",
                                            "texts/en.toml", "texts/tr.toml", "texts/pl.toml", "texts/ar.toml"};
    DemoCopy copy;
    int loads = 0;
    for (const std::string& file : files) {
        const std::string original = copy.read(file);
        for (std::size_t cut : cut_points(original)) {
            copy.write(file, original.substr(0, cut));
            LoadResult r = load_config(copy.dir());
            ++loads;
            EXPECT_FALSE(r.diagnostics.empty()) << file << " cut at byte " << cut << " reported nothing";
            for (const Diagnostic& d : r.diagnostics) {
                EXPECT_FALSE(d.message.empty()) << file << " cut at " << cut;
                EXPECT_GE(d.line, 0);
            }
            // Config present exactly when there is no error.
            EXPECT_EQ(r.config.has_value(), r.ok()) << file << " cut at " << cut;
        }
        copy.write(file, original);
    }
    EXPECT_GE(loads, 8 * 14);
    EXPECT_TRUE(load_config(copy.dir()).ok());  // restored copy is clean again
}

TEST(TruncatedConfig, GarbageInEveryFileIsReportedNotFatal) {
    DemoCopy copy;
    const std::string garbage = std::string("\x00\x01[[[ = \"\n\xC3", 11) + "\"\"\"" + "\n;;,,\"\n";
    for (const char* f : {"kiosk.toml", "topics.toml", "staff.csv", "texts/nl.toml", "texts/ar.toml"})
        copy.write(f, garbage);
    LoadResult r = load_config(copy.dir());
    EXPECT_FALSE(r.ok());
    for (const char* f : {"kiosk.toml", "topics.toml", "staff.csv", "texts/nl.toml", "texts/ar.toml"}) {
        bool found = false;
        for (const auto& d : r.diagnostics) found |= d.file == f;
        EXPECT_TRUE(found) << f << "\n" << dump(r);
    }
}
