// The throwaway PostgreSQL server the suite starts (pg_cluster.sh, the ctest
// fixture `pg`) and the databases it hands out: what the PostgreSQL store's
// tests stand on. Without a running server these fail, never skip.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "support/pg_test_database.h"
#include "support/temp_dir.h"

namespace {

using gastvrij::test_support::fresh_pg_database;
using gastvrij::test_support::pg_admin_conninfo;

class Connection {
public:
    explicit Connection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str()), &PQfinish) {
        if (PQstatus(conn_.get()) != CONNECTION_OK)
            throw std::runtime_error("cannot connect to " + conninfo + ": " + PQerrorMessage(conn_.get()));
    }
    // The first column of the first row, or nothing for no rows.
    std::optional<std::string> value(const std::string& sql) {
        std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(conn_.get(), sql.c_str()), &PQclear);
        const auto status = PQresultStatus(r.get());
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
            throw std::runtime_error(sql + ": " + PQerrorMessage(conn_.get()));
        if (status == PGRES_COMMAND_OK || PQntuples(r.get()) == 0) return std::nullopt;
        return std::string(PQgetvalue(r.get(), 0, 0));
    }

private:
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
};

const char* const kUserTables =
    "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')";

TEST(PgHarness, EachCallGivesAnotherEmptyDatabase) {
    const std::string a = fresh_pg_database();
    const std::string b = fresh_pg_database();
    ASSERT_NE(a, b);
    Connection ca(a), cb(b);
    EXPECT_NE(ca.value("SELECT current_database()"), cb.value("SELECT current_database()"));
    EXPECT_EQ(ca.value(kUserTables), "0");
    EXPECT_EQ(cb.value(kUserTables), "0");
}

TEST(PgHarness, ATableInOneDatabaseIsAbsentInTheOther) {
    Connection a(fresh_pg_database()), b(fresh_pg_database());
    a.value("CREATE TABLE visits (id bigint PRIMARY KEY, visitor text NOT NULL)");
    a.value("INSERT INTO visits VALUES (1, 'Fatma')");
    EXPECT_EQ(a.value("SELECT visitor FROM visits WHERE id = 1"), "Fatma");
    EXPECT_EQ(b.value("SELECT to_regclass('public.visits') IS NULL"), "t");
}

// postgres refuses to run as root; as root the suite runs it as nobody, and
// otherwise as the suite's own user.
TEST(PgHarness, TheServerDoesNotRunAsRoot) {
    Connection admin(pg_admin_conninfo());
    const auto data = admin.value("SELECT current_setting('data_directory')");
    ASSERT_TRUE(data);
    struct stat st {};
    ASSERT_EQ(::stat(data->c_str(), &st), 0) << *data;
    if (::geteuid() == 0)
        EXPECT_NE(st.st_uid, 0u) << *data << " belongs to root";
    else
        EXPECT_EQ(st.st_uid, ::geteuid()) << *data;
}

TEST(PgHarness, WithoutAServerTheErrorSaysHowToStartOne) {
    gastvrij::test_support::TempDir empty;
    const char* before = std::getenv("GASTVRIJ_TEST_PG_STATE");
    const std::optional<std::string> saved = before ? std::optional<std::string>(before) : std::nullopt;
    ::setenv("GASTVRIJ_TEST_PG_STATE", empty.path().c_str(), 1);
    std::string message;
    try {
        fresh_pg_database();
    } catch (const std::runtime_error& e) {
        message = e.what();
    }
    if (saved)
        ::setenv("GASTVRIJ_TEST_PG_STATE", saved->c_str(), 1);
    else
        ::unsetenv("GASTVRIJ_TEST_PG_STATE");
    EXPECT_NE(message.find("pg_cluster.sh start " + empty.path().string()), std::string::npos) << message;
}

}  // namespace
