#pragma once
// Internals shared by the files that implement SqliteStore; not for other layers.
#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "store/sqlite_db.h"
#include "store/sqlite_store.h"

namespace gastvrij {

struct SqliteStore::Impl {
    Impl(const std::string& path, const SqliteOptions& options, std::string office_id)
        : writer(sqlite::writer_for(path, options.busy_timeout_ms)),
          db(writer->db),
          kept(writer->kept),
          mutex(writer->mutex),
          office(std::move(office_id)) {}

    // The process's one writing connection to the file, shared with every
    // other store opened on it (see sqlite::Writer).
    std::shared_ptr<sqlite::Writer> writer;
    sqlite::Database& db;
    sqlite::StatementCache& kept;
    std::mutex& mutex;
    const std::string office;  // what this store reads and writes

    // health(): the last integrity check and when it ran.
    std::mutex check_mutex;
    std::optional<std::chrono::steady_clock::time_point> checked_at;
    std::string last_check;
};

namespace store_rows {

// Enum values that cannot be read back mean the file was written by something
// else (or damaged); the reader should not guess.
[[noreturn]] void unreadable(const std::string& file, const std::string& what, const std::string& raw);

}  // namespace store_rows

}  // namespace gastvrij
