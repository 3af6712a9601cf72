// A name, team, time or number put into a sentence keeps its place when the
// sentence and the name run in different directions. The demo office's own
// Arabic texts are filled and reordered exactly as the kiosk draws them.
#include <gtest/gtest.h>

#include "config/config.h"
#include "ui/text_layout.h"

namespace gastvrij {
namespace {

const Config& demo() {
    static const Config config = [] {
        LoadResult r = load_config(GASTVRIJ_SOURCE_DIR "/kiosk-config");
        if (!r.config) throw std::runtime_error("the demo office does not load");
        return *r.config;
    }();
    return config;
}

std::size_t at(const std::string& visual, const std::string& what) {
    const std::size_t p = visual.find(what);
    EXPECT_NE(p, std::string::npos) << "'" << what << "' is not drawn whole in: " << visual;
    return p;
}

TEST(BidiIsolation, ArabicConfirmationNamesTheVisitorAndTheColleagueInTheirOwnPlaces) {
    const std::string logical = fill(demo().texts.text("ar", "confirm.coming_name"),
                                     {{"name", "Jeroen"}, {"host", "Zeynep Kaya"}, {"team", "Team Verhuur"}});
    const std::string visual = ui::to_visual(logical, /*rtl=*/true);
    // Read from the right: the visitor first, then the colleague, then the team.
    EXPECT_GT(at(visual, "Jeroen"), at(visual, "Zeynep Kaya")) << visual;
    EXPECT_GT(at(visual, "Zeynep Kaya"), at(visual, "Team Verhuur")) << visual;
    // The isolates do their work and are not drawn (the fonts have no glyph).
    EXPECT_EQ(visual.find("\u2068"), std::string::npos);
    EXPECT_EQ(visual.find("\u2069"), std::string::npos);
}

TEST(BidiIsolation, EveryArabicSentenceKeepsItsNamesAndNumbersWhole) {
    const std::map<std::string, std::string> values = {
        {"name", "Jeroen"}, {"host", "Zeynep Kaya"}, {"team", "Team Verhuur"}, {"minutes", "10"},
        {"time", "10:30"},  {"hours", "24"},         {"phone", "06 12 34 56 78"}};
    int checked = 0;
    for (const std::string& key : demo().texts.keys("ar")) {
        const std::string text = demo().texts.text("ar", key);
        std::vector<std::pair<std::size_t, std::string>> order;  // logical position of each placeholder
        for (const auto& [k, v] : values)
            if (const auto p = text.find("{" + k + "}"); p != std::string::npos) order.emplace_back(p, v);
        if (order.size() < 2) continue;
        SCOPED_TRACE(key);
        std::sort(order.begin(), order.end());
        const std::string visual = ui::to_visual(fill(text, values), true);
        // The first named comes rightmost: positions fall in logical order.
        for (std::size_t i = 1; i < order.size(); ++i)
            EXPECT_GT(at(visual, order[i - 1].second), at(visual, order[i].second)) << visual;
        ++checked;
    }
    EXPECT_GT(checked, 2) << "the demo's Arabic texts have fewer sentences with two values than expected";
}

TEST(BidiIsolation, AnArabicNameInADutchSentenceStaysWhereItWasTyped) {
    const std::string logical = fill("{name}, {host} komt eraan.", {{"name", "أحمد"}, {"host", "Fatma"}});
    const std::string visual = ui::to_visual(logical, /*rtl=*/false);
    EXPECT_EQ(visual.rfind("Fatma komt eraan.") + std::string("Fatma komt eraan.").size(), visual.size()) << visual;
    EXPECT_LT(visual.find(","), visual.find("Fatma")) << "the name moved past the comma: " << visual;
}

TEST(BidiIsolation, TextInOneDirectionIsLeftAsItWas) {
    // Mails, webhooks and logs of a Dutch office carry no invisible marks.
    EXPECT_EQ(fill("{host} van {team} komt u halen.", {{"host", "Fatma"}, {"team", "Team Verhuur"}}),
              "Fatma van Team Verhuur komt u halen.");
}

}  // namespace
}  // namespace gastvrij
