// One writer per SQLite file: within a program every store opened on a file
// writes through one shared connection, and between programs the second
// writer is refused by the file's lock (bookworm's SQLite can damage a WAL
// file when two connections write and checkpoint it at the same instant).
#include <gtest/gtest.h>

#include <unistd.h>

#include "store/sqlite_db.h"
#include "store/sqlite_devices.h"
#include "store/sqlite_store.h"
#include "store/store_fixture.h"
#include "store/store_lock.h"

namespace gastvrij {
namespace {

using store_test::TempDir;

constexpr Timestamp kNow = 1'795'000'000;

StoredVisit check_in(Store& store, Timestamp at) {
    const auto c = store_test::check_in(at);
    return store.create_visit(c.visit, c.events, c.outbox);
}

TEST(OneConnection, EveryStoreOnAFileWritesThroughTheSameConnection) {
    TempDir dir;
    const std::string file = dir.file("gastvrij.db");
    auto visits = std::make_unique<SqliteStore>(file);
    auto devices = std::make_unique<SqliteDeviceStore>(file);
    // The same file by another spelling is still the same file.
    auto again = std::make_unique<SqliteStore>(dir.path().string() + "/./gastvrij.db");
    EXPECT_EQ(sqlite::writer_users(file), 3);

    const StoredVisit first = check_in(*visits, kNow);
    const StoredVisit second = check_in(*again, kNow + 1);
    EXPECT_EQ(second.visit.id, first.visit.id + 1);
    EXPECT_EQ(visits->open_visits().size(), 2u);

    PairingCode code;
    code.code_hash = "code";
    code.kind = DeviceKind::Desk;
    code.created_at = kNow;
    code.expires_at = kNow + 600;
    devices->add_pairing_code(code);
    const RedeemResult paired = devices->redeem_pairing_code("code", "Balie", "token", kNow + 1);
    ASSERT_EQ(paired.outcome, RedeemOutcome::Paired);
    // Token checks read on their own read-only connection and see the write at once.
    ASSERT_TRUE(devices->device_by_token_hash("token"));
    EXPECT_EQ(devices->device_by_token_hash("token")->name, "Balie");

    visits.reset();
    devices.reset();
    EXPECT_EQ(sqlite::writer_users(file), 1);
    again.reset();
    EXPECT_EQ(sqlite::writer_users(file), 0) << "the connection closes with its last store";

    // Opened anew, the file holds everything: nothing was lost in the sharing.
    SqliteStore reopened(file);
    EXPECT_EQ(reopened.open_visits().size(), 2u);
    EXPECT_EQ(SqliteDeviceStore(file).devices(false).size(), 1u);
}

TEST(OneConnection, InMemoryStoresStayPrivate) {
    SqliteStore a(":memory:");
    SqliteStore b(":memory:");
    check_in(a, kNow);
    EXPECT_EQ(b.open_visits().size(), 0u);
    EXPECT_EQ(sqlite::writer_users(":memory:"), 0);
}

TEST(OneWriterLock, ASecondWriterIsRefusedAndARestoreWaitsForTheWriter) {
    TempDir dir;
    const std::string file = dir.file("gastvrij.db");
    {
        const StoreLock writer(file, StoreLock::Mode::Writer);
        try {
            StoreLock second(file, StoreLock::Mode::Writer);
            FAIL() << "two writers on one file";
        } catch (const StoreError& e) {
            EXPECT_EQ(e.kind, StoreError::Kind::Busy);
            const std::string what = e.what();
            EXPECT_NE(what.find("already writes " + file), std::string::npos) << what;
            EXPECT_NE(what.find("(process " + std::to_string(::getpid()) + ")"), std::string::npos) << what;
            EXPECT_NE(what.find("PostgreSQL"), std::string::npos) << what;
        }
        EXPECT_THROW(StoreLock(file, StoreLock::Mode::Exclusive), StoreError);
    }
    EXPECT_NO_THROW(StoreLock(file, StoreLock::Mode::Writer)) << "the lock ends with its holder";
    // A PostgreSQL database has no file to lock: its server orders the writers.
    EXPECT_NO_THROW(StoreLock("postgresql://localhost/gastvrij", StoreLock::Mode::Writer));
}

}  // namespace
}  // namespace gastvrij
