// The CSV a manager opens in a spreadsheet: parsed back as RFC 4180, in the
// office's local time, without visitors' names and without live formulas.
#include <gtest/gtest.h>

#include <sstream>

#include "store/csv_export.h"
#include "store/sqlite_store.h"
#include "store/store_fixture.h"

namespace gastvrij {
namespace {

using store_test::check_in;
using store_test::TempDir;

// A strict reader: CRLF line ends, quoted fields with doubled quotes.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false, was_quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"' && field.empty() && !was_quoted) {
            quoted = was_quoted = true;
        } else if (c == ',') {
            rows.back().push_back(field), field.clear(), was_quoted = false;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(field), field.clear(), was_quoted = false;
            rows.emplace_back();
            ++i;
        } else {
            EXPECT_NE(c, '\n') << "bare line feed outside quotes at byte " << i;
            field += c;
        }
    }
    EXPECT_TRUE(field.empty() && rows.back().empty()) << "the last line must end with CRLF";
    rows.pop_back();
    return rows;
}

TEST(CsvExport, VisitsInLocalTimeWithoutNames) {
    TempDir dir;
    SqliteStore store(dir.file("gastvrij.db"));
    const FakeClock clock(0, 60);  // UTC+1, as Amsterdam in winter
    const Timestamp nine = clock.at_local(2026, 11, 23, 9, 0);
    auto c = check_in(nine + 5, "Zeynep");
    c.visit.tried_hosts = {"1042", ""};
    Visit v = store.create_visit(c.visit, c.events, {}).visit;
    auto ack = acknowledge(v, 3, nine + 65, "staff:1042");
    store.apply(ack, {});
    store.apply(start_conversation(ack.visit, nine + 245, "staff:1042"), {});
    auto other_day = check_in(nine + 86'400, "Piotr");
    store.create_visit(other_day.visit, other_day.events, {});

    std::ostringstream out;
    EXPECT_EQ(export_visits_csv(store, clock, nine - 3600, nine + 3600, out), 1u);
    EXPECT_EQ(out.str().find("Zeynep"), std::string::npos);
    const auto rows = parse_csv(out.str());
    ASSERT_EQ(rows.size(), 2u);
    const auto& header = rows[0];
    ASSERT_EQ(header.size(), rows[1].size());
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size(); ++i) row[header[i]] = rows[1][i];
    EXPECT_EQ(row["visit"], std::to_string(v.id));
    EXPECT_EQ(row["arrived"], "2026-11-23T09:00:05");
    EXPECT_EQ(row["acknowledged"], "2026-11-23T09:01:05");
    EXPECT_EQ(row["state"], "in_conversation");
    EXPECT_EQ(row["hosts_tried"], "1042 desk");
    EXPECT_EQ(row["seconds_to_answer"], "60");
    EXPECT_EQ(row["seconds_to_conversation"], "240");
    EXPECT_EQ(row["closed"], "");
}

TEST(CsvExport, SurveyCommentsSurviveQuotingAndNeverRunAsFormulas) {
    TempDir dir;
    SqliteStore store(dir.file("gastvrij.db"));
    const FakeClock clock(0, 60);
    const Timestamp ten = clock.at_local(2026, 11, 23, 10, 0);
    const std::vector<std::string> comments = {"Goed, \"snel\" geholpen\r\nDank!", "=HYPERLINK(\"http://x\")",
                                               "çok iyi", ""};
    for (std::size_t i = 0; i < comments.size(); ++i) {
        SurveyResponse r;
        r.hour = ten + 600;
        r.score = 7 + static_cast<int>(i);
        r.one_go = i == 0 ? std::optional<bool>(true) : i == 1 ? std::optional<bool>(false) : std::nullopt;
        r.comment = comments[i];
        r.staff_id = "1042";
        store.add_survey(r);
    }
    std::ostringstream out;
    EXPECT_EQ(export_surveys_csv(store, clock, ten, ten + 3600, out), 4u);
    const auto rows = parse_csv(out.str());
    ASSERT_EQ(rows.size(), 5u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"hour", "staff", "topic", "score", "one_go", "language", "comment"}));
    EXPECT_EQ(rows[1][0], "2026-11-23T10:00:00");  // kept only to the hour
    EXPECT_EQ(rows[1][3], "7");
    EXPECT_EQ(rows[1][4], "yes");
    EXPECT_EQ(rows[2][4], "no");
    EXPECT_EQ(rows[3][4], "");
    EXPECT_EQ(rows[1][6], comments[0]);
    EXPECT_EQ(rows[2][6], "'" + comments[1]);  // shown as text, not evaluated
    EXPECT_EQ(rows[3][6], "çok iyi");
    EXPECT_EQ(rows[4][6], "");
}

TEST(CsvExport, FieldQuoting) {
    EXPECT_EQ(csv_field("plain"), "plain");
    EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_field("-42"), "-42");  // a number stays a number
    EXPECT_EQ(csv_field("+31 6 1234"), "'+31 6 1234");
    EXPECT_EQ(csv_field("@SUM(A1)"), "'@SUM(A1)");
}

}  // namespace
}  // namespace gastvrij
