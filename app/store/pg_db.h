#pragma once
// A thin RAII layer over libpq, used only inside app/store (bookworm's
// libpqxx 6.4 has an API upstream has since replaced). A Result frees its
// PGresult, a Transaction rolls back unless committed, and every failure
// becomes a StoreError whose kind follows the SQLSTATE and whose message
// names the database (never its password) and what a person can do.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "domain/store.h"

struct pg_conn;
struct pg_result;

namespace gastvrij::pg {

// The StoreError kind for a SQLSTATE ("08006", "53100", …).
StoreError::Kind kind_of(std::string_view sqlstate);

// `url` with any password replaced by "***", for messages and logs.
std::string redacted(const std::string& url);

// Values for $1 … $N, sent as text: libpq converts nothing, the server parses.
// One value in COPY's text format: \N for NULL, backslash escapes for the
// characters COPY gives a meaning (tab, line breaks, backslash).
std::string copy_field(const char* value);

class Params {
public:
    Params& add(std::string_view v);
    Params& add(const std::string& v) { return add(std::string_view(v)); }
    Params& add(const char* v) { return add(std::string_view(v)); }
    Params& add(std::int64_t v);
    Params& add(int v) { return add(static_cast<std::int64_t>(v)); }
    Params& add(bool v);
    Params& add_null();

    int size() const { return static_cast<int>(values_.size()); }
    std::vector<const char*> pointers() const;

private:
    std::vector<std::string> values_;
    std::vector<bool> null_;
};

class Result {
public:
    Result() = default;
    explicit Result(pg_result* r) : r_(r, &free_result) {}

    int rows() const;
    // How many rows an INSERT, UPDATE or DELETE touched.
    int affected() const;
    bool is_null(int row, int col) const;
    std::string text(int row, int col) const;
    // The same text without a copy, valid while this Result lives.
    std::string_view view(int row, int col) const;
    std::int64_t integer(int row, int col) const;  // NULL reads as 0
    bool boolean(int row, int col) const;           // 't' / 'f'

private:
    static void free_result(pg_result* r);
    std::unique_ptr<pg_result, void (*)(pg_result*)> r_{nullptr, &free_result};
};

class Connection {
public:
    // Connects with a libpq URI or conninfo string. Throws StoreError (Io)
    // naming the server and what to check when it cannot.
    explicit Connection(const std::string& url);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Runs one statement with parameters. Throws StoreError saying what was
    // being done. A statement that fails because the server went away leaves
    // the connection to be made again by the next call.
    Result exec(const char* sql, const Params& params, const std::string& doing);
    Result exec(const char* sql, const std::string& doing) { return exec(sql, Params{}, doing); }
    // Several statements without parameters (a migration step).
    void exec_script(const char* sql, const std::string& doing);

    // COPY … FROM STDIN, rows in COPY's text format (copy_field() escapes a
    // value). `next` fills its argument with the next rows and returns false
    // once there are none, so a big table streams without being held whole.
    // Inside the caller's transaction.
    void copy_in(const std::string& sql, const std::function<bool(std::string&)>& next, const std::string& doing);

    // Makes the connection again when the server dropped it (a restart, a
    // failover): the next statement then goes to the server that is there now.
    void reconnect_if_lost();
    bool in_transaction() const;

    // Runs `read` and, when it met a dropped connection outside a transaction,
    // once more on a new one: reading twice changes nothing.
    template <class F>
    auto read_retrying_once(F&& read) {
        try {
            return read();
        } catch (const StoreError& e) {
            if (e.kind != StoreError::Kind::Io || in_transaction()) throw;
            reconnect_if_lost();
            return read();
        }
    }

    // For LISTEN: the socket to wait on, and how many notifications came
    // since the last call (reads what the socket holds). Throws StoreError
    // (Io) when the connection is lost.
    int socket() const;
    int take_notifications();

    // The address as given, with the password hidden.
    const std::string& label() const { return label_; }

    // The last write that failed, until one commits again; "" = writes work.
    const std::string& write_failure() const { return write_failure_; }

private:
    friend class Transaction;
    [[noreturn]] void fail(pg_result* r, const std::string& doing);
    void open();

    pg_conn* conn_ = nullptr;
    std::string url_;
    std::string label_;
    std::string write_failure_;
    std::string last_error_;  // the last StoreError raised, for a failed transaction
    StoreError::Kind last_error_kind_ = StoreError::Kind::Other;
};

// BEGIN … COMMIT at READ COMMITTED; rolls back in the destructor unless
// commit() was reached. A failed COMMIT is remembered as a write failure.
class Transaction {
public:
    Transaction(Connection& c, std::string doing);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& c_;
    std::string doing_;
    bool done_ = false;
};

}  // namespace gastvrij::pg
