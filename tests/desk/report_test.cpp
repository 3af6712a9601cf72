// The figures tab against a real service: today's tiles, the busiest hour of
// the bar chart and the per-topic rows show what happened at the office this
// morning, and the period buttons ask the service for the other spans.
#include "desk_fixture.h"

namespace gastvrij {
namespace {

using namespace desk_test;

std::string label(Desk& d, const std::string& name) {
    const ui::WidgetInfo* r = d.region(name);
    return r ? r->label : std::string("(not on screen)");
}

TEST(DeskReport, TodaysFiguresAndChartsShowThisMorning) {
    Office office;  // Monday 23 November 2026, 10:42
    const Visit a = office.check_in("rent", "Ayşe");
    office.clock.advance(90);
    office.service->reception().acknowledge(a.id, 5, "test");
    office.clock.advance(60);
    office.check_in("repair", "Marek");
    office.check_in("rent", "Noël");
    for (int score : {9, 6}) {
        SurveyResponse s;
        s.hour = office.clock.now();
        s.score = score;
        s.topic_id = "rent";
        office.store.add_survey(s);
    }

    Desk desk(office, office.desk_token());
    ASSERT_TRUE(desk.online());
    ASSERT_TRUE(desk.driver->tap("tab/report"));
    ASSERT_TRUE(desk.until([&] { return desk.driver->visible("report/tile/visitors"); }));
    EXPECT_EQ(label(desk, "report/tile/visitors").rfind("Bezoekers: 3", 0), 0u) << label(desk, "report/tile/visitors");
    EXPECT_EQ(label(desk, "report/tile/ack").rfind("Reactie binnen: 1:30", 0), 0u) << label(desk, "report/tile/ack");
    EXPECT_EQ(label(desk, "report/tile/score").rfind("Rapportcijfer: 7,5", 0), 0u) << label(desk, "report/tile/score");
    EXPECT_EQ(label(desk, "report/tile/eight").rfind("8 of hoger: 50 %", 0), 0u) << label(desk, "report/tile/eight");
    EXPECT_EQ(label(desk, "report/chart/hours"), "drukst 10–11 uur: 3");
    EXPECT_TRUE(desk.driver->visible("report/chart/days"));
    EXPECT_EQ(label(desk, "report/row/topic/rent"), "Huur en betalen");
    EXPECT_EQ(label(desk, "report/row/team/verhuur"), "Team Verhuur");

    // Seven days: the same morning, and the period the service was asked for.
    ASSERT_TRUE(desk.driver->tap("report/span/week"));
    ASSERT_TRUE(desk.until([&] {
        return desk.session->busy() == 0 && desk.model().report().figures() && desk.model().report().figures()->from == "2026-11-17";
    }));
    EXPECT_EQ(desk.model().report().figures()->to, "2026-11-23");
    EXPECT_EQ(desk.model().report().figures()->report.per_day.size(), 7u);
    EXPECT_EQ(label(desk, "report/tile/visitors").rfind("Bezoekers: 3", 0), 0u);
    ASSERT_TRUE(desk.model().report().trend().has_value());
    EXPECT_EQ(desk.model().report().trend()->report.per_day.size(), 30u);
}

}  // namespace
}  // namespace gastvrij
