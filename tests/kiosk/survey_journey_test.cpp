// The exit survey, tapped through the real kiosk screens: a colleague finishes
// a conversation (through Reception, as the desk or their phone would), then the
// visitor on the way out taps "on your way out", the colleague's face, a mark
// and yes/no, optionally writes a comment, and is thanked. What the store holds
// afterwards is read back through the real SQLite file — including, with plain
// SQL, that nothing ties the answer to the visit or the visitor's name.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>

#include "domain/survey.h"
#include "kiosk/kiosk_fixture.h"

namespace gastvrij {
namespace {

using kiosk_test::Kiosk;
using kiosk_test::KioskSetup;

KioskSetup quiet() {
    KioskSetup s;
    s.speech = false;  // read-aloud has its own tests; these journeys are about taps
    return s;
}

// A conversation that really happened: checked in for a team topic, routed to
// a colleague, who answers, starts and finishes it through Reception.
Visit finished_visit(Kiosk& k, const std::string& topic_id, const std::string& chosen_host = "", const std::string& name = "") {
    CheckInRequest r;
    r.topic_id = topic_id;
    r.chosen_host = chosen_host;
    r.visitor_name = name;
    r.source = "desk";
    Visit v = k.reception->check_in(r);
    EXPECT_FALSE(v.host_id.empty()) << "nobody took the " << topic_id << " visitor";
    k.reception->acknowledge(v.id, 3, v.host_id);
    k.reception->start(v.id, v.host_id);
    return k.reception->finish(v.id, v.host_id);
}

std::vector<SurveyResponse> stored(Kiosk& k) { return k.store->surveys_between(k.clock.now() - 24 * 3600, k.clock.now() + 3600); }

// Taps one widget and says how many taps the visitor has made so far.
struct Counter {
    Kiosk& k;
    int taps = 0;
    ::testing::AssertionResult tap(const std::string& name) {
        ++taps;
        return k.taps({name});
    }
};

TEST(SurveyJourney, FaceScoreOneGoCommentThanksAndBackToWelcomeAllStored) {
    NEW_KIOSK(k, quiet());
    const Visit v = finished_visit(k, "repair");
    const Staff* host = k.config().directory.person(v.host_id);
    ASSERT_NE(host, nullptr);
    k.clock.advance(10 * 60);  // the visitor walks out ten minutes later

    ASSERT_TRUE(k.taps({"welcome/survey"}));
    ASSERT_EQ(k.screen(), "survey_who");
    EXPECT_EQ(k.names("survey/who/"), (std::set<std::string>{"survey/who/" + host->id, "survey/who/skip"}))
        << "the colleague who just finished, and a way to skip";

    Counter c{k};
    ASSERT_TRUE(c.tap("survey/who/" + host->id));
    ASSERT_EQ(k.screen(), "survey_score");
    EXPECT_EQ(k.names("survey/score/").size(), 10u) << "marks 1 to 10 on their own buttons";
    EXPECT_TRUE(k.names("survey/face/").empty());
    ASSERT_TRUE(c.tap("survey/score/8"));
    ASSERT_EQ(k.screen(), "survey_one_go");
    EXPECT_TRUE(stored(k).empty()) << "stored before the visitor answered the last question";
    ASSERT_TRUE(c.tap("survey/yes"));
    ASSERT_EQ(k.screen(), "survey_thanks");
    EXPECT_LE(c.taps, 3) << "the issue promises at most three taps to a saved answer";

    auto got = stored(k);
    ASSERT_EQ(got.size(), 1u) << "the answer is saved by the third tap";
    EXPECT_EQ(got[0].score, 8);
    EXPECT_EQ(got[0].staff_id, host->id);
    ASSERT_TRUE(got[0].one_go.has_value());
    EXPECT_TRUE(*got[0].one_go);
    EXPECT_EQ(got[0].comment, "");
    EXPECT_EQ(got[0].hour, round_to_hour(k.clock.now()));
    EXPECT_EQ(got[0].language, "nl");

    // The optional comment, on the on-screen keyboard.
    ASSERT_TRUE(k.taps({"survey/comment"}));
    ASSERT_EQ(k.screen(), "survey_comment");
    ASSERT_TRUE(k.driver->type("snel"));
    ASSERT_TRUE(k.taps({"keyboard/space"}));
    ASSERT_TRUE(k.driver->type("geholpen"));
    const std::string typed = k.label("survey/comment_field");
    // A sentence: a capital at its start, not on every word as in a name.
    EXPECT_EQ(typed, "Snel geholpen");
    ASSERT_TRUE(k.taps({"survey/send"}));
    ASSERT_EQ(k.screen(), "survey_thanks");
    EXPECT_FALSE(k.driver->visible("survey/comment")) << "a second comment is not offered";
    got = stored(k);
    ASSERT_EQ(got.size(), 1u) << "the comment joins the answer, it is not a second one";
    EXPECT_EQ(got[0].comment, typed);
    EXPECT_EQ(got[0].score, 8);

    ASSERT_TRUE(k.taps({"confirm/done"}));
    EXPECT_EQ(k.screen(), "welcome");
    EXPECT_TRUE(k.session().survey_staff.empty());
    EXPECT_EQ(k.session().survey_score, 0);
    EXPECT_EQ(k.session().survey_id, 0);
}

TEST(SurveyJourney, TheThankYouReturnsToWelcomeByItself) {
    NEW_KIOSK(k, quiet());
    ASSERT_TRUE(k.taps({"welcome/survey", "survey/who/skip", "survey/score/6", "survey/no"}));
    ASSERT_EQ(k.screen(), "survey_thanks");
    k.wait_ms(k.config().kiosk.confirmation_seconds * 1000.0 + 6000);
    EXPECT_EQ(k.screen(), "welcome");
    ASSERT_EQ(stored(k).size(), 1u);
}

TEST(SurveyJourney, SomeoneElseAndSkippingTheOneGoQuestionStoreWhatWasAnswered) {
    NEW_KIOSK(k, quiet());
    finished_visit(k, "repair");

    // "Someone else": no colleague, but the mark and the one-go answer count.
    Counter c{k};
    ASSERT_TRUE(k.taps({"welcome/survey"}));
    ASSERT_TRUE(c.tap("survey/who/skip"));
    ASSERT_TRUE(c.tap("survey/score/3"));
    ASSERT_TRUE(c.tap("survey/no"));
    EXPECT_EQ(c.taps, 3);
    ASSERT_EQ(k.screen(), "survey_thanks");
    ASSERT_TRUE(k.taps({"confirm/done"}));

    // A colleague's face, then the one-go question skipped: not answered, not "no".
    const Staff* host = nullptr;
    for (const auto& n : [&] {
             EXPECT_TRUE(k.taps({"welcome/survey"}));
             return k.names("survey/who/");
         }())
        if (n != "survey/who/skip") host = k.config().directory.person(n.substr(std::string("survey/who/").size()));
    ASSERT_NE(host, nullptr);
    ASSERT_TRUE(k.taps({"survey/who/" + host->id, "survey/score/10", "survey/one_go/skip"}));
    ASSERT_EQ(k.screen(), "survey_thanks");
    ASSERT_TRUE(k.taps({"confirm/done"}));
    EXPECT_EQ(k.screen(), "welcome");

    auto got = stored(k);
    ASSERT_EQ(got.size(), 2u);
    std::sort(got.begin(), got.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    EXPECT_EQ(got[0].staff_id, "") << "someone else: no colleague is credited";
    EXPECT_EQ(got[0].score, 3);
    ASSERT_TRUE(got[0].one_go.has_value());
    EXPECT_FALSE(*got[0].one_go);
    EXPECT_EQ(got[1].staff_id, host->id);
    EXPECT_EQ(got[1].score, 10);
    EXPECT_FALSE(got[1].one_go.has_value()) << "a skipped question is stored as unanswered";
}

TEST(SurveyJourney, BackFromTheScoreKeepsNothingStored) {
    NEW_KIOSK(k, quiet());
    ASSERT_TRUE(k.taps({"welcome/survey", "survey/who/skip", "survey/score/7"}));
    ASSERT_EQ(k.screen(), "survey_one_go");
    ASSERT_TRUE(k.taps({"nav/home"}));
    EXPECT_EQ(k.screen(), "welcome");
    EXPECT_TRUE(stored(k).empty()) << "a visitor who leaves before the last question stored an answer anyway";
}

TEST(SurveyJourney, AMarkGivenBeforeWalkingAwayIsKeptWhenTheKioskTimesOut) {
    NEW_KIOSK(k, quiet());
    ASSERT_TRUE(k.taps({"welcome/survey", "survey/who/skip", "survey/score/9"}));
    ASSERT_EQ(k.screen(), "survey_one_go");
    const auto& kc = k.config().kiosk;
    k.wait_ms(kc.idle_seconds * 1000.0 + 100);
    EXPECT_TRUE(stored(k).empty()) << "stored while the visitor may still answer";
    k.wait_ms(kc.warning_seconds * 1000.0 + 100);
    ASSERT_EQ(k.screen(), "welcome");
    const auto got = stored(k);
    ASSERT_EQ(got.size(), 1u) << "the mark of a visitor who walked away at the last question was lost";
    EXPECT_EQ(got[0].score, 9);
    EXPECT_FALSE(got[0].one_go.has_value());
}

// kiosk.toml's `[survey] faces = true`, read by the real loader from a copy of
// the demo office, and swapped in through the admin's reload path.
std::optional<Config> faces_config(const std::string& folder, std::string* errors) {
    namespace fs = std::filesystem;
    fs::copy(kiosk_test::demo_config_dir(), folder, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    // The photos sit beside the configuration ("../assets").
    std::error_code ec;
    fs::create_directory_symlink(fs::path(kiosk_test::demo_config_dir()).parent_path() / "assets",
                                 fs::path(folder).parent_path() / "assets", ec);
    std::ifstream in(folder + "/kiosk.toml");
    std::string toml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::regex faces_line(R"(\n(faces\s*=\s*)false)");
    if (!std::regex_search(toml, faces_line)) {
        *errors = "kiosk.toml has no `faces = false` line to turn on";
        return std::nullopt;
    }
    toml = std::regex_replace(toml, faces_line, "\n$1true");
    std::ofstream(folder + "/kiosk.toml") << toml;
    LoadResult r = load_config(folder);
    if (!r.ok()) {
        for (const auto& d : r.diagnostics) *errors += d.format() + "\n";
        return std::nullopt;
    }
    return std::move(r.config);
}

TEST(SurveyJourney, FiveFacesMapOntoTheReportCardScale) {
    kiosk_test::TempDir elsewhere;
    KioskSetup setup = quiet();
    setup.reload = [folder = elsewhere.file("config")](std::string* errors) { return faces_config(folder, errors); };
    NEW_KIOSK(k, setup);
    std::string errors;
    ASSERT_TRUE(k.app->reload_config(&errors)) << errors;
    ASSERT_TRUE(k.config().kiosk.survey_faces == false) << "the fixture's own config stays as it was";
    ASSERT_TRUE(k.app->journey().config().kiosk.survey_faces);

    for (int face = 1; face <= 5; ++face) {
        SCOPED_TRACE("face " + std::to_string(face));
        ASSERT_TRUE(k.taps({"welcome/survey", "survey/who/skip"}));
        ASSERT_EQ(k.screen(), "survey_score");
        std::set<std::string> faces;
        for (int f = 1; f <= 5; ++f) faces.insert("survey/face/" + std::to_string(f));
        EXPECT_EQ(k.names("survey/face/"), faces);
        EXPECT_TRUE(k.names("survey/score/").empty()) << "faces replace the marks, not join them";
        // Each face says in words what it means, not only the pictogram.
        EXPECT_EQ(k.label("survey/face/" + std::to_string(face)),
                  k.app->journey().config().texts.text("nl", "survey.face_" + std::to_string(face)));
        ASSERT_TRUE(k.taps({"survey/face/" + std::to_string(face), "survey/yes", "confirm/done"}));
        ASSERT_EQ(k.screen(), "welcome");
    }
    auto got = stored(k);
    ASSERT_EQ(got.size(), 5u);
    std::sort(got.begin(), got.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    for (int face = 1; face <= 5; ++face) EXPECT_EQ(got[size_t(face - 1)].score, 2 * face) << "face " << face;
}

TEST(SurveyJourney, OnlyColleaguesWhoFinishedInTheLastHourAreOffered) {
    NEW_KIOSK(k, quiet());
    // 10:15 a repair visit is finished; at 11:20 an appointment with someone
    // else; another visitor is still in conversation.
    const Visit early = finished_visit(k, "repair");
    k.clock.advance(65 * 60);
    std::string other;
    for (const auto& s : k.config().directory.staff)
        if (s.show_on_kiosk && s.id != early.host_id && other.empty()) other = s.id;
    ASSERT_FALSE(other.empty());
    const Visit recent = finished_visit(k, "appointment", other);
    ASSERT_EQ(recent.host_id, other);
    CheckInRequest busy;
    busy.topic_id = "rent";
    Visit talking = k.reception->check_in(busy);
    k.reception->start(talking.id, talking.host_id);
    k.clock.advance(60);

    ASSERT_TRUE(k.taps({"welcome/survey"}));
    std::set<std::string> offered = k.names("survey/who/");
    offered.erase("survey/who/skip");
    EXPECT_EQ(offered, std::set<std::string>{"survey/who/" + other})
        << "finished 66 min ago: " << early.host_id << "; still talking: " << talking.host_id;

    // Another hour on, nobody is left to pick but "someone else".
    ASSERT_TRUE(k.taps({"nav/home"}));
    k.clock.advance(61 * 60);
    ASSERT_TRUE(k.taps({"welcome/survey"}));
    EXPECT_EQ(k.names("survey/who/"), std::set<std::string>{"survey/who/skip"});
}

// --- Anonymity, read with plain SQL ------------------------------------------

struct Table {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;  // every value as text ("" for NULL)
};

Table read_table(sqlite3* db, const std::string& sql) {
    Table t;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
        ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
        return t;
    }
    for (int i = 0; i < sqlite3_column_count(st); ++i) t.columns.push_back(sqlite3_column_name(st, i));
    while (sqlite3_step(st) == SQLITE_ROW) {
        std::vector<std::string> row;
        for (int i = 0; i < sqlite3_column_count(st); ++i) {
            const unsigned char* v = sqlite3_column_text(st, i);
            row.push_back(v ? reinterpret_cast<const char*>(v) : "");
        }
        t.rows.push_back(std::move(row));
    }
    sqlite3_finalize(st);
    return t;
}

TEST(SurveyAnonymity, NothingInTheFileLinksTheAnswerToTheVisitOrTheName) {
    NEW_KIOSK(k, quiet());
    const std::string name = "Zeynep";
    const std::string comment_words = "heel fijn";

    // Zeynep checks in on the kiosk with her first name ...
    ASSERT_TRUE(k.taps({"welcome/start", "topic/repair"}));
    ASSERT_TRUE(k.driver->type("zeynep"));
    ASSERT_EQ(k.label("name/field"), name);
    ASSERT_TRUE(k.taps({"name/done"}));
    ASSERT_EQ(k.screen(), "confirmation");
    const Visit v = *k.session().visit;
    ASSERT_EQ(v.visitor_name, name);
    ASSERT_TRUE(k.taps({"confirm/done"}));
    // ... is helped, and on her way out rates the colleague with a comment.
    k.clock.advance(7 * 60);
    k.reception->acknowledge(v.id, 2, v.host_id);
    k.clock.advance(3 * 60);
    k.reception->start(v.id, v.host_id);
    k.clock.advance(17 * 60 + 13);
    const Visit done = k.reception->finish(v.id, v.host_id);
    k.clock.advance(2 * 60 + 41);
    ASSERT_TRUE(k.taps({"welcome/survey", "survey/who/" + v.host_id, "survey/score/9", "survey/yes", "survey/comment"}));
    ASSERT_TRUE(k.driver->type(comment_words));
    const std::string comment = k.label("survey/comment_field");
    ASSERT_TRUE(k.taps({"survey/send", "confirm/done"}));
    ASSERT_EQ(k.screen(), "welcome");

    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(k.db_file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    std::unique_ptr<sqlite3, int (*)(sqlite3*)> closer(db, sqlite3_close);

    // The survey table's columns are exactly the anonymous answer (and the office
    // it was given at, which all its visitors share).
    Table cols = read_table(db, "SELECT name FROM pragma_table_info('surveys') ORDER BY cid");
    std::vector<std::string> names;
    for (const auto& r : cols.rows) names.push_back(r[0]);
    EXPECT_EQ(names, (std::vector<std::string>{"id", "hour", "staff_id", "topic_id", "score", "one_go", "comment", "language", "office"}))
        << "a new column in surveys needs a look at anonymity first";

    Table surveys = read_table(db, "SELECT * FROM surveys");
    ASSERT_EQ(surveys.rows.size(), 1u);
    const auto& row = surveys.rows[0];
    auto col = [&](const std::string& c) {
        return row[size_t(std::find(surveys.columns.begin(), surveys.columns.end(), c) - surveys.columns.begin())];
    };
    EXPECT_EQ(col("score"), "9");
    EXPECT_EQ(col("staff_id"), v.host_id);
    EXPECT_EQ(col("comment"), comment);
    const std::int64_t hour = std::stoll(col("hour"));
    EXPECT_EQ(hour % 3600, 0) << "the moment is kept only to the hour";
    EXPECT_EQ(hour, round_to_hour(k.clock.now()));
    for (size_t i = 0; i < row.size(); ++i) {
        const std::string& value = row[i];
        EXPECT_EQ(value.find(name), std::string::npos) << "the visitor's name is in the survey row: " << value;
        // Its own row number, the mark and yes/no are small numbers by nature.
        if (surveys.columns[i] != "id" && surveys.columns[i] != "score" && surveys.columns[i] != "one_go") {
            EXPECT_NE(value, std::to_string(v.id)) << "surveys." << surveys.columns[i] << " holds the visit id";
        }
        for (Timestamp t : {v.arrived_at, done.finished_at})
            EXPECT_NE(value, std::to_string(t)) << "a value in the survey row is a moment of the visit";
    }

    // No table points at a survey, and the survey points at nothing.
    Table tables = read_table(db, "SELECT name FROM sqlite_master WHERE type = 'table'");
    for (const auto& t : tables.rows) {
        const std::string& tn = t[0];
        Table fks = read_table(db, "SELECT \"table\", \"from\" FROM pragma_foreign_key_list('" + tn + "')");
        for (const auto& fk : fks.rows) {
            EXPECT_NE(fk[0], "surveys") << tn << "." << fk[1] << " refers to surveys";
            if (tn == "surveys") ADD_FAILURE() << "surveys." << fk[1] << " refers to " << fk[0];
        }
        Table tcols = read_table(db, "SELECT name FROM pragma_table_info('" + tn + "')");
        for (const auto& c : tcols.rows) {
            if (tn != "surveys") {
                EXPECT_EQ(c[0].find("survey"), std::string::npos) << tn << "." << c[0];
            } else {
                EXPECT_TRUE(c[0].find("visit") == std::string::npos && c[0].find("name") == std::string::npos) << "surveys." << c[0];
            }
        }
        if (tn == "surveys") continue;
        // Neither the comment nor the mark leaks into the visit's records.
        Table all = read_table(db, "SELECT * FROM \"" + tn + "\"");
        for (const auto& r : all.rows)
            for (const auto& value : r) {
                EXPECT_EQ(value.find(comment), std::string::npos) << "the comment is also in " << tn << ": " << value;
                if (value.find(name) != std::string::npos) {
                    EXPECT_EQ(value.find("score"), std::string::npos) << "a row of " << tn << " holds the name and a score: " << value;
                }
            }
    }
    // What is left is inference, not a link: the colleague credited, the hour
    // and the language narrow the answer down to the visits that match them.
    // Printed for the privacy review (a quiet hour leaves one candidate).
    Table candidates = read_table(db,
        "SELECT v.visitor_name FROM surveys s JOIN visits v ON v.host_id = s.staff_id AND v.language = s.language "
        "AND v.finished_at BETWEEN s.hour - 3600 AND s.hour + 3599");
    std::cout << "[ anonymity] colleague + hour + language match " << candidates.rows.size()
              << " visit(s) of the day (first names kept until the end of the day)\n";

    // The visit's own log ends at "finished": the survey added nothing to it.
    auto events = k.store->events(v.id);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back().to, VisitState::Finished);
    for (const auto& e : events) EXPECT_LE(e.at, done.finished_at) << "an event after the visit finished";
}

}  // namespace
}  // namespace gastvrij
