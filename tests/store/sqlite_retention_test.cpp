// The privacy promise: retention erases names and numbers, on the disk too,
// but not a single figure of the KPI report.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "domain/report.h"
#include "store/sqlite_store.h"
#include "store/store_fixture.h"

namespace gastvrij {
namespace {

using store_test::check_in;
using store_test::TempDir;

constexpr Timestamp kDay = 86'400;
constexpr Timestamp kMidnight = 1'795'046'400;  // some local midnight; the period is that day

Visit add_visit(SqliteStore& store, Timestamp at, const std::string& name = "Anna") {
    auto c = check_in(at, name);
    return store.create_visit(c.visit, c.events, {}).visit;
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(SqliteRetention, ErasesNamesAndNumbersPastTheirTimeButKeepsEveryFigure) {
    TempDir dir;
    const auto file = dir.file("gastvrij.db");
    SqliteStore store(file);
    const Timestamp now = kMidnight + 11 * 3600;  // 11:00 today
    const Visit three_days_ago = add_visit(store, kMidnight - 3 * kDay + 10 * 3600, "Ewa");
    const Visit yesterday = add_visit(store, kMidnight - 2 * 3600, "Xanthippe");
    const Visit today = add_visit(store, kMidnight + 9 * 3600, "Jan");
    store.apply(cancel(yesterday, kMidnight - 3600, "kiosk", true), {});

    CallbackRequest c;
    c.phone = "+31687654321";
    c.created_at = kMidnight - 10 * kDay;
    c.due_at = kMidnight - 9 * kDay;
    const auto old_done = store.add_callback(c);
    store_test::mark_callback(store, old_done.id, CallbackState::Done, kMidnight - 9 * kDay);
    c.phone = "+31611112222";
    const auto just_done = store.add_callback(c);
    store_test::mark_callback(store, just_done.id, CallbackState::Done, now - 3600);
    c.phone = "+31633334444";
    const auto open = store.add_callback(c);
    store_test::mark_callback(store, open.id, CallbackState::Called, now - 3600);

    SurveyResponse s;
    s.hour = kMidnight - 3600;
    s.score = 9;
    store.add_survey(s);

    const KpiFigures before = kpi_report(store, Directory{}, FakeClock(now, 60), kMidnight - 30 * kDay, now).overall;

    // A week for numbers, one day for names: only the visit of three days ago loses its name.
    RetentionPolicy week{1, 7, 400};
    auto result = store.purge(week, now, kMidnight);
    EXPECT_EQ(result.names_erased, 1);
    EXPECT_EQ(result.phones_erased, 1);
    EXPECT_EQ(store.visit(three_days_ago.id)->visitor_name, "");
    EXPECT_EQ(store.visit(yesterday.id)->visitor_name, "Xanthippe");

    // The default: names at the end of the visit's day, numbers as soon as handled.
    result = store.purge(RetentionPolicy{}, now, kMidnight);
    EXPECT_EQ(result.names_erased, 1);
    EXPECT_EQ(result.phones_erased, 1);
    EXPECT_EQ(store.visit(yesterday.id)->visitor_name, "");
    EXPECT_EQ(store.visit(today.id)->visitor_name, "Jan");  // still here today
    std::map<std::int64_t, std::string> phones;
    for (const auto& cb : store.callbacks(false)) phones[cb.id] = cb.phone;
    EXPECT_EQ(phones[old_done.id], "");
    EXPECT_EQ(phones[just_done.id], "");
    EXPECT_EQ(phones[open.id], "+31633334444");  // not handled yet: needed to call back

    EXPECT_EQ(store.purge(RetentionPolicy{}, now, kMidnight).names_erased, 0);  // nothing left to do

    const KpiFigures after = kpi_report(store, Directory{}, FakeClock(now, 60), kMidnight - 30 * kDay, now).overall;
    EXPECT_EQ(after.visits, before.visits);
    EXPECT_EQ(after.left_or_cancelled, before.left_or_cancelled);
    EXPECT_EQ(after.surveys, before.surveys);
    EXPECT_EQ(after.score_avg, 9);
    EXPECT_EQ(after.callbacks, before.callbacks);
    EXPECT_EQ(after.callbacks_in_time, before.callbacks_in_time);
    EXPECT_EQ(store.events(yesterday.id).size(), 3u);

    // Erased means gone from the disk too, not just hidden: neither the file nor
    // its write-ahead log still holds the name or the numbers.
    const std::string bytes = file_bytes(file) + file_bytes(file + "-wal");
    EXPECT_EQ(bytes.find("Xanthippe"), std::string::npos);
    EXPECT_EQ(bytes.find("+31611112222"), std::string::npos);
    EXPECT_EQ(bytes.find("+31687654321"), std::string::npos);
    EXPECT_NE(bytes.find("+31633334444"), std::string::npos);  // the search itself works
}

}  // namespace
}  // namespace gastvrij
