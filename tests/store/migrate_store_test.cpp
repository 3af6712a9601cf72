// Moving an office's SQLite file onto PostgreSQL: everything arrives with its
// ids, odd text intact, numbering goes on after it, and a target that holds
// data already is refused without a change.
#include <gtest/gtest.h>

#include "store/migrate_store.h"
#include "store/open_store.h"
#include "store/store_fixture.h"
#include "support/pg_test_database.h"

namespace gastvrij {
namespace {

using store_test::check_in;
using store_test::TempDir;

constexpr Timestamp kNow = 1'795'000'000;

TEST(MigrateStore, EverythingArrivesWithItsIdsAndNumberingGoesOn) {
    TempDir dir;
    const std::string file = dir.file("gastvrij.db");
    const std::string odd = "regel 1\nregel\t2 \\ \"aanhalingstekens\" 'en' Łucja ☺";
    VisitId last_visit = 0;
    std::int64_t survey_id = 0, callback_id = 0;
    std::string key;
    {
        const auto store = open_store(file);
        for (int i = 0; i < 3; ++i) {
            auto c = check_in(kNow + i * 60, i == 1 ? odd : "Gast" + std::to_string(i));
            last_visit = store->create_visit(c.visit, c.events, c.outbox).visit.id;
        }
        store->apply(acknowledge(*store->visit(last_visit), 5, kNow + 200, "staff:1042"), {});
        SurveyResponse r;
        r.hour = kNow;
        r.score = 8;
        r.comment = odd;
        survey_id = store->add_survey(r).id;
        SurveyResponse skipped = r;
        skipped.one_go = true;
        skipped.comment.clear();
        store->add_survey(skipped);
        CallbackRequest cb;
        cb.phone = "0612345678";
        cb.created_at = kNow;
        cb.due_at = kNow + 3600;
        callback_id = store->add_callback(cb).id;
        store->set_presence("2026-12-07", "1042", Presence::Lunch);
        key = store->survey_link_key(std::string(40, 'k'));
        store->add_phone_survey("digest-1", kNow + 86'400, r);
        const auto devices = open_device_store(file);
        PairingCode code;
        code.code_hash = "code-1";
        code.kind = DeviceKind::Desk;
        code.created_at = kNow;
        code.expires_at = kNow + 600;
        devices->add_pairing_code(code);
        ASSERT_EQ(devices->redeem_pairing_code("code-1", "Balie", "token-1", kNow + 1).outcome, RedeemOutcome::Paired);
    }

    const std::string url = test_support::fresh_pg_database();
    const MigrateResult moved = migrate_store(file, url);
    ASSERT_FALSE(moved.tables.empty());
    EXPECT_EQ(moved.tables.front().name, "visits");
    EXPECT_EQ(moved.tables.front().rows, 3);

    const auto sqlite = open_store(file);
    const auto pg = open_store(url);
    const auto before = sqlite->visits_between(0, kNow + 86'400), after = pg->visits_between(0, kNow + 86'400);
    ASSERT_EQ(after.size(), before.size());
    for (std::size_t i = 0; i < before.size(); ++i) {
        EXPECT_EQ(after[i].id, before[i].id);
        EXPECT_EQ(after[i].visitor_name, before[i].visitor_name);
        EXPECT_EQ(after[i].state, before[i].state);
        EXPECT_EQ(after[i].tried_hosts, before[i].tried_hosts);
        EXPECT_EQ(pg->events(after[i].id).size(), sqlite->events(before[i].id).size());
    }
    EXPECT_EQ(after[1].visitor_name, odd) << "tabs, line breaks and backslashes survive COPY";
    EXPECT_EQ(pg->latest_event_id(), sqlite->latest_event_id()) << "a desk's Last-Event-ID stays valid";
    EXPECT_EQ(pg->due_messages(kNow + 86'400, 100).size(), sqlite->due_messages(kNow + 86'400, 100).size());
    const auto surveys = pg->surveys_between(kNow - 3600, kNow + 3600);
    ASSERT_EQ(surveys.size(), 3u);
    EXPECT_EQ(surveys[0].id, survey_id);
    EXPECT_EQ(surveys[0].comment, odd);
    EXPECT_FALSE(surveys[0].one_go);
    EXPECT_EQ(surveys[1].one_go, std::optional<bool>(true));
    EXPECT_EQ(pg->callback(callback_id)->phone, "0612345678");
    EXPECT_EQ(pg->presence("2026-12-07").at("1042"), Presence::Lunch);
    EXPECT_EQ(pg->survey_link_key(std::string(40, 'x')), key) << "links already handed out keep working";
    EXPECT_TRUE(pg->survey_link_used("digest-1"));
    EXPECT_EQ(open_device_store(url)->device_by_token_hash("token-1")->name, "Balie") << "the desk stays paired";
    EXPECT_EQ(pg->offices(), sqlite->offices()) << "the office moves in under its own id";
    EXPECT_TRUE(open_store(url, "noord")->visits_between(0, kNow + 86'400).empty())
        << "another office of the database sees none of it";

    // Numbering goes on after the copied ids.
    auto next = check_in(kNow + 900, "Na de verhuizing");
    EXPECT_GT(pg->create_visit(next.visit, next.events, next.outbox).visit.id, last_visit);
    EXPECT_GT(pg->add_survey(surveys[0]).id, surveys.back().id);

    // A second move into the same database is refused, and changes nothing.
    try {
        migrate_store(file, url);
        ADD_FAILURE() << "moved into a database that holds an office already";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("already holds visits"), std::string::npos) << e.what();
    }
    EXPECT_EQ(pg->visits_between(0, kNow + 86'400).size(), 4u);
}

// A kiosk that ran without [office] id kept its visits as "main"; moved into
// the corporation's database as the office it is, all of it goes with it.
TEST(MigrateStore, AFileMovesInUnderTheOfficeItIsNamedAs) {
    TempDir dir;
    const std::string file = dir.file("centrum.db");
    VisitId id = 0;
    {
        const auto store = open_store(file);  // as "main"
        auto c = check_in(kNow, "Fatma");
        id = store->create_visit(c.visit, c.events, c.outbox).visit.id;
        store->set_presence("2026-12-07", "1042", Presence::In);
    }
    const std::string url = test_support::fresh_pg_database();
    migrate_store(file, url, "centrum");
    const auto pg = open_store(url, "centrum");
    ASSERT_TRUE(pg->visit(id));
    EXPECT_EQ(pg->events(id).size(), 2u);
    EXPECT_EQ(pg->due_messages(kNow + 60, 10).size(), 2u) << "its notices go with it";
    EXPECT_EQ(pg->presence("2026-12-07").at("1042"), Presence::In);
    EXPECT_EQ(pg->offices(), std::vector<std::string>{"centrum"});
    EXPECT_FALSE(open_store(url)->visit(id)) << "nothing stayed behind as main";

    // A file of several offices moves in only as it is.
    const std::string two = dir.file("two.db");
    open_store(two, "zuid");
    open_store(two, "noord");
    try {
        migrate_store(two, test_support::fresh_pg_database(), "west");
        ADD_FAILURE() << "renamed one office of several";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("holds the offices noord, zuid"), std::string::npos) << e.what();
    }
}

TEST(MigrateStore, OnlyIntoPostgresqlAndOnlyFromAFile) {
    TempDir dir;
    EXPECT_THROW(migrate_store(dir.file("a.db"), dir.file("b.db")), StoreError);
    EXPECT_THROW(migrate_store(test_support::fresh_pg_database(), test_support::fresh_pg_database()), StoreError);
}

}  // namespace
}  // namespace gastvrij
