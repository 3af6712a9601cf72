// Five languages, each named in its own script on the first screen; the texts
// come from texts/<lang>.toml; Arabic reads from the right — measured in the
// pixels drawn, not in what the code meant to draw — and its layout is mirrored.
#include <gtest/gtest.h>

#include <imgui.h>

#include "kiosk/kiosk_fixture.h"
#include "kiosk/pixels.h"
#include "ui/text_layout.h"

namespace gastvrij {
namespace {

using kiosk_test::Frame;
using kiosk_test::KioskSetup;

std::vector<std::string> words(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

TEST(Language, EachLanguageIsNamedInItsOwnScriptAndTurkishTextsComeFromTrToml) {
    NEW_KIOSK(k, KioskSetup{});
    const Texts& tx = k.config().texts;
    for (const auto& lang : k.config().kiosk.languages)
        EXPECT_EQ(k.label("lang/" + lang), tx.text(lang, "language.name")) << lang << " while Dutch is chosen";

    ASSERT_TRUE(k.taps({"lang/tr"}));
    EXPECT_EQ(k.session().language, "tr");
    for (const auto& lang : k.config().kiosk.languages)
        EXPECT_EQ(k.label("lang/" + lang), tx.text(lang, "language.name")) << lang << " while Turkish is chosen";
    EXPECT_EQ(k.label("welcome/greeting"), tx.text("tr", "welcome.morning"));
    EXPECT_EQ(k.label("welcome/start"), tx.text("tr", "welcome.start"));

    ASSERT_TRUE(k.taps({"welcome/start"}));
    ASSERT_EQ(k.screen(), "topic");
    for (const char* key : {"topic.question", "nav.back", "topic.repair"})
        ASSERT_NE(tx.text("tr", key), tx.text("nl", key)) << key << " is not translated: the test would prove nothing";
    EXPECT_EQ(k.label("title"), tx.text("tr", "topic.question"));
    EXPECT_EQ(k.label("nav/back"), tx.text("tr", "nav.back"));
    EXPECT_EQ(k.label("nav/home"), tx.text("tr", "nav.home"));
    for (const auto& t : k.config().directory.topics)
        EXPECT_EQ(k.label("topic/" + t.id), tx.text("tr", "topic." + t.id));
}

struct TitleInk {
    ui::Rect title;   // the title's line box on screen
    ui::Rect ink;     // where its letters were drawn
    float first_blob_w = 0, last_blob_w = 0;  // ink widths of the leading / trailing word
};

// Renders the topic screen in `lang` and measures the title's ink.
TitleInk measure_title(kiosk_test::Kiosk& k, bool rtl) {
    k.driver->frames(1, true);
    Frame f{k.window->pixels(), k.window->width(), k.window->height()};
    EXPECT_TRUE(f.valid());
    TitleInk out;
    const ui::WidgetInfo* t = k.find("title");
    if (!t || !f.valid()) return out;
    out.title = t->rect;
    const ui::Theme& th = ui::normal_theme();
    out.ink = kiosk_test::ink_box(f, t->rect, th.background, th.text);
    if (out.ink.w <= 0) return out;
    // Words are separated by a space (about a quarter em); letters inside a word
    // by much less. Walk in from each end to the first such gap.
    const float gap = k.app->ui().fonts().size(ui::FontRole::Title) * 0.16f;
    const int y0 = int(out.ink.y), y1 = int(out.ink.bottom());
    auto blob = [&](int from, int step) {
        int x = from, empty = 0, last_ink = from;
        for (; x >= int(out.ink.x) && x < int(out.ink.right()); x += step) {
            if (kiosk_test::column_has_ink(f, x, y0, y1, th.background, th.text)) {
                last_ink = x;
                empty = 0;
            } else if (++empty >= gap) {
                break;
            }
        }
        return float(std::abs(last_ink - from) + 1);
    };
    const float right_blob = blob(int(out.ink.right()) - 1, -1);
    const float left_blob = blob(int(out.ink.x), +1);
    out.first_blob_w = rtl ? right_blob : left_blob;
    out.last_blob_w = rtl ? left_blob : right_blob;
    return out;
}

float text_width(kiosk_test::Kiosk& k, const std::string& logical, bool rtl) {
    ImFont* font = k.app->ui().fonts().get(ui::FontRole::Title);
    return font->CalcTextSizeA(k.app->ui().fonts().size(ui::FontRole::Title), FLT_MAX, 0, ui::to_visual(logical, rtl).c_str()).x;
}

TEST(Language, ArabicTitleIsDrawnFromTheRightAndDutchFromTheLeft) {
    NEW_KIOSK(k, KioskSetup{});
    for (const std::string lang : {"ar", "nl"}) {
        SCOPED_TRACE(lang);
        const bool rtl = lang == "ar";
        k.app->home();
        ASSERT_TRUE(k.taps({"lang/" + lang, "welcome/start"}));
        ASSERT_EQ(k.screen(), "topic");
        const std::string title = k.config().texts.text(lang, "topic.question");
        ASSERT_EQ(k.label("title"), title);
        const TitleInk m = measure_title(k, rtl);
        ASSERT_GT(m.ink.w, 0) << "no title ink found";
        const float mm = k.metrics().px_per_mm;
        const float from_left = (m.ink.x - m.title.x) / mm, from_right = (m.title.right() - m.ink.right()) / mm;
        const float title_mm = m.title.w / mm;
        // The reading side starts at the margin; the far side stays empty.
        if (rtl) {
            EXPECT_LT(from_right, 4) << "Arabic ink ends " << from_right << " mm from the right margin";
            EXPECT_GT(from_left, title_mm * 0.3f) << "Arabic ink starts " << from_left << " mm from the left";
        } else {
            EXPECT_LT(from_left, 4) << "Dutch ink starts " << from_left << " mm from the left margin";
            EXPECT_GT(from_right, title_mm * 0.3f) << "Dutch ink ends " << from_right << " mm from the right";
        }
        // The first word of the sentence is the one on the reading side, the
        // last one at the far end (ink is a little narrower than the advance).
        const auto w = words(title);
        ASSERT_GE(w.size(), 2u);
        const float first = text_width(k, w.front(), rtl), last = text_width(k, w.back(), rtl);
        EXPECT_NEAR(m.first_blob_w, first, 0.25f * first)
            << "the word drawn on the reading side is not '" << w.front() << "'";
        EXPECT_NEAR(m.last_blob_w, last, 0.25f * last) << "the word drawn at the far end is not '" << w.back() << "'";
        if (rtl) {
            // Only a proof of the order when the two words differ enough.
            ASSERT_GT(std::fabs(first - last), 0.3f * std::max(first, last)) << "first and last word too alike";
        }
    }
}

TEST(Language, ArabicMirrorsTheLayout) {
    NEW_KIOSK(k, KioskSetup{});
    const float half = float(k.window->width()) / 2;
    for (const std::string lang : {"nl", "ar"}) {
        SCOPED_TRACE(lang);
        const bool rtl = lang == "ar";
        k.app->home();
        ASSERT_TRUE(k.taps({"lang/" + lang, "welcome/start"}));
        ASSERT_EQ(k.screen(), "topic");
        for (const char* name : {"nav/back", "nav/home"}) {
            const ui::WidgetInfo* w = k.find(name);
            ASSERT_NE(w, nullptr) << name;
            EXPECT_EQ(w->rect.cx() > half, rtl) << name << " centre at x = " << w->rect.cx();
        }
        const ui::WidgetInfo* talk = k.find("nav/talk");
        ASSERT_NE(talk, nullptr);
        EXPECT_EQ(talk->rect.cx() < half, rtl) << "talk-to-someone sits at the far end";
        ASSERT_TRUE(k.taps({"topic/repair"}));
        ASSERT_EQ(k.screen(), "name");
        // The on-screen keyboard keeps its Latin order in every language.
        const ui::WidgetInfo *q = k.find("keyboard/q"), *p = k.find("keyboard/p");
        ASSERT_TRUE(q && p);
        EXPECT_LT(q->rect.x, p->rect.x);
        // A name typed in Arabic mode is still stored as typed.
        ASSERT_TRUE(k.driver->type("ali"));
        EXPECT_EQ(k.session().name, "Ali");
    }
}

}  // namespace
}  // namespace gastvrij
