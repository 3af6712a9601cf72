#pragma once
// Internals shared by the files that implement PgStore; not for other layers.
#include <mutex>
#include <string>

#include "store/pg_db.h"
#include "store/pg_listener.h"
#include "store/pg_store.h"

namespace gastvrij {

struct PgStore::Impl {
    Impl(const std::string& address, std::string office_id)
        : url(address), db(address), listener(address), office(std::move(office_id)) {}

    const std::string url;  // for connections of their own (the reports)

    pg::Connection db;
    pg::ChangeListener listener;  // other services' commits, by NOTIFY
    std::mutex mutex;  // one connection, many threads: one user at a time
    const std::string office;  // what this store reads and writes

    template <class F>
    auto read(F&& f) {
        return db.read_retrying_once(std::forward<F>(f));
    }
};

namespace pg_rows {

// A value that cannot be read back means another program wrote it.
[[noreturn]] void unreadable(const std::string& where, const std::string& what, const std::string& raw);

}  // namespace pg_rows

}  // namespace gastvrij
