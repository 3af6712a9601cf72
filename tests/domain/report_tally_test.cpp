// The counting rules behind the KPI report, the same for every store backend.
#include <gtest/gtest.h>

#include "domain/report_tally.h"

namespace gastvrij {
namespace {

constexpr Timestamp kFrom = 1'795'000'500;  // a quarter-hour boundary plus 500 s

TEST(KpiTallyBuilder, VisitsInAnyOrderGiveTheSameQuarterHoursAndWaits) {
    const auto add = [](KpiTallyBuilder& b, Timestamp at, VisitState s, Timestamp ack) {
        b.add_visit("repair", "onderhoud", s, at, 0, ack, 0);
    };
    KpiTallyBuilder in_order(kFrom, kFrom + 86'400, kFrom), shuffled(kFrom, kFrom + 86'400, kFrom);
    const Timestamp a = kFrom, b = kFrom + 100, c = kFrom + 2'000;  // a and b share a quarter hour
    add(in_order, a, VisitState::Finished, a + 60);
    add(in_order, b, VisitState::Left, 0);
    add(in_order, c, VisitState::Finished, c + 30);
    add(shuffled, c, VisitState::Finished, c + 30);
    add(shuffled, a, VisitState::Finished, a + 60);
    add(shuffled, b, VisitState::Left, 0);
    const KpiTally x = in_order.finish(), y = shuffled.finish();
    ASSERT_EQ(x.arrivals.size(), 2u);
    ASSERT_EQ(y.arrivals.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(x.arrivals[i].bucket, y.arrivals[i].bucket);
        EXPECT_EQ(x.arrivals[i].visits, y.arrivals[i].visits);
        EXPECT_EQ(x.arrivals[i].bucket % kArrivalBucketSeconds, 0);
    }
    EXPECT_EQ(x.arrivals[0].visits, 2);
    ASSERT_EQ(x.visits.size(), 1u);
    EXPECT_EQ(x.visits[0].visits, 3);
    EXPECT_EQ(x.visits[0].finished, 2);
    EXPECT_EQ(x.visits[0].left_or_cancelled, 1);
    ASSERT_EQ(x.ack_waits.size(), 2u);  // 30 s and 60 s, shortest first
    EXPECT_EQ(x.ack_waits[0].seconds, 30);
    EXPECT_EQ(x.ack_waits[1].seconds, 60);
}

TEST(KpiTallyBuilder, ACallbackIsInTimeLateOverdueOrPendingAsItStandsNow) {
    const Timestamp now = kFrom + 10'000;
    KpiTallyBuilder b(kFrom, now, now);
    b.add_callback("rent", CallbackState::Done, now - 100, now - 100);   // done at the promised moment
    b.add_callback("rent", CallbackState::Done, now - 100, now - 99);    // a second late
    b.add_callback("rent", CallbackState::Called, now - 1, 0);           // tried, not done, past due
    b.add_callback("rent", CallbackState::Open, now, 0);                 // due this very moment
    b.add_callback("", CallbackState::Open, now + 3'600, 0);
    const KpiTally t = b.finish();
    ASSERT_EQ(t.callbacks.size(), 2u);
    EXPECT_EQ(t.callbacks[0].topic_id, "");  // sorted by topic
    EXPECT_EQ(t.callbacks[0].pending, 1);
    const CallbackTally& rent = t.callbacks[1];
    EXPECT_EQ(rent.total, 4);
    EXPECT_EQ(rent.in_time, 1);
    EXPECT_EQ(rent.late, 1);
    EXPECT_EQ(rent.overdue, 1);
    EXPECT_EQ(rent.pending, 1);
}

TEST(KpiTallyBuilder, SurveysAreCountedPerTopicColleagueScoreAndAnswer) {
    KpiTallyBuilder b(kFrom, kFrom + 3'600, kFrom);
    b.add_survey("repair", "1042", 9, true);
    b.add_survey("repair", "1042", 9, true);
    b.add_survey("repair", "1042", 9, std::nullopt);
    const KpiTally t = b.finish();
    ASSERT_EQ(t.surveys.size(), 2u);
    EXPECT_EQ(t.surveys[0].one_go, -1);  // not answered
    EXPECT_EQ(t.surveys[0].count, 1);
    EXPECT_EQ(t.surveys[1].one_go, 1);
    EXPECT_EQ(t.surveys[1].count, 2);
}

}  // namespace
}  // namespace gastvrij
