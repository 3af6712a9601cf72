#include <gtest/gtest.h>

#include <set>

#include "domain/notification.h"
#include "office.h"

using namespace gastvrij;

namespace {

constexpr Timestamp kNow = 1'795'000'000;

std::set<std::string> keys(const std::vector<OutboxMessage>& v) {
    std::set<std::string> out;
    for (const auto& m : v) out.insert(m.idempotency_key);
    return out;
}

Visit visit_for(const std::string& host) {
    Visit v;
    v.id = 17;
    return notify_host(v, host, "verhuur", kNow + 300, kNow, "kiosk:entrance").visit;
}

}  // namespace

TEST(Notifications, EveryConfiguredChannelPlusCompanion) {
    const Directory d = fixture::office();
    auto m = notifications_for(d, visit_for("1042"), NotificationKind::VisitorArrived, "1042", kNow);
    ASSERT_EQ(m.size(), 4u);
    EXPECT_EQ(m[0].channel, Channel::Companion);
    EXPECT_EQ(m[1].channel, Channel::Email);
    EXPECT_EQ(m[2].channel, Channel::Webhook);
    EXPECT_EQ(m[3].channel, Channel::Phone);
    for (const auto& x : m) {
        EXPECT_EQ(x.recipient, "1042");
        EXPECT_EQ(x.visit_id, 17);
        EXPECT_EQ(x.state, OutboxState::Pending);
        EXPECT_EQ(x.created_at, kNow);
        EXPECT_EQ(x.next_attempt_at, kNow);
        EXPECT_EQ(x.kind, NotificationKind::VisitorArrived);
    }
    EXPECT_EQ(m[1].idempotency_key, "visit-17-arrived-1042-email-1");

    auto jan = notifications_for(d, visit_for("1043"), NotificationKind::VisitorArrived, "1043", kNow);
    ASSERT_EQ(jan.size(), 2u);  // companion + e-mail only
    EXPECT_EQ(jan[1].channel, Channel::Email);
    auto ahmed = notifications_for(d, visit_for("2001"), NotificationKind::VisitorArrived, "2001", kNow);
    EXPECT_EQ(ahmed.size(), 1u);
}

TEST(Notifications, DeskGetsTheCompanionOnly) {
    const Directory d = fixture::office();
    auto m = notifications_for(d, visit_for(""), NotificationKind::PromiseBroken, "", kNow);
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].channel, Channel::Companion);
    EXPECT_EQ(m[0].recipient, "desk");
    EXPECT_EQ(m[0].idempotency_key, "visit-17-promise_broken-desk-companion-1");
}

TEST(Notifications, KeysAreStableAndDistinctPerLogicalMessage) {
    const Directory d = fixture::office();
    Visit v = visit_for("1042");
    auto first = notifications_for(d, v, NotificationKind::VisitorArrived, "1042", kNow);
    // The same message generated again (e.g. a retried commit) has the same keys.
    EXPECT_EQ(keys(first), keys(notifications_for(d, v, NotificationKind::VisitorArrived, "1042", kNow + 5)));

    std::set<std::string> all = keys(first);
    v = escalate(v, "1043", "verhuur", 1, kNow + 600, kNow + 300, "backup of 1042").visit;
    for (const auto& k : keys(notifications_for(d, v, NotificationKind::VisitEscalated, "1043", kNow + 300)))
        EXPECT_TRUE(all.insert(k).second) << k;
    // Back to Fatma: asking her a second time is a new message on every channel.
    v = reassign(v, "1042", "verhuur", kNow + 900, kNow + 600, "desk").visit;
    for (const auto& k : keys(notifications_for(d, v, NotificationKind::VisitorArrived, "1042", kNow + 600)))
        EXPECT_TRUE(all.insert(k).second) << k;
    // The desk twice in a row (it stays at the desk) is two messages as well.
    v = escalate(v, "", "receptie", 3, kNow + 1200, kNow + 900, "desk").visit;
    for (const auto& k : keys(notifications_for(d, v, NotificationKind::VisitEscalated, "", kNow + 900)))
        EXPECT_TRUE(all.insert(k).second) << k;
    v = escalate(v, "", "receptie", 3, kNow + 1500, kNow + 1200, "desk").visit;
    for (const auto& k : keys(notifications_for(d, v, NotificationKind::VisitEscalated, "", kNow + 1200)))
        EXPECT_TRUE(all.insert(k).second) << k;
    EXPECT_EQ(all.size(), 4u + 2u + 4u + 1u + 1u);
}

TEST(Notifications, BindVisitIdRewritesKeysOfNewVisits) {
    const Directory d = fixture::office();
    Visit v;  // not stored yet: id 0
    v = notify_host(v, "1042", "verhuur", kNow + 300, kNow, "kiosk:entrance").visit;
    auto m = notifications_for(d, v, NotificationKind::VisitorArrived, "1042", kNow);
    EXPECT_EQ(m[0].idempotency_key, "visit-0-arrived-1042-companion-1");
    bind_visit_id(m, 230);
    EXPECT_EQ(m[0].idempotency_key, "visit-230-arrived-1042-companion-1");
    EXPECT_EQ(m[3].idempotency_key, "visit-230-arrived-1042-phone-1");
    EXPECT_EQ(m[3].visit_id, 230);
}

TEST(Notifications, RetryScheduleBacksOff) {
    EXPECT_EQ(next_retry(1, kNow), kNow + 10);
    EXPECT_EQ(next_retry(2, kNow), kNow + 30);
    EXPECT_EQ(next_retry(3, kNow), kNow + 60);
    EXPECT_EQ(next_retry(4, kNow), kNow + 120);
    EXPECT_EQ(next_retry(5, kNow), kNow + 300);
    EXPECT_EQ(next_retry(6, kNow), kNow + 600);
    EXPECT_EQ(next_retry(kMaxDeliveryAttempts, kNow), kNow + 600);
}

TEST(Notifications, NamesRoundTrip) {
    // The wire names are stored in outbox rows and idempotency keys: never renamed.
    EXPECT_STREQ(to_string(Channel::Companion), "companion");
    EXPECT_STREQ(to_string(Channel::Email), "email");
    EXPECT_STREQ(to_string(Channel::Webhook), "webhook");
    EXPECT_STREQ(to_string(Channel::Phone), "phone");
    for (const ChannelEntry& c : channel_table()) {
        EXPECT_EQ(channel_from(to_string(c.id)), c.id);
        EXPECT_EQ(&channel_entry(c.id), &c) << c.name;  // the table lists the enum in order
        EXPECT_STRNE(channel_label(c.id), "") << c.name;
    }
    for (auto k : {NotificationKind::VisitorArrived, NotificationKind::VisitEscalated,
                   NotificationKind::VisitReassigned, NotificationKind::PromiseBroken})
        EXPECT_EQ(notification_kind_from(to_string(k)), k);
    for (auto s : {OutboxState::Pending, OutboxState::Sent, OutboxState::Dead})
        EXPECT_EQ(outbox_state_from(to_string(s)), s);
    EXPECT_FALSE(channel_from("sms").has_value());
}

TEST(DeliveryRetries, EachFailureBacksOffUntilTheLastAttemptGoesToTheDeadLetters) {
    const Timestamp now = 1'795'000'000;
    for (int before = 0; before < kMaxDeliveryAttempts - 1; ++before) {
        const FailedAttempt f = after_failed_attempt(before, now);
        EXPECT_EQ(f.attempts, before + 1);
        EXPECT_FALSE(f.dead) << "after " << f.attempts << " attempts";
        EXPECT_EQ(f.next_attempt_at, next_retry(f.attempts, now));
        EXPECT_GT(f.next_attempt_at, now);
    }
    const FailedAttempt last = after_failed_attempt(kMaxDeliveryAttempts - 1, now);
    EXPECT_EQ(last.attempts, kMaxDeliveryAttempts);
    EXPECT_TRUE(last.dead);
    EXPECT_EQ(last.next_attempt_at, now);
}
