// restore_store: see backup.h.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "store/backup.h"
#include "store/backup_files.h"
#include "store/migrations.h"
#include "store/open_store.h"
#include "store/sqlite_db.h"
#include "store/store_lock.h"

namespace gastvrij {

namespace fs = std::filesystem;
using namespace backup_files;

namespace {

void remove_with_side_files(const std::string& db) {
    for (const char* tail : {"", "-wal", "-shm", "-journal"}) remove_quietly(db + tail);
}

// Copies `from` into the open file `fd` (named `to`), flushed to disk.
void copy_into(const std::string& from, int fd, const std::string& to, std::uintmax_t size) {
    const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0)
        throw StoreError(StoreError::Kind::Io, "cannot read " + from + " (" + std::strerror(errno) + ")");
    char buf[1 << 16];
    ssize_t n = 0;
    int err = 0;
    while ((n = ::read(in, buf, sizeof buf)) > 0) {
        for (ssize_t done = 0; done < n;) {
            const ssize_t w = ::write(fd, buf + done, static_cast<std::size_t>(n - done));
            if (w < 0) {
                if (errno == EINTR) continue;
                err = errno;
                break;
            }
            done += w;
        }
        if (err) break;
    }
    if (n < 0) err = errno;
    ::close(in);
    if (!err && ::fsync(fd) != 0) err = errno;
    if (err == ENOSPC || err == EDQUOT)
        throw disk_full(fs::path(to).parent_path().string(), size,
                        "free space on that disk (old exports, logs), then restore again");
    if (err) throw StoreError(StoreError::Kind::Io, "cannot write " + to + " (" + std::strerror(err) + ")");
}

// The restored file belongs to whoever owned the file it replaces (or its
// folder), not to root running restore: the service must still open it.
void take_owner_of(int fd, const std::string& target) {
    struct stat st {};
    const bool had_file = ::stat(target.c_str(), &st) == 0;
    if (!had_file && ::stat(fs::path(target).parent_path().c_str(), &st) != 0) return;
    if (::fchown(fd, st.st_uid, st.st_gid) != 0) {
        // Not root: the file is ours already, which is what the service runs as.
    }
    ::fchmod(fd, had_file ? (st.st_mode & 0777) : 0600);
}

// Folds a WAL the previous data file still has into the file itself, so the
// kept `.before-restore` is complete on its own. The exclusive lock is held:
// no service writes to it. Returns false when it could not (a damaged file).
bool fold_wal(const std::string& target) {
    std::error_code ec;
    if (fs::file_size(target + "-wal", ec) == 0 || ec) return true;
    try {
        sqlite::Database db(target, 1000);
        sqlite::Statement cp(db, "PRAGMA wal_checkpoint(TRUNCATE)");
        return cp.step() && cp.integer(0) == 0;
    } catch (const StoreError&) {
        return false;
    }
}

}  // namespace

Restored restore_store(const std::string& copy, const std::string& data) {
    const std::string target = sqlite_path_of(data);
    if (target == ":memory:" || target.empty())
        throw StoreError(StoreError::Kind::Other, "restore needs a data file: pass --data FILE");
    std::error_code ec;
    if (!fs::is_regular_file(copy, ec))
        throw StoreError(StoreError::Kind::Other, "there is no backup file " + copy +
                                                  " — name a file such as /var/backups/gastvrij/gastvrij-20261207-031500.db");
    if (fs::exists(target, ec) && fs::equivalent(copy, target, ec))
        throw StoreError(StoreError::Kind::Other, copy + " is the data file itself — name a backup to restore");
    const std::string folder = fs::path(fs::absolute(target)).parent_path().string();
    fs::create_directories(folder, ec);

    const StoreLock lock(target, StoreLock::Mode::Exclusive);

    // The copy goes beside the data file first, so the final rename is
    // atomic, and what is checked is exactly what will be in place.
    const std::uintmax_t size = fs::file_size(copy, ec);
    const std::string temp = private_temp(target + ".restore-XXXXXX", 0, "the data folder", size,
                                          "free space on that disk (old exports, logs), then restore again");
    Restored result;
    try {
        const int fd = ::open(temp.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
        if (fd < 0) throw StoreError(StoreError::Kind::Io, "cannot write " + temp + " (" + std::strerror(errno) + ")");
        try {
            copy_into(copy, fd, temp, size);
            take_owner_of(fd, target);
        } catch (...) {
            ::close(fd);
            throw;
        }
        ::close(fd);
        result.schema_version = check_file(temp, copy).schema_version;
        const int known = sqlite::latest_schema_version();
        if (result.schema_version > known)
            throw StoreError(StoreError::Kind::Other,
                             copy + " was written by a newer version of Gastvrij (data version " +
                                 std::to_string(result.schema_version) + "; this program knows up to " +
                                 std::to_string(known) +
                                 ") — install that newer Gastvrij first, or restore a backup made by this version");
        // A check of a file in WAL mode may have left side files of the temporary name.
        remove_quietly(temp + "-wal");
        remove_quietly(temp + "-shm");
    } catch (...) {
        remove_with_side_files(temp);
        throw;
    }

    if (fs::exists(target, ec)) {
        const bool folded = fold_wal(target);
        result.previous = target + ".before-restore";
        remove_with_side_files(result.previous);
        // A second name for the old file, so the data file's name is never
        // missing: the rename below replaces it in one step.
        if (::link(target.c_str(), result.previous.c_str()) != 0) {
            const int err = errno;
            remove_with_side_files(temp);
            throw StoreError(StoreError::Kind::Io, "cannot keep the current data file as " + result.previous + " (" +
                                                       std::strerror(err) + ") — nothing was changed");
        }
        // A WAL left beside the data file would be replayed onto the restored
        // file and damage it: it belongs to the previous file, and goes with it.
        // (A hot rollback journal likewise.) The -shm is only an index of the WAL.
        for (const char* tail : {"-wal", "-journal"}) {
            if (!fs::exists(target + tail, ec)) continue;
            if (folded && std::string(tail) == "-wal") remove_quietly(target + tail);
            else fs::rename(target + tail, result.previous + tail, ec);
        }
        remove_quietly(target + "-shm");
    }
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        const int err = errno;
        remove_with_side_files(temp);
        throw StoreError(StoreError::Kind::Io,
                         "cannot put the restored file in place as " + target + " (" + std::strerror(err) + ")");
    }
    fsync_path(folder, true);
    return result;
}

}  // namespace gastvrij
