// What happens to visitors' check-ins when things go wrong: a full disk, a
// file held by another program, and the kiosk process killed mid-write.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "store/sqlite_store.h"
#include "store/store_fixture.h"

namespace gastvrij {
namespace {

using store_test::check_in;
using store_test::count_rows;
using store_test::TempDir;

constexpr Timestamp kNow = 1'795'000'000;

// Every visit in the file has both its events and both its messages: no
// check-in was half-written.
void expect_whole_check_ins(const std::string& file) {
    sqlite::Database db(file, 1000);
    EXPECT_EQ(db.query_text("PRAGMA integrity_check"), "ok");
    EXPECT_EQ(db.query_int("SELECT count(*) FROM visits WHERE "
                           "(SELECT count(*) FROM visit_events e WHERE e.visit_id = visits.id) <> 2 OR "
                           "(SELECT count(*) FROM outbox o WHERE o.visit_id = visits.id) <> 2"),
              0);
    EXPECT_EQ(db.query_int("SELECT count(*) FROM visit_events WHERE visit_id NOT IN (SELECT id FROM visits)"), 0);
    EXPECT_EQ(db.query_int("SELECT count(*) FROM outbox WHERE visit_id NOT IN (SELECT id FROM visits)"), 0);
}

TEST(SqliteFailures, AFullDiskRefusesTheCheckInWholeAndSaysSo) {
    TempDir dir;
    const auto file = dir.file("gastvrij.db");
    std::vector<VisitId> saved;
    {
        SqliteOptions small;
        small.max_pages = 48;  // the schema takes about twenty; the rest fills up fast
        SqliteStore store(file, small);
        bool full = false;
        for (int i = 0; i < 5000 && !full; ++i) {
            auto c = check_in(kNow + i, std::string(150, 'a' + i % 26));
            for (auto& e : c.events) e.detail += std::string(300, '.');
            try {
                saved.push_back(store.create_visit(c.visit, c.events, c.outbox).visit.id);
            } catch (const StoreError& e) {
                full = true;
                EXPECT_EQ(e.kind, StoreError::Kind::Full);
                EXPECT_NE(std::string(e.what()).find("full"), std::string::npos) << e.what();
                EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
            }
        }
        ASSERT_TRUE(full) << "the page limit was never reached";
        ASSERT_GT(saved.size(), 5u);
        // The store stays usable for reading: the desk still sees who is waiting.
        EXPECT_EQ(store.open_visits().size(), saved.size());
    }
    expect_whole_check_ins(file);
    EXPECT_EQ(count_rows(file, "SELECT count(*) FROM visits"), static_cast<std::int64_t>(saved.size()));

    // Once there is room again, check-ins simply go on.
    SqliteStore store(file);
    auto c = check_in(kNow + 9999);
    const auto v = store.create_visit(c.visit, c.events, c.outbox).visit;
    EXPECT_EQ(store.events(v.id).size(), 2u);
    expect_whole_check_ins(file);
}

TEST(SqliteFailures, AFileLockedByAnotherProgramIsBusyAfterTheTimeout) {
    TempDir dir;
    const auto file = dir.file("gastvrij.db");
    SqliteOptions quick;
    quick.busy_timeout_ms = 300;
    SqliteStore store(file, quick);
    auto c = check_in(kNow);
    store.create_visit(c.visit, c.events, c.outbox);

    sqlite::Database other(file, 0);
    other.exec("BEGIN EXCLUSIVE", "locking the file");
    const auto started = std::chrono::steady_clock::now();
    try {
        store.create_visit(c.visit, c.events, c.outbox);
        FAIL() << "wrote through an exclusive lock";
    } catch (const StoreError& e) {
        EXPECT_EQ(e.kind, StoreError::Kind::Busy);
        EXPECT_NE(std::string(e.what()).find("locked"), std::string::npos) << e.what();
    }
    EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(290));
    // Readers are not blocked (WAL): the desk board keeps working meanwhile.
    EXPECT_EQ(store.open_visits().size(), 1u);

    // A lock released while waiting is simply waited for.
    std::thread release([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        other.exec("COMMIT", "releasing the lock");
    });
    EXPECT_NO_THROW(store.create_visit(c.visit, c.events, c.outbox));
    release.join();
    EXPECT_EQ(store.open_visits().size(), 2u);
}

// The kiosk killed at a random moment while visitors check in (a crash, an
// unplugged cable — SIGKILL gives the process no chance to tidy up). Every
// check-in it reported as saved must be there afterwards, whole.
TEST(SqliteFailures, EveryConfirmedCheckInSurvivesTheProcessBeingKilled) {
    TempDir dir;
    const auto file = dir.file("gastvrij.db");
    const unsigned seed = std::random_device{}();
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> delay_ms(5, 80);
    std::size_t confirmed_total = 0;

    for (int round = 0; round < 40; ++round) {
        int fds[2];
        ASSERT_EQ(pipe(fds), 0);
        const pid_t child = fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            close(fds[0]);
            try {
                SqliteStore store(file);
                for (int i = 0;; ++i) {
                    auto c = check_in(kNow + round * 10'000 + i, "Kiosk" + std::to_string(i));
                    // Keys unique per round, like the kiosk's after a restart.
                    for (auto& m : c.outbox) m.idempotency_key += "-r" + std::to_string(round) + "-" + std::to_string(i);
                    const VisitId id = store.create_visit(c.visit, c.events, c.outbox).visit.id;
                    // Only now would the visitor see "… is coming to get you".
                    if (write(fds[1], &id, sizeof id) != sizeof id) _exit(3);
                }
            } catch (...) {
                _exit(2);
            }
        }
        close(fds[1]);
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
        kill(child, SIGKILL);
        int status = 0;
        waitpid(child, &status, 0);
        ASSERT_TRUE(WIFSIGNALED(status)) << "round " << round << ": the child stopped by itself, status "
                                         << WEXITSTATUS(status);

        std::vector<VisitId> confirmed;
        VisitId id = 0;
        while (read(fds[0], &id, sizeof id) == sizeof id) confirmed.push_back(id);
        close(fds[0]);
        confirmed_total += confirmed.size();

        SqliteStore store(file);
        for (VisitId v : confirmed) {
            auto visit = store.visit(v);
            ASSERT_TRUE(visit) << "round " << round << ": confirmed visit " << v << " is lost";
            ASSERT_EQ(store.events(v).size(), 2u) << "round " << round << ", visit " << v;
        }
        expect_whole_check_ins(file);
    }
    // The rounds must have written something, or the test proved nothing.
    EXPECT_GT(confirmed_total, 40u);
}

}  // namespace
}  // namespace gastvrij
