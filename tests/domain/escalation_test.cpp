#include <gtest/gtest.h>

#include "domain/promise.h"
#include "domain/routing.h"
#include "office.h"

using namespace gastvrij;

namespace {

// Walks a visit up the ladder the way the reception's timer does, but with
// pure domain calls, so each deadline can be checked to the second.
class Escalation : public ::testing::Test {
protected:
    Directory dir = fixture::office();
    PresenceBoard presence;
    OpenLoad load;
    FakeClock clock{FakeClock{}.at_local(2026, 11, 23, 10, 0)};
    const Timestamp t0 = clock.now();

    RoutingContext ctx() { return RoutingContext{dir, presence, load, clock.local_now()}; }

    Visit check_in(const std::string& topic_id, const std::string& chosen) {
        const Topic& topic = *dir.topic(topic_id);
        Visit v;
        v.id = 17;
        v.topic_id = topic_id;
        v.arrived_at = clock.now();
        RouteResult r = route(ctx(), topic, chosen);
        Transition t = notify_host(v, r.host_id, r.team_id, clock.now() + topic.ack_minutes * 60, clock.now(),
                                   "kiosk:entrance");
        t.visit.escalation_level = r.level;
        return t.visit;
    }

    // One timer round: escalate if due, else leave the visit as it is.
    Visit tick(const Visit& v) {
        if (!needs_escalation(v, clock.now())) return v;
        RouteResult r = next_escalation(ctx(), v);
        const int ack = dir.topic(v.topic_id)->ack_minutes * 60;
        return escalate(v, r.host_id, r.team_id, r.level, clock.now() + ack, clock.now(), r.reason).visit;
    }
};

}  // namespace

TEST_F(Escalation, LadderHostBackupTeamDeskToTheSecond) {
    Visit v = check_in("appointment", "1042");  // answer within 3 minutes
    ASSERT_EQ(v.host_id, "1042");
    EXPECT_EQ(v.ack_deadline, t0 + 180);

    clock.set(t0 + 179);
    EXPECT_EQ(tick(v).host_id, "1042");
    clock.set(t0 + 180);
    v = tick(v);
    EXPECT_EQ(v.state, VisitState::Escalated);
    EXPECT_EQ(v.host_id, "1043");
    EXPECT_EQ(v.escalation_level, 1);
    EXPECT_EQ(v.ack_deadline, t0 + 360);

    clock.set(t0 + 359);
    EXPECT_EQ(tick(v).host_id, "1043");
    clock.set(t0 + 360);
    v = tick(v);
    EXPECT_EQ(v.host_id, "1044");  // the team, minus those already asked
    EXPECT_EQ(v.escalation_level, 2);
    EXPECT_EQ(v.ack_deadline, t0 + 540);

    clock.set(t0 + 540);
    v = tick(v);
    EXPECT_TRUE(v.host_id.empty());
    EXPECT_EQ(v.team_id, "receptie");
    EXPECT_EQ(v.escalation_level, 3);
    EXPECT_EQ(v.ack_deadline, t0 + 720);

    clock.set(t0 + 720);
    v = tick(v);  // at the desk it stays at the desk
    EXPECT_TRUE(v.host_id.empty());
    EXPECT_EQ(v.escalation_level, 3);
    EXPECT_EQ(v.ack_deadline, t0 + 900);
    EXPECT_EQ(v.tried_hosts, (std::vector<std::string>{"1042", "1043", "1044", "", ""}));
}

TEST_F(Escalation, SkipsAbsentBackupAndGoesToTeam) {
    Visit v = check_in("appointment", "1042");
    presence["1043"] = Presence::Lunch;
    clock.set(t0 + 180);
    v = tick(v);
    EXPECT_EQ(v.host_id, "1044");
    EXPECT_EQ(v.escalation_level, 2);
}

TEST_F(Escalation, TeamTopicFirstHostThenBackupTeamThenDesk) {
    load["1042"] = 1;
    Visit v = check_in("rent", "");  // 5 minutes to answer
    ASSERT_EQ(v.host_id, "1043");
    EXPECT_EQ(v.escalation_level, 0);
    presence["1042"] = Presence::Out;
    presence["1044"] = Presence::Out;
    clock.set(t0 + 300);
    v = tick(v);  // 1043 has no backup; verhuur has nobody left → wijk
    EXPECT_EQ(v.host_id, "2001");
    EXPECT_EQ(v.team_id, "wijk");
    EXPECT_EQ(v.ack_deadline, t0 + 600);
    clock.set(t0 + 600);
    v = tick(v);
    EXPECT_TRUE(v.host_id.empty());
}

TEST_F(Escalation, BrokenPromiseAfterAcknowledgeEscalates) {
    Visit v = check_in("appointment", "1042");
    clock.set(t0 + 60);
    v = acknowledge(v, 2, clock.now(), "staff:1042").visit;
    EXPECT_EQ(promise_deadline(v), t0 + 180);
    clock.set(t0 + 179);
    EXPECT_FALSE(needs_escalation(v, clock.now()));
    EXPECT_EQ(promise_state(v, clock.now()), PromiseState::AtRisk);
    clock.set(t0 + 180);
    EXPECT_EQ(promise_state(v, clock.now()), PromiseState::Broken);
    v = tick(v);
    EXPECT_EQ(v.state, VisitState::Escalated);
    EXPECT_EQ(v.host_id, "1043");
    EXPECT_EQ(promise_deadline(v), t0 + 360);
}

TEST_F(Escalation, ConversationStopsTheClock) {
    Visit v = check_in("appointment", "1042");
    clock.set(t0 + 100);
    v = start_conversation(v, clock.now(), "staff:1042").visit;
    clock.set(t0 + 10'000);
    EXPECT_FALSE(needs_escalation(v, clock.now()));
    EXPECT_EQ(promise_state(v, clock.now()), PromiseState::Kept);
    EXPECT_EQ(promise_deadline(v), 0);
    EXPECT_EQ(minutes_waiting(v, clock.now()), 1);  // 100 s until the conversation began
}

TEST(Promise, StatesAroundTheDeadline) {
    Visit v;
    v.state = VisitState::HostNotified;
    v.arrived_at = 1000;
    v.ack_deadline = 1300;
    EXPECT_EQ(promise_state(v, 1000), PromiseState::OnTime);
    EXPECT_EQ(promise_state(v, 1239), PromiseState::OnTime);
    EXPECT_EQ(promise_state(v, 1240), PromiseState::AtRisk);
    EXPECT_EQ(promise_state(v, 1299), PromiseState::AtRisk);
    EXPECT_EQ(promise_state(v, 1300), PromiseState::Broken);
    EXPECT_EQ(promise_state(v, 1240, PromiseSettings{30}), PromiseState::OnTime);
    EXPECT_TRUE(needs_escalation(v, 1300));
    EXPECT_FALSE(needs_escalation(v, 1299));
    EXPECT_EQ(minutes_waiting(v, 1000 + 359), 5);
    v.state = VisitState::Left;
    v.closed_at = 1500;
    EXPECT_EQ(promise_state(v, 5000), PromiseState::Kept);
    EXPECT_FALSE(needs_escalation(v, 5000));
    EXPECT_EQ(minutes_waiting(v, 5000), 8);
    EXPECT_STREQ(to_string(PromiseState::AtRisk), "at_risk");
}
