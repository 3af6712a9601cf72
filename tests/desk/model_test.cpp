// The parts of the companion that need no service: the service-clock
// estimate, the board's alert rules, the pairing code's minutes, the models
// sharing one clock, the plain-Dutch error words and the contrast of every
// colour pair.
#include <gtest/gtest.h>

#include "desk/desk_model.h"
#include "desk/palette.h"
#include "desk/service_time.h"
#include "desk/words.h"

namespace gastvrij::desk {
namespace {

TEST(DeskServiceTime, TrustsTheDesksClockWhenItAgreesAndTheServiceOtherwise) {
    ServiceTime t;
    EXPECT_EQ(t.now(1000), 1000);
    t.at_least(960, 1000);  // a "minutes waiting" bound trailing by 40 s: the clocks agree
    EXPECT_EQ(t.now(1000), 1000);
    t.at_least(5000, 1010);  // the service is far ahead (a test clock, a skewed desk)
    EXPECT_EQ(t.now(1020), 5010);
    t.reset();  // a restarted service
    t.at_least(100, 1000);  // and this one is far behind
    EXPECT_EQ(t.now(1060), 160);
}

VisitView waiting_visit(VisitId id, Timestamp arrived, Timestamp deadline, Timestamp now) {
    VisitView v;
    v.visit.id = id;
    v.visit.state = VisitState::HostNotified;
    v.visit.arrived_at = arrived;
    v.visit.ack_deadline = deadline;
    v.visit.host_id = "1042";
    v.visit.visitor_name = "Ayşe";
    v.deadline = deadline;
    v.minutes_waiting = int((now - arrived) / 60);
    v.promise = promise_state(v.visit, now);
    v.host_name = "Fatma Yılmaz";
    v.topic_label = "Huur en betalen";
    v.waiting_since = "10:42";
    return v;
}

int ms_until_change(const BoardModel& m) {
    NextChange next;
    m.until_change(next);
    return next.ms();
}

TEST(DeskBoardAlerts, OneBreakIsAnnouncedOnceWhetherTheDeskOrTheServiceNoticesFirst) {
    double wall = 1'000'000;
    DeskClock clock([&] { return wall; });
    BoardModel m(clock);
    const Timestamp arrived = 1'795'000'000;  // the service's clock, far from the desk's
    m.apply_visit(waiting_visit(7, arrived, arrived + 300, arrived + 10), nullptr);
    EXPECT_EQ(m.status(*m.row(7)).promise, PromiseState::OnTime);
    EXPECT_EQ(m.check_promises(), 0);

    // Four and a half minutes on the desk's clock: about to break, red, no alert.
    wall += 270;
    EXPECT_EQ(m.status(*m.row(7)).promise, PromiseState::AtRisk);
    EXPECT_TRUE(m.status(*m.row(7)).red);
    EXPECT_EQ(m.check_promises(), 0);
    EXPECT_LE(ms_until_change(m), 30'000) << "wakes when the deadline passes";

    // The deadline passes: the desk notices by itself.
    wall += 40;
    EXPECT_EQ(m.check_promises(), 1);
    EXPECT_EQ(m.alerts().size(), 1u);
    EXPECT_EQ(m.take_speech().size(), 1u);
    EXPECT_EQ(m.alert_text(m.alerts()[0]), "Ayşe (Huur en betalen) wacht al 5 min: Fatma Yılmaz reageerde niet op tijd.");

    // Then the service escalates the same break: new words, no second alarm.
    VisitView escalated = waiting_visit(7, arrived, arrived + 610, arrived + 310);
    escalated.visit.state = VisitState::Escalated;
    escalated.visit.host_id = "1043";
    escalated.host_name = "Jan de Vries";
    VisitEvent e;
    e.visit_id = 7;
    e.at = arrived + 310;
    e.from = VisitState::HostNotified;
    e.to = VisitState::Escalated;
    m.apply_visit(escalated, &e);
    EXPECT_EQ(m.alerts_raised(), 1u);
    ASSERT_EQ(m.alerts().size(), 1u);
    EXPECT_NE(m.alert_text(m.alerts()[0]).find("nu gevraagd: Jan de Vries"), std::string::npos) << m.alert_text(m.alerts()[0]);
    EXPECT_TRUE(m.take_speech().empty());
    EXPECT_TRUE(m.status(*m.row(7)).red) << "red until someone has seen it";

    // Jan answers: dealt with, the banner line goes.
    VisitView answered = escalated;
    answered.visit.state = VisitState::Acknowledged;
    answered.visit.promised_at = arrived + 500;
    answered.deadline = arrived + 500;
    m.apply_visit(answered, nullptr);
    EXPECT_TRUE(m.alerts().empty());
    EXPECT_FALSE(m.status(*m.row(7)).red);
    EXPECT_EQ(m.status(*m.row(7)).promised_hhmm, "10:51") << "arrived 10:42:40, promised 500 s later";
}

TEST(DeskBoardAlerts, AReloadKeepsWhatTheStreamBroughtAfterTheListWasAskedFor) {
    double wall = 1'000'000;
    DeskClock clock([&] { return wall; });
    BoardModel m(clock);
    const Timestamp t = 1'795'000'000;
    m.apply_visit(waiting_visit(1, t, t + 300, t), nullptr);
    m.apply_visit(waiting_visit(2, t, t + 300, t), nullptr);
    const auto asked = m.reload_seq();
    m.apply_visit(waiting_visit(3, t + 5, t + 305, t + 5), nullptr);  // arrives while the list is on its way
    // The list (older than visit 3) no longer has visit 2: it was closed.
    m.replace_visits({waiting_visit(1, t, t + 300, t + 4)}, asked);
    EXPECT_TRUE(m.row(1));
    EXPECT_FALSE(m.row(2));
    EXPECT_TRUE(m.row(3));
}

TEST(DeskPairingCode, CountsTheCodesMinutesOnTheDesksClockOrAdmitsItCannot) {
    double wall = 1'000'000;
    DeskClock clock([&] { return wall; });
    DirectoryModel directory;
    PairingModel m(clock, directory);
    PairingView p;
    p.code = "ABCDEFGH";
    p.expires_at = 1'000'300;  // the clocks agree: five minutes
    m.set_code(p);
    EXPECT_EQ(m.minutes_left(), 5);
    wall += 250;
    EXPECT_EQ(m.minutes_left(), 0) << "under a minute left";
    NextChange next;
    m.until_change(next);
    EXPECT_LE(next.ms(), 50'000);
    wall += 60;
    EXPECT_EQ(m.minutes_left(), -1) << "expired";

    // A desk clock hours ahead of the service's, and nothing on the board to
    // tell: a fresh code would look expired — say "until" instead of guessing.
    p.expires_at = 1'000'300 - 12 * 3600;
    m.set_code(p);
    EXPECT_EQ(m.minutes_left(), std::nullopt);
}

// The tabs' models share one idea of the service's clock: what the board
// learns from a visit makes a callback late and a pairing code readable, and
// the desk wakes for the soonest change of any of them.
TEST(DeskModelParts, ShareTheServicesClockAndWakeForTheSoonestChange) {
    double wall = 1'000'000;
    DeskModel m([&] { return wall; });
    const Timestamp service = 1'795'000'000;  // far ahead of the desk's clock
    CallbackList list;
    CallbackView c;
    c.request.id = 4;
    c.request.due_at = service - 30;
    list.callbacks.push_back(c);
    m.callbacks().set(list);  // this answer gave no time
    EXPECT_EQ(m.callbacks().overdue_count(), 0) << "on the desk's own clock, far behind, nothing is late";

    m.board().apply_visit(waiting_visit(7, service, service + 300, service + 10), nullptr);
    EXPECT_EQ(m.callbacks().overdue_count(), 1) << "the board's visit told the service's time";

    PairingView p;
    p.code = "ABCDEFGH";
    p.expires_at = service + 310;
    m.pairing().set_code(p);
    EXPECT_EQ(m.pairing().minutes_left(), 5) << "counted from the service's time the board learnt";

    // The confirmation goes after 8 s, before the code's minute turns (10 s)
    // and the waiting visitor's (60 s).
    m.message().tell("Opgeslagen.");
    EXPECT_EQ(m.ms_until_change(), 8'000);
    wall += 8;
    EXPECT_FALSE(m.message().showing());
    EXPECT_EQ(m.ms_until_change(), 2'000) << "then the code's minute";
}

TEST(DeskWords, RefusalsAreExplainedInPlainDutch) {
    const std::string conflict = error_words("Afronden", ServiceError(409, "POST /x: visit 3: cannot go from left to finished"));
    EXPECT_EQ(conflict.rfind("Afronden lukte niet: het bezoek is intussen veranderd", 0), 0u) << conflict;
    EXPECT_EQ(conflict.find("cannot go"), std::string::npos);
    EXPECT_NE(error_words("Aanmelden", ServiceError(503, "store")).find("niets veranderd"), std::string::npos);
    EXPECT_NE(error_words("Aanmelden", ServiceError(0, "refused")).find("niet bereikbaar"), std::string::npos);
    EXPECT_NE(error_words("Koppelen", ServiceError(410, "expired", "code")).find("verlopen"), std::string::npos);
    EXPECT_NE(error_words("Aanmelden", ServiceError(400, "bad", "minutes")).find("tussen 1 en 120"), std::string::npos);
    EXPECT_EQ(add_minutes("23:58", 5), "00:03");
    EXPECT_EQ(add_minutes("kapot", 5), "");
    EXPECT_STREQ(promise_words(PromiseState::AtRisk), "bijna te laat");
}

TEST(DeskPalette, EveryTextPairReachesSevenToOne) {
    for (const ui::ColourPair& c : palette_pairs(palette())) {
        const double ratio = ui::contrast_ratio(c.fg, c.bg);
        EXPECT_GE(ratio, c.is_text ? 7.0 : 3.0) << c.what << ": " << ratio;
    }
}

}  // namespace
}  // namespace gastvrij::desk
