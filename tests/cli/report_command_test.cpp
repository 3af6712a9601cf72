// `gastvrij report` as the manager runs it: on a seeded data file, in the
// office's time zone, in all three formats. The figures are checked against
// what this test counts itself from the rows in the file.
#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_run.h"
#include "store/sqlite_db.h"

namespace gastvrij {
namespace {

using cli_test::run;
using cli_test::TempDir;
using Ts = std::int64_t;

Ts local_midnight(int y, int m, int d) {
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_isdst = -1;
    return static_cast<Ts>(std::mktime(&tm));
}

std::string local_date(Ts t, int* hour = nullptr) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    if (hour) *hour = tm.tm_hour;
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

double rank_value(std::vector<Ts> v, int p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    std::size_t k = 1;
    while (k * 100 < static_cast<std::size_t>(p) * v.size()) ++k;
    return static_cast<double>(v[k - 1]);
}

// staff id → team, read straight from the demo's staff.csv (id and team are
// its first and fourth columns, never quoted).
std::map<std::string, std::string> teams_of_staff() {
    std::map<std::string, std::string> out;
    std::istringstream in(cli_test::slurp(cli_test::demo_config() + "/staff.csv"));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#' || line.rfind("id,", 0) == 0) continue;
        std::vector<std::string> cells;
        std::istringstream l(line);
        std::string cell;
        for (int i = 0; i < 4 && std::getline(l, cell, ','); ++i) cells.push_back(cell);
        if (cells.size() == 4) out[cells[0]] = cells[3];
    }
    return out;
}

// What the test expects for one scope, counted from the rows.
struct Counted {
    int visits = 0, finished = 0, escalated = 0;
    std::vector<Ts> ack, start;
    int surveys = 0, eight_plus = 0;
    int callbacks = 0, in_time = 0;
};

class ReportCommand : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        setenv("TZ", cli_test::kTimeZone, 1);
        tzset();
        dir_ = new TempDir;
        file_ = dir_->file("office.db");
        // March into April 2026: summer time starts on the 29th, Good Friday
        // (3rd) and Easter Monday (6th) are closed.
        const auto seeded = run("seed --data '" + file_ + "' --days 35 --until 2026-04-10 --visits-per-day 90 --seed 7 --config '" +
                                cli_test::demo_config() + "'");
        ASSERT_EQ(seeded.status, 0) << seeded.out << seeded.err;
        count_rows();
    }
    static void TearDownTestSuite() { delete dir_; }

    // The period the tests ask for: 9 March to 7 April 2026, local days, both included.
    static constexpr const char* kPeriod = "--from 2026-03-09 --to 2026-04-07";

    static void count_rows() {
        const Ts from = local_midnight(2026, 3, 9), to = local_midnight(2026, 4, 8);
        const auto team_of = teams_of_staff();
        const Ts now = std::time(nullptr);
        sqlite::Database db(file_, 1000, true);
        sqlite::Statement visits(db,
                                 "SELECT arrived_at, topic_id, team_id, state, acknowledged_at, started_at, "
                                 "(SELECT count(*) FROM visit_events e WHERE e.visit_id = v.id AND e.to_state = 'escalated') "
                                 "FROM visits v");
        while (visits.step()) {
            const Ts at = visits.integer(0);
            if (at < from || at >= to) continue;
            int hour = 0;
            ++per_day_[local_date(at, &hour)];
            ++per_hour_[static_cast<std::size_t>(hour)];
            for (const std::string& key : {std::string("all"), "topic:" + visits.text(1), "team:" + visits.text(2)}) {
                Counted& c = want_[key];
                ++c.visits;
                if (visits.text(3) == "finished") ++c.finished;
                if (visits.integer(6) > 0) ++c.escalated;
                if (visits.integer(4) > 0) c.ack.push_back(visits.integer(4) - at);
                if (visits.integer(5) > 0) c.start.push_back(visits.integer(5) - at);
            }
        }
        sqlite::Statement surveys(db, "SELECT hour, staff_id, topic_id, score FROM surveys");
        while (surveys.step()) {
            if (surveys.integer(0) < from || surveys.integer(0) >= to) continue;
            const auto team = team_of.find(surveys.text(1));
            for (const std::string& key : {std::string("all"), "topic:" + surveys.text(2),
                                           "team:" + (team == team_of.end() ? std::string() : team->second)}) {
                ++want_[key].surveys;
                if (surveys.integer(3) >= 8) ++want_[key].eight_plus;
            }
        }
        sqlite::Statement callbacks(db, "SELECT created_at, due_at, handled_at, state, topic_id FROM callbacks");
        while (callbacks.step()) {
            if (callbacks.integer(0) < from || callbacks.integer(0) >= to) continue;
            Counted& c = want_["all"];
            ++c.callbacks;
            if (callbacks.text(3) == "done" && callbacks.integer(2) <= callbacks.integer(1)) ++c.in_time;
            if (callbacks.text(3) != "done" && callbacks.integer(1) < now) ++overdue_;
        }
    }

    static TempDir* dir_;
    static std::string file_;
    static std::map<std::string, Counted> want_;
    static std::map<std::string, int> per_day_;
    static std::array<int, 24> per_hour_;
    static int overdue_;
};

TempDir* ReportCommand::dir_ = nullptr;
std::string ReportCommand::file_;
std::map<std::string, Counted> ReportCommand::want_;
std::map<std::string, int> ReportCommand::per_day_;
std::array<int, 24> ReportCommand::per_hour_{};
int ReportCommand::overdue_ = 0;

void expect_scope(const nlohmann::json& j, const Counted& c, const std::string& scope) {
    SCOPED_TRACE(scope);
    EXPECT_EQ(j.at("visits").get<int>(), c.visits);
    EXPECT_EQ(j.at("finished").get<int>(), c.finished);
    EXPECT_EQ(j.at("escalated").get<int>(), c.escalated);
    EXPECT_EQ(j.at("ack_seconds_p50").get<double>(), rank_value(c.ack, 50));
    EXPECT_EQ(j.at("ack_seconds_p90").get<double>(), rank_value(c.ack, 90));
    EXPECT_EQ(j.at("start_seconds_p50").get<double>(), rank_value(c.start, 50));
    EXPECT_EQ(j.at("start_seconds_p90").get<double>(), rank_value(c.start, 90));
    EXPECT_EQ(j.at("surveys").get<int>(), c.surveys);
    EXPECT_NEAR(j.at("share_8_or_more").get<double>(), c.surveys ? double(c.eight_plus) / c.surveys : 0.0, 1e-12);
}

TEST_F(ReportCommand, JsonFiguresMatchTheRowsInTheFile) {
    const auto r = run("report --data '" + file_ + "' " + kPeriod + " --format json --config '" +
                       cli_test::demo_config() + "'");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_GT(want_["all"].visits, 1000);
    expect_scope(j.at("overall"), want_["all"], "whole office");
    EXPECT_EQ(j.at("overall").at("callbacks").get<int>(), want_["all"].callbacks);
    EXPECT_EQ(j.at("overall").at("callbacks_in_time").get<int>(), want_["all"].in_time);
    EXPECT_EQ(j.at("overall").at("callbacks_overdue").get<int>(), overdue_);

    int topics_seen = 0, teams_seen = 0;
    for (const auto& t : j.at("topics")) {
        expect_scope(t, want_["topic:" + t.at("id").get<std::string>()], "topic " + t.at("id").get<std::string>());
        ++topics_seen;
    }
    for (const auto& t : j.at("teams")) {
        expect_scope(t, want_["team:" + t.at("id").get<std::string>()], "team " + t.at("id").get<std::string>());
        ++teams_seen;
    }
    EXPECT_EQ(topics_seen, 8);  // every tile of the demo office
    EXPECT_GE(teams_seen, 5);
    EXPECT_EQ(j.at("topics").at(0).at("label"), "Reparatie");  // texts/nl.toml, topic.repair
    EXPECT_EQ(j.at("teams").at(1).at("label"), "Team Onderhoud");

    // Every local date from 9 March to 7 April, closed days as 0.
    const auto& days = j.at("per_day");
    ASSERT_EQ(days.size(), 30u);
    EXPECT_EQ(days.front().at("date"), "2026-03-09");
    EXPECT_EQ(days.back().at("date"), "2026-04-07");
    for (const auto& d : days) {
        const std::string date = d.at("date");
        const auto it = per_day_.find(date);
        EXPECT_EQ(d.at("visits").get<int>(), it == per_day_.end() ? 0 : it->second) << date;
    }
    for (const char* closed : {"2026-03-14", "2026-03-29", "2026-04-03", "2026-04-06"})  // weekend, Good Friday, Easter Monday
        EXPECT_EQ(per_day_.count(closed), 0u) << closed;
    EXPECT_EQ(j.at("per_hour").get<std::vector<int>>(), std::vector<int>(per_hour_.begin(), per_hour_.end()));
}

TEST_F(ReportCommand, ToIncludesTheWholeOfThatDay) {
    const auto r = run("report --data '" + file_ + "' --from 2026-03-30 --to 2026-03-30 --format json --config '" +
                       cli_test::demo_config() + "'");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_GT(per_day_["2026-03-30"], 0);
    EXPECT_EQ(j.at("overall").at("visits").get<int>(), per_day_["2026-03-30"]);  // first Monday of summer time
    ASSERT_EQ(j.at("per_day").size(), 1u);
}

TEST_F(ReportCommand, CsvHasOneRowPerFigure) {
    const auto r = run("report --data '" + file_ + "' " + kPeriod + " --format csv --config '" +
                       cli_test::demo_config() + "'");
    ASSERT_EQ(r.status, 0) << r.err;
    std::istringstream in(r.out);
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, "scope,key,label,metric,value\r");
    std::map<std::string, int> rows_per_scope;
    std::map<std::string, std::string> value;  // "scope,key,metric" → value
    while (std::getline(in, line)) {
        ASSERT_FALSE(line.empty());
        ASSERT_EQ(line.back(), '\r');
        line.pop_back();
        // Labels here hold no commas or quotes, so a plain split is enough.
        std::vector<std::string> cells;
        std::istringstream l(line);
        std::string cell;
        while (std::getline(l, cell, ',')) cells.push_back(cell);
        if (line.back() == ',') cells.emplace_back();
        ASSERT_EQ(cells.size(), 5u) << line;
        ++rows_per_scope[cells[0]];
        value[cells[0] + "," + cells[1] + "," + cells[3]] = cells[4];
    }
    EXPECT_EQ(rows_per_scope["overall"], 22);
    EXPECT_EQ(rows_per_scope["topic"], 8 * 22);
    EXPECT_EQ(rows_per_scope["day"], 30);
    EXPECT_EQ(rows_per_scope["hour"], 24);
    EXPECT_EQ(value["overall,,visits"], std::to_string(want_["all"].visits));
    EXPECT_EQ(value["topic,repair,visits"], std::to_string(want_["topic:repair"].visits));
    EXPECT_EQ(value["team,financien,surveys"], std::to_string(want_["team:financien"].surveys));
    EXPECT_EQ(value["day,2026-03-30,visits"], std::to_string(per_day_["2026-03-30"]));
    EXPECT_EQ(value["hour,10,visits"], std::to_string(per_hour_[10]));
}

TEST_F(ReportCommand, TableIsReadableWithDutchTopicLabels) {
    const auto r = run("report --data '" + file_ + "' " + kPeriod + " --config '" + cli_test::demo_config() + "'");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("KPI report 2026-03-09 to 2026-04-07 (30 days, local time)"), std::string::npos) << r.out;
    // The whole office's line starts with its visitor count, right-aligned.
    const auto whole = r.out.find("Whole office");
    ASSERT_NE(whole, std::string::npos) << r.out;
    const std::string line = r.out.substr(whole, r.out.find('\n', whole) - whole);
    std::istringstream cells(line.substr(std::string("Whole office").size()));
    int visits = 0;
    cells >> visits;
    EXPECT_EQ(visits, want_["all"].visits) << line;
    for (const char* label : {"  Reparatie", "  Ik heb een afspraak", "  Team Financiën", "VISITORS PER DAY",
                              "Mon 2026-03-30", "10:00–11:00"})
        EXPECT_NE(r.out.find(label), std::string::npos) << label << "\n" << r.out;
}

TEST_F(ReportCommand, BadDatesExitWithTwoAndNameTheOption) {
    const std::string base = "report --data '" + file_ + "' --config '" + cli_test::demo_config() + "' ";
    auto r = run(base + "--from 2026-02-30 --to 2026-03-31");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--from 2026-02-30 is not a date"), std::string::npos) << r.err;
    r = run(base + "--from 2026-03-01 --to 31-03-2026");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--to 31-03-2026 is not a date"), std::string::npos) << r.err;
    r = run(base + "--from 2026-04-01 --to 2026-03-01");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--from 2026-04-01 lies after --to 2026-03-01"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST_F(ReportCommand, AMissingDataFileIsNotCreated) {
    TempDir dir;
    const auto missing = dir.file("nowhere.db");
    const auto r = run("report --data '" + missing + "' " + kPeriod + " --config '" + cli_test::demo_config() + "'");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("there is no data file at " + missing), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(missing));
}

}  // namespace
}  // namespace gastvrij
