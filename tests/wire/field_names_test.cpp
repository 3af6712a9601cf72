// Field names and value formats are stable API: the native companion, the
// phone page and outside clients read them. These are replies the service
// sent before its JSON moved into app/wire, byte for byte; reading one and
// writing it again must give the same bytes, so a renamed, dropped or
// re-typed field fails here.
#include <gtest/gtest.h>

#include "wire/fields.h"
#include "wire/report.h"
#include "wire/visit.h"

namespace gastvrij {
namespace {

using nlohmann::json;

// POST /api/v1/visits/1/acknowledge from a phone (test office, Monday 10:42).
constexpr const char* kVisit =
    R"({"ack_deadline":1795427220,"acknowledged_at":1795426920,"arrived_at":1795426920,"closed_at":0,)"
    R"("deadline":1795427100,"escalation_level":0,"finished_at":0,"host":"1042","host_name":"Fatma Yılmaz","id":1,)"
    R"("kiosk":"desk:1","language":"ar","minutes_waiting":0,"promise":"on_time","promised_at":1795427100,)"
    R"("started_at":0,"state":"acknowledged","team":"verhuur","team_name":"Team Verhuur","topic":"rent",)"
    R"("topic_label":"Huur en betalen","tried_hosts":["1042"],"visitor_name":"مريم","waiting":true,)"
    R"("waiting_since":"10:42"})";

// GET /api/v1/report?from=2026-11-22&to=2026-11-23, one topic and one team kept.
constexpr const char* kReport =
    R"({"from":"2026-11-22","from_unix":1795302000,"now":1795426920,"office":"zuid",)"
    R"("offices":[{"figures":{"ack_seconds_p50":0.0,"ack_seconds_p90":0.0,"acknowledged":1,"callbacks":3,)"
    R"("callbacks_in_time":1,"callbacks_late":0,"callbacks_overdue":0,"callbacks_pending":2,"escalated":0,)"
    R"("finished":0,"left_or_cancelled":0,"one_go_answered":0,"one_go_yes":0,"score_avg":0.0,)"
    R"("scores_8_or_more":0,"share_8_or_more":0.0,"share_one_go":0.0,"start_seconds_p50":0.0,)"
    R"("start_seconds_p90":0.0,"started":0,"surveys":0,"visits":2},"id":"zuid"}],"overall":{"ack_seconds_p50":0.0,)"
    R"("ack_seconds_p90":0.0,"acknowledged":1,"callbacks":3,"callbacks_in_time":1,"callbacks_late":0,)"
    R"("callbacks_overdue":0,"callbacks_pending":2,"escalated":0,"finished":0,"left_or_cancelled":0,)"
    R"("one_go_answered":0,"one_go_yes":0,"score_avg":0.0,"scores_8_or_more":0,"share_8_or_more":0.0,)"
    R"("share_one_go":0.0,"start_seconds_p50":0.0,"start_seconds_p90":0.0,"started":0,"surveys":0,"visits":2},)"
    R"("per_day":[{"date":"2026-11-22","visits":0,"weekday":6},{"date":"2026-11-23","visits":2,"weekday":0}],)"
    R"("per_hour":[0,0,0,0,0,0,0,0,0,0,2,0,0,0,0,0,0,0,0,0,0,0,0,0],)"
    R"("teams":[{"figures":{"ack_seconds_p50":0.0,"ack_seconds_p90":0.0,"acknowledged":1,"callbacks":1,)"
    R"("callbacks_in_time":0,"callbacks_late":0,"callbacks_overdue":0,"callbacks_pending":1,"escalated":0,)"
    R"("finished":0,"left_or_cancelled":0,"one_go_answered":0,"one_go_yes":0,"score_avg":0.0,)"
    R"("scores_8_or_more":0,"share_8_or_more":0.0,"share_one_go":0.0,"start_seconds_p50":0.0,)"
    R"("start_seconds_p90":0.0,"started":0,"surveys":0,"visits":1},"id":"verhuur","label":"Team Verhuur"}],)"
    R"("to":"2026-11-23","to_unix":1795474800,)"
    R"("topics":[{"figures":{"ack_seconds_p50":0.0,"ack_seconds_p90":0.0,"acknowledged":1,"callbacks":1,)"
    R"("callbacks_in_time":0,"callbacks_late":0,"callbacks_overdue":0,"callbacks_pending":1,"escalated":0,)"
    R"("finished":0,"left_or_cancelled":0,"one_go_answered":0,"one_go_yes":0,"score_avg":0.0,)"
    R"("scores_8_or_more":0,"share_8_or_more":0.0,"share_one_go":0.0,"start_seconds_p50":0.0,)"
    R"("start_seconds_p90":0.0,"started":0,"surveys":0,"visits":1},"id":"rent","label":"Huur en betalen"}]})";

TEST(WireFieldNames, AVisitIsWrittenAsTheServiceAlwaysSentIt) {
    const VisitView v = decode<VisitView>(kVisit);
    EXPECT_EQ(v.visit.visitor_name, "مريم");
    EXPECT_EQ(v.promise, PromiseState::OnTime);
    EXPECT_EQ(json(v).dump(), kVisit);
}

TEST(WireFieldNames, AReportIsWrittenAsTheServiceAlwaysSentIt) {
    const ReportView r = decode<ReportView>(kReport);
    EXPECT_EQ(r.label("topic", "rent"), "Huur en betalen");
    EXPECT_EQ(r.report.per_hour[10], 2);
    EXPECT_EQ(r.office, "zuid");
    ASSERT_EQ(r.offices.size(), 1u);
    EXPECT_EQ(r.offices[0].figures.visits, 2);
    EXPECT_EQ(json(r).dump(), kReport);
}

// `gastvrij report --format json|csv` lists the figures in this order (the
// CSV's rows follow it); the API's objects are sorted by name instead.
TEST(WireFieldNames, TheCommandKeepsTheOrderOfTheFigures) {
    const nlohmann::ordered_json figures = KpiFigures{};
    std::vector<std::string> names;
    for (const auto& [name, value] : figures.items()) names.push_back(name);
    const std::vector<std::string> expected = {
        "visits",           "finished",          "left_or_cancelled", "escalated",         "acknowledged",
        "ack_seconds_p50",  "ack_seconds_p90",   "started",           "start_seconds_p50", "start_seconds_p90",
        "surveys",          "score_avg",         "scores_8_or_more",  "share_8_or_more",   "one_go_answered",
        "one_go_yes",       "share_one_go",      "callbacks",         "callbacks_in_time", "callbacks_late",
        "callbacks_overdue", "callbacks_pending"};
    EXPECT_EQ(names, expected);
    const nlohmann::ordered_json count = DayCount{"2026-11-23", 0, 4};
    std::vector<std::string> day;
    for (const auto& [name, value] : count.items()) day.push_back(name);
    EXPECT_EQ(day, (std::vector<std::string>{"date", "weekday", "visits"}));
}

}  // namespace
}  // namespace gastvrij
