#include "store/store_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/store.h"
#include "store/open_store.h"

namespace gastvrij {

namespace {

bool in_memory(const std::string& path) { return path.empty() || path == ":memory:"; }

// The command line of a process holding the lock on `inode`, e.g. "serve"
// and its pid, read from /proc/locks; empty when it cannot be told.
struct Holder {
    long pid = 0;
    std::string command;  // the gastvrij subcommand: serve, kiosk, purge, …
};

Holder holder_of(ino_t inode) {
    std::ifstream locks("/proc/locks");
    std::string line;
    while (std::getline(locks, line)) {
        // "1: FLOCK  ADVISORY  READ  1234 08:01:5678 0 EOF"
        std::istringstream in(line);
        std::string n, kind, advisory, access, device;
        long pid = 0;
        if (!(in >> n >> kind)) continue;
        if (kind == "->") in >> kind;  // a waiter, shown under the holder
        if (!(in >> advisory >> access >> pid >> device) || kind != "FLOCK") continue;
        const auto colon = device.rfind(':');
        if (colon == std::string::npos || std::strtoull(device.c_str() + colon + 1, nullptr, 10) != inode) continue;
        Holder h;
        h.pid = pid;
        std::ifstream cmdline("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
        std::string program, arg;
        std::getline(cmdline, program, '\0');
        // Only a Gastvrij program's first argument is a subcommand.
        if (std::filesystem::path(program).filename().string().rfind("gastvrij", 0) == 0 &&
            std::getline(cmdline, arg, '\0'))
            h.command = arg;
        return h;
    }
    return {};
}

// " (process 4242)", or nothing when it cannot be told.
std::string process_of(const Holder& h) { return h.pid > 0 ? " (process " + std::to_string(h.pid) + ")" : ""; }

// Why a restore or a copy cannot start now, and what to do.
std::string in_use_message(const std::string& data, ino_t inode) {
    const Holder h = holder_of(inode);
    const std::string pid = process_of(h);
    if (h.command == "serve")
        return "gastvrij serve" + pid + " is running on this store (" + data +
               "): stop it with `systemctl stop gastvrij-serve`, then try again";
    if (h.command == "kiosk")
        return "the kiosk" + pid + " is running with its service on this store (" + data +
               "): stop it with `systemctl stop gastvrij-kiosk`, then try again";
    if (!h.command.empty())
        return "gastvrij " + h.command + pid + " is using this store (" + data +
               "): wait until it has finished, then try again";
    return "a Gastvrij program" + pid + " is using this store (" + data +
           "): stop it (`systemctl stop gastvrij-serve`, or gastvrij-kiosk on a kiosk), then try again";
}

// Why a second writer cannot start, naming the first.
std::string second_writer_message(const std::string& data, ino_t inode) {
    const Holder h = holder_of(inode);
    const std::string pid = process_of(h);
    if (h.command == "restore")
        return data + " is being restored from a backup right now" + pid +
               " — start again once `gastvrij restore` has finished";
    if (h.command == "migrate-store")
        return data + " is being copied into PostgreSQL right now" + pid +
               " — once `gastvrij migrate-store` has finished, start on the database's address instead";
    const std::string who = h.command == "kiosk"  ? "the kiosk" + pid + " with its service"
                            : !h.command.empty() ? "gastvrij " + h.command + pid
                                                 : "another Gastvrij program" + pid;
    return who + " already writes " + data +
           ": one program writes a data file at a time, two could damage it. Several kiosks: run one "
           "`gastvrij serve` on the file and start each kiosk with `--server`; several machines or offices: "
           "put the data on PostgreSQL (README, \"One store, several processes\")";
}

}  // namespace

std::string lock_file_of(const std::string& data) { return sqlite_path_of(data) + ".lock"; }

StoreLock::StoreLock(const std::string& data, Mode mode) {
    // A PostgreSQL database has no file to swap: the server guards its data.
    if (is_postgresql_url(data)) return;
    const std::string path = sqlite_path_of(data);
    if (in_memory(path)) return;
    const std::string lock = path + ".lock";
    // Read-only is enough for flock, so a lock file another user created
    // (root running restore) still serves the service's user.
    fd_ = ::open(lock.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
        const int err = errno;
        if (mode == Mode::Writer) return;
        throw StoreError(StoreError::Kind::Io, "cannot open the lock file " + lock + " (" + std::strerror(err) +
                                                   ") — run restore as the user the service runs as, or as root");
    }
    // Made by root (restore, or a unit's ExecStartPre): it belongs to the
    // data file's owner like the data file does.
    struct stat owner {};
    if (::geteuid() == 0 && (::stat(path.c_str(), &owner) == 0 ||
                             ::stat(std::filesystem::path(path).parent_path().c_str(), &owner) == 0)) {
        if (::fchown(fd_, owner.st_uid, owner.st_gid) != 0) {
            // Only root can; the lock works all the same.
        }
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return;
    const int err = errno;
    struct stat st {};
    ::fstat(fd_, &st);
    ::close(fd_);
    fd_ = -1;
    if (err != EWOULDBLOCK)
        throw StoreError(StoreError::Kind::Io, "cannot lock " + lock + " (" + std::strerror(err) + ")");
    if (mode == Mode::Writer) throw StoreError(StoreError::Kind::Busy, second_writer_message(path, st.st_ino));
    throw StoreError(StoreError::Kind::Busy, in_use_message(path, st.st_ino));
}

std::string StoreLock::holder(const std::string& data) {
    if (is_postgresql_url(data)) return "";
    const std::string path = sqlite_path_of(data);
    if (in_memory(path)) return "";
    struct stat st {};
    if (::stat((path + ".lock").c_str(), &st) != 0) return "";
    return holder_of(st.st_ino).command;
}

StoreLock::~StoreLock() {
    if (fd_ >= 0) ::close(fd_);
}

}  // namespace gastvrij
