// [survey] phone_page in kiosk.toml: the office switches the phone survey on,
// and validate says with file and line when the switch cannot work.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "service/service_fixture.h"

namespace gastvrij {
namespace {

using service_test::TempDir;
namespace fs = std::filesystem;

// The demo configuration copied next to its assets, with kiosk.toml edited.
struct EditedConfig {
    explicit EditedConfig(const std::function<std::string(std::string)>& edit) {
        const fs::path src = GASTVRIJ_SOURCE_DIR "/kiosk-config";
        fs::copy(src, dir.path() / "kiosk-config", fs::copy_options::recursive);
        fs::create_directory_symlink(fs::path(GASTVRIJ_SOURCE_DIR) / "assets", dir.path() / "assets");
        std::ifstream in(src / "kiosk.toml");
        std::stringstream all;
        all << in.rdbuf();
        toml = edit(all.str());
        std::ofstream(dir.path() / "kiosk-config" / "kiosk.toml") << toml;
    }
    LoadResult load() const { return load_config((dir.path() / "kiosk-config").string()); }
    int line_of(const std::string& text) const {
        std::istringstream in(toml);
        std::string l;
        for (int n = 1; std::getline(in, l); ++n)
            if (l.rfind(text, 0) == 0) return n;
        return 0;
    }
    TempDir dir;
    std::string toml;
};

std::string replace_line(std::string toml, const std::string& start, const std::string& with) {
    return std::regex_replace(toml, std::regex("\n" + start + "[^\n]*"), "\n" + with);
}

TEST(SurveyPhonePageSetting, DemoOfficePublishesItAndItLoads) {
    EditedConfig c([](std::string t) { return t; });
    const LoadResult r = c.load();
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.config->kiosk.survey_phone_page);
    EXPECT_GT(c.line_of("phone_page = true"), 0);
}

TEST(SurveyPhonePageSetting, SwitchedOnWithoutAPublicAddressIsAnErrorOnItsLine) {
    EditedConfig c([](std::string t) { return replace_line(t, "public_url =", "public_url = \"\""); });
    const LoadResult r = c.load();
    EXPECT_FALSE(r.ok());
    bool found = false;
    for (const auto& d : r.diagnostics)
        if (d.level == Diagnostic::Level::Error && d.file == "kiosk.toml" && d.message.find("public_url") != std::string::npos &&
            d.message.find("phone_page") != std::string::npos) {
            found = true;
            EXPECT_EQ(d.line, c.line_of("phone_page")) << d.format();
        }
    EXPECT_TRUE(found) << "validate must name the switch and the missing address";
}

TEST(SurveyPhonePageSetting, NotTrueOrFalseIsAnErrorOnItsLine) {
    EditedConfig c([](std::string t) { return replace_line(t, "phone_page =", "phone_page = \"ja\""); });
    const LoadResult r = c.load();
    EXPECT_FALSE(r.ok());
    bool found = false;
    for (const auto& d : r.diagnostics)
        if (d.level == Diagnostic::Level::Error && d.line == c.line_of("phone_page") &&
            d.message.find("phone_page") != std::string::npos)
            found = true;
    EXPECT_TRUE(found);
}

TEST(SurveyPhonePageSetting, SwitchedOffLoadsWithoutIt) {
    EditedConfig c([](std::string t) {
        return replace_line(replace_line(t, "phone_page =", "phone_page = false"), "public_url =", "public_url = \"\"");
    });
    const LoadResult r = c.load();
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r.config->kiosk.survey_phone_page);
}

}  // namespace
}  // namespace gastvrij
