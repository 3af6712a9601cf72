#pragma once
// Who may write a data file right now, told by an advisory lock on a file
// beside it (`<data>.lock`). One program writes a data file at a time: the
// program that writes it (serve, the kiosk with its service, purge, seed)
// holds the lock for its whole life, and `restore` or `migrate-store` while
// they swap or copy the file. A second writer is refused naming the first:
// bookworm's SQLite can damage a WAL file when two connections write and
// checkpoint at once (TECH-NOTES). flock() locks end with the process, also
// when it crashes. Readers (report, export, backup, doctor) take no lock.
#include <string>

namespace gastvrij {

// The lock file of a data file ("sqlite:" addresses are understood).
std::string lock_file_of(const std::string& data);

class StoreLock {
public:
    // Writer: a program that writes the store as it runs. Exclusive: restore
    // and migrate-store, which need the file to stay as it is.
    enum class Mode { Writer, Exclusive };
    // Takes the lock without waiting. Throws StoreError (Kind::Busy) naming
    // what holds it and what to do; an in-memory store or a PostgreSQL
    // database needs no lock. A lock file that cannot be created (a read-only
    // folder) is no error for a writer: the store itself will say what is
    // wrong with the folder.
    StoreLock(const std::string& data, Mode mode);
    ~StoreLock();
    StoreLock(const StoreLock&) = delete;
    StoreLock& operator=(const StoreLock&) = delete;

    // The Gastvrij subcommand (serve, kiosk, restore, …) of the process that
    // holds the lock of `data` now; "" when none does or it cannot be told.
    static std::string holder(const std::string& data);

private:
    int fd_ = -1;
};

}  // namespace gastvrij
