// What only the SQLite store does, on a real file: schema versions, an event
// log SQL cannot rewrite, a damaged file noticed. What every store does is in
// store_contract_test.cpp.
#include <gtest/gtest.h>

#include <fstream>

#include <sqlite3.h>

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
        EXPECT_EQ(store.health().level, StoreHealth::Level::Ok) << store.health().detail;
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
        EXPECT_EQ(store.health().level, StoreHealth::Level::Ok) << store.health().detail;
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








TEST(SqliteHealth, NoticesADamagedFile) {
    TempDir dir;
    const auto file = dir.file("gastvrij.db");
    {
        SqliteStore store(file);
        for (int i = 0; i < 300; ++i) {
            auto c = check_in(kNow + i, std::string(200, 'n'));
            store.create_visit(c.visit, c.events, c.outbox);
        }
        EXPECT_EQ(store.health().level, StoreHealth::Level::Ok) << store.health().detail;
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
    EXPECT_EQ(h.level, StoreHealth::Level::Degraded);
    EXPECT_NE(h.detail.find("damaged"), std::string::npos) << h.detail;
}

// Another program holds the write lock past the busy timeout (or the file
// turned read-only, or the disk is full): the change that cannot be saved
// makes the store degraded, naming the file, until a write succeeds again.
TEST(SqliteStoreHealth, AFailedWriteIsDegradedUntilAWriteSucceeds) {
    TempDir dir;
    const std::string file = dir.file("g.db");
    SqliteOptions o;
    o.busy_timeout_ms = 50;
    SqliteStore store(file, o);
    store.probe_write(1'000);
    EXPECT_EQ(store.health().level, StoreHealth::Level::Ok) << store.health().detail;

    sqlite3* other = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &other), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    EXPECT_THROW(store.probe_write(1'001), StoreError);
    const StoreHealth h = store.health();
    EXPECT_EQ(h.level, StoreHealth::Level::Degraded);  // it still reads
    EXPECT_NE(h.detail.find("could not be saved"), std::string::npos) << h.detail;
    EXPECT_NE(h.detail.find(file), std::string::npos) << h.detail;
    sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(other);

    store.probe_write(1'002);
    EXPECT_EQ(store.health().level, StoreHealth::Level::Ok) << store.health().detail;
}

}  // namespace
}  // namespace gastvrij
