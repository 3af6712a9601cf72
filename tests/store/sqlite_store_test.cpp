// The SQLite store on a real file: schema versions, visits and their event log,
// refused stale changes, the outbox, presence and callbacks.
#include <gtest/gtest.h>

#include <fstream>

#include "domain/survey.h"
#include "store/migrations.h"
#include "store/sqlite_store.h"
#include "store/store_fixture.h"

namespace gastvrij {
namespace {

using store_test::check_in;
using store_test::count_rows;
using store_test::TempDir;

constexpr Timestamp kNow = 1'795'000'000;

// ---- schema versions ----------------------------------------------------------------

TEST(SqliteSchema, FreshFileIsCreatedAtTheLatestVersionInWalMode) {
    TempDir dir;
    const auto file = dir.file("nested/folder/gastvrij.db");  // parents are created
    {
        SqliteStore store(file);
        EXPECT_EQ(store.schema_version(), sqlite::latest_schema_version());
        EXPECT_GE(sqlite::latest_schema_version(), 2);
        EXPECT_EQ(store.health(), "ok");
    }
    sqlite::Database db(file, 1000);
    EXPECT_EQ(db.query_text("PRAGMA journal_mode"), "wal");
    EXPECT_EQ(db.query_int("SELECT count(*) FROM sqlite_schema WHERE name = 'outbox'"), 1);
}

// Kiosks in the field run every earlier release: each earlier version must
// upgrade in place and keep what it holds.
TEST(SqliteSchema, FilesAtEveryEarlierVersionAreUpgradedAndKeepTheirVisits) {
    for (int earlier = 1; earlier < sqlite::latest_schema_version(); ++earlier) {
        SCOPED_TRACE("from version " + std::to_string(earlier));
        TempDir dir;
        const auto file = dir.file("gastvrij.db");
        {
            sqlite::Database db(file, 1000);
            for (const auto& m : sqlite::schema_migrations())
                if (m.version <= earlier) sqlite::apply_migration(db, m);
            ASSERT_EQ(db.query_int("PRAGMA user_version"), earlier);
            db.exec("INSERT INTO visits (topic_id, host_id, visitor_name, state, tried_hosts, arrived_at) "
                    "VALUES ('rent', '2001', 'Jan', 'host_notified', '2001\n', 1795000000)",
                    "seeding");
        }
        SqliteStore store(file);
        EXPECT_EQ(store.schema_version(), sqlite::latest_schema_version());
        auto v = store.visit(1);
        ASSERT_TRUE(v);
        EXPECT_EQ(v->visitor_name, "Jan");
        EXPECT_EQ(v->state, VisitState::HostNotified);
        EXPECT_EQ(v->tried_hosts, std::vector<std::string>{"2001"});

        // The old visit goes on under the new schema, outbox and all.
        auto t = acknowledge(*v, 3, kNow + 60, "staff:2001");
        store.apply(t, check_in(kNow).outbox);
        EXPECT_EQ(store.visit(1)->state, VisitState::Acknowledged);
        EXPECT_EQ(store.due_messages(kNow + 60, 10).size(), 2u);
        EXPECT_EQ(store.health(), "ok");
    }
}

TEST(SqliteSchema, RefusesAFileWrittenByANewerVersion) {
    TempDir dir;
    const auto file = dir.file("gastvrij.db");
    const int newer = sqlite::latest_schema_version() + 1;
    {
        sqlite::Database db(file, 1000);
        sqlite::migrate(db);
        db.exec("PRAGMA user_version = " + std::to_string(newer), "pretending to be newer");
    }
    try {
        SqliteStore store(file);
        FAIL() << "opened a newer file";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("newer version of Gastvrij"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
    }
    EXPECT_EQ(count_rows(file, "PRAGMA user_version"), newer);  // left untouched
}

TEST(SqliteSchema, AFailingStepLeavesTheVersionAndTablesAsTheyWere) {
    TempDir dir;
    const auto file = dir.file("gastvrij.db");
    sqlite::Database db(file, 1000);
    sqlite::migrate(db);
    const int latest = sqlite::latest_schema_version();
    const sqlite::Migration broken{latest + 1, "a step that breaks half-way",
                                   "CREATE TABLE half_done (x INTEGER); CREATE TABLE visits (y INTEGER);"};
    EXPECT_THROW(sqlite::apply_migration(db, broken), StoreError);
    EXPECT_EQ(db.query_int("PRAGMA user_version"), latest);
    EXPECT_EQ(db.query_int("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'"), 0);
}

TEST(SqliteSchema, OpeningSomethingThatIsNoDatabaseSaysWhichFileAndWhatToDo) {
    TempDir dir;
    const auto file = dir.file("notes.db");
    std::ofstream(file) << std::string(8192, 'x');
    try {
        SqliteStore store(file);
        FAIL() << "opened a text file";
    } catch (const StoreError& e) {
        EXPECT_EQ(e.kind, StoreError::Kind::Corrupt);
        EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("restore"), std::string::npos) << e.what();
    }
}

TEST(SqliteSchema, AFolderThatCannotBeCreatedIsReportedWithTheFileName) {
    TempDir dir;
    std::ofstream(dir.file("plainfile")) << "not a folder";
    const auto file = dir.file("plainfile/gastvrij.db");
    try {
        SqliteStore store(file);
        FAIL() << "opened a file under a plain file";
    } catch (const StoreError& e) {
        EXPECT_EQ(e.kind, StoreError::Kind::Io);
        EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("--data"), std::string::npos) << e.what();
    }
}

// ---- visits --------------------------------------------------------------------------

TEST(SqliteVisits, ACheckInIsStoredWithItsEventsAndMessagesUnderOneId) {
    TempDir dir;
    SqliteStore store(dir.file("gastvrij.db"));
    auto c = check_in(kNow, "Zeynep", "1042");
    c.visit.tried_hosts = {"1042", ""};  // the desk was notified too; it counts as a host tried
    const Visit saved = store.create_visit(c.visit, c.events, c.outbox);
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

TEST(SqliteVisits, AStaleTransitionIsRefusedAndWritesNothing) {
    TempDir dir;
    const auto file = dir.file("gastvrij.db");
    SqliteStore store(file);
    auto c = check_in(kNow);
    const Visit v = store.create_visit(c.visit, c.events, c.outbox);

    // The host answers from the phone page …
    store.apply(acknowledge(v, 3, kNow + 30, "staff:1042"), {});
    // … while the desk, looking at the old board, cancels.
    const Transition stale = cancel(v, kNow + 31, "desk", false);
    OutboxMessage m = c.outbox[0];
    m.idempotency_key = "visit-" + std::to_string(v.id) + "-cancelled-desk";
    EXPECT_THROW(store.apply(stale, {m}), TransitionError);

    EXPECT_EQ(store.visit(v.id)->state, VisitState::Acknowledged);
    EXPECT_EQ(store.events(v.id).size(), 3u);
    EXPECT_EQ(count_rows(file, "SELECT count(*) FROM outbox"), 2);

    Visit ghost = v;
    ghost.id = 999;
    EXPECT_THROW(store.apply(cancel(ghost, kNow, "desk", false), {}), TransitionError);
}

TEST(SqliteVisits, OpenVisitsAndPeriodsFollowStateAndArrival) {
    TempDir dir;
    SqliteStore store(dir.file("gastvrij.db"));
    std::vector<Visit> made;
    for (int i = 0; i < 4; ++i) {
        auto c = check_in(kNow + i * 600, "V" + std::to_string(i));
        made.push_back(store.create_visit(c.visit, c.events, {}));
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

TEST(SqliteVisits, EventsArePagedInOrderAndCannotBeRewritten) {
    TempDir dir;
    const auto file = dir.file("gastvrij.db");
    SqliteStore store(file);
    for (int i = 0; i < 3; ++i) {
        auto c = check_in(kNow + i);
        store.create_visit(c.visit, c.events, {});
    }
    auto first = store.events_since(0, 4);
    ASSERT_EQ(first.size(), 4u);
    auto rest = store.events_since(first.back().id, 100);
    ASSERT_EQ(rest.size(), 2u);
    EXPECT_GT(rest[0].id, first.back().id);
    EXPECT_EQ(rest[1].visit_id, 3);

    sqlite::Database other(file, 1000);
    EXPECT_THROW(other.exec("UPDATE visit_events SET actor = 'someone else'", "rewriting history"), StoreError);
    EXPECT_THROW(other.exec("DELETE FROM visit_events", "erasing history"), StoreError);
    EXPECT_EQ(other.query_int("SELECT count(*) FROM visit_events"), 6);
}

TEST(SqliteVisits, EscalationIsRememberedForTheReportsFromItsFirstEvent) {
    TempDir dir;
    SqliteStore store(dir.file("gastvrij.db"));
    auto c = check_in(kNow);
    Visit v = store.create_visit(c.visit, c.events, {});
    auto t1 = escalate(v, "1043", "onderhoud", 1, kNow + 600, kNow + 300, "no answer in 5 min");
    store.apply(t1, {});
    auto t2 = escalate(t1.visit, "", "receptie", 3, kNow + 900, kNow + 600, "no answer in 5 min");
    store.apply(t2, {});
    EXPECT_EQ(store.visit(v.id)->tried_hosts, (std::vector<std::string>{"1042", "1043", ""}));
    EXPECT_EQ(store.report(kNow, kNow + 3600).escalated, 1);
}

// ---- outbox --------------------------------------------------------------------------

TEST(SqliteOutbox, TheSameKeyIsQueuedOnce) {
    TempDir dir;
    const auto file = dir.file("gastvrij.db");
    SqliteStore store(file);
    auto c = check_in(kNow);
    Visit v = store.create_visit(c.visit, c.events, {});
    auto t = escalate(v, "1043", "onderhoud", 1, kNow + 600, kNow + 300, "no answer");
    OutboxMessage m = c.outbox[0];
    m.idempotency_key = "visit-" + std::to_string(v.id) + "-escalated-1043-companion-1";
    store.apply(t, {m, m});  // a double in one go …
    store.apply(start_conversation(t.visit, kNow + 400, "staff:1043"), {m});  // … and a replay later
    EXPECT_EQ(count_rows(file, "SELECT count(*) FROM outbox"), 1);
    EXPECT_EQ(store.due_messages(kNow + 400, 10).size(), 1u);
}

TEST(SqliteOutbox, FailuresBackOffThenBecomeDeadLettersUntilRetried) {
    TempDir dir;
    SqliteStore store(dir.file("gastvrij.db"));
    auto c = check_in(kNow);
    c.outbox.resize(1);
    store.create_visit(c.visit, c.events, c.outbox);

    Timestamp now = kNow;
    auto due = store.due_messages(now, 10);
    ASSERT_EQ(due.size(), 1u);
    const auto id = due[0].id;
    for (int attempt = 1; attempt < kMaxDeliveryAttempts; ++attempt) {
        store.mark_failed(id, "connection refused", now);
        const Timestamp next = next_retry(attempt, now);
        EXPECT_TRUE(store.due_messages(next - 1, 10).empty()) << "attempt " << attempt;
        due = store.due_messages(next, 10);
        ASSERT_EQ(due.size(), 1u) << "attempt " << attempt;
        EXPECT_EQ(due[0].attempts, attempt);
        EXPECT_EQ(due[0].last_error, "connection refused");
        now = next;
    }
    EXPECT_TRUE(store.dead_letters().empty());
    store.mark_failed(id, "550 mailbox unavailable", now);  // the last allowed attempt
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

TEST(SqliteOutbox, DueMessagesComeOldestFirstAndRespectTheLimit) {
    TempDir dir;
    SqliteStore store(dir.file("gastvrij.db"));
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

// ---- presence and callbacks ------------------------------------------------------------

TEST(SqlitePresence, LatestMarkPerColleagueAndDay) {
    TempDir dir;
    SqliteStore store(dir.file("gastvrij.db"));
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

TEST(SqliteCallbacks, StayOpenUntilDoneAndRememberWhenThatWas) {
    TempDir dir;
    SqliteStore store(dir.file("gastvrij.db"));
    CallbackRequest c;
    c.phone = "+31612345678";
    c.topic_id = "rent";
    c.part = PartOfDay::Afternoon;
    c.created_at = kNow;
    c.due_at = kNow + 86'400;
    auto a = store.add_callback(c);
    auto b = store.add_callback(c);
    EXPECT_NE(a.id, b.id);

    store.set_callback_state(a.id, CallbackState::Called, kNow + 100);  // no answer yet: still open
    EXPECT_EQ(store.callbacks(true).size(), 2u);
    store.set_callback_state(a.id, CallbackState::Done, kNow + 200);
    store.set_callback_state(a.id, CallbackState::Done, kNow + 900);  // a second tap keeps the first moment
    auto open = store.callbacks(true);
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].id, b.id);
    auto all = store.callbacks(false);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].state, CallbackState::Done);
    EXPECT_EQ(all[0].handled_at, kNow + 200);
    EXPECT_EQ(all[0].part, PartOfDay::Afternoon);
    EXPECT_THROW(store.set_callback_state(12345, CallbackState::Done, kNow), StoreError);
}

TEST(SqliteSurveys, KeptOnlyToTheHourAndWithinRange) {
    TempDir dir;
    SqliteStore store(dir.file("gastvrij.db"));
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
    r.score = 11;
    EXPECT_THROW(store.add_survey(r), StoreError);
}

TEST(SqliteHealth, NoticesADamagedFile) {
    TempDir dir;
    const auto file = dir.file("gastvrij.db");
    {
        SqliteStore store(file);
        for (int i = 0; i < 300; ++i) {
            auto c = check_in(kNow + i, std::string(200, 'n'));
            store.create_visit(c.visit, c.events, c.outbox);
        }
        EXPECT_EQ(store.health(), "ok");
    }
    {
        // Scribble over a data page near the end, as a failing disk might (the
        // first pages hold the schema, which opening reads anyway).
        const auto size = std::filesystem::file_size(file);
        ASSERT_GT(size, 40u * 4096);
        std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(static_cast<std::streamoff>((size / 4096 - 3) * 4096));
        const std::string junk(2000, '\x5a');
        f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    SqliteStore store(file);
    const auto h = store.health();
    EXPECT_NE(h, "ok");
    EXPECT_NE(h.find("damaged"), std::string::npos) << h;
}

}  // namespace
}  // namespace gastvrij
