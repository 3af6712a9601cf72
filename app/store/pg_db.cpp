#include "store/pg_db.h"

#include <libpq-fe.h>

#include <charconv>
#include <regex>

namespace gastvrij::pg {

StoreError::Kind kind_of(std::string_view sqlstate) {
    using K = StoreError::Kind;
    if (sqlstate.empty()) return K::Io;  // no answer from the server at all
    const std::string_view cls = sqlstate.substr(0, 2);
    if (cls == "08" || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03") return K::Io;
    if (sqlstate == "53100") return K::Full;  // disk_full
    if (sqlstate == "25006") return K::ReadOnly;  // read_only_sql_transaction: a standby
    if (cls == "40" || sqlstate == "55P03" || sqlstate == "53300" || sqlstate == "57014") return K::Busy;
    if (cls == "XX") return K::Corrupt;
    return K::Other;
}

std::string redacted(const std::string& url) {
    // postgresql://user:secret@host/db and …?password=secret / password=secret
    static const std::regex in_userinfo(R"(^(postgres(?:ql)?://[^:/@?]*):[^@/?]*@)");
    static const std::regex as_parameter(R"((^|[?&\s])password\s*=\s*('[^']*'|[^&\s]*))");
    std::string out = std::regex_replace(url, in_userinfo, "$1:***@");
    return std::regex_replace(out, as_parameter, "$1password=***");
}

namespace {

std::string trimmed(const char* s) {
    std::string out = s ? s : "";
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    // libpq's connection errors run over several lines; one line reads better in a log.
    for (char& c : out)
        if (c == '\n') c = ' ';
    return out;
}

std::string advice(StoreError::Kind kind) {
    switch (kind) {
        case StoreError::Kind::Io:
            return "the database server cannot be reached — check that it runs; Gastvrij connects again by itself";
        case StoreError::Kind::Full:
            return "the database server's disk is full — free space on it";
        case StoreError::Kind::ReadOnly:
            return "the database server takes no changes (a standby?) — point the address at the primary, "
                   "e.g. with target_session_attrs=read-write";
        case StoreError::Kind::Busy: return "the database server is busy — try again in a moment";
        case StoreError::Kind::Corrupt:
            return "the database server reports damaged data — ask its administrator to check it";
        case StoreError::Kind::Other: break;
    }
    return "";
}

}  // namespace

// ---- Params -------------------------------------------------------------------

Params& Params::add(std::string_view v) {
    // Text parameters end at their first NUL byte: refuse rather than keep a
    // silently shortened value.
    if (v.find('\0') != std::string_view::npos)
        throw StoreError(StoreError::Kind::Other, "a text holds a NUL character, which PostgreSQL cannot keep");
    values_.emplace_back(v);
    null_.push_back(false);
    return *this;
}

Params& Params::add(std::int64_t v) {
    values_.push_back(std::to_string(v));
    null_.push_back(false);
    return *this;
}

Params& Params::add(bool v) {
    values_.emplace_back(v ? "t" : "f");
    null_.push_back(false);
    return *this;
}

Params& Params::add_null() {
    values_.emplace_back();
    null_.push_back(true);
    return *this;
}

std::vector<const char*> Params::pointers() const {
    std::vector<const char*> out;
    out.reserve(values_.size());
    for (std::size_t i = 0; i < values_.size(); ++i) out.push_back(null_[i] ? nullptr : values_[i].c_str());
    return out;
}

// ---- Result -------------------------------------------------------------------

void Result::free_result(pg_result* r) {
    if (r) PQclear(r);
}

int Result::rows() const { return r_ ? PQntuples(r_.get()) : 0; }

int Result::affected() const {
    if (!r_) return 0;
    const char* n = PQcmdTuples(r_.get());
    int out = 0;
    if (n && *n) std::from_chars(n, n + std::char_traits<char>::length(n), out);
    return out;
}

bool Result::is_null(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }

std::string Result::text(int row, int col) const {
    return std::string(PQgetvalue(r_.get(), row, col), static_cast<std::size_t>(PQgetlength(r_.get(), row, col)));
}

std::string_view Result::view(int row, int col) const {
    return std::string_view(PQgetvalue(r_.get(), row, col), static_cast<std::size_t>(PQgetlength(r_.get(), row, col)));
}

std::int64_t Result::integer(int row, int col) const {
    if (is_null(row, col)) return 0;
    const char* v = PQgetvalue(r_.get(), row, col);
    std::int64_t out = 0;
    std::from_chars(v, v + PQgetlength(r_.get(), row, col), out);
    return out;
}

bool Result::boolean(int row, int col) const {
    return !is_null(row, col) && PQgetvalue(r_.get(), row, col)[0] == 't';
}

// ---- Connection -----------------------------------------------------------------

Connection::Connection(const std::string& url) : url_(url), label_(redacted(url)) { open(); }

Connection::~Connection() {
    if (conn_) PQfinish(conn_);
}

void Connection::open() {
    if (conn_) PQfinish(conn_);
    // Never wait forever for a server that does not answer: a kiosk must be
    // able to say "not saved" instead of hanging in front of the visitor.
    const std::string url = url_;
    const char* keys[] = {"dbname", "connect_timeout", "application_name", "client_encoding", nullptr};
    const char* values[] = {url.c_str(), "10", "gastvrij", "UTF8", nullptr};
    // expand_dbname = 1: the first dbname is the whole URI or conninfo; the
    // later keys apply where it sets none.
    conn_ = PQconnectdbParams(keys, values, 1);
    if (!conn_) throw StoreError(StoreError::Kind::Io, "out of memory connecting to PostgreSQL at " + label_);
    if (PQstatus(conn_) != CONNECTION_OK) {
        const std::string why = trimmed(PQerrorMessage(conn_));
        PQfinish(conn_);
        conn_ = nullptr;
        throw StoreError(StoreError::Kind::Io,
                         "cannot connect to the PostgreSQL server at " + label_ + " (" + why +
                             ") — check that the server runs, that the address in --data or [store] url "
                             "is right and that this user may log in to that database");
    }
    // The server's notices ("… already exists, skipping") are no news to an
    // office; errors come back as results and become StoreErrors.
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    // Times are whole UTC seconds in bigint columns: no session setting can
    // shift them. Keep statement waits bounded all the same.
    PQclear(PQexec(conn_, "SET statement_timeout = '30s'; SET lock_timeout = '10s'"));
}

void Connection::reconnect_if_lost() {
    if (conn_ && PQstatus(conn_) == CONNECTION_OK) return;
    open();
}

bool Connection::in_transaction() const {
    if (!conn_) return false;
    // UNKNOWN (a lost connection) is no open transaction: there is nothing to keep.
    const auto s = PQtransactionStatus(conn_);
    return s == PQTRANS_ACTIVE || s == PQTRANS_INTRANS || s == PQTRANS_INERROR;
}

void Connection::fail(pg_result* r, const std::string& doing) {
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const std::string sqlstate = state ? state : "";
    std::string message = trimmed(r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr);
    if (message.empty()) message = trimmed(PQerrorMessage(conn_));
    if (r) PQclear(r);
    auto kind = kind_of(sqlstate);
    if (PQstatus(conn_) != CONNECTION_OK) kind = StoreError::Kind::Io;
    std::string what = doing + " failed on the PostgreSQL database " + label_ + ": " + message;
    if (!sqlstate.empty()) what += " (SQLSTATE " + sqlstate + ")";
    if (const auto hint = advice(kind); !hint.empty()) what += " — " + hint;
    last_error_ = what;
    last_error_kind_ = kind;
    throw StoreError(kind, what);
}

Result Connection::exec(const char* sql, const Params& params, const std::string& doing) {
    if (!in_transaction()) reconnect_if_lost();
    const auto values = params.pointers();
    pg_result* r = PQexecParams(conn_, sql, params.size(), nullptr, values.data(), nullptr, nullptr, 0);
    const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r, doing);
    return Result(r);
}

void Connection::exec_script(const char* sql, const std::string& doing) {
    if (!in_transaction()) reconnect_if_lost();
    pg_result* r = PQexec(conn_, sql);
    const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r, doing);
    PQclear(r);
}

int Connection::socket() const { return conn_ ? PQsocket(conn_) : -1; }

int Connection::take_notifications() {
    if (!conn_ || PQconsumeInput(conn_) == 0 || PQstatus(conn_) != CONNECTION_OK) {
        throw StoreError(StoreError::Kind::Io, "the notification connection to " + label_ +
                                                   " was lost (" + trimmed(conn_ ? PQerrorMessage(conn_) : "") + ")");
    }
    int n = 0;
    while (PGnotify* note = PQnotifies(conn_)) {
        PQfreemem(note);
        ++n;
    }
    return n;
}

std::string copy_field(const char* value) {
    if (!value) return "\\N";
    std::string out;
    for (const char* c = value; *c; ++c) {
        switch (*c) {
            case '\\': out += "\\\\"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            default: out += *c;
        }
    }
    return out;
}

void Connection::copy_in(const std::string& sql, const std::function<bool(std::string&)>& next,
                         const std::string& doing) {
    pg_result* r = PQexec(conn_, sql.c_str());
    if (!r || PQresultStatus(r) != PGRES_COPY_IN) fail(r, doing);
    PQclear(r);
    std::string rows;
    bool more = true;
    while (more) {
        rows.clear();
        try {
            more = next(rows);
        } catch (...) {
            // The server must leave COPY mode before the transaction can roll back.
            PQputCopyEnd(conn_, "the copy was stopped");
            while (pg_result* extra = PQgetResult(conn_)) PQclear(extra);
            throw;
        }
        if (!rows.empty() && PQputCopyData(conn_, rows.data(), static_cast<int>(rows.size())) != 1)
            fail(nullptr, doing);
    }
    if (PQputCopyEnd(conn_, nullptr) != 1) fail(nullptr, doing);
    pg_result* done = PQgetResult(conn_);
    const bool ok = done && PQresultStatus(done) == PGRES_COMMAND_OK;
    if (!ok) fail(done, doing);
    PQclear(done);
    while (pg_result* extra = PQgetResult(conn_)) PQclear(extra);
}

// ---- Transaction ------------------------------------------------------------------

Transaction::Transaction(Connection& c, std::string doing) : c_(c), doing_(std::move(doing)) {
    try {
        try {
            c_.exec("BEGIN", doing_);
        } catch (const StoreError& e) {
            // The server dropped the connection while idle (a restart, a
            // failover): nothing of this unit ran yet, so begin again once
            // on a new connection instead of failing a visitor's check-in.
            if (e.kind != StoreError::Kind::Io) throw;
            c_.reconnect_if_lost();
            c_.exec("BEGIN", doing_);
        }
    } catch (const StoreError& e) {
        c_.write_failure_ = e.what();
        throw;
    }
}

Transaction::~Transaction() {
    if (done_) return;
    // The caller gave up or a statement failed: nothing of this unit is kept.
    if (c_.conn_ && PQstatus(c_.conn_) == CONNECTION_OK && c_.in_transaction()) {
        const bool failed = PQtransactionStatus(c_.conn_) == PQTRANS_INERROR;
        PQclear(PQexec(c_.conn_, "ROLLBACK"));
        // A refused statement (a lost race, a rule of the schema) is an answer,
        // not trouble with the database: /health reports only the latter.
        if (failed && c_.last_error_kind_ != StoreError::Kind::Other)
            c_.write_failure_ = c_.last_error_.empty() ? doing_ + " failed" : c_.last_error_;
    } else {
        c_.write_failure_ = doing_ + " failed: the connection to " + c_.label_ + " was lost";
    }
}

void Transaction::commit() {
    try {
        c_.exec("COMMIT", doing_);
    } catch (const StoreError& e) {
        done_ = true;  // nothing left to roll back: the server ended the transaction
        c_.write_failure_ = e.what();
        throw;
    }
    done_ = true;
    c_.write_failure_.clear();
}

}  // namespace gastvrij::pg
