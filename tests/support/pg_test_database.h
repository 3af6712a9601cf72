#pragma once
// Databases on the throwaway PostgreSQL server the suite starts itself
// (tests/support/pg_cluster.sh, the ctest fixture `pg`): each test gets a new,
// empty one, so tests never see each other's rows and need no cleanup — the
// whole server is removed when the suite ends.
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

namespace gastvrij::test_support {

namespace pg_detail {

// The folder pg_cluster.sh records its server in: the build tree's test-pg/
// unless GASTVRIJ_TEST_PG_STATE in the environment names another.
inline std::string state_dir() {
    if (const char* env = std::getenv("GASTVRIJ_TEST_PG_STATE"); env && *env) return env;
#ifdef GASTVRIJ_TEST_PG_STATE
    return GASTVRIJ_TEST_PG_STATE;
#else
    throw std::runtime_error("GASTVRIJ_TEST_PG_STATE is not set: name the folder pg_cluster.sh start was given");
#endif
}

inline std::string how_to_start(const std::string& state) {
#ifdef GASTVRIJ_SOURCE_DIR
    const std::string script = GASTVRIJ_SOURCE_DIR "/tests/support/pg_cluster.sh";
#else
    const std::string script = "tests/support/pg_cluster.sh";
#endif
    return "start it with `" + script + " start " + state + "` (ctest does so in its fixture test pg_server_start)";
}

// The server's socket folder, as pg_cluster.sh wrote it once the server answered.
inline std::string socket_dir() {
    const std::string state = state_dir();
    const std::string file = state + "/socket-dir";
    std::ifstream in(file);
    std::string dir;
    if (!in || !std::getline(in, dir) || dir.empty())
        throw std::runtime_error("no PostgreSQL test server is running: " + file + " is missing; " + how_to_start(state));
    return dir;
}

// A URL names its socket folder in a query value: encode all but the plain
// characters of a path.
inline std::string url_encoded(const std::string& s) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

inline std::string url(const std::string& database) {
    return "postgresql:///" + database + "?host=" + url_encoded(socket_dir()) + "&user=postgres";
}

// Unique across parallel test processes and across runs on a reused server.
inline std::string new_database_name() {
    static std::atomic<unsigned> counter{0};
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    return "gastvrij_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + "_" +
           std::to_string(micros);
}

}  // namespace pg_detail

// The same server's admin connection string (for tests that must kill connections, etc.).
inline std::string pg_admin_conninfo() {
    return pg_detail::url("postgres");
}

// A new, empty database on the suite's PostgreSQL server, as a URL the product's
// --data takes: "postgresql:///<name>?host=<socket dir>&user=postgres".
// Throws std::runtime_error with a clear message (what to run) when no server is up.
inline std::string fresh_pg_database() {
    const std::string admin = pg_admin_conninfo();
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(admin.c_str()), &PQfinish);
    if (!conn || PQstatus(conn.get()) != CONNECTION_OK) {
        const std::string why = conn ? PQerrorMessage(conn.get()) : "out of memory";
        throw std::runtime_error("cannot reach the PostgreSQL test server (" + admin + "): " + why + " — " +
                                 pg_detail::how_to_start(pg_detail::state_dir()));
    }
    const std::string name = pg_detail::new_database_name();
    // template0: nobody connects to it, and a template in use would fail the create.
    const std::string sql = "CREATE DATABASE " + name + " TEMPLATE template0";
    std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()), &PQclear);
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK)
        throw std::runtime_error("cannot create the test database " + name + ": " + PQerrorMessage(conn.get()));
    return pg_detail::url(name);
}

}  // namespace gastvrij::test_support
