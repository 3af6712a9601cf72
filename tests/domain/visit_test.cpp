#include <gtest/gtest.h>

#include <array>

#include "domain/visit.h"

using namespace gastvrij;
using S = VisitState;

namespace {

constexpr std::array<S, 9> kAll = {S::Arrived,   S::HostNotified, S::Acknowledged, S::InConversation, S::Finished,
                                   S::Escalated, S::Reassigned,   S::Cancelled,    S::Left};

// The lifecycle as the product promises it, written out in full: row = from,
// column = to, in the order of kAll.
constexpr int kAllowed[9][9] = {
    //           arr hn ack conv fin esc rea can left
    /* arr  */ {0, 1, 0, 0, 0, 0, 0, 1, 1},
    /* hn   */ {0, 0, 1, 1, 0, 1, 1, 1, 1},
    /* ack  */ {0, 0, 0, 1, 0, 1, 1, 1, 1},
    /* conv */ {0, 0, 0, 0, 1, 0, 0, 0, 0},
    /* fin  */ {0, 0, 0, 0, 0, 0, 0, 0, 0},
    /* esc  */ {0, 0, 1, 1, 0, 1, 1, 1, 1},
    /* rea  */ {0, 0, 1, 1, 0, 1, 1, 1, 1},
    /* can  */ {0, 0, 0, 0, 0, 0, 0, 0, 0},
    /* left */ {0, 0, 0, 0, 0, 0, 0, 0, 0},
};

constexpr Timestamp kNow = 1'795'000'000;

Visit in_state(S s) {
    Visit v;
    v.id = 17;
    v.topic_id = "rent";
    v.host_id = "1042";
    v.team_id = "verhuur";
    v.state = s;
    v.arrived_at = kNow - 600;
    v.tried_hosts = {"1042"};
    return v;
}

// Performs the domain move that leads to `to`; Arrived has none.
Transition move_to(const Visit& v, S to) {
    switch (to) {
        case S::HostNotified: return notify_host(v, "1043", "verhuur", kNow + 300, kNow, "kiosk:entrance");
        case S::Acknowledged: return acknowledge(v, 3, kNow, "staff:1042");
        case S::InConversation: return start_conversation(v, kNow, "staff:1042");
        case S::Finished: return finish(v, kNow, "staff:1042");
        case S::Escalated: return escalate(v, "1043", "verhuur", 1, kNow + 300, kNow, "backup of 1042");
        case S::Reassigned: return reassign(v, "2001", "wijk", kNow + 300, kNow, "desk");
        case S::Cancelled: return cancel(v, kNow, "desk", false);
        case S::Left: return cancel(v, kNow, "desk", true);
        case S::Arrived: break;
    }
    throw TransitionError(std::string("no move leads to ") + to_string(to));
}

class Lifecycle : public ::testing::TestWithParam<std::tuple<int, int>> {};

}  // namespace

TEST_P(Lifecycle, MoveIsAllowedExactlyAsTheTableSays) {
    const auto [fi, ti] = GetParam();
    const S from = kAll[static_cast<std::size_t>(fi)], to = kAll[static_cast<std::size_t>(ti)];
    const bool allowed = kAllowed[fi][ti] == 1;
    EXPECT_EQ(can_transition(from, to), allowed);
    if (allowed) {
        Transition t = move_to(in_state(from), to);
        EXPECT_EQ(t.visit.state, to);
        EXPECT_EQ(t.event.from, from);
        EXPECT_EQ(t.event.to, to);
        EXPECT_EQ(t.event.visit_id, 17);
        EXPECT_EQ(t.event.at, kNow);
        EXPECT_FALSE(t.event.actor.empty());
        EXPECT_FALSE(t.event.detail.empty());
        EXPECT_EQ(t.visit.closed_at, is_terminal(to) ? kNow : 0);
    } else {
        try {
            move_to(in_state(from), to);
            ADD_FAILURE() << "moved from " << to_string(from) << " to " << to_string(to);
        } catch (const TransitionError& e) {
            if (to != S::Arrived) {
                EXPECT_EQ(std::string(e.what()),
                          std::string("visit 17: cannot go from ") + to_string(from) + " to " + to_string(to));
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(AllStatePairs, Lifecycle,
                         ::testing::Combine(::testing::Range(0, 9), ::testing::Range(0, 9)),
                         [](const ::testing::TestParamInfo<std::tuple<int, int>>& info) {
                             return std::string(to_string(kAll[static_cast<std::size_t>(std::get<0>(info.param))])) +
                                    "_to_" + to_string(kAll[static_cast<std::size_t>(std::get<1>(info.param))]);
                         });

TEST(VisitStates, NamesRoundTripAndClassify) {
    for (S s : kAll) EXPECT_EQ(visit_state_from(to_string(s)), s);
    EXPECT_EQ(std::string(to_string(S::HostNotified)), "host_notified");
    EXPECT_EQ(std::string(to_string(S::InConversation)), "in_conversation");
    EXPECT_FALSE(visit_state_from("waiting").has_value());
    int terminal = 0, waiting = 0;
    for (S s : kAll) {
        terminal += is_terminal(s);
        waiting += is_waiting(s);
        EXPECT_FALSE(is_terminal(s) && is_waiting(s));
    }
    EXPECT_EQ(terminal, 3);
    EXPECT_EQ(waiting, 5);
    EXPECT_FALSE(is_waiting(S::InConversation));
}

TEST(VisitMoves, ErrorMessageNamesVisitAndStates) {
    try {
        acknowledge(in_state(S::Finished), 3, kNow, "staff:1042");
        FAIL();
    } catch (const TransitionError& e) {
        EXPECT_STREQ(e.what(), "visit 17: cannot go from finished to acknowledged");
    }
}

TEST(VisitMoves, AcknowledgeNeedsOneToHundredTwentyMinutes) {
    const Visit v = in_state(S::HostNotified);
    EXPECT_THROW(acknowledge(v, 0, kNow, "staff:1042"), TransitionError);
    EXPECT_THROW(acknowledge(v, -5, kNow, "staff:1042"), TransitionError);
    EXPECT_THROW(acknowledge(v, 121, kNow, "staff:1042"), TransitionError);
    Transition one = acknowledge(v, 1, kNow, "staff:1042");
    EXPECT_EQ(one.visit.promised_at, kNow + 60);
    Transition most = acknowledge(v, 120, kNow, "staff:1042");
    EXPECT_EQ(most.visit.promised_at, kNow + 7200);
    EXPECT_EQ(most.visit.acknowledged_at, kNow);
    EXPECT_EQ(most.event.detail, "promised 120 min");
    EXPECT_EQ(most.event.actor, "staff:1042");
}

TEST(VisitMoves, NotifyAndEscalateRecordEveryHostTried) {
    Visit v;
    v.id = 5;
    Transition t = notify_host(v, "1042", "verhuur", kNow + 180, kNow, "kiosk:entrance");
    EXPECT_EQ(t.visit.host_id, "1042");
    EXPECT_EQ(t.visit.ack_deadline, kNow + 180);
    EXPECT_EQ(t.visit.tried_hosts, std::vector<std::string>{"1042"});
    t = acknowledge(t.visit, 2, kNow + 30, "staff:1042");
    t = escalate(t.visit, "1043", "verhuur", 1, kNow + 500, kNow + 150, "backup of 1042");
    EXPECT_EQ(t.visit.host_id, "1043");
    EXPECT_EQ(t.visit.escalation_level, 1);
    EXPECT_EQ(t.visit.ack_deadline, kNow + 500);
    EXPECT_EQ(t.visit.promised_at, 0);       // 1042's promise no longer stands
    EXPECT_EQ(t.visit.acknowledged_at, kNow + 30);
    EXPECT_EQ(t.event.actor, "escalation");
    EXPECT_EQ(t.event.detail, "no answer from 1042 → 1043 (backup of 1042)");
    t = reassign(t.visit, "1042", "verhuur", kNow + 900, kNow + 200, "desk");
    EXPECT_EQ(t.visit.tried_hosts, (std::vector<std::string>{"1042", "1043", "1042"}));
    EXPECT_EQ(t.event.detail, "1043 → 1042");
    t = escalate(t.visit, "", "receptie", 3, kNow + 1000, kNow + 900, "desk: nobody available");
    EXPECT_TRUE(t.visit.host_id.empty());
    EXPECT_EQ(t.visit.team_id, "receptie");
    EXPECT_EQ(t.event.detail, "no answer from 1042 → desk (desk: nobody available)");
    EXPECT_EQ(t.visit.tried_hosts.size(), 4u);
}

TEST(VisitMoves, FullJourneyStampsEachMoment) {
    Visit v;
    v.id = 9;
    v.arrived_at = kNow;
    Transition t = notify_host(v, "1042", "verhuur", kNow + 300, kNow, "kiosk:entrance");
    t = acknowledge(t.visit, 3, kNow + 40, "staff:1042");
    t = start_conversation(t.visit, kNow + 200, "staff:1042");
    EXPECT_EQ(t.visit.started_at, kNow + 200);
    EXPECT_EQ(t.visit.closed_at, 0);
    t = finish(t.visit, kNow + 1400, "staff:1042");
    EXPECT_EQ(t.visit.state, S::Finished);
    EXPECT_EQ(t.visit.finished_at, kNow + 1400);
    EXPECT_EQ(t.visit.closed_at, kNow + 1400);
    EXPECT_EQ(t.visit.acknowledged_at, kNow + 40);
    EXPECT_EQ(t.visit.promised_at, kNow + 40 + 180);
}

TEST(VisitMoves, LeavingAndCancellingAreDistinct) {
    Transition left = cancel(in_state(S::Acknowledged), kNow, "kiosk:entrance", true);
    Transition cancelled = cancel(in_state(S::Acknowledged), kNow, "desk", false);
    EXPECT_EQ(left.visit.state, S::Left);
    EXPECT_EQ(cancelled.visit.state, S::Cancelled);
    EXPECT_EQ(left.visit.closed_at, kNow);
    EXPECT_EQ(left.event.detail, "visitor left");
}
