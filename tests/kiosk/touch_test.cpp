// Touch as older hands use it: a press that slides off a button onto another
// activates neither; a press and release on one button activates it exactly
// once; the colleague list scrolls by dragging and by its arrow buttons, and a
// drag never picks a person.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "kiosk/kiosk_fixture.h"

namespace gastvrij {
namespace {

using kiosk_test::KioskSetup;

class Touch : public ::testing::TestWithParam<bool> {};

// Presses at the centre of `from`, slides to `to` over a few frames, releases there.
void press_slide_release(kiosk_test::Kiosk& k, const std::string& from, const std::string& to, bool finger) {
    k.driver->frames(1);
    const ui::WidgetInfo* a = k.find(from);
    const ui::WidgetInfo* b = k.find(to);
    ASSERT_TRUE(a && b) << from << " / " << to;
    const float ax = a->rect.cx(), ay = a->rect.cy(), bx = b->rect.cx(), by = b->rect.cy();
    k.window->inject_press(ax, ay, finger);
    k.driver->frames(1);
    for (int i = 1; i <= 4; ++i) {
        k.window->inject_motion(ax + (bx - ax) * float(i) / 4, ay + (by - ay) * float(i) / 4, finger);
        k.driver->frames(1);
    }
    k.window->inject_release(bx, by, finger);
    k.driver->frames(2);
}

TEST_P(Touch, OneTapNeverActivatesTwoThings) {
    const bool finger = GetParam();
    NEW_KIOSK(k, KioskSetup{});
    ASSERT_TRUE(k.taps({"welcome/start"}, finger));
    ASSERT_EQ(k.screen(), "topic");

    press_slide_release(k, "topic/repair", "topic/rent", finger);
    EXPECT_EQ(k.screen(), "topic") << "a press that slid to another tile activated something";
    EXPECT_EQ(k.session().topic_id, "");

    ASSERT_TRUE(k.taps({"topic/repair"}, finger));
    ASSERT_EQ(k.screen(), "name");
    EXPECT_EQ(k.session().topic_id, "repair");

    press_slide_release(k, "keyboard/a", "keyboard/s", finger);
    EXPECT_EQ(k.session().name, "") << "neither key may type";

    ASSERT_TRUE(k.taps({"keyboard/a"}, finger));
    EXPECT_EQ(k.session().name, "A") << "one tap, one letter";

    // A quick tap whose press and release arrive together still counts once.
    k.driver->frames(1);
    const ui::WidgetInfo* s = k.find("keyboard/s");
    ASSERT_NE(s, nullptr);
    k.window->inject_press(s->rect.cx(), s->rect.cy(), finger);
    k.window->inject_release(s->rect.cx(), s->rect.cy(), finger);
    k.driver->frames(3);
    EXPECT_EQ(k.session().name, "As");

    // A press that slides off onto plain background does nothing either.
    k.driver->frames(1);
    const ui::WidgetInfo* d = k.find("keyboard/d");
    const ui::WidgetInfo* title = k.find("title");
    ASSERT_TRUE(d && title);
    k.window->inject_press(d->rect.cx(), d->rect.cy(), finger);
    k.driver->frames(1);
    k.window->inject_motion(title->rect.cx(), title->rect.cy(), finger);
    k.driver->frames(1);
    k.window->inject_release(title->rect.cx(), title->rect.cy(), finger);
    k.driver->frames(2);
    EXPECT_EQ(k.session().name, "As");

    // Nothing was stored by any of this.
    EXPECT_TRUE(k.store->open_visits().empty());
}

// Where each visible colleague's card is, by name.
using Cards = std::map<std::string, ui::Rect>;
Cards cards(const kiosk_test::Kiosk& k) {
    Cards out;
    for (const auto& w : k.app->ui().widgets().shown())
        if (w.name.rfind("person/", 0) == 0) out[w.name] = w.rect;
    return out;
}

::testing::AssertionResult same_place(const Cards& a, const Cards& b) {
    auto fail = [&] {
        auto f = ::testing::AssertionFailure() << "cards moved:";
        for (const auto& [n, r] : a) f << " " << n << "@" << r.y;
        f << " vs";
        for (const auto& [n, r] : b) f << " " << n << "@" << r.y;
        return f;
    };
    if (a.size() != b.size()) return fail();
    for (const auto& [n, r] : a) {
        auto it = b.find(n);
        if (it == b.end() || std::fabs(it->second.y - r.y) > 0.5f || std::fabs(it->second.x - r.x) > 0.5f) return fail();
    }
    return ::testing::AssertionSuccess();
}

// Names of the cards from the top of the list down (then reading order).
std::vector<std::string> top_down(const Cards& c) {
    std::vector<std::string> out;
    for (const auto& [n, r] : c) out.push_back(n);
    std::sort(out.begin(), out.end(), [&](const auto& a, const auto& b) {
        const ui::Rect &ra = c.at(a), &rb = c.at(b);
        return std::fabs(ra.y - rb.y) > 0.5f ? ra.y < rb.y : ra.x < rb.x;
    });
    return out;
}

TEST_P(Touch, TheColleagueListScrollsByDragAndByArrowsAndADragPicksNobody) {
    const bool finger = GetParam();
    NEW_KIOSK(k, KioskSetup{});
    ASSERT_TRUE(k.taps({"welcome/start", "topic/appointment"}, finger));
    ASSERT_EQ(k.screen(), "appointment");
    const ui::WidgetInfo* list_w = k.find("appointment/list");
    ASSERT_NE(list_w, nullptr);
    const ui::Rect list = list_w->rect;
    const auto start = cards(k);
    ASSERT_FALSE(start.empty());
    std::size_t shown = 0;
    for (const Staff& s : k.config().directory.staff) shown += s.show_on_kiosk;
    ASSERT_LT(start.size(), shown) << "all colleagues fit: nothing to scroll";
    const auto order = top_down(start);
    const std::string top = order.front();
    const float top_y = start.at(top).y;
    // The first card of the next row down.
    std::string second;
    for (const auto& n : order)
        if (start.at(n).y > top_y + 1) {
            second = n;
            break;
        }
    ASSERT_FALSE(second.empty());
    for (const auto& [name, r] : start) EXPECT_GE(r.y, list.y - 0.5f) << name << " drawn above the list";

    // Up arrow at the top: nothing moves.
    ASSERT_TRUE(k.taps({"appointment/up"}, finger));
    EXPECT_TRUE(same_place(cards(k), start));

    // Down arrow: the cards move up by one row; up arrow: back where they were.
    ASSERT_TRUE(k.taps({"appointment/down"}, finger));
    auto after_down = cards(k);
    ASSERT_FALSE(same_place(after_down, start));
    ASSERT_TRUE(after_down.count(second));
    const float row = start.at(second).y - top_y;
    EXPECT_NEAR(after_down.at(second).y, top_y, 1.0f) << "one row per tap";
    ASSERT_TRUE(k.taps({"appointment/up"}, finger));
    EXPECT_TRUE(same_place(cards(k), start));

    // Drag upward inside the list, starting on a card: the list follows the finger.
    const float mm = k.metrics().px_per_mm;
    const float x = list.cx(), y0 = list.bottom() - 15 * mm, y1 = y0 - 2.5f * row;
    k.window->inject_press(x, y0, finger);
    k.driver->frames(1);
    for (int i = 1; i <= 8; ++i) {
        k.window->inject_motion(x, y0 + (y1 - y0) * float(i) / 8, finger);
        k.driver->frames(1);
    }
    k.window->inject_release(x, y1, finger);
    k.driver->frames(2);
    EXPECT_EQ(k.screen(), "appointment") << "a drag picked a colleague";
    EXPECT_EQ(k.session().chosen_host, "");
    const auto dragged = cards(k);
    ASSERT_FALSE(dragged.empty());
    bool someone_new = false;
    for (const auto& [name, r] : dragged) someone_new |= !start.count(name);
    EXPECT_TRUE(someone_new) << "no new colleague came into view";
    if (dragged.count(second)) {
        EXPECT_NEAR(dragged.at(second).y, start.at(second).y - (y0 - y1), 2.0f);
    }
    EXPECT_FALSE(dragged.count(top)) << "the top card should have scrolled out of view";

    // A drag downward past the top stops at the first colleague.
    k.driver->drag(x, list.y + 10 * mm, x, list.y + 10 * mm + 6 * row);
    EXPECT_TRUE(same_place(cards(k), start));
    EXPECT_EQ(k.screen(), "appointment");

    // And after all that, a plain tap on a card still picks that colleague.
    ASSERT_TRUE(k.taps({top}, finger));
    EXPECT_EQ(k.screen(), "name");
    EXPECT_EQ(k.session().chosen_host, top.substr(std::string("person/").size()));
}

INSTANTIATE_TEST_SUITE_P(Input, Touch, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? std::string("finger") : std::string("mouse"); });

}  // namespace
}  // namespace gastvrij
