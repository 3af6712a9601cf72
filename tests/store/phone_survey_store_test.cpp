// Phone survey answers in the SQLite store: one answer per link, the link's
// key shared by everyone on the file, and nothing in any table that ties an
// answer to the visit it came from or to a visitor's name.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "domain/survey_answers.h"
#include "store/sqlite_store.h"
#include "store/store_fixture.h"

namespace gastvrij {
namespace {

using store_test::check_in;
using store_test::count_rows;
using store_test::TempDir;

constexpr Timestamp kNow = 1'795'000'000;  // 2026-11-19 09:06:40 UTC
constexpr Timestamp kDay = 86'400;

SurveyResponse phone_answer(int score) {
    SurveyResponse r;
    r.hour = kNow + 1800;
    r.staff_id = "1042";
    r.topic_id = "repair";
    r.score = score;
    r.one_go = true;
    r.comment = "Fijn geholpen";
    r.language = "tr";
    return r;
}

TEST(PhoneSurveyStore, ALinkAnswersOnceAndTheSecondTryChangesNothing) {
    TempDir dir;
    SqliteStore store(dir.file("gastvrij.db"));
    const std::string digest(64, 'a');
    EXPECT_FALSE(store.survey_link_used(digest));

    auto saved = store.add_phone_survey(digest, kNow + 2 * kDay, phone_answer(9));
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->hour % 3600, 0) << "kept only to the hour";
    EXPECT_TRUE(store.survey_link_used(digest));

    EXPECT_FALSE(store.add_phone_survey(digest, kNow + 2 * kDay, phone_answer(1)));
    const auto all = store.surveys_between(0, kNow + 10 * kDay);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].score, 9) << "the first answer counts, the replay did not overwrite or add";
    EXPECT_EQ(all[0].language, "tr");

    // Another link is another answer.
    EXPECT_TRUE(store.add_phone_survey(std::string(64, 'b'), kNow + 2 * kDay, phone_answer(7)));
    EXPECT_EQ(store.surveys_between(0, kNow + 10 * kDay).size(), 2u);
}

TEST(PhoneSurveyStore, AnInvalidScoreSavesNeitherAnswerNorUsedLink) {
    TempDir dir;
    SqliteStore store(dir.file("gastvrij.db"));
    FakeClock clock(kNow);
    ChangeFeed feed;
    SurveyAnswers answers(store, clock, feed);  // the score rule is the domain's
    EXPECT_THROW(answers.answer_from_phone(std::string(64, 'c'), kNow, phone_answer(11)), InvalidSurvey);
    EXPECT_FALSE(store.survey_link_used(std::string(64, 'c'))) << "a refused answer must leave the link usable";
}

TEST(PhoneSurveyStore, EveryConnectionToOneFileGetsTheSameKey) {
    TempDir dir;
    const auto file = dir.file("gastvrij.db");
    SqliteStore first(file), second(file);
    std::string a, b;
    std::thread t1([&] { a = first.survey_link_key(std::string(64, '1')); });
    std::thread t2([&] { b = second.survey_link_key(std::string(64, '2')); });
    t1.join();
    t2.join();
    EXPECT_EQ(a, b) << "two services starting together must sign alike";
    EXPECT_EQ(first.survey_link_key(std::string(64, '3')), a) << "the key is made once, then kept";
    EXPECT_THROW(first.survey_link_key("short"), StoreError);
}

TEST(PhoneSurveyStore, UsedLinksAreForgottenAfterTheirExpiry) {
    TempDir dir;
    SqliteStore store(dir.file("gastvrij.db"));
    ASSERT_TRUE(store.add_phone_survey(std::string(64, 'd'), kNow + kDay, phone_answer(8)));
    store.purge(RetentionPolicy{}, kNow, kNow - kNow % kDay);
    EXPECT_TRUE(store.survey_link_used(std::string(64, 'd'))) << "still valid: must still be refused";
    store.purge(RetentionPolicy{}, kNow + 3 * kDay, kNow + 3 * kDay - (kNow + 3 * kDay) % kDay);
    EXPECT_FALSE(store.survey_link_used(std::string(64, 'd')));
    EXPECT_EQ(store.surveys_between(0, kNow + 10 * kDay).size(), 1u) << "the answer itself stays for the reports";
}

// After a visit and a phone answer, read the file as anyone with a copy
// could: no table holding an answer (or a used link) has a column that names
// the visit or the visitor, refers to another table, or holds a value from
// the visit's row; and the used link keeps no moment finer than a day.
TEST(PhoneSurveyStore, NothingInTheFileLinksAPhoneAnswerToTheVisitOrAName) {
    TempDir dir;
    const auto file = dir.file("gastvrij.db");
    SqliteStore store(file);
    auto c = check_in(kNow, "Fatma");
    const Visit visit = store.create_visit(c.visit, c.events, c.outbox).visit;
    ASSERT_TRUE(store.add_phone_survey(std::string(64, 'e'), kNow + 2 * kDay + 1234, phone_answer(9)));

    sqlite::Database db(file, 1000);
    sqlite::Statement tables(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    std::set<std::string> names;
    while (tables.step()) names.insert(tables.text(0));
    ASSERT_TRUE(names.count("surveys"));
    ASSERT_TRUE(names.count("survey_links_used"));

    // The office is where the answer was given: shared by everyone it serves.
    const std::set<std::string> allowed_survey_columns = {"id",    "hour",   "staff_id", "topic_id", "score",
                                                          "one_go", "comment", "language", "office"};
    for (const std::string table : {"surveys", "survey_links_used"}) {
        SCOPED_TRACE(table);
        sqlite::Statement cols(db, "SELECT name FROM pragma_table_info('" + table + "')");
        while (cols.step()) {
            const std::string col = cols.text(0);
            EXPECT_EQ(col.find("visit"), std::string::npos) << col;
            EXPECT_EQ(col.find("name"), std::string::npos) << col;
            EXPECT_EQ(col.find("arrived"), std::string::npos) << col;
            if (table == "surveys") { EXPECT_TRUE(allowed_survey_columns.count(col)) << "unexpected column " << col; }
        }
        EXPECT_EQ(count_rows(file, "SELECT count(*) FROM pragma_foreign_key_list('" + table + "')"), 0)
            << "refers to another table";
    }
    // No other table refers to an answer or a used link.
    for (const auto& t : names) {
        sqlite::Statement fks(db, "SELECT \"table\" FROM pragma_foreign_key_list('" + t + "')");
        while (fks.step()) {
            EXPECT_NE(fks.text(0), "surveys") << t;
            EXPECT_NE(fks.text(0), "survey_links_used") << t;
        }
    }
    // Neither the visitor's name nor the visit's id or moment appears in them.
    EXPECT_EQ(count_rows(file, "SELECT count(*) FROM surveys WHERE comment LIKE '%Fatma%' OR staff_id = 'Fatma'"), 0);
    EXPECT_EQ(count_rows(file, "SELECT count(*) FROM surveys WHERE hour % 3600 <> 0"), 0);
    EXPECT_EQ(count_rows(file, "SELECT count(*) FROM survey_links_used WHERE forget_after % 86400 <> 0"), 0)
        << "an exact expiry would give away the check-in time";
    EXPECT_EQ(count_rows(file, "SELECT count(*) FROM surveys WHERE hour = " + std::to_string(visit.arrived_at)), 0);
    EXPECT_EQ(count_rows(file, "SELECT count(*) FROM survey_links_used WHERE digest = '" + std::to_string(visit.id) +
                                   "' OR forget_after = " + std::to_string(visit.arrived_at)),
              0);
    EXPECT_EQ(count_rows(file, "SELECT count(*) FROM survey_links_used"), 1);
}

}  // namespace
}  // namespace gastvrij
