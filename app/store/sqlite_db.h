#pragma once
// A thin RAII layer over the SQLite C API, used only inside app/store.
// Statements are finalised by their destructor, kept and reused (bind, step,
// reset), and a Transaction rolls back unless it was committed. Every SQLite
// failure becomes a StoreError whose message says what a person can do.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace gastvrij::sqlite {

// The StoreError kind for an SQLite result code (primary or extended).
StoreError::Kind kind_of(int rc);

// Builds the error for `rc` that happened while `doing` something on `file`.
StoreError make_error(int rc, const std::string& file, const std::string& doing,
                      const std::string& sqlite_message);

class Database {
public:
    // Opens (creating if needed, unless read-only) the database at `path`;
    // ":memory:" is a private in-memory database. Sets the busy timeout so a
    // briefly locked file waits. A read-only connection never checkpoints,
    // not even when it closes: that is the writer's job (see Writer).
    Database(const std::string& path, int busy_timeout_ms, bool read_only = false);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    sqlite3* handle() const { return db_; }
    const std::string& path() const { return path_; }

    // Runs one or more statements that return no rows we need.
    void exec(const std::string& sql, const std::string& doing);
    // The first column of the first row of a statement such as "PRAGMA user_version".
    std::int64_t query_int(const std::string& sql);
    std::string query_text(const std::string& sql);

    std::int64_t last_insert_id() const;
    int changes() const;
    bool in_transaction() const;

    [[noreturn]] void fail(int rc, const std::string& doing) const;

    // The last write transaction that failed on an SQLite error (its
    // message), until a write transaction commits again; "" = writes work.
    const std::string& write_failure() const { return write_failure_; }

private:
    friend class Transaction;
    sqlite3* db_ = nullptr;
    std::string path_;
    // Every SQLite error this connection raised, so a transaction can tell
    // "SQLite failed" from "the caller gave up" when it rolls back.
    mutable std::uint64_t errors_ = 0;
    mutable std::string last_error_;
    std::string write_failure_;
};

class Statement {
public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are 1-based, as in SQL's ?1 … ?N.
    Statement& bind(int i, std::int64_t v);
    Statement& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
    Statement& bind(int i, double v);
    Statement& bind(int i, std::string_view v);
    Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
    Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    Statement& bind_null(int i);

    // True when a row is ready; false when the statement is done. Throws StoreError.
    bool step();
    // Steps a statement that returns no rows.
    void run();

    // Columns are 0-based, as SQLite counts them.
    std::int64_t integer(int col) const;
    double real(int col) const;
    std::string text(int col) const;
    bool is_null(int col) const;

    // Ready for the next use: rewinds and clears the bindings.
    void reset();

private:
    Database& db_;
    sqlite3_stmt* stmt_ = nullptr;
    std::string doing_;  // first words of the SQL, for error messages
};

// One use of a kept statement. It is reset when the use ends, so a half-read
// SELECT never keeps a read snapshot open (which would stall WAL checkpoints).
class Query {
public:
    explicit Query(Statement& s) : s_(s) {}
    ~Query() { s_.reset(); }
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;
    Statement* operator->() { return &s_; }
    Statement& operator*() { return s_; }

private:
    Statement& s_;
};

// Prepared statements kept for the life of the connection, keyed by their SQL.
class StatementCache {
public:
    explicit StatementCache(Database& db) : db_(db) {}
    Query operator()(const char* sql);
    void clear() { kept_.clear(); }

private:
    Database& db_;
    std::unordered_map<std::string, std::unique_ptr<Statement>> kept_;
};

// BEGIN IMMEDIATE: takes the write lock up front, so a busy database waits in
// the busy handler at the start instead of failing half-way. Rolls back in the
// destructor unless commit() was reached.
class Transaction {
public:
    Transaction(Database& db, const char* doing);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& db_;
    std::string doing_;
    std::uint64_t errors_at_begin_ = 0;
    bool done_ = false;
};

// The one connection through which this process writes a data file. Every
// SqliteStore and SqliteDeviceStore on the same file shares it, so no two
// connections of one process write or checkpoint the file at once: bookworm's
// SQLite carries the WAL-reset race, which can damage a WAL file when two
// connections write and checkpoint at the same instant (TECH-NOTES).
struct Writer {
    Writer(const std::string& path, int busy_timeout_ms) : db(path, busy_timeout_ms), kept(db) {}
    Database db;
    StatementCache kept;  // after db: finalised before the close
    std::mutex mutex;     // one connection, many threads: one user at a time
    bool prepared = false;  // settings and schema done (sqlite::prepare, migrations.h)
};

// This process's writer for the file at `path`, opened on first use and closed
// with its last user. ":memory:" (or "") gives a private database every time.
std::shared_ptr<Writer> writer_for(const std::string& path, int busy_timeout_ms);
// How many stores share the writer of `path` right now (0 = none is open).
long writer_users(const std::string& path);

}  // namespace gastvrij::sqlite
