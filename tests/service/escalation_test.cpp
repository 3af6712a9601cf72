// "A promise is a promise", end to end through the service: its escalation
// timer moves an unanswered visit along the ladder, and the desk board and the
// colleagues' phones see it happen.
#include "client/client.h"
#include "service_fixture.h"

namespace gastvrij::service_test {
namespace {

std::string promise_of(Harness& h, const std::string& token, VisitId id) {
    auto r = h.http().Get(("/api/v1/visits/" + std::to_string(id)).c_str(), Harness::auth(token));
    if (!r || r->status != 200) return "?";
    return json::parse(r->body).at("promise");
}

TEST(Escalation, AnUnansweredVisitMovesOnAndBoardAndPhonesHearIt) {
    Harness h;
    const std::string desk_token = h.pair(DeviceKind::Desk);
    EventReader board(h.service.port(), desk_token);
    EventReader fatma(h.service.port(), h.pair(DeviceKind::Phone, "1042"));
    ASSERT_TRUE(board.wait_for([](auto& f) { return !f.empty(); }));
    ASSERT_TRUE(fatma.wait_for([](auto& f) { return !f.empty(); }));

    ServiceClient desk(h.url(), desk_token);
    const VisitView v = desk.check_in("rent", "", "Ayşe");  // Team Verhuur answers within 5 minutes
    ASSERT_EQ(v.visit.host_id, "1042");
    EXPECT_EQ(v.promise, PromiseState::OnTime);

    h.clock.advance(4 * 60);
    ASSERT_TRUE(h.service.tick_now());
    EXPECT_EQ(h.store.visit(v.visit.id)->state, VisitState::HostNotified);  // not yet
    EXPECT_EQ(promise_of(h, desk_token, v.visit.id), "at_risk");           // the board turns orange

    h.clock.advance(60);
    ASSERT_TRUE(h.service.tick_now());
    const Visit moved = *h.store.visit(v.visit.id);
    EXPECT_EQ(moved.state, VisitState::Escalated);
    EXPECT_EQ(moved.host_id, "1043");  // Fatma's backup
    EXPECT_EQ(promise_of(h, desk_token, v.visit.id), "on_time");  // a fresh deadline for Jan

    auto escalated = [](const json& f) { return f.at("event").at("to") == "escalated"; };
    ASSERT_TRUE(board.wait_for([&](auto&) {
        auto vs = board.visits();
        return std::any_of(vs.begin(), vs.end(), escalated);
    }));
    ASSERT_TRUE(fatma.wait_for([&](auto&) {
        auto vs = fatma.visits();
        return std::any_of(vs.begin(), vs.end(), escalated);
    }));
    EXPECT_EQ(fatma.visits().back().at("visit").at("host"), "1043");  // her page drops it
    EXPECT_EQ(fatma.visits().back().at("event").at("actor"), "escalation");
    // The board is told that Jan was asked (the companion channel of the outbox).
    EXPECT_TRUE(board.wait_for([&](auto&) {
        for (auto& f : board.frames("notification")) {
            const json n = json::parse(f.data);
            if (n.at("kind") == "escalated" && n.at("recipient") == "1043") return true;
        }
        return false;
    }));

    // Nobody answers at all: the ladder ends at the desk, which hears the promise was broken.
    for (int step = 0; step < 4 && !h.store.visit(v.visit.id)->host_id.empty(); ++step) {
        h.clock.advance(5 * 60);
        ASSERT_TRUE(h.service.tick_now());
    }
    const Visit last = *h.store.visit(v.visit.id);
    EXPECT_TRUE(last.host_id.empty());
    EXPECT_EQ(last.escalation_level, 3);
    EXPECT_TRUE(board.wait_for([&](auto&) {
        for (auto& f : board.frames("notification"))
            if (json::parse(f.data).at("kind") == "promise_broken") return true;
        return false;
    }));
}

TEST(Escalation, AnAnswerInTimeKeepsTheVisitWhereItIs) {
    Harness h;
    const std::string fatma = h.pair(DeviceKind::Phone, "1042");
    const Visit v = h.service.reception().check_in({"rent", "", "Ayşe"});
    h.clock.advance(3 * 60);
    auto r = h.http().Post(("/api/v1/visits/" + std::to_string(v.id) + "/acknowledge").c_str(), Harness::auth(fatma),
                           R"({"minutes":5})", "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    h.clock.advance(4 * 60);  // past the original answer deadline, within the promise
    ASSERT_TRUE(h.service.tick_now());
    EXPECT_EQ(h.store.visit(v.id)->state, VisitState::Acknowledged);
    h.clock.advance(2 * 60);  // the promised five minutes are over: the desk is told
    ASSERT_TRUE(h.service.tick_now());
    EXPECT_EQ(h.store.visit(v.id)->state, VisitState::Escalated);
}

TEST(Escalation, TheTimerTicksByItself) {
    ServiceOptions o = test_options();
    o.tick_interval = std::chrono::milliseconds(50);
    Harness h(o);
    const Visit v = h.service.reception().check_in({"rent", "", "Ayşe"});
    h.clock.advance(5 * 60);
    EXPECT_TRUE(eventually([&] { return h.store.visit(v.id)->state == VisitState::Escalated; }));
    // And it sleeps in between: three more ticks take at least two full
    // intervals (a timer that spun would make them in microseconds).
    const auto before = h.service.ticks();
    const auto started = std::chrono::steady_clock::now();
    ASSERT_TRUE(eventually([&] { return h.service.ticks() >= before + 3; }));
    EXPECT_GE(std::chrono::steady_clock::now() - started, 2 * o.tick_interval);
}

// The desk need not wait for the deadline: it passes a visit on to the next
// in line at once, and only the desk may.
TEST(Escalation, TheDeskPassesAVisitOnAtOnce) {
    Harness h;
    const std::string desk_token = h.pair(DeviceKind::Desk, "", "balie links");
    const std::string phone = h.pair(DeviceKind::Phone, "1042");
    ServiceClient desk(h.url(), desk_token);
    const VisitView v = desk.check_in("rent", "", "Ayşe");
    ASSERT_EQ(v.visit.host_id, "1042");
    const std::string path = "/api/v1/visits/" + std::to_string(v.visit.id) + "/escalate";

    auto by_phone = h.http().Post(path.c_str(), Harness::auth(phone), "{}", "application/json");
    ASSERT_TRUE(by_phone);
    EXPECT_EQ(by_phone->status, 403);
    EXPECT_EQ(h.store.visit(v.visit.id)->host_id, "1042");

    auto r = h.http().Post(path.c_str(), Harness::auth(desk_token), "{}", "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    const Visit moved = *h.store.visit(v.visit.id);
    EXPECT_EQ(moved.state, VisitState::Escalated);
    EXPECT_EQ(moved.host_id, "1043");  // Fatma's backup, as the timer would have chosen
    EXPECT_EQ(json::parse(r->body).at("host"), "1043");
    const auto events = h.store.events(v.visit.id);
    EXPECT_EQ(events.back().actor.rfind("desk", 0), 0u) << events.back().actor;
    EXPECT_NE(events.back().detail.find("passed on by"), std::string::npos) << events.back().detail;

    // Once the conversation has begun there is nothing to pass on.
    desk.start(v.visit.id);
    auto late = h.http().Post(path.c_str(), Harness::auth(desk_token), "{}", "application/json");
    ASSERT_TRUE(late);
    EXPECT_EQ(late->status, 409) << late->body;
}

}  // namespace
}  // namespace gastvrij::service_test
