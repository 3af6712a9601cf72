// `gastvrij backup` and `gastvrij restore` as an office runs them: the real
// program copying a store while check-ins keep being written to it, a full
// disk and a read-only folder, a restore refused while the real `gastvrij
// serve` runs on the store, and a store from a newer Gastvrij refused by every
// command that opens it.
#include <gtest/gtest.h>

#include <atomic>
#include <httplib.h>
#include <regex>
#include <thread>

#include "cli_run.h"
#include "store/backup.h"
#include "store/migrations.h"
#include "store/sqlite_db.h"
#include "store/sqlite_store.h"
#include "support/child_process.h"

namespace gastvrij {
namespace {

namespace fs = std::filesystem;
using cli_test::run;
using cli_test::TempDir;

constexpr Timestamp kNoon = 1'764'154'800;

// One visitor checked in as the kiosk does it: the visit, its two events and
// a message to the colleague, in one transaction.
void check_in(Store& store, int i) {
    Visit v;
    v.kiosk_id = "kiosk:entrance";
    v.topic_id = "repair";
    v.host_id = "1042";
    v.team_id = "onderhoud";
    v.visitor_name = "Visitor" + std::to_string(i);
    v.state = VisitState::HostNotified;
    v.tried_hosts = {"1042"};
    v.arrived_at = kNoon + i;
    v.ack_deadline = kNoon + i + 300;
    VisitEvent arrived;
    arrived.at = v.arrived_at;
    arrived.from = arrived.to = VisitState::Arrived;
    arrived.actor = "kiosk:entrance";
    VisitEvent notified = arrived;
    notified.to = VisitState::HostNotified;
    OutboxMessage m;
    m.idempotency_key = "check-in-" + std::to_string(i);
    m.kind = NotificationKind::VisitorArrived;
    m.channel = Channel::Companion;
    m.recipient = "1042";
    m.created_at = m.next_attempt_at = v.arrived_at;
    store.create_visit(v, {arrived, notified}, {m});
}

std::int64_t count(const std::string& file, const std::string& sql) {
    sqlite::Database db(file, 1000, /*read_only=*/true);
    return db.query_int(sql);
}

std::string make_store(const TempDir& dir, int visitors) {
    const std::string file = dir.file("gastvrij.db");
    SqliteStore store(file);
    for (int i = 0; i < visitors; ++i) check_in(store, i);
    return file;
}

TEST(BackupCommand, CopiesUnderWriteLoadHoldEveryCheckInCommittedBeforeThem) {
    TempDir dir;
    const std::string data = make_store(dir, 200);
    std::atomic<std::int64_t> committed{200};
    std::atomic<bool> stop{false};
    std::thread writer([&] {
        SqliteStore store(data);  // the service's one connection
        for (int i = 200; !stop; ++i) {
            check_in(store, i);
            committed = i + 1;  // ids are 1, 2, 3, … in commit order
        }
    });
    std::vector<std::pair<std::string, std::int64_t>> copies;
    for (int n = 0; n < 6; ++n) {
        const std::int64_t before = committed;
        const auto r = run("backup --data '" + data + "' --out '" + dir.file("backups") + "' --keep 10");
        ASSERT_EQ(r.status, 0) << r.err;
        std::smatch m;
        ASSERT_TRUE(std::regex_search(r.out, m, std::regex(" → (\\S+) \\("))) << r.out;
        copies.emplace_back(m[1].str(), before);
    }
    stop = true;
    writer.join();
    ASSERT_GT(committed.load(), copies.back().second) << "no check-in was written while the copies were taken";
    std::int64_t previous = 0;
    for (const auto& [file, before] : copies) {
        SCOPED_TRACE(file);
        EXPECT_EQ(check_copy(file).schema_version, sqlite::latest_schema_version());  // quick_check passes
        // Every check-in committed before the backup started, whole.
        EXPECT_EQ(count(file, "SELECT count(*) FROM visits WHERE id <= " + std::to_string(before)), before);
        EXPECT_EQ(count(file, "SELECT count(*) FROM visit_events WHERE visit_id <= " + std::to_string(before)),
                  2 * before);
        // A snapshot: no visit without its events and message.
        const std::int64_t visits = count(file, "SELECT count(*) FROM visits");
        EXPECT_EQ(count(file, "SELECT count(*) FROM visit_events"), 2 * visits);
        EXPECT_EQ(count(file, "SELECT count(*) FROM outbox"), visits);
        EXPECT_GE(visits, previous);
        previous = visits;
    }
    EXPECT_EQ(backups_in(dir.file("backups")).size(), copies.size());
}

TEST(BackupCommand, KeepsTheNewestNAndSaysWhatItRemoved) {
    TempDir dir;
    const std::string data = make_store(dir, 3);
    const std::string out = dir.file("backups");
    std::string first;
    for (int n = 0; n < 4; ++n) {
        const auto r = run("backup --data '" + data + "' --out '" + out + "' --keep 2");
        ASSERT_EQ(r.status, 0) << r.err;
        if (n == 0) first = backups_in(out).front();
        if (n == 2) {
            EXPECT_NE(r.out.find("removed the older backup " + first), std::string::npos) << r.out;
        }
    }
    EXPECT_EQ(backups_in(out).size(), 2u);
}

TEST(BackupCommand, NoStoreIsExplained) {
    TempDir dir;
    const auto r = run("backup --data '" + dir.file("none.db") + "' --out '" + dir.file("b") + "'");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("there is no data file at " + dir.file("none.db") + " — nothing to back up"), std::string::npos)
        << r.err;
}

// A small or read-only file system of its own for the backup folder, mounted
// in a private mount namespace (unshare, no privileges needed), so the test
// also holds as root, whom permissions do not stop.
cli_test::Run backup_on_mount(const TempDir& dir, const std::string& data, const std::string& mount_options) {
    const std::string out = dir.file("mnt");
    fs::create_directories(out);
    const std::string script = "mount -t tmpfs -o " + mount_options + " tmpfs '" + out + "' || exit 99; '" +
                               GASTVRIJ_BINARY + "' backup --data '" + data + "' --out '" + out +
                               "' 2>'" + dir.file("err") + "'; status=$?; ls -A '" + out + "'; exit $status";
    std::ofstream(dir.file("mount.sh")) << script;
    const int st = std::system(("unshare -rm sh '" + dir.file("mount.sh") + "' >'" + dir.file("out") + "'").c_str());
    cli_test::Run r;
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    r.out = cli_test::slurp(dir.file("out"));
    r.err = cli_test::slurp(dir.file("err"));
    return r;
}

TEST(BackupCommand, AFullDiskNamesTheFolderAndWhatToDoAndLeavesNoPartialCopy) {
    TempDir dir;
    const std::string data = make_store(dir, 400);
    ASSERT_GT(fs::file_size(data), 256u * 1024);
    const auto r = backup_on_mount(dir, data, "size=128k");
    ASSERT_NE(r.status, 99) << "cannot mount a small file system here: " << r.err;
    EXPECT_EQ(r.status, 1) << r.out << r.err;
    EXPECT_NE(r.err.find("the disk holding " + dir.file("mnt") + " is full"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("free space on that disk, keep fewer backups (--keep)"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "") << "left in the backup folder: " << r.out;
    EXPECT_EQ(count(data, "SELECT count(*) FROM visits"), 400);
}

TEST(BackupCommand, AFolderItCannotWriteIsNamed) {
    TempDir dir;
    const std::string data = make_store(dir, 3);
    const auto r = backup_on_mount(dir, data, "ro");
    ASSERT_NE(r.status, 99) << "cannot mount a file system here: " << r.err;
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("cannot write in the backup folder " + dir.file("mnt")), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("write permission"), std::string::npos) << r.err;
}

TEST(RestoreCommand, RefusedWhileTheRealServeRunsOnTheStoreThenDone) {
    TempDir dir;
    const std::string data = make_store(dir, 5);
    ASSERT_EQ(run("backup --data '" + data + "' --out '" + dir.file("b") + "'").status, 0);
    const std::string copy = backups_in(dir.file("b")).front();
    {
        test_support::ChildProcess serve({GASTVRIJ_BINARY, "serve", "--config", cli_test::demo_config(), "--data", data,
                                          "--port", "0", "--listen", "127.0.0.1"});
        const std::string port = serve.find(R"(listening on https://127\.0\.0\.1:(\d+))");
        ASSERT_FALSE(port.empty()) << serve.output();
        httplib::Client http("https://127.0.0.1:" + port);
        http.enable_server_certificate_verification(false);  // the service's own; only "is it up" matters here
        ASSERT_TRUE(test_support::wait_until([&] { return bool(http.Get("/health")); }, std::chrono::seconds(20)));

        const auto r = run("restore '" + copy + "' --data '" + data + "'");
        EXPECT_EQ(r.status, 1);
        EXPECT_NE(r.err.find("gastvrij serve (process "), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("is running on this store (" + data + "): stop it with `systemctl stop gastvrij-serve`, "
                             "then try again"),
                  std::string::npos)
            << r.err;
        EXPECT_FALSE(fs::exists(data + ".before-restore"));
        EXPECT_TRUE(http.Get("/health")) << "the service stopped answering";
        serve.signal(SIGTERM);
        ASSERT_EQ(serve.wait(), 0) << serve.output();
    }
    const auto r = run("restore '" + copy + "' --data '" + data + "'");
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("kept as " + data + ".before-restore"), std::string::npos) << r.out;
    EXPECT_EQ(count(data, "SELECT count(*) FROM visits"), 5);
}

TEST(RestoreCommand, ADamagedCopyIsRefusedWithoutACrash) {
    TempDir dir;
    const std::string data = make_store(dir, 5);
    std::ofstream(dir.file("bad.db"), std::ios::binary) << std::string(8192, '\x5a');
    const auto r = run("restore '" + dir.file("bad.db") + "' --data '" + data + "'");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find(dir.file("bad.db") + " is damaged"), std::string::npos) << r.err;
    EXPECT_EQ(count(data, "SELECT count(*) FROM visits"), 5);
}

// A data file from a newer Gastvrij: every command that opens it says so and
// stops, before it changes anything.
TEST(NewerStore, IsRefusedAtStartByEveryCommand) {
    TempDir dir;
    const std::string data = make_store(dir, 3);
    const int newer = sqlite::latest_schema_version() + 1;
    sqlite::Database(data, 1000).exec("PRAGMA user_version = " + std::to_string(newer), "test");
    const std::string config = " --config '" + cli_test::demo_config() + "' --data '" + data + "'";
    const std::vector<std::string> commands = {
        "serve --port 0 --listen 127.0.0.1" + config,
        "purge" + config,
        "report --from 2026-01-01 --to 2026-01-31" + config,
        "export visits --from 2026-01-01 --to 2026-01-31 --out '" + dir.file("v.csv") + "' --data '" + data + "'",
        "seed --days 1" + config,
    };
    const std::string expected = "was written by a newer version of Gastvrij (data version " + std::to_string(newer) +
                                 "; this program knows up to " + std::to_string(newer - 1) + ")";
    for (const auto& c : commands) {
        SCOPED_TRACE(c);
        const auto r = run(c);
        EXPECT_NE(r.status, 0);
        EXPECT_LT(r.status, 128) << "it crashed";
        EXPECT_NE(r.err.find(expected), std::string::npos) << r.err;
    }
    EXPECT_EQ(count(data, "PRAGMA user_version"), newer);
    EXPECT_EQ(count(data, "SELECT count(*) FROM visits"), 3);
}

}  // namespace
}  // namespace gastvrij
