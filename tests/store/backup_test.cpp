// Backups of a store and their restore, on real SQLite files: what is kept
// and removed, the round trip, and what a restore refuses — a damaged copy,
// one from a newer Gastvrij, a store a service still holds.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

#include <fstream>

#include "store/backup.h"
#include "store/migrations.h"
#include "store/sqlite_store.h"
#include "store/store_lock.h"
#include "store_fixture.h"

namespace gastvrij::store_test {
namespace {

namespace fs = std::filesystem;

constexpr Timestamp kNoon = 1'764'154'800;  // a Wednesday, 12:00 in Amsterdam

std::string make_store(const TempDir& dir, int visitors, const std::string& name = "gastvrij.db") {
    const std::string file = dir.file(name);
    SqliteStore store(file);
    for (int i = 0; i < visitors; ++i) {
        CheckIn c = check_in(kNoon + i, "Visitor" + std::to_string(i));
        store.create_visit(c.visit, c.events, c.outbox);
    }
    return file;
}

std::int64_t visitors_in(const std::string& file) { return count_rows(file, "SELECT count(*) FROM visits"); }

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

TEST(Backup, TheCopyHoldsTheDataIsCheckedAndIsOneFileOnItsOwn) {
    TempDir dir;
    const std::string data = make_store(dir, 25);
    const BackupCopy copy = backup_store(data, dir.file("backups"), 14);
    EXPECT_TRUE(is_backup_name(fs::path(copy.file).filename().string())) << copy.file;
    EXPECT_EQ(visitors_in(copy.file), 25);
    EXPECT_EQ(copy.schema_version, sqlite::latest_schema_version());
    EXPECT_EQ(check_copy(copy.file).schema_version, sqlite::latest_schema_version());
    // Private, and no -wal or temporary beside it.
    EXPECT_EQ(fs::status(copy.file).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(names_in(dir.file("backups")), std::vector<std::string>{fs::path(copy.file).filename().string()});
}

TEST(Backup, KeepsExactlyTheNewestNAndNothingThatIsNotOurs) {
    TempDir dir;
    const std::string data = make_store(dir, 3);
    const fs::path out = dir.file("backups");
    fs::create_directories(out);
    // Older copies of ours, and files that merely look alike.
    for (const char* old : {"gastvrij-20250101-010101.db", "gastvrij-20250102-010101.db", "gastvrij-20250102-010101_2.db"})
        fs::copy_file(data, out / old);
    const std::vector<std::string> foreign = {"gastvrij-20240101-010101.db.bak", "notes.txt", "gastvrij-2024.db",
                                              "gastvrij-20240101-010101_x.db", "other-20240101-010101.db"};
    for (const auto& f : foreign) std::ofstream(out / f) << "keep me";
    fs::create_symlink(data, out / "gastvrij-20200101-000000.db");  // a link is never ours

    const BackupCopy first = backup_store(data, out.string(), 2);
    // The newest two: the one just made and the _2 of 2025-01-02 (not the plain one).
    EXPECT_EQ(backups_in(out.string()),
              (std::vector<std::string>{(out / "gastvrij-20250102-010101_2.db").string(), first.file}));
    EXPECT_EQ(first.removed.size(), 2u);
    for (const auto& f : foreign) EXPECT_TRUE(fs::exists(out / f)) << f;
    EXPECT_TRUE(fs::is_symlink(out / "gastvrij-20200101-000000.db"));
    EXPECT_TRUE(fs::exists(data));

    // Twice in one second still makes two distinct copies, in order.
    const BackupCopy second = backup_store(data, out.string(), 3);
    const BackupCopy third = backup_store(data, out.string(), 3);
    const auto kept = backups_in(out.string());
    ASSERT_EQ(kept.size(), 3u);
    EXPECT_EQ(kept[1], second.file);
    EXPECT_EQ(kept[2], third.file);
    EXPECT_NE(second.file, third.file);
    EXPECT_EQ(backup_store(data, out.string(), 1).removed.size(), 3u);
    EXPECT_EQ(backups_in(out.string()).size(), 1u);
}

TEST(Backup, NoStoreAndAFolderThatIsAFileAreExplained) {
    TempDir dir;
    try {
        backup_store(dir.file("missing.db"), dir.file("backups"), 3);
        FAIL() << "a missing store was backed up";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("there is no data file at " + dir.file("missing.db")), std::string::npos)
            << e.what();
    }
    EXPECT_FALSE(fs::exists(dir.file("backups")));
    const std::string data = make_store(dir, 1);
    std::ofstream(dir.file("afile")) << "x";
    try {
        backup_store(data, dir.file("afile"), 3);
        FAIL() << "a file was used as the backup folder";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("cannot use the backup folder " + dir.file("afile")), std::string::npos)
            << e.what();
    }
}

TEST(Restore, RoundTripPutsTheDataBackAndKeepsTheFileItReplaced) {
    TempDir dir;
    const std::string data = make_store(dir, 10);
    const BackupCopy copy = backup_store(data, dir.file("backups"), 14);
    {
        SqliteStore store(data);  // check-ins after the backup
        for (int i = 0; i < 5; ++i) {
            CheckIn c = check_in(kNoon + 100 + i, "Later");
            store.create_visit(c.visit, c.events, c.outbox);
        }
    }
    ASSERT_EQ(visitors_in(data), 15);
    const Restored r = restore_store(copy.file, data);
    EXPECT_EQ(r.previous, data + ".before-restore");
    EXPECT_EQ(r.schema_version, sqlite::latest_schema_version());
    EXPECT_EQ(visitors_in(data), 10);
    EXPECT_EQ(visitors_in(r.previous), 15);
    // The restored file is a working store again.
    SqliteStore store(data);
    EXPECT_EQ(store.visit(1)->visitor_name, "Visitor0");
    EXPECT_FALSE(fs::exists(copy.file + "-wal"));
}

TEST(Restore, AWalLeftByACrashGoesWithTheFileItBelongsTo) {
    TempDir dir;
    const std::string data = make_store(dir, 4);
    const BackupCopy copy = backup_store(data, dir.file("backups"), 14);
    // A store whose last check-ins are only in its WAL, as after a power cut:
    // the process "dies" with the connection open (a forked child, killed).
    const pid_t child = ::fork();
    if (child == 0) {
        auto* store = new SqliteStore(data);
        CheckIn c = check_in(kNoon + 500, "OnlyInTheWal");
        store->create_visit(c.visit, c.events, c.outbox);
        ::_exit(0);  // no destructor: no checkpoint, the WAL stays
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_GT(fs::file_size(data + "-wal"), 0u);

    const Restored r = restore_store(copy.file, data);
    EXPECT_EQ(visitors_in(data), 4) << "a WAL of the old file was replayed onto the restored one";
    EXPECT_EQ(visitors_in(r.previous), 5) << "the kept file lost what its WAL held";
}

TEST(Restore, RefusesACopyFromANewerGastvrijNamingBothVersions) {
    TempDir dir;
    const std::string data = make_store(dir, 2);
    const std::string newer = make_store(dir, 7, "newer.db");
    const int latest = sqlite::latest_schema_version();
    sqlite::Database(newer, 1000).exec("PRAGMA user_version = " + std::to_string(latest + 1), "test");
    try {
        restore_store(newer, data);
        FAIL() << "a newer copy was restored";
    } catch (const StoreError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("newer version of Gastvrij (data version " + std::to_string(latest + 1) +
                            "; this program knows up to " + std::to_string(latest) + ")"),
                  std::string::npos)
            << what;
    }
    EXPECT_EQ(visitors_in(data), 2);
    EXPECT_FALSE(fs::exists(data + ".before-restore"));
    for (const auto& name : names_in(dir.path())) EXPECT_EQ(name.find(".restore-"), std::string::npos) << name;
}

TEST(Restore, RefusesADamagedCopyWithAClearMessage) {
    TempDir dir;
    const std::string data = make_store(dir, 2);
    const std::string damaged = make_store(dir, 300, "damaged.db");
    sqlite::Database(damaged, 1000).exec("PRAGMA journal_mode = DELETE", "test");  // one file, no WAL
    {
        // Flip bytes in the middle of the file: inside the visits' pages.
        std::fstream f(damaged, std::ios::in | std::ios::out | std::ios::binary);
        const auto size = static_cast<std::streamoff>(fs::file_size(damaged));
        for (std::streamoff at = size / 3; at < size / 3 + 4096; at += 7) {
            f.seekg(at);
            const char b = static_cast<char>(f.get());
            f.seekp(at);
            f.put(static_cast<char>(~b));
        }
    }
    try {
        restore_store(damaged, data);
        FAIL() << "a damaged copy was restored";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find(damaged + " is damaged"), std::string::npos) << e.what();
    }
    EXPECT_EQ(visitors_in(data), 2);

    std::ofstream(dir.file("text.db")) << "this is not a database at all, but it is long enough to look like one?";
    try {
        restore_store(dir.file("text.db"), data);
        FAIL() << "a text file was restored";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find(dir.file("text.db") + " is damaged"), std::string::npos) << e.what();
    }
    EXPECT_EQ(visitors_in(data), 2);
}

TEST(Restore, RefusesWhileAServiceHoldsTheStoreAndAServiceWaitsForARestore) {
    TempDir dir;
    const std::string data = make_store(dir, 2);
    const BackupCopy copy = backup_store(data, dir.file("backups"), 14);
    {
        const StoreLock service(data, StoreLock::Mode::Writer);
        try {
            restore_store(copy.file, data);
            FAIL() << "restored under a running service";
        } catch (const StoreError& e) {
            EXPECT_EQ(e.kind, StoreError::Kind::Busy);
            EXPECT_NE(std::string(e.what()).find("systemctl stop"), std::string::npos) << e.what();
        }
    }
    {
        const StoreLock restoring(data, StoreLock::Mode::Exclusive);
        EXPECT_THROW(StoreLock(data, StoreLock::Mode::Writer), StoreError);
    }
    EXPECT_NO_THROW(restore_store(copy.file, data));
}

}  // namespace
}  // namespace gastvrij::store_test
