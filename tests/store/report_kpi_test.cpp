// The manager's KPI report over a real SQLite file: every figure is checked
// against numbers this test works out itself from the rows it wrote.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <map>
#include <random>

#include "domain/report.h"
#include "store/sqlite_store.h"
#include "store/store_fixture.h"

namespace gastvrij {
namespace {

using store_test::TempDir;

constexpr Timestamp kDay = 86'400;

Directory office() {
    Directory d;
    d.reception_team = "receptie";
    d.teams = {{"onderhoud", "Team Onderhoud", ""}, {"financien", "Team Financiën", ""}, {"receptie", "Receptie", ""}};
    d.topics = {{"repair", "build", RouteKind::Team, "onderhoud", 5, ""},
                {"rent", "euro", RouteKind::Team, "financien", 5, ""},
                {"appointment", "event", RouteKind::ChoosePerson, "", 3, ""},
                {"talk", "support_agent", RouteKind::Desk, "", 3, ""}};
    Staff jeroen;
    jeroen.id = "1001";
    jeroen.team = "onderhoud";
    Staff piotr;
    piotr.id = "1031";
    piotr.team = "financien";
    d.staff = {jeroen, piotr};
    return d;
}

// What the test expects of one scope, counted from the rows as they are written.
struct Expected {
    int visits = 0, finished = 0, left_or_cancelled = 0, escalated = 0;
    std::vector<Timestamp> ack, start;
    int surveys = 0, score_sum = 0, eight_plus = 0, one_go_answered = 0, one_go_yes = 0;
    int callbacks = 0, in_time = 0, late = 0, overdue = 0, pending = 0;
};

// The smallest value with at least p percent of the values at or below it.
double rank_value(std::vector<Timestamp> v, int p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    std::size_t k = 1;
    while (k * 100 < static_cast<std::size_t>(p) * v.size()) ++k;
    return static_cast<double>(v[k - 1]);
}

void expect_figures(const KpiFigures& f, const Expected& e, const std::string& scope) {
    SCOPED_TRACE(scope);
    EXPECT_EQ(f.visits, e.visits);
    EXPECT_EQ(f.finished, e.finished);
    EXPECT_EQ(f.left_or_cancelled, e.left_or_cancelled);
    EXPECT_EQ(f.escalated, e.escalated);
    EXPECT_EQ(f.acknowledged, static_cast<int>(e.ack.size()));
    EXPECT_EQ(f.ack_seconds_p50, rank_value(e.ack, 50));
    EXPECT_EQ(f.ack_seconds_p90, rank_value(e.ack, 90));
    EXPECT_EQ(f.started, static_cast<int>(e.start.size()));
    EXPECT_EQ(f.start_seconds_p50, rank_value(e.start, 50));
    EXPECT_EQ(f.start_seconds_p90, rank_value(e.start, 90));
    EXPECT_EQ(f.surveys, e.surveys);
    EXPECT_DOUBLE_EQ(f.score_avg, e.surveys ? static_cast<double>(e.score_sum) / e.surveys : 0.0);
    EXPECT_EQ(f.scores_8_or_more, e.eight_plus);
    EXPECT_DOUBLE_EQ(f.share_8_or_more, e.surveys ? static_cast<double>(e.eight_plus) / e.surveys : 0.0);
    EXPECT_EQ(f.one_go_answered, e.one_go_answered);
    EXPECT_DOUBLE_EQ(f.share_one_go, e.one_go_answered ? static_cast<double>(e.one_go_yes) / e.one_go_answered : 0.0);
    EXPECT_EQ(f.callbacks, e.callbacks);
    EXPECT_EQ(f.callbacks_in_time, e.in_time);
    EXPECT_EQ(f.callbacks_late, e.late);
    EXPECT_EQ(f.callbacks_overdue, e.overdue);
    EXPECT_EQ(f.callbacks_pending, e.pending);
}

VisitEvent event(Timestamp at, VisitState from, VisitState to) {
    VisitEvent e;
    e.at = at;
    e.from = from;
    e.to = to;
    e.actor = "test";
    return e;
}

TEST(KpiReport, FiguresPerTopicAndTeamMatchTheRowsWritten) {
    TempDir dir;
    SqliteStore store(dir.file("gastvrij.db"));
    const Directory directory = office();
    const FakeClock clock(0, 60);
    const Timestamp from = clock.at_local(2026, 11, 2, 0, 0), to = clock.at_local(2026, 11, 5, 0, 0);
    const Timestamp now = to + 2 * kDay;

    std::mt19937 gen(20261102);  // the engine's sequence is fixed by the standard
    const std::string topics[] = {"repair", "rent", "appointment", "talk"};
    const std::string teams[] = {"onderhoud", "financien", "receptie", "oud-team"};  // the last one was disbanded
    std::map<std::string, Expected> want;  // "all", "topic:<id>", "team:<id>"
    std::vector<SqliteStore::VisitWithEvents> rows;
    for (int i = 0; i < 400; ++i) {
        SqliteStore::VisitWithEvents h;
        Visit& v = h.visit;
        v.topic_id = topics[gen() % 4];
        v.team_id = teams[gen() % 4];
        v.host_id = "1001";
        // A tenth arrive just outside the period, on either side.
        const bool outside = i % 10 == 0;
        v.arrived_at = outside ? (i % 20 == 0 ? from - 1 - gen() % 3600 : to + gen() % 3600)
                               : from + static_cast<Timestamp>(gen() % static_cast<unsigned>(to - from));
        v.state = VisitState::HostNotified;
        h.events.push_back(event(v.arrived_at, VisitState::Arrived, VisitState::HostNotified));
        const bool escalated = gen() % 8 == 0;
        if (escalated) {
            h.events.push_back(event(v.arrived_at + 300, VisitState::HostNotified, VisitState::Escalated));
            v.state = VisitState::Escalated;
            v.escalation_level = 1;
        }
        const int outcome = static_cast<int>(gen() % 10);
        if (outcome == 0) {
            v.state = VisitState::Left;
        } else {
            v.acknowledged_at = v.arrived_at + 20 + gen() % 600;
            if (outcome == 1) v.state = VisitState::Cancelled;
            else if (outcome == 2) v.state = VisitState::Acknowledged;  // still waiting for the colleague
            else {
                v.started_at = v.acknowledged_at + 30 + gen() % 400;
                v.state = outcome == 3 ? VisitState::InConversation : VisitState::Finished;
                if (outcome != 3) v.finished_at = v.started_at + 900;
            }
        }
        if (!outside) {
            for (const std::string& key : {std::string("all"), "topic:" + v.topic_id, "team:" + v.team_id}) {
                Expected& e = want[key];
                ++e.visits;
                if (v.state == VisitState::Finished) ++e.finished;
                if (v.state == VisitState::Left || v.state == VisitState::Cancelled) ++e.left_or_cancelled;
                if (escalated) ++e.escalated;
                if (v.acknowledged_at) e.ack.push_back(v.acknowledged_at - v.arrived_at);
                if (v.started_at) e.start.push_back(v.started_at - v.arrived_at);
            }
        }
        rows.push_back(std::move(h));
    }
    store.bulk_insert_history(static_cast<std::int64_t>(rows.size()), [&](std::int64_t i) { return rows[static_cast<std::size_t>(i)]; });

    // Surveys name a colleague (or nobody, or one who has left); their team is the directory's.
    const std::map<std::string, std::string> team_of = {{"1001", "onderhoud"}, {"1031", "financien"}};
    const std::string staff[] = {"1001", "1031", "", "9999"};
    const std::string survey_topics[] = {"repair", "rent", ""};
    for (int i = 0; i < 90; ++i) {
        SurveyResponse s;
        s.staff_id = staff[gen() % 4];
        s.topic_id = survey_topics[gen() % 3];
        s.score = 1 + static_cast<int>(gen() % 10);
        const int answer = static_cast<int>(gen() % 3);
        if (answer < 2) s.one_go = answer == 1;
        const bool outside = i % 9 == 0;
        s.hour = outside ? to + 3600 : from + static_cast<Timestamp>(gen() % static_cast<unsigned>(to - from));
        store.add_survey(s);
        if (outside) continue;
        const auto t = team_of.find(s.staff_id);
        for (const std::string& key : {std::string("all"), "topic:" + s.topic_id,
                                       "team:" + (t == team_of.end() ? std::string() : t->second)}) {
            Expected& e = want[key];
            ++e.surveys;
            e.score_sum += s.score;
            if (s.score >= 8) ++e.eight_plus;
            if (s.one_go) {
                ++e.one_go_answered;
                if (*s.one_go) ++e.one_go_yes;
            }
        }
    }

    // Callbacks: their team is the team of their topic; "talk" goes to the desk, no team.
    const std::map<std::string, std::string> topic_team = {{"repair", "onderhoud"}, {"rent", "financien"}, {"talk", ""}};
    const std::string callback_topics[] = {"repair", "rent", "talk"};
    for (int i = 0; i < 60; ++i) {
        CallbackRequest c;
        c.phone = "+31612345678";
        c.topic_id = callback_topics[gen() % 3];
        const bool outside = i % 12 == 0;
        c.created_at = outside ? from - 7200 : from + static_cast<Timestamp>(gen() % static_cast<unsigned>(to - from));
        const int kind = static_cast<int>(gen() % 5);
        // Pending ones are due after `now`; the others well before it.
        c.due_at = kind == 3 ? now + 3600 : c.created_at + kDay;
        const auto saved = store.add_callback(c);
        if (kind == 0) store_test::mark_callback(store, saved.id, CallbackState::Done, c.due_at - 60);   // in time
        if (kind == 1) store_test::mark_callback(store, saved.id, CallbackState::Done, c.due_at);        // in time, just
        if (kind == 2) store_test::mark_callback(store, saved.id, CallbackState::Done, c.due_at + 1);    // late
        if (kind == 4) store_test::mark_callback(store, saved.id, CallbackState::Called, c.due_at - 60);  // tried, not done: overdue
        if (outside) continue;
        for (const std::string& key : {std::string("all"), "topic:" + c.topic_id, "team:" + topic_team.at(c.topic_id)}) {
            Expected& e = want[key];
            ++e.callbacks;
            if (kind <= 1) ++e.in_time;
            if (kind == 2) ++e.late;
            if (kind == 3) ++e.pending;
            if (kind == 4) ++e.overdue;
        }
    }

    FakeClock at_now(now, 60);
    const KpiReport r = kpi_report(store, directory, at_now, from, to);
    EXPECT_EQ(r.from, from);
    EXPECT_EQ(r.to, to);
    ASSERT_GT(want["all"].visits, 300);
    expect_figures(r.overall, want["all"], "whole office");

    // The directory's topics in tile order, then what only the data knows ("" last).
    std::vector<std::string> topic_ids, team_ids;
    for (const auto& g : r.topics) topic_ids.push_back(g.id);
    for (const auto& g : r.teams) team_ids.push_back(g.id);
    EXPECT_EQ(topic_ids, (std::vector<std::string>{"repair", "rent", "appointment", "talk", ""}));
    EXPECT_EQ(team_ids, (std::vector<std::string>{"onderhoud", "financien", "receptie", "oud-team", ""}));
    for (const auto& g : r.topics) expect_figures(g.figures, want["topic:" + g.id], "topic " + g.id);
    for (const auto& g : r.teams) expect_figures(g.figures, want["team:" + g.id], "team " + g.id);
}

Visit arrived_at(Timestamp t, const std::string& topic = "repair") {
    Visit v;
    v.topic_id = topic;
    v.team_id = "onderhoud";
    v.state = VisitState::HostNotified;
    v.arrived_at = t;
    return v;
}

void insert(SqliteStore& store, const std::vector<Timestamp>& arrivals) {
    store.bulk_insert_visits(static_cast<std::int64_t>(arrivals.size()),
                             [&](std::int64_t i) { return arrived_at(arrivals[static_cast<std::size_t>(i)]); });
}

TEST(KpiReport, DaysAndHoursAreLocalAroundMidnight) {
    TempDir dir;
    SqliteStore store(dir.file("gastvrij.db"));
    const FakeClock clock(0, 60);  // UTC+1: local midnight is 23:00 UTC
    const auto at = [&](int day, int h, int m, int s = 0) { return clock.at_local(2026, 11, day, h, m) + s; };
    insert(store, {
                      at(1, 23, 59, 59),  // the evening before the period: not counted
                      at(2, 23, 59, 59),  // last second of the first day
                      at(3, 0, 0),        // local midnight: the second day, hour 0
                      at(3, 0, 59, 59),   // still hour 0 (23:59:59 UTC of the 2nd)
                      at(3, 1, 0),        // hour 1 (UTC midnight)
                      at(3, 10, 15),
                      at(5, 0, 0),        // local midnight ending the period: not counted
                  });
    const KpiReport r = kpi_report(store, office(), clock, at(2, 0, 0), at(5, 0, 0));
    EXPECT_EQ(r.overall.visits, 5);
    ASSERT_EQ(r.per_day.size(), 3u);  // the quiet third day is listed too
    EXPECT_EQ(r.per_day[0].date, "2026-11-02");
    EXPECT_EQ(r.per_day[0].weekday, 0);  // a Monday
    EXPECT_EQ(r.per_day[0].visits, 1);
    EXPECT_EQ(r.per_day[1].date, "2026-11-03");
    EXPECT_EQ(r.per_day[1].visits, 4);
    EXPECT_EQ(r.per_day[2].date, "2026-11-04");
    EXPECT_EQ(r.per_day[2].visits, 0);
    std::array<int, 24> hours{};
    hours[23] = 1;
    hours[0] = 2;
    hours[1] = 1;
    hours[10] = 1;
    EXPECT_EQ(r.per_hour, hours);
}

TEST(KpiReport, HalfHourTimeZonesStillBucketByTheLocalHour) {
    TempDir dir;
    SqliteStore store(dir.file("gastvrij.db"));
    const FakeClock clock(0, 330);  // UTC+5:30: local hours begin at half past in UTC
    const auto at = [&](int h, int m, int s) { return clock.at_local(2026, 11, 2, h, m) + s; };
    insert(store, {at(9, 59, 59), at(10, 0, 0), at(10, 29, 59), at(10, 30, 0), at(10, 59, 59), at(11, 0, 0)});
    const KpiReport r = kpi_report(store, office(), clock, at(0, 0, 0), at(0, 0, 0) + kDay);
    EXPECT_EQ(r.per_hour[9], 1);
    EXPECT_EQ(r.per_hour[10], 4);
    EXPECT_EQ(r.per_hour[11], 1);
    ASSERT_EQ(r.per_day.size(), 1u);
    EXPECT_EQ(r.per_day[0].visits, 6);
}

// The office's real clock: Amsterdam time, with the switch back from summer
// time in the period (2026-10-25, 03:00 CEST → 02:00 CET).
TEST(KpiReport, SummerTimeEndingMovesMidnightByAnHour) {
    const char* old = std::getenv("TZ");
    const std::string saved = old ? old : "";
    setenv("TZ", "Europe/Amsterdam", 1);
    tzset();
    struct Restore {
        bool had;
        std::string tz;
        ~Restore() {
            if (had) setenv("TZ", tz.c_str(), 1);
            else unsetenv("TZ");
            tzset();
        }
    } restore{old != nullptr, saved};

    const auto utc = [](int day, int h, int m) { return days_from_civil(2026, 10, day) * kDay + h * 3600 + m * 60; };
    TempDir dir;
    SqliteStore store(dir.file("gastvrij.db"));
    insert(store, {
                      utc(23, 21, 59),  // 23:59 CEST on Friday the 23rd
                      utc(23, 22, 0),   // 00:00 CEST on the 24th
                      utc(24, 22, 30),  // 00:30 CEST on the 25th (summer time still)
                      utc(25, 1, 30),   // 02:30 CET on the 25th, after the switch
                      utc(25, 22, 59),  // 23:59 CET on the 25th
                      utc(25, 23, 0),   // 00:00 CET on the 26th
                  });
    SystemClock clock;
    const KpiReport r = kpi_report(store, office(), clock, utc(22, 22, 0), utc(26, 23, 0));  // local 23rd … 26th
    ASSERT_EQ(r.per_day.size(), 4u);
    EXPECT_EQ(r.per_day[0].date, "2026-10-23");
    EXPECT_EQ(r.per_day[0].visits, 1);
    EXPECT_EQ(r.per_day[1].visits, 1);
    EXPECT_EQ(r.per_day[2].date, "2026-10-25");
    EXPECT_EQ(r.per_day[2].visits, 3);
    EXPECT_EQ(r.per_day[3].visits, 1);
    EXPECT_EQ(r.per_hour[0], 3);
    EXPECT_EQ(r.per_hour[2], 1);
    EXPECT_EQ(r.per_hour[23], 2);
}

TEST(KpiReport, AnEmptyPeriodIsZeroesForEveryTopicTeamAndDay) {
    TempDir dir;
    SqliteStore store(dir.file("gastvrij.db"));
    const FakeClock clock(0, 60);
    const Timestamp from = clock.at_local(2026, 11, 2, 0, 0);
    insert(store, {from - 1, from + 7 * kDay});  // just outside, on both sides
    const KpiReport r = kpi_report(store, office(), clock, from, from + 7 * kDay);
    EXPECT_EQ(r.overall.visits, 0);
    EXPECT_EQ(r.overall.ack_seconds_p90, 0);
    EXPECT_EQ(r.overall.surveys, 0);
    EXPECT_EQ(r.overall.share_8_or_more, 0);
    EXPECT_EQ(r.overall.callbacks, 0);
    ASSERT_EQ(r.topics.size(), 4u);  // every tile, none invented
    ASSERT_EQ(r.teams.size(), 3u);
    for (const auto& g : r.topics) EXPECT_EQ(g.figures.visits, 0) << g.id;
    ASSERT_EQ(r.per_day.size(), 7u);
    for (const auto& d : r.per_day) EXPECT_EQ(d.visits, 0) << d.date;
    EXPECT_EQ(r.per_hour, (std::array<int, 24>{}));

    // A period of no length: no days, no crash.
    const KpiReport none = kpi_report(store, office(), clock, from, from);
    EXPECT_EQ(none.overall.visits, 0);
    EXPECT_TRUE(none.per_day.empty());
}

// A year's report must stay fast: its reads scan one office's stretch of a
// covering index and never the table.
TEST(KpiReport, VisitQueriesReadOnlyTheCoveringIndex) {
    TempDir dir;
    const auto file = dir.file("gastvrij.db");
    { SqliteStore store(file); }
    sqlite::Database db(file, 1000);
    // The shapes of the report's reads: every visit and survey column it needs.
    const std::pair<const char*, const char*> queries[] = {
        {"SELECT topic_id, team_id, state, escalated_at, acknowledged_at, started_at, arrived_at FROM visits "
         "WHERE office = 'main' AND arrived_at >= 0 AND arrived_at < 1",
         "USING COVERING INDEX visits_for_kpis (office=? AND arrived_at>? AND arrived_at<?)"},
        {"SELECT topic_id, staff_id, score, coalesce(one_go, -1) FROM surveys "
         "WHERE office = 'main' AND hour >= 0 AND hour < 1",
         "USING COVERING INDEX surveys_for_kpis (office=? AND hour>? AND hour<?)"},
    };
    for (const auto& [q, index] : queries) {
        sqlite::Statement plan(db, std::string("EXPLAIN QUERY PLAN ") + q);
        std::string detail;
        while (plan.step()) detail += plan.text(3) + "\n";
        EXPECT_NE(detail.find(index), std::string::npos) << q << "\n" << detail;
    }
}

}  // namespace
}  // namespace gastvrij
