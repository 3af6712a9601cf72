#include "store/sqlite_db.h"

#include <filesystem>
#include <map>
#include <sqlite3.h>

namespace gastvrij::sqlite {

StoreError::Kind kind_of(int rc) {
    switch (rc & 0xff) {
        case SQLITE_FULL: return StoreError::Kind::Full;
        case SQLITE_BUSY:
        case SQLITE_LOCKED: return StoreError::Kind::Busy;
        case SQLITE_READONLY: return StoreError::Kind::ReadOnly;
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB: return StoreError::Kind::Corrupt;
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN: return StoreError::Kind::Io;
        default: return StoreError::Kind::Other;
    }
}

namespace {

// What the person reading the message (an office admin, often) should do.
std::string advice(int rc, const std::string& file) {
    switch (rc & 0xff) {
        case SQLITE_FULL:
            return "the disk holding " + file +
                   " is full — free space on that disk (old exports, logs, backups) and try again";
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return file + " is locked by another program — wait a moment; if it persists, close other "
                          "programs that have the file open (a second Gastvrij, a database browser)";
        case SQLITE_READONLY:
            return file + " cannot be written — give the user running Gastvrij write permission on the "
                          "file and on its folder";
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return file + " is damaged or is not a Gastvrij database — stop Gastvrij, move the file "
                          "aside and restore the most recent backup";
        case SQLITE_CANTOPEN:
            return "cannot open " + file + " — check that its folder exists and is writable by the user "
                   "running Gastvrij, or choose another file with --data";
        case SQLITE_IOERR:
            return "the disk reported an error on " + file +
                   " — check the disk (and its free space); the last change was not saved";
        default:
            return "unexpected database error on " + file + " — if it happens again, keep the file for the "
                   "supplier and restore the most recent backup";
    }
}

}  // namespace

StoreError make_error(int rc, const std::string& file, const std::string& doing,
                      const std::string& sqlite_message) {
    // What to do first; the technical part last, for whoever reads the log.
    std::string what = advice(rc, file) + " (while " + doing;
    if (!sqlite_message.empty()) what += "; SQLite: " + sqlite_message;
    return StoreError(kind_of(rc), what + ")");
}

Database::Database(const std::string& path, int busy_timeout_ms, bool read_only) : path_(path) {
    const int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                      SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw make_error(rc, path, "opening the data file", msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, busy_timeout_ms);
    if (read_only) sqlite3_db_config(db_, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
}

Database::~Database() {
    // close_v2 also copes with statements that are still alive.
    if (db_) sqlite3_close_v2(db_);
}

void Database::fail(int rc, const std::string& doing) const {
    StoreError e = make_error(rc, path_, doing, sqlite3_errmsg(db_));
    ++errors_;
    last_error_ = e.what();
    throw e;
}

void Database::exec(const std::string& sql, const std::string& doing) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        StoreError e = make_error(rc, path_, doing, msg);
        ++errors_;
        last_error_ = e.what();
        throw e;
    }
}

std::int64_t Database::query_int(const std::string& sql) {
    Statement s(*this, sql);
    return s.step() ? s.integer(0) : 0;
}

std::string Database::query_text(const std::string& sql) {
    Statement s(*this, sql);
    return s.step() ? s.text(0) : std::string();
}

std::int64_t Database::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }
bool Database::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

Statement::Statement(Database& db, std::string_view sql) : db_(db) {
    // Error messages name the statement by its first words ("INSERT INTO visits").
    auto words = sql.substr(0, std::min<std::size_t>(sql.size(), 40));
    words = words.substr(0, words.find_first_of("(\n"));
    while (!words.empty() && words.back() == ' ') words.remove_suffix(1);
    doing_ = "running \"" + std::string(words) + "\"";
    int rc = sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
    if (rc != SQLITE_OK) db.fail(rc, doing_);
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int i, std::int64_t v) {
    int rc = sqlite3_bind_int64(stmt_, i, v);
    if (rc != SQLITE_OK) db_.fail(rc, doing_);
    return *this;
}

Statement& Statement::bind(int i, double v) {
    int rc = sqlite3_bind_double(stmt_, i, v);
    if (rc != SQLITE_OK) db_.fail(rc, doing_);
    return *this;
}

Statement& Statement::bind(int i, std::string_view v) {
    int rc = sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) db_.fail(rc, doing_);
    return *this;
}

Statement& Statement::bind_null(int i) {
    int rc = sqlite3_bind_null(stmt_, i);
    if (rc != SQLITE_OK) db_.fail(rc, doing_);
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    db_.fail(rc, doing_);
}

void Statement::run() {
    while (step()) {
    }
}

std::int64_t Statement::integer(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::real(int col) const { return sqlite3_column_double(stmt_, col); }
bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

std::string Statement::text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    if (!p) return {};
    return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
}

void Statement::reset() {
    // The step's error was already reported; reset only rewinds here.
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

Query StatementCache::operator()(const char* sql) {
    auto& kept = kept_[sql];
    if (!kept) kept = std::make_unique<Statement>(db_, sql);
    return Query(*kept);
}

Transaction::Transaction(Database& db, const char* doing)
    : db_(db), doing_(doing), errors_at_begin_(db.errors_) {
    try {
        db_.exec("BEGIN IMMEDIATE", doing_);
    } catch (const StoreError& e) {
        db_.write_failure_ = e.what();
        throw;
    }
}

Transaction::~Transaction() {
    if (done_) return;
    if (db_.errors_ != errors_at_begin_) db_.write_failure_ = db_.last_error_;
    // SQLite rolls back by itself after some errors (disk full, I/O); only
    // roll back what is still open, and never throw from a destructor.
    if (db_.in_transaction()) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    try {
        db_.exec("COMMIT", doing_);
    } catch (const StoreError& e) {
        db_.write_failure_ = e.what();
        throw;
    }
    db_.write_failure_.clear();
    done_ = true;
}

// ---- Writer --------------------------------------------------------------------

namespace {

bool private_database(const std::string& path) { return path.empty() || path == ":memory:"; }

// One name per file however it was written (relative, through a link).
std::string file_key(const std::string& path) {
    std::error_code ec;
    auto key = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
    return ec ? path : key.string();
}

struct Writers {
    std::mutex mutex;
    std::map<std::string, std::weak_ptr<Writer>> open;
};

Writers& writers() {
    static Writers w;
    return w;
}

}  // namespace

std::shared_ptr<Writer> writer_for(const std::string& path, int busy_timeout_ms) {
    if (private_database(path)) return std::make_shared<Writer>(":memory:", busy_timeout_ms);
    auto& w = writers();
    std::lock_guard lock(w.mutex);
    for (auto it = w.open.begin(); it != w.open.end();) it = it->second.expired() ? w.open.erase(it) : std::next(it);
    const std::string key = file_key(path);
    if (auto existing = w.open[key].lock()) return existing;
    auto made = std::make_shared<Writer>(path, busy_timeout_ms);
    w.open[key] = made;
    return made;
}

long writer_users(const std::string& path) {
    if (private_database(path)) return 0;
    auto& w = writers();
    std::lock_guard lock(w.mutex);
    const auto found = w.open.find(file_key(path));
    return found == w.open.end() ? 0 : found->second.use_count();
}

}  // namespace gastvrij::sqlite
