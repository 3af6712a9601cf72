// Callback requests and the KPI report over HTTP: who may read them, which
// field a refusal names, that a handled number is gone from the store and
// from the answer, that other desks hear of it, and that the report's figures
// are the ones this test works out by hand for a small known morning.
#include <algorithm>
#include <cmath>

#include "client/client.h"
#include "service_fixture.h"

namespace gastvrij {
namespace {

using namespace service_test;

CallbackRequest callback(const std::string& phone, const std::string& topic, Timestamp created, Timestamp due) {
    CallbackRequest c;
    c.phone = phone;
    c.topic_id = topic;
    c.part = PartOfDay::Afternoon;
    c.created_at = created;
    c.due_at = due;
    return c;
}

json body_of(const httplib::Result& r) { return r ? json::parse(r->body) : json(); }

TEST(CallbackApi, OnlyAPairedDeskMayReadOrChangeThem) {
    Harness h;
    const auto saved = h.store.add_callback(callback("+31612345678", "rent", h.clock.now(), h.clock.now() + 3600));
    auto http = h.http();
    const std::string path = "/api/v1/callbacks/" + std::to_string(saved.id) + "/state";

    EXPECT_EQ(http.Get("/api/v1/callbacks")->status, 401);
    EXPECT_EQ(http.Post(path.c_str(), R"({"state":"done"})", "application/json")->status, 401);
    EXPECT_EQ(http.Get("/api/v1/report?from=2026-11-23&to=2026-11-23")->status, 401);

    // A colleague's phone has no business with visitors' numbers.
    const auto phone = Harness::auth(h.pair(DeviceKind::Phone, "1042"));
    EXPECT_EQ(http.Get("/api/v1/callbacks", phone)->status, 403);
    EXPECT_EQ(http.Post(path.c_str(), phone, R"({"state":"done"})", "application/json")->status, 403);
    EXPECT_EQ(http.Get("/api/v1/report?from=2026-11-23&to=2026-11-23", phone)->status, 403);
    EXPECT_EQ(h.store.callbacks(true).size(), 1u);  // nothing changed
}

TEST(CallbackApi, RefusalsNameTheFieldOrTheMissingRequest) {
    Harness h;
    const auto saved = h.store.add_callback(callback("+31612345678", "rent", h.clock.now(), h.clock.now() + 3600));
    auto http = h.http();
    const auto desk = Harness::auth(h.pair(DeviceKind::Desk));
    const std::string path = "/api/v1/callbacks/" + std::to_string(saved.id) + "/state";

    for (const char* body : {R"({"state":"maybe"})", R"({})", R"({"state":3})"}) {
        auto r = http.Post(path.c_str(), desk, body, "application/json");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 400) << body;
        EXPECT_EQ(body_of(r).value("field", ""), "state") << body;
    }
    auto unknown = http.Post("/api/v1/callbacks/98765/state", desk, R"({"state":"done"})", "application/json");
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 404);

    const std::pair<const char*, const char*> bad_periods[] = {
        {"/api/v1/report?to=2026-11-23", "from"},
        {"/api/v1/report?from=23-11-2026&to=2026-11-23", "from"},
        {"/api/v1/report?from=2026-02-30&to=2026-03-01", "from"},
        {"/api/v1/report?from=2026-11-23", "to"},
        {"/api/v1/report?from=2026-11-23&to=2026-11-22", "to"},
        {"/api/v1/report?from=2024-01-01&to=2026-11-22", "to"},
    };
    for (const auto& [query, field] : bad_periods) {
        auto r = http.Get(query, desk);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 400) << query;
        EXPECT_EQ(body_of(r).value("field", ""), field) << query;
    }
    // Nothing was touched by the refused calls.
    ASSERT_EQ(h.store.callbacks(true).size(), 1u);
    EXPECT_EQ(h.store.callbacks(true)[0].phone, "+31612345678");
}

TEST(CallbackApi, DoneErasesTheNumberAndEveryDeskHearsOfIt) {
    Harness h;  // default retention: handled numbers kept 0 days
    const Timestamp now = h.clock.now();
    const auto a = h.store.add_callback(callback("+31612345678", "rent", now - 600, now + 3600));
    const auto b = h.store.add_callback(callback("+31201234567", "repair", now - 300, now + 7200));
    const std::string token = h.pair(DeviceKind::Desk, "", "balie 1");
    EventReader other_desk(h.service.port(), h.pair(DeviceKind::Desk, "", "balie 2"));
    ASSERT_TRUE(other_desk.wait_for([](auto& f) { return !f.empty(); }));

    ServiceClient client(h.url(), token);
    auto list = client.callbacks();
    ASSERT_EQ(list.callbacks.size(), 2u);
    EXPECT_EQ(list.callbacks[0].request.phone, "+31612345678");
    EXPECT_EQ(list.callbacks[0].topic_label, "Huur en betalen");
    EXPECT_EQ(list.callbacks[0].request.part, PartOfDay::Afternoon);
    EXPECT_EQ(list.callbacks[0].due_hhmm, "11:42");  // 10:42 + an hour, the office's local time
    EXPECT_EQ(list.today, "2026-11-23");

    // Called: tried, no answer yet — the number is still needed.
    const CallbackView called = client.set_callback_state(a.id, CallbackState::Called);
    EXPECT_EQ(called.request.state, CallbackState::Called);
    EXPECT_EQ(called.request.phone, "+31612345678");

    h.clock.advance(120);
    const CallbackView done = client.set_callback_state(a.id, CallbackState::Done);
    EXPECT_EQ(done.request.state, CallbackState::Done);
    EXPECT_EQ(done.request.phone, "");
    EXPECT_EQ(done.request.handled_at, now + 120);
    // Gone from the file, not only from the answer.
    for (const CallbackRequest& c : h.store.callbacks(false)) {
        if (c.id == a.id) { EXPECT_EQ(c.phone, ""); }
        if (c.id == b.id) { EXPECT_EQ(c.phone, "+31201234567"); }  // the other one still has to be called
    }
    list = client.callbacks();
    ASSERT_EQ(list.callbacks.size(), 2u);  // done today: still listed, without number
    EXPECT_EQ(list.callbacks[0].request.phone, "");

    ASSERT_TRUE(other_desk.wait_for([](auto& f) {
        return std::count_if(f.begin(), f.end(), [](auto& x) { return x.event == "callback"; }) >= 2;
    }));
    const auto frames = other_desk.frames("callback");
    const json last = json::parse(frames.back().data);
    EXPECT_EQ(last.value("id", 0), a.id);
    EXPECT_EQ(last.value("state", ""), "done");
    EXPECT_EQ(last.value("phone", "?"), "");
}

TEST(CallbackApi, AnOfficeThatKeepsNumbersAWeekStillNeverShowsAHandledOne) {
    Config config = office_config();
    config.kiosk.retention.callback_keep_days = 7;
    Harness h(test_options(), config);
    const auto a = h.store.add_callback(callback("+31612345678", "rent", h.clock.now(), h.clock.now() + 3600));
    ServiceClient client(h.url(), h.pair(DeviceKind::Desk));
    EXPECT_EQ(client.set_callback_state(a.id, CallbackState::Done).request.phone, "");
    EXPECT_EQ(client.callbacks().callbacks.at(0).request.phone, "");
    EXPECT_EQ(h.store.callbacks(false).at(0).phone, "+31612345678");  // kept as kiosk.toml says, for a week
}

TEST(CallbackApi, OverdueOnTheServiceClock) {
    Harness h;
    const Timestamp now = h.clock.now();
    h.store.add_callback(callback("+31612345678", "rent", now - 7200, now + 60));
    ServiceClient client(h.url(), h.pair(DeviceKind::Desk));
    EXPECT_FALSE(client.callbacks().callbacks.at(0).overdue);
    h.clock.advance(61);
    EXPECT_TRUE(client.callbacks().callbacks.at(0).overdue);
    // Done late is no longer overdue: nothing left to do.
    client.set_callback_state(client.callbacks().callbacks.at(0).request.id, CallbackState::Done);
    EXPECT_FALSE(client.callbacks().callbacks.at(0).overdue);
}

// Nearest-rank percentile, as the report promises it.
double nearest_rank(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
    return v[std::max<std::size_t>(rank, 1) - 1];
}

TEST(ReportApi, FiguresOfAKnownMorning) {
    Harness h;
    const Timestamp t0 = h.clock.now();  // Monday 23 November 2026, 10:42 local
    // Four visitors: three for rent (team Verhuur), one for repair (team Wijk).
    struct Plan {
        std::string topic;
        Timestamp arrive_after, ack_after, start_after;  // seconds from t0 / from arrival
    };
    const std::vector<Plan> plans = {
        {"rent", 0, 60, 300}, {"rent", 600, 120, 480}, {"rent", 1500, 300, 900}, {"repair", 4000, 90, 200}};
    std::vector<double> ack_waits, start_waits, rent_acks;
    std::array<int, 24> per_hour{};
    for (const Plan& p : plans) {
        h.clock.advance(t0 + p.arrive_after - h.clock.now());
        const Visit v = h.service.reception().check_in({p.topic, "", "Bezoeker", "nl", "kiosk:test"});
        ++per_hour[static_cast<std::size_t>(h.clock.local(h.clock.now()).minute / 60)];
        h.clock.advance(p.ack_after);
        h.service.reception().acknowledge(v.id, 5, "test");
        h.clock.advance(p.start_after - p.ack_after);
        h.service.reception().start(v.id, "test");
        h.service.reception().finish(v.id, "test");
        ack_waits.push_back(double(p.ack_after));
        start_waits.push_back(double(p.start_after));
        if (p.topic == "rent") rent_acks.push_back(double(p.ack_after));
    }
    // Five survey answers: 9, 8, 6, 10, 7; "in one go" yes, no, (none), yes, yes.
    const std::vector<std::pair<int, int>> answers = {{9, 1}, {8, 0}, {6, -1}, {10, 1}, {7, 1}};
    for (const auto& [score, one_go] : answers) {
        SurveyResponse s;
        s.hour = t0 + 3600;
        s.staff_id = "1042";
        s.topic_id = "rent";
        s.score = score;
        if (one_go >= 0) s.one_go = one_go == 1;
        h.store.add_survey(s);
    }
    // Callbacks: one done in time, one done late, one overdue, one still within its promise.
    const Timestamp now = h.clock.now();
    const auto in_time = h.store.add_callback(callback("+31600000001", "rent", t0, now - 100));
    const auto late = h.store.add_callback(callback("+31600000002", "rent", t0, now - 7200));
    h.store.add_callback(callback("+31600000003", "repair", t0, now - 60));
    h.store.add_callback(callback("+31600000004", "repair", t0, now + 86'400));
    h.store.update_callback(with_state(in_time, CallbackState::Done, now - 200));
    h.store.update_callback(with_state(late, CallbackState::Done, now - 100));

    ServiceClient client(h.url(), h.pair(DeviceKind::Desk));
    const ReportView view = client.report("2026-11-23", "2026-11-23");
    const KpiFigures& f = view.report.overall;
    EXPECT_EQ(f.visits, 4);
    EXPECT_EQ(f.finished, 4);
    EXPECT_EQ(f.acknowledged, 4);
    EXPECT_DOUBLE_EQ(f.ack_seconds_p50, nearest_rank(ack_waits, 0.5));
    EXPECT_DOUBLE_EQ(f.ack_seconds_p90, nearest_rank(ack_waits, 0.9));
    EXPECT_DOUBLE_EQ(f.start_seconds_p50, nearest_rank(start_waits, 0.5));
    EXPECT_DOUBLE_EQ(f.start_seconds_p90, nearest_rank(start_waits, 0.9));
    EXPECT_EQ(f.surveys, 5);
    EXPECT_NEAR(f.score_avg, (9 + 8 + 6 + 10 + 7) / 5.0, 1e-9);
    EXPECT_NEAR(f.share_8_or_more, 3 / 5.0, 1e-9);
    EXPECT_EQ(f.one_go_answered, 4);
    EXPECT_NEAR(f.share_one_go, 3 / 4.0, 1e-9);
    EXPECT_EQ(f.callbacks, 4);
    EXPECT_EQ(f.callbacks_in_time, 1);
    EXPECT_EQ(f.callbacks_late, 1);
    EXPECT_EQ(f.callbacks_overdue, 1);
    EXPECT_EQ(f.callbacks_pending, 1);

    for (int hour = 0; hour < 24; ++hour)
        EXPECT_EQ(view.report.per_hour[std::size_t(hour)], per_hour[std::size_t(hour)]) << "hour " << hour;
    ASSERT_EQ(view.report.per_day.size(), 1u);
    EXPECT_EQ(view.report.per_day[0].date, "2026-11-23");
    EXPECT_EQ(view.report.per_day[0].visits, 4);

    const KpiGroup* rent = view.report.topic("rent");
    ASSERT_NE(rent, nullptr);
    EXPECT_EQ(rent->figures.visits, 3);
    EXPECT_DOUBLE_EQ(rent->figures.ack_seconds_p90, nearest_rank(rent_acks, 0.9));
    EXPECT_EQ(rent->figures.callbacks_in_time, 1);
    EXPECT_EQ(view.label("topic", "rent"), "Huur en betalen");
    const KpiGroup* wijk = view.report.team("wijk");
    ASSERT_NE(wijk, nullptr);
    EXPECT_EQ(wijk->figures.visits, 1);
    EXPECT_EQ(wijk->figures.callbacks_overdue, 1);  // repair is Team Wijk's to call back
    EXPECT_EQ(view.label("team", "wijk"), "Team Wijk");
    const KpiGroup* verhuur = view.report.team("verhuur");
    ASSERT_NE(verhuur, nullptr);
    EXPECT_EQ(verhuur->figures.surveys, 5);  // the colleague the answers name is in Verhuur

    // The day before holds nothing; a week shows seven days with these four on the Monday.
    EXPECT_EQ(client.report("2026-11-22", "2026-11-22").report.overall.visits, 0);
    const ReportView week = client.report("2026-11-17", "2026-11-23");
    ASSERT_EQ(week.report.per_day.size(), 7u);
    EXPECT_EQ(week.report.per_day.back().visits, 4);
    EXPECT_EQ(week.report.per_day.front().visits, 0);
}

}  // namespace
}  // namespace gastvrij
