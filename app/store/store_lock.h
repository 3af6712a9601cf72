#pragma once
// Who may use a data file right now, told by an advisory lock on a file beside
// it (`<data>.lock`): every program that writes the store (serve, the kiosk
// with its service, purge, seed) holds it shared for its whole life; `restore`
// holds it exclusively while it swaps the file. So a restore never replaces a
// file a service still writes to, and a service never starts on a file that is
// being replaced. flock() locks end with the process, also when it crashes.
#include <string>

namespace gastvrij {

// The lock file of a data file ("sqlite:" addresses are understood).
std::string lock_file_of(const std::string& data);

class StoreLock {
public:
    enum class Mode { Shared, Exclusive };
    // Takes the lock without waiting. Throws StoreError (Kind::Busy) naming
    // what holds it and what to do; an in-memory store needs no lock. A lock
    // file that cannot be created (a read-only folder) is no error for a
    // shared holder: the store itself will say what is wrong with the folder.
    StoreLock(const std::string& data, Mode mode);
    ~StoreLock();
    StoreLock(const StoreLock&) = delete;
    StoreLock& operator=(const StoreLock&) = delete;

private:
    int fd_ = -1;
};

}  // namespace gastvrij
