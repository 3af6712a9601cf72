#include "store/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "store/backup_files.h"
#include "store/migrations.h"
#include "store/open_store.h"
#include "store/sqlite_db.h"
#include "store/store_lock.h"

namespace gastvrij {

namespace fs = std::filesystem;
using sqlite::Database;
using sqlite::Statement;

namespace backup_files {

std::string sys_error(int err) { return std::strerror(err); }

std::string megabytes(std::uintmax_t bytes) {
    return std::to_string((bytes + 512 * 1024) / (1024 * 1024)) + " MB";
}

std::uintmax_t free_bytes(const std::string& dir) {
    struct statvfs s {};
    if (::statvfs(dir.c_str(), &s) != 0) return UINTMAX_MAX;
    return static_cast<std::uintmax_t>(s.f_bavail) * s.f_frsize;
}

StoreError disk_full(const std::string& dir, std::uintmax_t needed, const std::string& advice) {
    return StoreError(StoreError::Kind::Full, "the disk holding " + dir + " is full (" + megabytes(free_bytes(dir)) +
                                                  " free, the copy needs about " + megabytes(needed) + ") — " +
                                                  advice);
}

// Durability of a new file's contents, and of its name in its folder.
void fsync_path(const std::string& path, bool folder) {
    const int fd = ::open(path.c_str(), (folder ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        const int err = errno;
        if (fd >= 0) ::close(fd);
        throw StoreError(StoreError::Kind::Io,
                         "cannot flush " + path + " to disk (" + sys_error(err) + ") — check the disk and try again");
    }
    ::close(fd);
}

void remove_quietly(const std::string& path) {
    std::error_code ec;
    fs::remove(path, ec);
}

// VACUUM INTO accepts an empty target, so mkstemp's file can take the copy.
std::string private_temp(const std::string& pattern, int suffix_len, const std::string& folder_role,
                         std::uintmax_t needed, const std::string& full_advice) {
    std::string name = pattern;
    const int fd = ::mkstemps(name.data(), suffix_len);
    if (fd >= 0) {
        ::close(fd);
        return name;
    }
    const int err = errno;
    const std::string dir = fs::path(pattern).parent_path().string();
    if (err == ENOSPC || err == EDQUOT) throw disk_full(dir, needed, full_advice);
    if (err == EACCES || err == EPERM || err == EROFS)
        throw StoreError(StoreError::Kind::ReadOnly,
                         "cannot write in " + folder_role + " " + dir + " (" + sys_error(err) +
                             ") — give the user running Gastvrij (gastvrij, for the installed units) write "
                             "permission on it, or choose another folder");
    throw StoreError(StoreError::Kind::Io, "cannot create a file in " + folder_role + " " + dir + " (" +
                                               sys_error(err) + ")");
}

CheckedCopy check_file(const std::string& path, const std::string& shown) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw StoreError(StoreError::Kind::Other, "there is no backup file " + shown + " — name a file such as "
                                                  "/var/backups/gastvrij/gastvrij-20261207-031500.db");
    const std::string choose = " — choose another (earlier) backup";
    CheckedCopy c;
    std::string problem;
    try {
        Database db(path, 1000, /*read_only=*/true);
        const bool is_gastvrij = db.query_int("SELECT count(*) FROM sqlite_schema WHERE name = 'visits'") > 0;
        Statement check(db, "PRAGMA quick_check");
        for (int lines = 0; check.step() && lines < 3; ++lines) {
            const std::string row = check.text(0);
            if (row == "ok") break;
            problem += (problem.empty() ? "" : "; ") + row;
        }
        if (problem.empty() && !is_gastvrij)
            throw StoreError(StoreError::Kind::Other, shown + " is a SQLite file but no Gastvrij data file" + choose);
        c.schema_version = static_cast<int>(db.query_int("PRAGMA user_version"));
    } catch (const StoreError& e) {
        if (e.kind != StoreError::Kind::Corrupt) throw;
        // SQLite's own words, without the advice meant for a live data file.
        const std::string what = e.what();
        const auto at = what.find("SQLite: ");
        problem = at == std::string::npos ? "unreadable" : what.substr(at + 8, what.size() - at - 9);
    }
    if (!problem.empty())
        throw StoreError(StoreError::Kind::Corrupt,
                         shown + " is damaged: it fails SQLite's integrity check (" + problem + ")" + choose);
    return c;
}

}  // namespace backup_files

using namespace backup_files;

namespace {

constexpr const char* kPrefix = "gastvrij-";
constexpr const char* kSuffix = ".db";

// A second name in the same second gets _2, _3, … (sorted by number below).
std::string dated_name(std::time_t now, int n) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    return kPrefix + std::string(stamp) + (n > 1 ? "_" + std::to_string(n) : "") + kSuffix;
}

// Sort key of a backup name: its stamp, then its number in that second.
std::pair<std::string, int> order_of(const std::string& name) {
    const std::string stem = name.substr(0, name.size() - std::strlen(kSuffix));
    const auto under = stem.find('_');
    if (under == std::string::npos) return {stem, 1};
    return {stem.substr(0, under), std::atoi(stem.c_str() + under + 1)};
}

// Renames without ever replacing a file; false when `to` exists.
bool rename_new(const std::string& from, const std::string& to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
    if (errno == EEXIST) return false;
    if (errno == EINVAL || errno == ENOSYS) {  // a file system without RENAME_NOREPLACE
        if (::link(from.c_str(), to.c_str()) == 0) return ::unlink(from.c_str()), true;
        if (errno == EEXIST) return false;
    }
    throw StoreError(StoreError::Kind::Io, "cannot rename " + from + " to " + to + " (" + sys_error(errno) + ")");
}

}  // namespace

bool is_backup_name(const std::string& name) {
    // gastvrij-YYYYMMDD-HHMMSS[_N].db
    const std::size_t fixed = std::strlen(kPrefix) + 15;
    if (name.size() < fixed + std::strlen(kSuffix) || name.rfind(kPrefix, 0) != 0) return false;
    if (name.compare(name.size() - std::strlen(kSuffix), std::strlen(kSuffix), kSuffix) != 0) return false;
    for (std::size_t i = std::strlen(kPrefix); i < fixed; ++i) {
        const bool dash = i == std::strlen(kPrefix) + 8;
        if (dash ? name[i] != '-' : !std::isdigit(static_cast<unsigned char>(name[i]))) return false;
    }
    const std::string tail = name.substr(fixed, name.size() - fixed - std::strlen(kSuffix));
    if (tail.empty()) return true;
    return tail.size() >= 2 && tail[0] == '_' &&
           std::all_of(tail.begin() + 1, tail.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
}

std::vector<std::string> backups_in(const std::string& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        // A link is never ours, even with our name: removing it could not free anything we made.
        if (is_backup_name(name) && entry.is_regular_file(ec) && !entry.is_symlink(ec)) names.push_back(name);
    }
    std::sort(names.begin(), names.end(),
              [](const std::string& a, const std::string& b) { return order_of(a) < order_of(b); });
    std::vector<std::string> paths;
    for (const auto& n : names) paths.push_back((fs::path(dir) / n).string());
    return paths;
}

CopyCheck check_copy(const std::string& file) { return CopyCheck{check_file(file, file).schema_version}; }

BackupCopy backup_store(const std::string& data, const std::string& dir, int keep) {
    const std::string path = sqlite_path_of(data);
    if (keep < 1) throw StoreError(StoreError::Kind::Other, "--keep must be at least 1");
    std::error_code ec;
    if (path == ":memory:" || !fs::is_regular_file(path, ec))
        throw StoreError(StoreError::Kind::Other,
                         "there is no data file at " + path +
                             " — nothing to back up (pass --data FILE where the service keeps it; installed: "
                             "/var/lib/gastvrij/gastvrij.db)");
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir))
        throw StoreError(StoreError::Kind::Io, "cannot use the backup folder " + dir + " (" +
                                                   (ec ? ec.message() : "it is not a folder") +
                                                   ") — create it with write permission for the user running "
                                                   "Gastvrij, or choose another folder with --out");
    // The copy holds the data without the free pages and the WAL's history.
    const std::uintmax_t needed = fs::file_size(path, ec);
    const std::string full_advice =
        "free space on that disk, keep fewer backups (--keep), or choose another folder with --out";

    const std::string temp =
        private_temp((fs::path(dir) / ".gastvrij-backup-XXXXXX.tmp").string(), 4, "the backup folder", needed, full_advice);
    BackupCopy result;
    try {
        // Read-only: this program must never write or checkpoint the live
        // file, which has one writer (the service) on purpose.
        Database source(path, 10000, /*read_only=*/true);
        result.schema_version = static_cast<int>(source.query_int("PRAGMA user_version"));
        Statement vacuum(source, "VACUUM INTO ?1");
        vacuum.bind(1, temp);
        try {
            vacuum.run();
        } catch (const StoreError& e) {
            // SQLite names the data file; the disk that filled is the backup folder's.
            if (e.kind == StoreError::Kind::Full || (e.kind == StoreError::Kind::Io && free_bytes(dir) < needed))
                throw disk_full(dir, needed, full_advice);
            throw;
        }
    } catch (...) {
        remove_quietly(temp);
        throw;
    }
    try {
        fsync_path(temp, false);
        for (int n = 1;; ++n) {
            const std::string name = (fs::path(dir) / dated_name(std::time(nullptr), n)).string();
            if (rename_new(temp, name)) {
                result.file = name;
                break;
            }
            if (n == 99) throw StoreError(StoreError::Kind::Io, "too many backups in one second in " + dir);
        }
    } catch (...) {
        remove_quietly(temp);
        throw;
    }
    fsync_path(dir, true);
    try {
        check_file(result.file, result.file);
    } catch (const StoreError& e) {
        remove_quietly(result.file);
        throw StoreError(StoreError::Kind::Corrupt,
                         std::string("the new backup failed its check, so it was removed and the earlier backups "
                                     "were left alone; the data file ") +
                             path + " itself may be damaged — stop the service and restore the latest good backup (" +
                             e.what() + ")");
    }
    result.bytes = static_cast<std::int64_t>(fs::file_size(result.file, ec));

    // Older copies beyond the newest `keep`; the one just written stays even
    // if the clock went back and it sorts before the others.
    std::vector<std::string> older = backups_in(dir);
    older.erase(std::remove(older.begin(), older.end(), result.file), older.end());
    const std::size_t others_kept = static_cast<std::size_t>(keep - 1);
    for (std::size_t i = 0; i + others_kept < older.size(); ++i) {
        if (fs::remove(older[i], ec)) result.removed.push_back(older[i]);
    }
    if (!result.removed.empty()) fsync_path(dir, true);
    return result;
}

}  // namespace gastvrij
