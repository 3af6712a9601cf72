// The figures a manager reads and the privacy promise: report() over a small
// hand-made office day, and retention erasing names and numbers but not counts.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>

#include "store/sqlite_store.h"
#include "store/store_fixture.h"

namespace gastvrij {
namespace {

using store_test::check_in;
using store_test::TempDir;

constexpr Timestamp kDay = 86'400;
constexpr Timestamp kMidnight = 1'795'046'400;  // some local midnight; the period is that day

// The test's own percentile: sort, take the value at rank ceil(p·n).
double nearest_rank(std::vector<Timestamp> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
    return static_cast<double>(v[std::max<std::size_t>(rank, 1) - 1]);
}

Visit add_visit(SqliteStore& store, Timestamp at, const std::string& name = "Anna") {
    auto c = check_in(at, name);
    return store.create_visit(c.visit, c.events, {});
}

TEST(SqliteReport, FiguresOfAHandMadeDayMatchWhatTheyShouldBe) {
    TempDir dir;
    SqliteStore store(dir.file("gastvrij.db"));
    const Timestamp day = kMidnight;
    std::vector<Timestamp> ack_waits, start_waits;

    // Twelve visitors: answered after varying waits, some talked to, one escalated first.
    const Timestamp answer_after[] = {40, 75, 30, 300, 120, 95, 610, 45, 200, 60};
    for (int i = 0; i < 10; ++i) {
        const Timestamp at = day + 9 * 3600 + i * 900;
        Visit v = add_visit(store, at);
        if (i == 6) {  // no answer first: escalated to the backup, who answers
            auto e = escalate(v, "1043", "onderhoud", 1, at + 900, at + 300, "no answer in 5 min");
            store.apply(e, {});
            v = e.visit;
        }
        auto a = acknowledge(v, 3, at + answer_after[i], "staff");
        store.apply(a, {});
        ack_waits.push_back(answer_after[i]);
        if (i % 3 != 2) {  // seven of ten reach the conversation, three of those finish
            auto s = start_conversation(a.visit, at + answer_after[i] + 180, "staff");
            store.apply(s, {});
            start_waits.push_back(answer_after[i] + 180);
            if (i < 5) store.apply(finish(s.visit, at + 3000, "staff"), {});
        } else if (i == 2) {
            store.apply(cancel(a.visit, at + 400, "kiosk", true), {});
        }
    }
    Visit cancelled = add_visit(store, day + 15 * 3600);
    store.apply(cancel(cancelled, day + 15 * 3600 + 60, "desk", false), {});
    add_visit(store, day + 16 * 3600);                    // still waiting at closing time
    add_visit(store, day - 60);                           // the evening before: not in the period
    add_visit(store, day + kDay);                         // the next day: not in the period

    const int scores[] = {10, 8, 7, 9, 3, 8};
    const std::optional<bool> one_go[] = {true, false, std::nullopt, true, true, std::nullopt};
    for (int i = 0; i < 6; ++i) {
        SurveyResponse r;
        r.hour = day + (10 + i) * 3600;
        r.score = scores[i];
        r.one_go = one_go[i];
        store.add_survey(r);
    }
    SurveyResponse yesterday;
    yesterday.hour = day - 3600;
    yesterday.score = 1;
    store.add_survey(yesterday);

    auto callback = [&](Timestamp created, Timestamp due, Timestamp done) {
        CallbackRequest c;
        c.phone = "+31612345678";
        c.created_at = created;
        c.due_at = due;
        auto saved = store.add_callback(c);
        if (done) store.set_callback_state(saved.id, CallbackState::Done, done);
    };
    callback(day + 3600, day + kDay, day + 7200);      // in time
    callback(day + 3600, day + 7200, day + 8000);      // late
    callback(day + 7200, day + kDay, 0);               // still open
    callback(day - kDay, day + 3600, day + 60);        // made the day before

    const PeriodReport r = store.report(day, day + kDay);
    EXPECT_EQ(r.from, day);
    EXPECT_EQ(r.to, day + kDay);
    EXPECT_EQ(r.visits, 12);
    EXPECT_EQ(r.finished, 4);  // i = 0, 1, 3, 4
    EXPECT_EQ(r.left_or_cancelled, 2);
    EXPECT_EQ(r.escalated, 1);
    EXPECT_DOUBLE_EQ(r.ack_seconds_p50, nearest_rank(ack_waits, 0.5));
    EXPECT_DOUBLE_EQ(r.ack_seconds_p90, nearest_rank(ack_waits, 0.9));
    EXPECT_DOUBLE_EQ(r.start_seconds_p50, nearest_rank(start_waits, 0.5));
    EXPECT_DOUBLE_EQ(r.start_seconds_p90, nearest_rank(start_waits, 0.9));
    // And by hand: waits sorted 30 40 45 60 75 95 120 200 300 610.
    EXPECT_DOUBLE_EQ(r.ack_seconds_p50, 75);
    EXPECT_DOUBLE_EQ(r.ack_seconds_p90, 300);

    EXPECT_EQ(r.surveys, 6);
    EXPECT_DOUBLE_EQ(r.score_avg, (10 + 8 + 7 + 9 + 3 + 8) / 6.0);
    EXPECT_DOUBLE_EQ(r.share_8_or_more, 4 / 6.0);
    EXPECT_DOUBLE_EQ(r.share_one_go, 3 / 4.0);
    EXPECT_EQ(r.callbacks, 3);
    EXPECT_EQ(r.callbacks_in_time, 1);
}

TEST(SqliteReport, AnEmptyPeriodIsAllZeroes) {
    TempDir dir;
    SqliteStore store(dir.file("gastvrij.db"));
    add_visit(store, kMidnight);
    const PeriodReport r = store.report(kMidnight + kDay, kMidnight + 2 * kDay);
    EXPECT_EQ(r.visits, 0);
    EXPECT_EQ(r.ack_seconds_p90, 0);
    EXPECT_EQ(r.surveys, 0);
    EXPECT_EQ(r.score_avg, 0);
    EXPECT_EQ(r.share_one_go, 0);
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
    store.set_callback_state(old_done.id, CallbackState::Done, kMidnight - 9 * kDay);
    c.phone = "+31611112222";
    const auto just_done = store.add_callback(c);
    store.set_callback_state(just_done.id, CallbackState::Done, now - 3600);
    c.phone = "+31633334444";
    const auto open = store.add_callback(c);
    store.set_callback_state(open.id, CallbackState::Called, now - 3600);

    SurveyResponse s;
    s.hour = kMidnight - 3600;
    s.score = 9;
    store.add_survey(s);

    const auto before = store.report(kMidnight - 30 * kDay, now);

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

    const auto after = store.report(kMidnight - 30 * kDay, now);
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
