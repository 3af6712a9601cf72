// `gastvrij seed`: made-up history for demos and benchmarks must be the same
// for the same seed, follow the office's opening hours and week, and look
// like a real office to whoever reads the report.
#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>
#include <functional>
#include <map>

#include "cli/cli_run.h"
#include "config/config.h"
#include "store/sqlite_db.h"

namespace gastvrij {
namespace {

using cli_test::run;
using cli_test::TempDir;

std::string seed_args(const std::string& file, int seed) {
    return "seed --data '" + file + "' --days 56 --until 2026-06-30 --visits-per-day 100 --seed " +
           std::to_string(seed) + " --config '" + cli_test::demo_config() + "'";
}

// Every row of the four tables, in order: equal digests mean equal histories.
std::size_t digest(const std::string& file) {
    sqlite::Database db(file, 1000, true);
    std::string all;
    const std::pair<const char*, int> tables[] = {
        {"SELECT id, topic_id, host_id, team_id, language, state, escalation_level, tried_hosts, arrived_at, "
         "acknowledged_at, promised_at, started_at, finished_at, escalated_at FROM visits ORDER BY id", 14},
        {"SELECT visit_id, at, from_state, to_state, actor, detail FROM visit_events ORDER BY id", 6},
        {"SELECT hour, staff_id, topic_id, score, one_go FROM surveys ORDER BY id", 5},
        {"SELECT phone, topic_id, state, created_at, due_at, handled_at FROM callbacks ORDER BY id", 6},
    };
    for (const auto& [q, columns] : tables) {
        sqlite::Statement s(db, q);
        while (s.step()) {
            for (int c = 0; c < columns; ++c) all += s.text(c) + '|';
            all += '\n';
        }
    }
    return std::hash<std::string>{}(all);
}

std::int64_t count(const std::string& file, const std::string& sql) {
    sqlite::Database db(file, 1000, true);
    return db.query_int(sql);
}

class SeedCommand : public ::testing::Test {
protected:
    void SetUp() override {
        setenv("TZ", cli_test::kTimeZone, 1);
        tzset();
    }
    TempDir dir;
};

TEST_F(SeedCommand, TheSameSeedWritesTheSameHistory) {
    const auto a = dir.file("a.db"), b = dir.file("b.db"), c = dir.file("c.db");
    const auto ra = run(seed_args(a, 42)), rb = run(seed_args(b, 42)), rc = run(seed_args(c, 43));
    ASSERT_EQ(ra.status, 0) << ra.err;
    ASSERT_EQ(rb.status, 0) << rb.err;
    ASSERT_EQ(rc.status, 0) << rc.err;
    // The summary line names the same counts (only the file name and time differ).
    const auto counts = [](const std::string& out) { return out.substr(0, out.find(" into ")); };
    EXPECT_EQ(counts(ra.out), counts(rb.out));
    EXPECT_NE(ra.out.find("seeded 2026-05-06 … 2026-06-30 (56 days, "), std::string::npos) << ra.out;
    for (const char* table : {"visits", "visit_events", "surveys", "callbacks"}) {
        const std::string q = std::string("SELECT count(*) FROM ") + table;
        EXPECT_EQ(count(a, q), count(b, q)) << table;
        EXPECT_GT(count(a, q), 0) << table;
    }
    EXPECT_EQ(digest(a), digest(b));
    EXPECT_NE(digest(a), digest(c));  // another seed, another history
}

TEST_F(SeedCommand, VisitsFollowTheOpeningHoursAndTheWeek) {
    const auto file = dir.file("office.db");
    const auto r = run(seed_args(file, 5));
    ASSERT_EQ(r.status, 0) << r.err;
    const LoadResult loaded = load_config(cli_test::demo_config());
    ASSERT_TRUE(loaded.ok());
    const OpeningHours& hours = loaded.config->kiosk.hours;

    sqlite::Database db(file, 1000, true);
    sqlite::Statement visits(db, "SELECT arrived_at FROM visits");
    int total = 0, outside = 0;
    std::map<std::string, int> per_date, monday_morning, friday_morning;  // mornings: 09:00–12:00
    while (visits.step()) {
        ++total;
        std::time_t t = static_cast<std::time_t>(visits.integer(0));
        std::tm tm{};
        localtime_r(&t, &tm);
        LocalTime lt;
        lt.year = tm.tm_year + 1900;
        lt.month = tm.tm_mon + 1;
        lt.day = tm.tm_mday;
        lt.weekday = (tm.tm_wday + 6) % 7;
        lt.minute = tm.tm_hour * 60 + tm.tm_min;
        bool open = false;
        for (const Interval& i : hours_on(hours, lt)) open = open || (lt.minute >= i.open && lt.minute < i.close);
        if (!open) ++outside;
        ++per_date[lt.date_iso()];
        if (tm.tm_hour >= 9 && tm.tm_hour < 12) {
            if (lt.weekday == 0) ++monday_morning[lt.date_iso()];
            if (lt.weekday == 4) ++friday_morning[lt.date_iso()];
        }
    }
    ASSERT_GT(total, 3000);
    EXPECT_EQ(outside, 0);  // never when closed: evenings, weekends, Ascension Day (14 May), Whit Monday (25 May)
    for (const char* closed : {"2026-05-14", "2026-05-25"}) EXPECT_EQ(per_date.count(closed), 0u) << closed;
    EXPECT_EQ(per_date.count("2026-05-18"), 1u);  // an ordinary Monday has visitors
    const auto average = [](const std::map<std::string, int>& m) {
        int sum = 0;
        for (const auto& [d, n] : m) sum += n;
        return m.empty() ? 0.0 : static_cast<double>(sum) / static_cast<double>(m.size());
    };
    EXPECT_GE(monday_morning.size(), 6u);
    EXPECT_GE(friday_morning.size(), 6u);
    EXPECT_GT(average(monday_morning), 1.4 * average(friday_morning));  // the Monday-morning queue
}

TEST_F(SeedCommand, TheHistoryLooksLikeARealOffice) {
    const auto file = dir.file("office.db");
    const auto r = run(seed_args(file, 11));
    ASSERT_EQ(r.status, 0) << r.err;
    const double visits = static_cast<double>(count(file, "SELECT count(*) FROM visits"));
    const double finished = static_cast<double>(count(file, "SELECT count(*) FROM visits WHERE state = 'finished'"));
    const double escalated = static_cast<double>(
        count(file, "SELECT count(DISTINCT visit_id) FROM visit_events WHERE to_state = 'escalated'"));
    const double surveys = static_cast<double>(count(file, "SELECT count(*) FROM surveys"));
    const double eight_plus = static_cast<double>(count(file, "SELECT count(*) FROM surveys WHERE score >= 8"));
    EXPECT_NEAR(surveys / finished, 0.35, 0.04);  // about a third answer the exit survey
    EXPECT_GT(eight_plus / surveys, 0.5);
    EXPECT_LT(eight_plus / surveys, 0.85);
    EXPECT_GT(count(file, "SELECT count(*) FROM surveys WHERE score <= 4"), 0);  // some are unhappy
    EXPECT_GT(escalated / visits, 0.01);  // a few escalations, not many
    EXPECT_LT(escalated / visits, 0.12);
    EXPECT_GT(count(file, "SELECT count(*) FROM visits WHERE state IN ('left', 'cancelled')"), 0);
    // Answers come within 1 to 8 minutes, later only after an escalation.
    EXPECT_EQ(count(file, "SELECT count(*) FROM visits WHERE acknowledged_at > 0 AND escalated_at = 0 AND "
                          "(acknowledged_at - arrived_at < 40 OR acknowledged_at - arrived_at > 8 * 60)"),
              0);
    // Hosts are the real colleagues of staff.csv, each visit with its host's team.
    EXPECT_EQ(count(file, "SELECT count(*) FROM visits WHERE host_id <> '' AND host_id NOT GLOB '10[0-4][0-9]'"), 0);
    EXPECT_GT(count(file, "SELECT count(DISTINCT host_id) FROM visits"), 10);
    EXPECT_EQ(count(file, "SELECT count(*) FROM visits WHERE visitor_name <> ''"), 0);  // retention erased names
    // Callbacks: most in time, some late, a few never done (overdue by now).
    EXPECT_GT(count(file, "SELECT count(*) FROM callbacks WHERE state = 'done' AND handled_at <= due_at"),
              4 * count(file, "SELECT count(*) FROM callbacks WHERE state = 'done' AND handled_at > due_at"));
    EXPECT_GT(count(file, "SELECT count(*) FROM callbacks WHERE state = 'done' AND handled_at > due_at"), 0);
    EXPECT_GT(count(file, "SELECT count(*) FROM callbacks WHERE state <> 'done'"), 0);
}

TEST_F(SeedCommand, RefusesAFileThatHoldsData) {
    const auto file = dir.file("office.db");
    ASSERT_EQ(run(seed_args(file, 1)).status, 0);
    const auto before = digest(file);
    const auto r = run(seed_args(file, 2));
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("seed writes only into a new, empty file (or an office with no data yet)"), std::string::npos) << r.err;
    EXPECT_EQ(digest(file), before);  // made-up visits never mix with what is there
}

TEST_F(SeedCommand, ABadUntilDateExitsWithTwo) {
    const auto file = dir.file("office.db");
    const auto r = run("seed --data '" + file + "' --days 5 --until 2026-13-01 --config '" + cli_test::demo_config() + "'");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--until 2026-13-01 is not a date"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gastvrij
