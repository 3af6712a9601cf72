#pragma once
// Internals shared by the files that implement PgStore; not for other layers.
#include <mutex>
#include <string>

#include "store/pg_db.h"
#include "store/pg_listener.h"
#include "store/pg_store.h"

namespace gastvrij {

struct PgStore::Impl {
    explicit Impl(const std::string& url) : db(url), listener(url) {}

    pg::Connection db;
    pg::ChangeListener listener;  // other services' commits, by NOTIFY
    std::mutex mutex;  // one connection, many threads: one user at a time

    // A read that met a dropped connection runs once more on a new one:
    // reading twice changes nothing.
    template <class F>
    auto read(F&& f) {
        try {
            return f();
        } catch (const StoreError& e) {
            if (e.kind != StoreError::Kind::Io || db.in_transaction()) throw;
            db.reconnect_if_lost();
            return f();
        }
    }
};

namespace pg_rows {

// A value that cannot be read back means another program wrote it.
[[noreturn]] void unreadable(const std::string& where, const std::string& what, const std::string& raw);

}  // namespace pg_rows

}  // namespace gastvrij
