#pragma once
// What a store keeps, read around the product's own code: every row of a
// table as one text, from a SQLite file or a PostgreSQL database. For tests
// that check what a copy of the data would give away.
#include <libpq-fe.h>
#include <sqlite3.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace gastvrij::test_support {

namespace raw_detail {

inline bool is_pg(const std::string& url) {
    return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

// The first column of every row of `sql`.
inline std::vector<std::string> column(const std::string& url, const std::string& sql) {
    std::vector<std::string> out;
    if (is_pg(url)) {
        std::unique_ptr<PGconn, void (*)(PGconn*)> c(PQconnectdb(url.c_str()), PQfinish);
        if (PQstatus(c.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(c.get()));
        std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(c.get(), sql.c_str()), PQclear);
        if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) throw std::runtime_error(PQerrorMessage(c.get()));
        for (int i = 0; i < PQntuples(r.get()); ++i) out.emplace_back(PQgetvalue(r.get(), i, 0));
        return out;
    }
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(url.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        throw std::runtime_error("cannot open " + url);
    }
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
        const std::string why = sqlite3_errmsg(db);
        sqlite3_close(db);
        throw std::runtime_error(why + " in " + sql);
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        const auto* text = sqlite3_column_text(st, 0);
        out.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

}  // namespace raw_detail

// The store's own tables (not the schema bookkeeping of either engine).
inline std::vector<std::string> raw_tables(const std::string& url) {
    return raw_detail::column(url, raw_detail::is_pg(url)
                                       ? "SELECT table_name FROM information_schema.tables "
                                         "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                                       : "SELECT name FROM sqlite_schema WHERE type = 'table'");
}

inline std::vector<std::string> raw_columns(const std::string& url, const std::string& table) {
    return raw_detail::column(url, raw_detail::is_pg(url)
                                       ? "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                                         "'public' AND table_name = '" + table + "'"
                                       : "SELECT name FROM pragma_table_info('" + table + "')");
}

// Every row of `table`, all its cells joined by '|'.
inline std::vector<std::string> raw_rows(const std::string& url, const std::string& table) {
    std::string cells = "''";
    for (const auto& c : raw_columns(url, table)) cells += " || coalesce(CAST(\"" + c + "\" AS TEXT), '') || '|'";
    return raw_detail::column(url, "SELECT " + cells + " FROM \"" + table + "\"");
}

}  // namespace gastvrij::test_support
