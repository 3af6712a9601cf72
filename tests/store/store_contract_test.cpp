// The Store port's contract: what every backend must do, run against each
// one. Adding a backend is one more type in `Backends` with an open() that
// gives a fresh, empty store, and a second handle on the same data.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <set>
#include <thread>

#include "domain/store.h"
#include "store/open_store.h"
#include "store/store_fixture.h"
#include "support/pg_test_database.h"

namespace gastvrij {
namespace {

using store_test::check_in;
using store_test::mark_callback;
using store_test::TempDir;

constexpr Timestamp kNow = 1'795'000'000;

// SQLite on a real file in a fresh folder, opened through the factory.
class SqliteFile {
public:
    std::string url() const { return "sqlite:" + dir_.file("gastvrij.db"); }

private:
    TempDir dir_;
};

// A fresh database on the suite's own PostgreSQL 15 server.
class PostgresqlDatabase {
public:
    const std::string& url() const { return url_; }

private:
    std::string url_ = test_support::fresh_pg_database();
};

using Backends = ::testing::Types<SqliteFile, PostgresqlDatabase>;

template <class Backend>
class StoreContract : public ::testing::Test {
protected:
    Store& opened() { return *store_; }
    // Another kiosk or service on the same data, as a second process has it.
    std::unique_ptr<Store> another() { return open_store(backend_.url()); }
    std::unique_ptr<DeviceStore> devices() { return open_device_store(backend_.url()); }

private:
    Backend backend_;
    std::unique_ptr<Store> store_ = open_store(backend_.url());
};

TYPED_TEST_SUITE(StoreContract, Backends);

// ---- visits and their event log ---------------------------------------------------------

TYPED_TEST(StoreContract, ACheckInIsStoredWithItsEventsAndMessagesUnderOneId) {
    Store& store = this->opened();
    auto c = check_in(kNow, "Zeynep", "1042");
    c.visit.tried_hosts = {"1042", ""};  // the desk was notified too; it counts as a host tried
    const Visit saved = store.create_visit(c.visit, c.events, c.outbox).visit;
    ASSERT_GT(saved.id, 0);

    auto back = store.visit(saved.id);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->visitor_name, "Zeynep");
    EXPECT_EQ(back->language, "tr");
    EXPECT_EQ(back->state, VisitState::HostNotified);
    EXPECT_EQ(back->tried_hosts, (std::vector<std::string>{"1042", ""}));
    EXPECT_EQ(back->ack_deadline, kNow + 300);

    auto events = store.events(saved.id);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].visit_id, saved.id);
    EXPECT_EQ(events[1].to, VisitState::HostNotified);
    EXPECT_EQ(events[1].detail, "notified host 1042");

    auto due = store.due_messages(kNow, 10);
    ASSERT_EQ(due.size(), 2u);
    for (const auto& m : due) {
        EXPECT_EQ(m.visit_id, saved.id);
        // The key names the real visit, so the next visitor's message is not a "duplicate".
        EXPECT_EQ(m.idempotency_key.rfind("visit-" + std::to_string(saved.id) + "-", 0), 0u) << m.idempotency_key;
    }
    auto second = check_in(kNow + 5, "Piotr", "1042");
    store.create_visit(second.visit, second.events, second.outbox);
    EXPECT_EQ(store.due_messages(kNow + 5, 10).size(), 4u);
}

TYPED_TEST(StoreContract, AStaleTransitionIsRefusedAndWritesNothing) {
    Store& store = this->opened();
    auto c = check_in(kNow);
    const Visit v = store.create_visit(c.visit, c.events, c.outbox).visit;

    // The host answers from the phone page …
    store.apply(acknowledge(v, 3, kNow + 30, "staff:1042"), {});
    // … while the desk, looking at the old board, cancels.
    const Transition stale = cancel(v, kNow + 31, "desk", false);
    OutboxMessage m = c.outbox[0];
    m.idempotency_key = "visit-" + std::to_string(v.id) + "-cancelled-desk";
    EXPECT_THROW(store.apply(stale, {m}), TransitionError);

    EXPECT_EQ(store.visit(v.id)->state, VisitState::Acknowledged);
    EXPECT_EQ(store.events(v.id).size(), 3u);
    EXPECT_EQ(store.due_messages(kNow + 100'000, 10).size(), 2u);  // the check-in's two, not the desk's

    Visit ghost = v;
    ghost.id = 999;
    EXPECT_THROW(store.apply(cancel(ghost, kNow, "desk", false), {}), TransitionError);
}

TYPED_TEST(StoreContract, OpenVisitsAndPeriodsFollowStateAndArrival) {
    Store& store = this->opened();
    std::vector<Visit> made;
    for (int i = 0; i < 4; ++i) {
        auto c = check_in(kNow + i * 600, "V" + std::to_string(i));
        made.push_back(store.create_visit(c.visit, c.events, {}).visit);
    }
    auto t = start_conversation(made[1], kNow + 900, "staff:1042");
    store.apply(t, {});
    store.apply(finish(t.visit, kNow + 1800, "staff:1042"), {});
    store.apply(cancel(made[2], kNow + 1300, "kiosk", true), {});

    std::vector<VisitId> open;
    for (const auto& v : store.open_visits()) open.push_back(v.id);
    EXPECT_EQ(open, (std::vector<VisitId>{made[0].id, made[3].id}));

    auto mid = store.visits_between(kNow + 600, kNow + 1800);  // [from, to)
    ASSERT_EQ(mid.size(), 2u);
    EXPECT_EQ(mid[0].id, made[1].id);
    EXPECT_EQ(mid[0].state, VisitState::Finished);
    EXPECT_EQ(mid[0].closed_at, kNow + 1800);
    EXPECT_EQ(mid[1].state, VisitState::Left);
}

TYPED_TEST(StoreContract, EscalationIsRememberedForTheReportsFromItsFirstEvent) {
    Store& store = this->opened();
    auto c = check_in(kNow);
    Visit v = store.create_visit(c.visit, c.events, {}).visit;
    auto t1 = escalate(v, "1043", "onderhoud", 1, kNow + 600, kNow + 300, "no answer in 5 min");
    store.apply(t1, {});
    auto t2 = escalate(t1.visit, "", "receptie", 3, kNow + 900, kNow + 600, "no answer in 5 min");
    store.apply(t2, {});
    EXPECT_EQ(store.visit(v.id)->tried_hosts, (std::vector<std::string>{"1042", "1043", ""}));
    const KpiTally tally = store.kpi_tally(kNow, kNow + 3600, kNow + 3600);
    ASSERT_EQ(tally.visits.size(), 1u);
    EXPECT_EQ(tally.visits[0].escalated, 1);
}

TYPED_TEST(StoreContract, TheSameKeyIsQueuedOnce) {
    Store& store = this->opened();
    auto c = check_in(kNow);
    Visit v = store.create_visit(c.visit, c.events, {}).visit;
    auto t = escalate(v, "1043", "onderhoud", 1, kNow + 600, kNow + 300, "no answer");
    OutboxMessage m = c.outbox[0];
    m.idempotency_key = "visit-" + std::to_string(v.id) + "-escalated-1043-companion-1";
    store.apply(t, {m, m});  // a double in one go …
    store.apply(start_conversation(t.visit, kNow + 400, "staff:1043"), {m});  // … and a replay later
    EXPECT_EQ(store.due_messages(kNow + 400, 10).size(), 1u);
}

TYPED_TEST(StoreContract, FailuresBackOffThenBecomeDeadLettersUntilRetried) {
    Store& store = this->opened();
    auto c = check_in(kNow);
    c.outbox.resize(1);
    store.create_visit(c.visit, c.events, c.outbox);

    Timestamp now = kNow;
    auto due = store.due_messages(now, 10);
    ASSERT_EQ(due.size(), 1u);
    const auto id = due[0].id;
    for (int attempt = 1; attempt < kMaxDeliveryAttempts; ++attempt) {
        ASSERT_TRUE(store.record_failure(id, attempt - 1, after_failed_attempt(attempt - 1, now), "connection refused"));
        const Timestamp next = next_retry(attempt, now);
        EXPECT_TRUE(store.due_messages(next - 1, 10).empty()) << "attempt " << attempt;
        due = store.due_messages(next, 10);
        ASSERT_EQ(due.size(), 1u) << "attempt " << attempt;
        EXPECT_EQ(due[0].attempts, attempt);
        EXPECT_EQ(due[0].last_error, "connection refused");
        now = next;
    }
    EXPECT_TRUE(store.dead_letters().empty());
    // The last allowed attempt; the same record again (a replay) changes nothing.
    const FailedAttempt last = after_failed_attempt(kMaxDeliveryAttempts - 1, now);
    ASSERT_TRUE(last.dead);
    EXPECT_TRUE(store.record_failure(id, kMaxDeliveryAttempts - 1, last, "550 mailbox unavailable"));
    EXPECT_FALSE(store.record_failure(id, kMaxDeliveryAttempts - 1, last, "550 mailbox unavailable"));
    EXPECT_TRUE(store.due_messages(now + 100'000, 10).empty());
    auto dead = store.dead_letters();
    ASSERT_EQ(dead.size(), 1u);
    EXPECT_EQ(dead[0].state, OutboxState::Dead);
    EXPECT_EQ(dead[0].attempts, kMaxDeliveryAttempts);
    EXPECT_EQ(dead[0].last_error, "550 mailbox unavailable");

    store.retry_dead(id, now + 50);
    EXPECT_TRUE(store.dead_letters().empty());
    due = store.due_messages(now + 50, 10);
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(due[0].attempts, 0);
    store.mark_sent(id, now + 51);
    EXPECT_TRUE(store.due_messages(now + 100'000, 10).empty());
    EXPECT_TRUE(store.dead_letters().empty());
}

TYPED_TEST(StoreContract, DueMessagesComeOldestFirstAndRespectTheLimit) {
    Store& store = this->opened();
    for (int i = 0; i < 3; ++i) {
        auto c = check_in(kNow + 10 * i, "V", std::to_string(1040 + i));
        store.create_visit(c.visit, c.events, c.outbox);
    }
    auto due = store.due_messages(kNow + 15, 10);
    ASSERT_EQ(due.size(), 4u);  // the third visit's messages are not due yet
    EXPECT_LE(due[0].created_at, due[3].created_at);
    EXPECT_EQ(store.due_messages(kNow + 100, 3).size(), 3u);
    EXPECT_EQ(store.due_messages(kNow + 100, 3)[0].recipient, "1040");
}

TYPED_TEST(StoreContract, LatestMarkPerColleagueAndDay) {
    Store& store = this->opened();
    store.set_presence("2026-11-23", "1042", Presence::In);
    store.set_presence("2026-11-23", "1042", Presence::Lunch);
    store.set_presence("2026-11-23", "1043", Presence::Out);
    store.set_presence("2026-11-24", "1042", Presence::In);
    auto today = store.presence("2026-11-23");
    EXPECT_EQ(today.size(), 2u);
    EXPECT_EQ(today["1042"], Presence::Lunch);
    EXPECT_EQ(today["1043"], Presence::Out);
    EXPECT_TRUE(store.presence("2026-11-25").empty());
}

TYPED_TEST(StoreContract, CallbacksKeepTheStateHandledAtAndNumberTheyAreGiven) {
    Store& store = this->opened();
    CallbackRequest c;
    c.phone = "+31612345678";
    c.topic_id = "rent";
    c.part = PartOfDay::Afternoon;
    c.created_at = kNow;
    c.due_at = kNow + 86'400;
    const auto a = store.add_callback(c);
    const auto b = store.add_callback(c);
    EXPECT_NE(a.id, b.id);
    ASSERT_TRUE(store.callback(a.id));
    EXPECT_EQ(store.callback(a.id)->phone, "+31612345678");
    EXPECT_EQ(store.callback(a.id)->due_at, kNow + 86'400);

    CallbackRequest called = a;
    called.state = CallbackState::Called;  // no answer yet: still open
    EXPECT_EQ(store.update_callback(called)->state, CallbackState::Called);
    EXPECT_EQ(store.callbacks(true).size(), 2u);
    CallbackRequest done = a;
    done.state = CallbackState::Done;
    done.handled_at = kNow + 200;
    done.phone = "";
    const auto kept = store.update_callback(done);
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->handled_at, kNow + 200);
    EXPECT_EQ(kept->phone, "");
    const auto open = store.callbacks(true);
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].id, b.id);
    const auto all = store.callbacks(false);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].state, CallbackState::Done);
    EXPECT_EQ(all[0].part, PartOfDay::Afternoon);

    CallbackRequest ghost = a;
    ghost.id = 12345;
    EXPECT_FALSE(store.update_callback(ghost));
    EXPECT_FALSE(store.callback(12345));
}

TYPED_TEST(StoreContract, SurveysAreKeptOnlyToTheHour) {
    Store& store = this->opened();
    SurveyResponse r;
    r.hour = kNow + 1234;  // not rounded by the caller
    r.score = 9;
    r.one_go = false;
    r.comment = "Vriendelijk, maar lang gewacht";
    auto saved = store.add_survey(r);
    EXPECT_EQ(saved.hour % 3600, 0);
    auto back = store.surveys_between(saved.hour, saved.hour + 3600);
    ASSERT_EQ(back.size(), 1u);
    EXPECT_EQ(back[0].score, 9);
    ASSERT_TRUE(back[0].one_go);
    EXPECT_FALSE(*back[0].one_go);
    EXPECT_EQ(back[0].comment, r.comment);
    EXPECT_TRUE(store.surveys_between(saved.hour + 3600, saved.hour + 7200).empty());
}

TYPED_TEST(StoreContract, CommitsReturnTheEventsAsKeptWithTheirIds) {
    Store& store = this->opened();
    EXPECT_EQ(store.latest_event_id(), 0);
    auto c = check_in(kNow);
    const StoredVisit made = store.create_visit(c.visit, c.events, c.outbox);
    ASSERT_EQ(made.events.size(), 2u);
    const auto events = store.events(made.visit.id);
    ASSERT_EQ(events.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(made.events[i].id, events[i].id);
        EXPECT_EQ(made.events[i].visit_id, made.visit.id);
        EXPECT_EQ(made.events[i].to, events[i].to);
    }
    EXPECT_EQ(store.latest_event_id(), events.back().id);

    const VisitEvent ack = store.apply(acknowledge(made.visit, 3, kNow + 30, "staff:1042"), {});
    EXPECT_GT(ack.id, events.back().id);
    EXPECT_EQ(ack.visit_id, made.visit.id);
    EXPECT_EQ(ack.to, VisitState::Acknowledged);
    EXPECT_EQ(store.latest_event_id(), ack.id);
    EXPECT_EQ(store.events(made.visit.id).back().id, ack.id);
}

// ---- surveys --------------------------------------------------------------------------------

SurveyResponse answer_at(Timestamp hour, int score) {
    SurveyResponse r;
    r.hour = hour;
    r.score = score;
    return r;
}

TYPED_TEST(StoreContract, ACommentIsSetOnceAndOnlyOnARecentAnswer) {
    Store& store = this->opened();
    const auto old = store.add_survey(answer_at(kNow - 10 * 3600, 6));
    const auto fresh = store.add_survey(answer_at(kNow, 8));
    const Timestamp window = kNow - 4 * 3600;

    EXPECT_EQ(store.set_survey_comment_once(fresh.id, "Snel geholpen", window), CommentOutcome::Set);
    EXPECT_EQ(store.set_survey_comment_once(fresh.id, "Toch niet", window), CommentOutcome::AlreadySet);
    EXPECT_EQ(store.set_survey_comment_once(old.id, "Te laat", window), CommentOutcome::NotFound);
    EXPECT_EQ(store.set_survey_comment_once(987654, "Niemand", window), CommentOutcome::NotFound);

    const auto kept = store.surveys_between(kNow - 11 * 3600, kNow + 3600);
    ASSERT_EQ(kept.size(), 2u);
    EXPECT_EQ(kept[0].comment, "");
    EXPECT_EQ(kept[1].comment, "Snel geholpen");
}

TYPED_TEST(StoreContract, ASecondHandleOnTheSameDataSeesTheFirstComment) {
    Store& store = this->opened();
    const auto r = store.add_survey(answer_at(kNow, 9));
    const auto other = this->another();
    EXPECT_EQ(other->set_survey_comment_once(r.id, "Van de ene kiosk", kNow - 3600), CommentOutcome::Set);
    EXPECT_EQ(store.set_survey_comment_once(r.id, "Van de andere", kNow - 3600), CommentOutcome::AlreadySet);
    EXPECT_EQ(store.surveys_between(kNow - 3600, kNow + 3600).at(0).comment, "Van de ene kiosk");
}

TYPED_TEST(StoreContract, APhoneSurveyLinkAnswersOnce) {
    Store& store = this->opened();
    EXPECT_FALSE(store.survey_link_used("digest-1"));
    EXPECT_TRUE(store.add_phone_survey("digest-1", kNow + 86'400, answer_at(kNow, 7)));
    EXPECT_TRUE(store.survey_link_used("digest-1"));
    EXPECT_FALSE(store.add_phone_survey("digest-1", kNow + 86'400, answer_at(kNow, 2)));
    EXPECT_EQ(store.surveys_between(kNow - 3600, kNow + 3600).size(), 1u);
    const std::string key(40, 'k');
    EXPECT_EQ(store.survey_link_key(key), key);
    EXPECT_EQ(this->another()->survey_link_key(std::string(40, 'x')), key);
}


// ---- several writers ------------------------------------------------------------------------

// The desk's live board follows the event log by id. With two services
// writing at once, an event numbered lower must never become visible after
// a higher one: the follower would pass it for good.
TYPED_TEST(StoreContract, AFollowerOfTheLogMissesNoEventOfTwoWritersAtOnce) {
    constexpr int kPerWriter = 40;
    std::atomic<int> writers_left{2};
    std::vector<std::thread> writers;
    for (int w = 0; w < 2; ++w) {
        writers.emplace_back([this, w, &writers_left] {
            const auto own = this->another();  // its own connection, as another service has
            for (int i = 0; i < kPerWriter; ++i) {
                auto c = check_in(kNow + i, "W" + std::to_string(w), w == 0 ? "1042" : "1043");
                own->create_visit(c.visit, c.events, c.outbox);
            }
            --writers_left;
        });
    }
    const auto follower = this->another();
    std::set<std::int64_t> seen;
    std::int64_t last = 0;
    for (bool done = false; !done;) {
        done = writers_left == 0;  // one more read after the last write
        for (const auto& e : follower->events_since(last, 1000)) {
            seen.insert(e.id);
            last = e.id;
        }
    }
    for (auto& t : writers) t.join();
    const auto all = this->opened().events_since(0, 10'000);
    EXPECT_EQ(all.size(), static_cast<std::size_t>(2 * kPerWriter * 2));
    EXPECT_EQ(seen.size(), all.size()) << "the follower missed events";
}

TYPED_TEST(StoreContract, OfTwoWorkersExactlyOneClaimsAMessage) {
    Store& store = this->opened();
    auto c = check_in(kNow);
    store.create_visit(c.visit, c.events, c.outbox);
    const auto due = store.due_messages(kNow, 10);
    ASSERT_EQ(due.size(), 2u);
    const auto other = this->another();
    const OutboxMessage& m = due[0];
    const bool first = store.claim_message(m.id, m.next_attempt_at, kNow + 60, "host-a:serve");
    const bool second = other->claim_message(m.id, m.next_attempt_at, kNow + 60, "host-b:serve");
    EXPECT_TRUE(first);
    EXPECT_FALSE(second);
    EXPECT_EQ(store.due_messages(kNow, 10).size(), 1u) << "the claimed one waits for its lease";
    // host-a restarts: its own claim is due again at once, host-b's would not be.
    EXPECT_EQ(other->release_claims("host-b:serve", kNow), 0);
    EXPECT_EQ(store.release_claims("host-a:serve", kNow), 1);
    EXPECT_EQ(store.due_messages(kNow, 10).size(), 2u);
    store.mark_sent(m.id, kNow + 1);
    EXPECT_EQ(other->due_messages(kNow + 100, 10).size(), 1u);
}

// ---- figures, retention, health -------------------------------------------------------------

TYPED_TEST(StoreContract, TheKpiTallyCountsWhatWasWritten) {
    Store& store = this->opened();
    const Timestamp day = kNow - kNow % 86'400;
    auto a = check_in(day + 3'600, "A");
    const Visit va = store.create_visit(a.visit, a.events, a.outbox).visit;
    store.apply(acknowledge(va, 3, day + 3'660, "staff:1042"), {});
    auto b = check_in(day + 3'700, "B");
    b.visit.topic_id = "rent";
    store.create_visit(b.visit, b.events, b.outbox);
    auto late = check_in(day + 90'000, "C");  // the next day: outside the period
    store.create_visit(late.visit, late.events, late.outbox);

    SurveyResponse r = answer_at(day + 3'600, 9);
    r.topic_id = "repair";
    r.staff_id = "1042";
    r.one_go = true;
    store.add_survey(r);
    CallbackRequest cb;
    cb.topic_id = "rent";
    cb.created_at = day + 100;
    cb.due_at = day + 200;
    store.add_callback(cb);

    const KpiTally t = store.kpi_tally(day, day + 86'400, day + 50'000);
    int visits = 0;
    for (const auto& v : t.visits) visits += v.visits;
    EXPECT_EQ(visits, 2);
    ASSERT_EQ(t.ack_waits.size(), 1u);
    EXPECT_EQ(t.ack_waits[0].seconds, 60);
    EXPECT_EQ(t.ack_waits[0].topic_id, "repair");
    ASSERT_EQ(t.arrivals.size(), 1u);  // 01:00:00 and 01:01:40: one quarter of an hour
    EXPECT_EQ(t.arrivals[0].visits, 2);
    ASSERT_EQ(t.surveys.size(), 1u);
    EXPECT_EQ(t.surveys[0].score, 9);
    EXPECT_EQ(t.surveys[0].one_go, 1);
    ASSERT_EQ(t.callbacks.size(), 1u);
    EXPECT_EQ(t.callbacks[0].overdue, 1);
}

TYPED_TEST(StoreContract, RetentionErasesNamesAndHandledNumbersButKeepsTheFigures) {
    Store& store = this->opened();
    const Timestamp midnight = kNow - kNow % 86'400;
    auto old = check_in(midnight - 3'600, "Gisteren");
    const Visit yesterday = store.create_visit(old.visit, old.events, old.outbox).visit;
    auto now = check_in(midnight + 60, "Vandaag");
    const Visit today = store.create_visit(now.visit, now.events, now.outbox).visit;
    CallbackRequest cb;
    cb.phone = "0612345678";
    cb.created_at = midnight - 7'200;
    const auto handled = store.add_callback(cb);
    const auto waiting = store.add_callback(cb);
    mark_callback(store, handled.id, CallbackState::Done, midnight - 3'600);

    const PurgeResult r = store.purge(RetentionPolicy{}, midnight + 120, midnight);
    EXPECT_EQ(r.names_erased, 1);
    EXPECT_EQ(r.phones_erased, 1);
    EXPECT_EQ(store.visit(yesterday.id)->visitor_name, "");
    EXPECT_EQ(store.visit(yesterday.id)->arrived_at, midnight - 3'600) << "the figures stay";
    EXPECT_EQ(store.visit(today.id)->visitor_name, "Vandaag");
    EXPECT_EQ(store.callback(handled.id)->phone, "");
    EXPECT_EQ(store.callback(waiting.id)->phone, "0612345678") << "still to be called";
    EXPECT_EQ(store.purge(RetentionPolicy{}, midnight + 120, midnight).names_erased, 0);
}

TYPED_TEST(StoreContract, AFreshStoreIsHealthyAndTakesAProbe) {
    Store& store = this->opened();
    EXPECT_EQ(store.health().level, StoreHealth::Level::Ok) << store.health().detail;
    EXPECT_NO_THROW(store.probe_write(kNow));
    EXPECT_NO_THROW(store.probe_write(kNow + 60));
    EXPECT_EQ(store.health().level, StoreHealth::Level::Ok) << store.health().detail;
}

// ---- first answers to requests sent again (Idempotency-Key) ------------------------------

TYPED_TEST(StoreContract, AKeyIsHandledOnceAndItsRepeatsGetTheFirstAnswer) {
    Store& store = this->opened();
    const auto other = this->another();  // a second service on the same store
    EXPECT_FALSE(store.reserve_answer("device:1", "k1", "POST /api/v1/visits abc", kNow, kNow - 60))
        << "a new key is ours to handle";
    const auto twin = other->reserve_answer("device:1", "k1", "POST /api/v1/visits abc", kNow, kNow - 60);
    ASSERT_TRUE(twin) << "the other service must not handle it too";
    EXPECT_EQ(twin->status, 0) << "still being handled";

    store.keep_answer("device:1", "k1", 201, R"({"id":7})");
    const auto repeat = other->reserve_answer("device:1", "k1", "POST /api/v1/visits abc", kNow + 5, kNow - 55);
    ASSERT_TRUE(repeat);
    EXPECT_EQ(repeat->status, 201);
    EXPECT_EQ(repeat->body, R"({"id":7})");
    EXPECT_EQ(repeat->fingerprint, "POST /api/v1/visits abc");
    EXPECT_EQ(repeat->at, kNow);

    // Keys belong to their device.
    EXPECT_FALSE(store.reserve_answer("device:2", "k1", "POST /api/v1/visits abc", kNow, kNow - 60));
    // A kept answer is never taken over, however old.
    EXPECT_TRUE(store.reserve_answer("device:1", "k1", "POST /api/v1/visits abc", kNow + 999, kNow + 999));
}

TYPED_TEST(StoreContract, AnAbandonedOrFailedRequestIsHandledAfreshAndOldAnswersAreForgotten) {
    Store& store = this->opened();
    EXPECT_FALSE(store.reserve_answer("device:1", "crashed", "POST /x 1", kNow, kNow - 60));
    // Its handler died: within the minute a repeat waits, after it the repeat is handled.
    EXPECT_TRUE(store.reserve_answer("device:1", "crashed", "POST /x 1", kNow + 30, kNow - 30));
    EXPECT_FALSE(store.reserve_answer("device:1", "crashed", "POST /x 1", kNow + 61, kNow + 1));

    EXPECT_FALSE(store.reserve_answer("device:1", "failed", "POST /x 2", kNow, kNow - 60));
    store.forget_answer("device:1", "failed");
    EXPECT_FALSE(store.reserve_answer("device:1", "failed", "POST /x 2", kNow + 1, kNow - 59));

    store.keep_answer("device:1", "failed", 200, "{}");
    EXPECT_EQ(store.forget_answers_before(kNow + 62), 2);
    EXPECT_EQ(store.forget_answers_before(kNow + 62), 0);
    EXPECT_FALSE(store.reserve_answer("device:1", "failed", "POST /x 2", kNow + 100, kNow + 40))
        << "a forgotten key is new again";

    // Retention: no kept answer (it may hold a first name) outlives its day,
    // also when no service ran to forget it.
    store.keep_answer("device:1", "failed", 201, R"({"visitor_name":"Fatma"})");
    store.purge(RetentionPolicy{}, kNow + 86'400, kNow + 200);
    EXPECT_FALSE(store.reserve_answer("device:1", "failed", "POST /x 2", kNow + 86'400, kNow))
        << "yesterday's answer survived the nightly purge";
}

// ---- paired devices ---------------------------------------------------------------------------

PairingCode code_for(const std::string& hash, DeviceKind kind, Timestamp now) {
    PairingCode c;
    c.code_hash = hash;
    c.kind = kind;
    c.staff_id = kind == DeviceKind::Phone ? "1042" : "";
    c.created_at = now;
    c.expires_at = now + 600;
    return c;
}

TYPED_TEST(StoreContract, APairingCodePairsOneDeviceEvenFromTwoServices) {
    const auto devices = this->devices();
    const auto other = this->devices();
    devices->add_pairing_code(code_for("code-1", DeviceKind::Phone, kNow));
    EXPECT_EQ(other->redeem_pairing_code("code-1", "Desk", "token-x", kNow + 1, DeviceKind::Desk).outcome,
              RedeemOutcome::OtherKind);
    const RedeemResult first = devices->redeem_pairing_code("code-1", "Telefoon Jeroen", "token-1", kNow + 2);
    const RedeemResult second = other->redeem_pairing_code("code-1", "Telefoon ander", "token-2", kNow + 3);
    ASSERT_EQ(first.outcome, RedeemOutcome::Paired);
    EXPECT_EQ(second.outcome, RedeemOutcome::Used);
    ASSERT_TRUE(first.device);
    EXPECT_EQ(first.device->staff_id, "1042");
    EXPECT_EQ(first.device->kind, DeviceKind::Phone);
    EXPECT_EQ(other->device_by_token_hash("token-1")->id, first.device->id);
    EXPECT_FALSE(other->device_by_token_hash("token-2"));

    devices->add_pairing_code(code_for("code-2", DeviceKind::Desk, kNow));
    EXPECT_EQ(devices->redeem_pairing_code("code-2", "Balie", "token-3", kNow + 600).outcome, RedeemOutcome::Expired);
    EXPECT_EQ(devices->redeem_pairing_code("code-9", "Balie", "token-3", kNow).outcome, RedeemOutcome::Unknown);

    EXPECT_TRUE(other->revoke_device(first.device->id, kNow + 10));
    EXPECT_FALSE(devices->revoke_device(first.device->id, kNow + 11)) << "already revoked";
    EXPECT_FALSE(devices->device_by_token_hash("token-1")) << "a revoked phone is refused at once";
    EXPECT_EQ(devices->devices(false).size(), 0u);
    EXPECT_EQ(devices->devices(true).size(), 1u);
    EXPECT_EQ(devices->purge_pairing_codes(kNow + 10'000), 2);
}

}  // namespace
}  // namespace gastvrij
