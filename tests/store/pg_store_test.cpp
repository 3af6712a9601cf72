// What only the PostgreSQL store has to prove: it rides out a server that
// drops its connections, finds the writable server in a host list, and a
// database written by a newer Gastvrij is refused.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <memory>
#include <string>
#include <thread>

#include "store/open_store.h"
#include "store/store_fixture.h"
#include "support/pg_test_database.h"

namespace gastvrij {
namespace {

using store_test::check_in;

constexpr Timestamp kNow = 1'795'000'000;

// Runs `sql` as the server's administrator; returns the first cell.
std::string admin(const std::string& conninfo, const std::string& sql) {
    std::unique_ptr<PGconn, void (*)(PGconn*)> c(PQconnectdb(conninfo.c_str()), PQfinish);
    EXPECT_EQ(PQstatus(c.get()), CONNECTION_OK) << PQerrorMessage(c.get());
    std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(c.get(), sql.c_str()), PQclear);
    const auto status = PQresultStatus(r.get());
    EXPECT_TRUE(status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) << PQerrorMessage(c.get());
    return status == PGRES_TUPLES_OK && PQntuples(r.get()) > 0 ? PQgetvalue(r.get(), 0, 0) : "";
}

std::string database_of(const std::string& url) {
    const auto from = url.find(":///") + 4;
    return url.substr(from, url.find('?') - from);
}

// What a restart of the server looks like to the service: every connection
// to its database is cut.
int cut_connections(const std::string& url) {
    return std::stoi(admin(test_support::pg_admin_conninfo(),
                           "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '" +
                               database_of(url) + "' AND pid <> pg_backend_pid()"));
}

TEST(PgStore, ACutConnectionIsMadeAgainAndTheNextCheckInIsKept) {
    const std::string url = test_support::fresh_pg_database();
    const auto store = open_store(url);
    const auto devices = open_device_store(url);
    auto first = check_in(kNow, "Eerste");
    const Visit a = store->create_visit(first.visit, first.events, first.outbox).visit;

    EXPECT_GE(cut_connections(url), 2);
    // A read and a write after the cut both go through, each once.
    EXPECT_EQ(store->visit(a.id)->visitor_name, "Eerste");
    auto second = check_in(kNow + 60, "Tweede");
    const Visit b = store->create_visit(second.visit, second.events, second.outbox).visit;
    EXPECT_EQ(store->open_visits().size(), 2u);
    EXPECT_EQ(store->events(b.id).size(), 2u);
    EXPECT_EQ(store->due_messages(kNow + 3600, 100).size(), 4u) << "no message lost, none twice";
    EXPECT_FALSE(devices->device_by_token_hash("nobody")) << "the token check reconnects too";

    EXPECT_GE(cut_connections(url), 2);
    store->probe_write(kNow + 120);
    EXPECT_EQ(store->health().level, StoreHealth::Level::Ok) << store->health().detail;
}

TEST(PgStore, AHostListSkipsAServerThatIsNotThere) {
    const std::string url = test_support::fresh_pg_database();
    // libpq tries the hosts in order: a socket folder with no server first.
    const std::string listed = "postgresql:///" + database_of(url) + "?host=%2Fnonexistent%2Fgastvrij," +
                               url.substr(url.find("host=") + 5);
    const auto store = open_store(listed);
    store->set_presence("2026-12-07", "1042", Presence::In);
    EXPECT_EQ(open_store(url)->presence("2026-12-07").at("1042"), Presence::In);
}

TEST(PgStore, TwoServicesStartingOnAnEmptyDatabaseBothFindOneSchema) {
    const std::string url = test_support::fresh_pg_database();
    std::unique_ptr<Store> a, b;
    std::thread other([&] { b = open_store(url); });
    a = open_store(url);
    other.join();
    ASSERT_TRUE(a && b);
    EXPECT_EQ(admin(url, "SELECT count(*) FROM gastvrij_schema"), "1");
    // health() compares the version kept with the newest step this program has.
    EXPECT_EQ(a->health().level, StoreHealth::Level::Ok) << a->health().detail;
    EXPECT_EQ(b->health().level, StoreHealth::Level::Ok) << b->health().detail;
}

TEST(PgStore, ADatabaseOfANewerGastvrijIsRefusedSayingWhatToDo) {
    const std::string url = test_support::fresh_pg_database();
    open_store(url);
    admin(url, "UPDATE gastvrij_schema SET version = 99");
    try {
        open_store(url);
        ADD_FAILURE() << "opened a database of data version 99";
    } catch (const StoreError& e) {
        const std::string why = e.what();
        EXPECT_NE(why.find("newer version of Gastvrij"), std::string::npos) << why;
        EXPECT_NE(why.find("99"), std::string::npos) << why;
    }
}

TEST(PgStore, TextThePostgresqlServerCannotKeepIsRefusedNotCut) {
    const auto store = open_store(test_support::fresh_pg_database());
    CallbackRequest c;
    c.phone = std::string("0612\0" "345678", 11);
    c.created_at = kNow;
    EXPECT_THROW(store->add_callback(c), StoreError);
    EXPECT_TRUE(store->callbacks(false).empty()) << "nothing half-kept";
    c.phone = "0612345678";
    EXPECT_EQ(store->add_callback(c).phone, "0612345678") << "the store works on after the refusal";
}

}  // namespace
}  // namespace gastvrij
