// Contrast of every colour pair the themes use (ACCESSIBILITY.md): text at
// least 7:1 in the normal theme and 15:1 in high contrast, control edges and
// tiles at least 3:1. The WCAG formula is checked against known values first,
// so a wrong formula cannot pass bad colours.
#include <gtest/gtest.h>

#include <set>

#include "ui/theme.h"

namespace gastvrij {
namespace {

TEST(Contrast, TheFormulaGivesWcagsKnownValues) {
    EXPECT_NEAR(ui::contrast_ratio(0x000000, 0xFFFFFF), 21.0, 1e-9);
    EXPECT_NEAR(ui::contrast_ratio(0xFFFFFF, 0x000000), 21.0, 1e-9);
    EXPECT_NEAR(ui::contrast_ratio(0x777777, 0xFFFFFF), 4.48, 0.01);  // the classic just-fails-AA grey
    EXPECT_NEAR(ui::contrast_ratio(0x595959, 0xFFFFFF), 7.0, 0.01);   // the classic AAA grey
    EXPECT_NEAR(ui::relative_luminance(0xFF0000), 0.2126, 1e-4);
    EXPECT_NEAR(ui::relative_luminance(0x00FF00), 0.7152, 1e-4);
    EXPECT_NEAR(ui::relative_luminance(0x0000FF), 0.0722, 1e-4);
}

TEST(Contrast, EveryPairOfBothThemesMeetsItsFloor) {
    for (const ui::Theme* t : {&ui::normal_theme(), &ui::contrast_theme()}) {
        const auto pairs = ui::colour_pairs(*t);
        ASSERT_GE(pairs.size(), 10u) << t->name;
        const double text_floor = t->name == "contrast" ? 15.0 : 7.0;
        int text_pairs = 0;
        for (const auto& p : pairs) {
            const double r = ui::contrast_ratio(p.fg, p.bg);
            const double floor = p.is_text ? text_floor : 3.0;
            text_pairs += p.is_text;
            EXPECT_GE(r, floor) << t->name << " theme: " << p.what << " is " << r << ":1, needs " << floor << ":1";
        }
        EXPECT_GE(text_pairs, 6) << t->name;
    }
    EXPECT_EQ(ui::contrast_theme().name, "contrast");
    EXPECT_EQ(ui::normal_theme().name, "normal");
}

// The pairs list must cover every text colour the theme has, or a new colour
// could slip in unchecked.
TEST(Contrast, EveryTextColourOfTheThemeIsInThePairs) {
    for (const ui::Theme* t : {&ui::normal_theme(), &ui::contrast_theme()}) {
        std::set<std::pair<ui::Rgb, ui::Rgb>> checked;
        for (const auto& p : ui::colour_pairs(*t))
            if (p.is_text) checked.insert({p.fg, p.bg});
        const std::pair<ui::Rgb, ui::Rgb> used[] = {
            {t->text, t->background},          {t->muted, t->background},         {t->panel_text, t->panel},
            {t->primary_text, t->primary},     {t->primary_text, t->primary_pressed}, {t->talk_text, t->talk},
            {t->warning_text, t->warning},     {t->selected_text, t->selected},
        };
        for (const auto& u : used) EXPECT_TRUE(checked.count(u)) << t->name << ": a text pair is missing from colour_pairs()";
    }
}

}  // namespace
}  // namespace gastvrij
