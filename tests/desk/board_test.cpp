// The live board against a real service: a check-in shows up, a stopped
// service shows as offline and a restarted one is found again, and a broken
// promise raises the alert (banner, red row, spoken line).
#include "desk_fixture.h"

namespace gastvrij::desk_test {
namespace {

using namespace std::chrono_literals;

TEST(DeskBoard, ShowsACheckInMadeThroughTheServiceWithinASecond) {
    Office office;
    Desk desk(office, office.desk_token());
    ASSERT_TRUE(desk.online());
    EXPECT_TRUE(desk.region("board/empty")) << "an empty board says nobody is waiting";
    EXPECT_GE(desk.app->unit(), 18.0f) << "readable text on a 1280×800 window";

    const auto t0 = std::chrono::steady_clock::now();
    const Visit v = office.check_in("rent", "Ayşe");
    ASSERT_TRUE(desk.until([&] { return desk.region(Desk::row(v.id)) != nullptr; }, 3s));
    const auto took = std::chrono::steady_clock::now() - t0;
    EXPECT_LT(took, 1s) << "the check-in reached the board after "
                        << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms";

    const ui::WidgetInfo* r = desk.region(Desk::row(v.id));
    EXPECT_NE(r->label.find("Ayşe"), std::string::npos) << r->label;
    EXPECT_NE(r->label.find("op tijd"), std::string::npos) << r->label;
    EXPECT_EQ(r->label.find("rood"), std::string::npos) << r->label;
    const desk::BoardRow* row = desk.model().board().row(v.id);
    ASSERT_TRUE(row);
    EXPECT_EQ(row->view.host_name, "Fatma Yılmaz");
    EXPECT_EQ(row->view.topic_label, "Huur en betalen");
    const ui::WidgetInfo* tab = desk.region("tab/board");
    ASSERT_TRUE(tab);
    EXPECT_EQ(tab->label, "Wachtenden (1)");

    // Closed at the service (another desk, a phone): the row goes.
    office.service->reception().cancel(v.id, "desk:other", true);
    EXPECT_TRUE(desk.until([&] { return desk.region(Desk::row(v.id)) == nullptr; }, 3s));
}

TEST(DeskBoard, ReportsOfflineWhenTheServiceStopsAndReconnectsToItsRestart) {
    Office office;
    const std::string token = office.desk_token();
    const Visit before = office.check_in("repair", "Piotr");
    Desk desk(office, token);
    ASSERT_TRUE(desk.online());
    ASSERT_TRUE(desk.until([&] { return desk.region(Desk::row(before.id)) != nullptr; }));

    office.stop();
    ASSERT_TRUE(desk.until([&] { return desk.model().connection().state() == desk::Connection::Offline; }, 5s));
    ASSERT_TRUE(desk.until([&] { return desk.region("banner/offline") != nullptr; }, 1s));
    EXPECT_NE(desk.region("banner/offline")->label.find("opnieuw verbinden"), std::string::npos);
    EXPECT_NE(desk.region("status/connection")->label.find("offline"), std::string::npos);
    // The last known board stays in view meanwhile, but cannot be changed.
    EXPECT_TRUE(desk.region(Desk::row(before.id)));
    ASSERT_TRUE(desk.driver->tap(Desk::row(before.id)));
    ASSERT_TRUE(desk.driver->tap("visit/ack/5"));
    desk.until([] { return false; }, 300ms);
    EXPECT_FALSE(desk.model().message().current().has_value()) << "a click while offline makes no call: "
                                                     << desk.model().message().current()->text;

    // A visit arrives while the desk cannot hear it (another kiosk on the same file).
    Config c = office_config();
    Reception other_kiosk(c.directory, office.store, office.clock);
    CheckInRequest r;
    r.topic_id = "rent";
    r.visitor_name = "Zeynep";
    const Visit missed = other_kiosk.check_in(r);

    office.start();  // same port, same file
    ASSERT_TRUE(desk.until([&] { return desk.model().connection().state() == desk::Connection::Online; }, 10s));
    EXPECT_TRUE(desk.until([&] { return desk.region("banner/offline") == nullptr; }, 1s));
    EXPECT_TRUE(desk.until([&] { return desk.region(Desk::row(before.id)) && desk.region(Desk::row(missed.id)); }, 3s))
        << "after reconnecting the board shows what happened meanwhile";

    // And it hears new check-ins again.
    const Visit after = office.check_in("talk", "");
    EXPECT_TRUE(desk.until([&] { return desk.region(Desk::row(after.id)) != nullptr; }, 3s));
    EXPECT_NE(desk.region(Desk::row(after.id))->label.find("bezoeker"), std::string::npos);
}

TEST(DeskBoard, ABrokenPromiseRaisesTheAlertWithBannerRedRowAndSpokenLine) {
    Office office;
    Desk desk(office, office.desk_token(), /*sound=*/true);
    ASSERT_TRUE(desk.online());
    const Visit v = office.check_in("rent", "Ayşe");  // Fatma must answer within 5 minutes
    ASSERT_TRUE(desk.until([&] { return desk.region(Desk::row(v.id)) != nullptr; }));
    EXPECT_EQ(desk.model().board().alerts_raised(), 0u);
    EXPECT_FALSE(desk.region("banner/alert"));

    office.clock.advance(6 * 60);
    ASSERT_TRUE(office.service->tick_now());  // no answer: escalated to the backup colleague
    ASSERT_TRUE(desk.until([&] { return desk.model().board().alerts_raised() == 1; }, 3s));
    ASSERT_TRUE(desk.until([&] { return desk.region("banner/alert") != nullptr; }, 1s));
    const std::string banner = desk.region("banner/alert")->label;
    EXPECT_NE(banner.find("Ayşe"), std::string::npos) << banner;
    EXPECT_NE(banner.find("Jan de Vries"), std::string::npos) << "says who is asked now: " << banner;
    EXPECT_NE(desk.region(Desk::row(v.id))->label.find("rood"), std::string::npos);
    ASSERT_TRUE(desk.app->sound_available()) << "espeak-ng with SDL's dummy audio device did not start";
    EXPECT_EQ(desk.app->alerts_spoken(), 1u) << "one spoken line for one broken promise";

    // Seen: the banner goes, and the alert is not raised twice for one break.
    ASSERT_TRUE(desk.driver->tap("alert/seen"));
    EXPECT_FALSE(desk.region("banner/alert"));
    desk.driver->frames(3);
    EXPECT_EQ(desk.model().board().alerts_raised(), 1u);

    // Jan does not answer either: the team is asked — a new alert.
    office.clock.advance(6 * 60);
    ASSERT_TRUE(office.service->tick_now());
    EXPECT_TRUE(desk.until([&] { return desk.model().board().alerts_raised() == 2; }, 3s));
    ASSERT_TRUE(desk.until([&] { return desk.region("banner/alert") != nullptr; }, 1s));
    EXPECT_NE(desk.region("banner/alert")->label.find("Agnieszka"), std::string::npos) << desk.region("banner/alert")->label;

    // Nor the team, while the banner is still up: the visitor is the desk's
    // now; the same unseen alert says so, without a second alarm.
    office.clock.advance(6 * 60);
    ASSERT_TRUE(office.service->tick_now());
    EXPECT_TRUE(desk.until([&] {
        const ui::WidgetInfo* b = desk.region("banner/alert");
        return b && b->label.find("nu bij de balie") != std::string::npos;
    }, 3s)) << desk.region("banner/alert")->label;
    EXPECT_EQ(desk.model().board().alerts_raised(), 2u);
    EXPECT_TRUE(desk.model().board().row(v.id)->view.visit.host_id.empty());
}

TEST(DeskBoard, ARowTurnsRedBeforeThePromiseBreaks) {
    Office office;
    Desk desk(office, office.desk_token());
    ASSERT_TRUE(desk.online());
    const Visit v = office.check_in("rent", "Piotr");  // answer due 5 minutes after arrival
    ASSERT_TRUE(desk.until([&] { return desk.region(Desk::row(v.id)) != nullptr; }));
    EXPECT_EQ(desk.region(Desk::row(v.id))->label.find("rood"), std::string::npos);

    // 4½ minutes later another visitor arrives; the desk's idea of the
    // service's time moves on with that event, and Piotr's row is due.
    office.clock.advance(4 * 60 + 30);
    const Visit w = office.check_in("repair", "Noor");
    ASSERT_TRUE(desk.until([&] { return desk.region(Desk::row(w.id)) != nullptr; }));
    const std::string label = desk.region(Desk::row(v.id))->label;
    EXPECT_NE(label.find("bijna te laat"), std::string::npos) << label;
    EXPECT_NE(label.find("rood"), std::string::npos) << label;
    EXPECT_EQ(desk.model().board().alerts_raised(), 0u) << "about to break is not broken yet";
    const desk::RowStatus s = desk.model().board().status(*desk.model().board().row(v.id));
    EXPECT_EQ(s.minutes, 4);
    // The loop sleeps no longer than until the promise breaks (30 s).
    EXPECT_LE(desk.app->ms_until_deadline(), 30'000);
}

}  // namespace
}  // namespace gastvrij::desk_test
