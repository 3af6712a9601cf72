// The callback-request tab against a real service: requests the kiosk wrote
// into the store show up, "geen gehoor" and "afgehandeld" are tapped like a
// mouse would, the number is gone from the file and the screen once handled,
// overdue requests are red and say so, and another desk's change arrives live.
#include "desk_fixture.h"
#include "domain/kiosk_port.h"

namespace gastvrij {
namespace {

using namespace desk_test;

CallbackRequest kiosk_request(Office& o, const std::string& phone, const std::string& topic, Timestamp due_in) {
    CallbackRequest c;
    c.phone = phone;
    c.topic_id = topic;
    c.part = PartOfDay::Morning;
    c.created_at = o.clock.now() - 600;
    c.due_at = o.clock.now() + due_in;
    return o.store.add_callback(c);  // as the kiosk does: straight into the store
}

std::optional<CallbackRequest> stored(Office& o, std::int64_t id) {
    for (const CallbackRequest& c : o.store.callbacks(false))
        if (c.id == id) return c;
    return std::nullopt;
}

std::string label(Desk& d, const std::string& name) {
    const ui::WidgetInfo* r = d.region(name);
    return r ? r->label : std::string("(not on screen)");
}

// Share of the region's pixels in `rgb` in the last kept frame.
double share_of_colour(Desk& d, const ui::WidgetInfo& r, ui::Rgb rgb) {
    const std::string& px = d.window->pixels();
    const int w = d.window->width(), h = d.window->height();
    int hits = 0, all = 0;
    for (int y = std::max(0, int(r.rect.y)); y < std::min(h, int(r.rect.y + r.rect.h)); ++y)
        for (int x = std::max(0, int(r.rect.x)); x < std::min(w, int(r.rect.x + r.rect.w)); ++x) {
            const auto* p = reinterpret_cast<const unsigned char*>(px.data()) + 4 * (std::size_t(y) * std::size_t(w) + std::size_t(x));
            const ui::Rgb c = (ui::Rgb(p[0]) << 16) | (ui::Rgb(p[1]) << 8) | ui::Rgb(p[2]);
            hits += c == rgb;
            ++all;
        }
    return all ? double(hits) / all : 0;
}

TEST(DeskCallbacks, CalledThenDoneByTappingErasesTheNumber) {
    Office office;
    const auto req = kiosk_request(office, "+31612345678", "rent", 3600);
    Desk desk(office, office.desk_token());
    ASSERT_TRUE(desk.online());
    const std::string id = std::to_string(req.id);

    ASSERT_TRUE(desk.driver->tap("tab/callbacks"));
    ASSERT_TRUE(desk.until([&] { return desk.driver->visible("callbacks/" + id + "/called"); }));
    EXPECT_EQ(label(desk, "callbacks/" + id + "/phone"), "+31612345678");
    EXPECT_EQ(label(desk, "callbacks/" + id + "/state"), "nog niet gebeld");

    ASSERT_TRUE(desk.driver->tap("callbacks/" + id + "/called"));
    ASSERT_TRUE(eventually([&] { return stored(office, req.id)->state == CallbackState::Called; }));
    ASSERT_TRUE(desk.until([&] { return label(desk, "callbacks/" + id + "/state") == "gebeld, geen gehoor"; }));
    EXPECT_EQ(stored(office, req.id)->phone, "+31612345678");  // needed for the next try

    // "Afgehandeld…" asks first; "nee" changes nothing.
    ASSERT_TRUE(desk.driver->tap("callbacks/" + id + "/done"));
    ASSERT_TRUE(desk.until([&] { return desk.driver->visible("callbacks/done/no"); }));
    ASSERT_TRUE(desk.driver->tap("callbacks/done/no"));
    desk.driver->frames(3);
    EXPECT_EQ(stored(office, req.id)->state, CallbackState::Called);

    ASSERT_TRUE(desk.driver->tap("callbacks/" + id + "/done"));
    ASSERT_TRUE(desk.until([&] { return desk.driver->visible("callbacks/done/yes"); }));
    ASSERT_TRUE(desk.driver->tap("callbacks/done/yes"));
    // The service marks it done, then erases the number, before it answers.
    ASSERT_TRUE(eventually([&] { return stored(office, req.id)->state == CallbackState::Done; }));
    EXPECT_TRUE(eventually([&] { return stored(office, req.id)->phone.empty(); }));
    ASSERT_TRUE(desk.until([&] { return label(desk, "callbacks/" + id + "/phone") == "gewist"; }));
    EXPECT_FALSE(desk.driver->visible("callbacks/" + id + "/done"));  // nothing left to tap
    // The live event may redraw the row before the service's answer brings the
    // confirmation line: wait for that line, as the receptionist would.
    EXPECT_TRUE(desk.until([&] {
        const auto& m = desk.model().message().current();
        return m && m->text.find("nummer is gewist") != std::string::npos;
    })) << (desk.model().message().current() ? desk.model().message().current()->text : std::string("no message"));
}

TEST(DeskCallbacks, OverdueRequestsAreRedAndSayTeLaat) {
    Office office;
    const auto late = kiosk_request(office, "+31612345678", "rent", -3 * 3600);  // promised three hours ago
    const auto soon = kiosk_request(office, "+31201234567", "repair", 600);      // ten minutes left
    Desk desk(office, office.desk_token());
    ASSERT_TRUE(desk.online());
    ASSERT_TRUE(desk.driver->tap("tab/callbacks"));
    const std::string late_row = "callbacks/row/" + std::to_string(late.id);
    const std::string soon_row = "callbacks/row/" + std::to_string(soon.id);
    ASSERT_TRUE(desk.until([&] { return desk.driver->visible(late_row) && desk.driver->visible(soon_row); }));

    // In words …
    EXPECT_TRUE(desk.driver->visible("callbacks/" + std::to_string(late.id) + "/late"));
    EXPECT_EQ(label(desk, "callbacks/" + std::to_string(late.id) + "/state"), "nog niet gebeld — 3 uur over tijd");
    EXPECT_FALSE(desk.driver->visible("callbacks/" + std::to_string(soon.id) + "/late"));
    EXPECT_NE(label(desk, "tab/callbacks").find("1 te laat"), std::string::npos) << label(desk, "tab/callbacks");
    // … and in colour: the late row on the alert red, the other not.
    desk.driver->frames(1, true);
    const desk::Palette& p = desk::palette();
    EXPECT_GT(share_of_colour(desk, *desk.region(late_row), p.broken), 0.4);
    EXPECT_LT(share_of_colour(desk, *desk.region(soon_row), p.broken), 0.05);
    // The most urgent first.
    EXPECT_LT(desk.region(late_row)->rect.y, desk.region(soon_row)->rect.y);

    // Time passes on the service's clock: the second one turns late without a reload.
    office.clock.advance(700);
    ASSERT_TRUE(desk.driver->tap("callbacks/refresh"));
    ASSERT_TRUE(desk.until([&] { return desk.driver->visible("callbacks/" + std::to_string(soon.id) + "/late"); }));
    EXPECT_NE(label(desk, "tab/callbacks").find("2 te laat"), std::string::npos) << label(desk, "tab/callbacks");
}

TEST(DeskCallbacks, AnotherDesksChangeArrivesLive) {
    Office office;
    const auto req = kiosk_request(office, "+31612345678", "rent", 3600);
    Desk desk(office, office.desk_token());
    ASSERT_TRUE(desk.online());
    ASSERT_TRUE(desk.driver->tap("tab/callbacks"));
    const std::string phone = "callbacks/" + std::to_string(req.id) + "/phone";
    ASSERT_TRUE(desk.until([&] { return label(desk, phone) == "+31612345678"; }));

    // The colleague at the other desk handles it; this desk asks nothing.
    ServiceClient other(office.url(), office.desk_token());
    other.set_callback_state(req.id, CallbackState::Done);
    ASSERT_TRUE(desk.until([&] { return label(desk, phone) == "gewist"; }));
    EXPECT_EQ(desk.model().callbacks().to_do(), 0);
}

// The companion's list follows a kiosk's request as it is made (the event
// stream), not at its next look at the list minutes later.
TEST(DeskCallbacks, AKiosksRequestAppearsWithoutReloadingTheList) {
    Office office;
    Desk desk(office, office.desk_token());
    ASSERT_TRUE(desk.online());
    ASSERT_TRUE(desk.driver->tap("tab/callbacks"));
    ASSERT_TRUE(desk.until([&] { return desk.model().callbacks().loaded() && desk.session->busy() == 0; }));
    const double loaded_at = desk.model().callbacks().loaded_at();
    EXPECT_EQ(desk.model().callbacks().to_do(), 0);

    LocalKioskPort kiosk(office.service->reception());  // the kiosk beside the service
    CallbackRequest c;
    c.phone = "0612345678";
    c.topic_id = "rent";
    c.part = PartOfDay::Afternoon;
    kiosk.add_callback(c);

    ASSERT_TRUE(desk.until([&] { return desk.model().callbacks().to_do() == 1; }));
    EXPECT_EQ(desk.model().callbacks().loaded_at(), loaded_at) << "it came as an event, not by loading the list again";
    const std::int64_t id = office.store.callbacks(true).at(0).id;
    ASSERT_TRUE(desk.until([&] { return label(desk, "callbacks/" + std::to_string(id) + "/phone") == "+31612345678"; }));
}

TEST(DeskCallbacks, ARequestTurnsLateOnTheDeskWhenItsPromisePasses) {
    double wall = 1'000'000;
    desk::DeskClock clock([&] { return wall; });
    desk::CallbacksModel m(clock);
    const Timestamp now = 1'795'000'000;  // the service's clock, far from the desk's
    CallbackList list;
    list.now = now;
    list.today = "2026-11-23";
    CallbackView v;
    v.request.id = 4;
    v.request.phone = "+31612345678";
    v.request.due_at = now + 20;
    list.callbacks.push_back(v);
    m.set(list);
    EXPECT_EQ(m.overdue_count(), 0);
    desk::NextChange next;
    m.until_change(next);
    EXPECT_LE(next.ms(), 21'000) << "the desk wakes when the promise passes";
    wall += 21;
    EXPECT_TRUE(m.overdue(m.list().at(0)));
    EXPECT_EQ(m.overdue_count(), 1);
    EXPECT_EQ(clock.service_today(), "2026-11-23");
}

}  // namespace
}  // namespace gastvrij
