// ServiceClient as the companion app uses it: typed answers, refusals as
// ServiceError with status and field, dead letters, and a revoked device told
// to pair again.
#include "client/client.h"
#include "service_fixture.h"

namespace gastvrij::service_test {
namespace {

TEST(Client, PairsAndActsOnVisits) {
    Harness h;
    const PairingTicket t = h.service.pairing().create_code(DeviceKind::Desk, "");
    const PairedDevice paired = ServiceClient::pair(h.url(), t.code, "Receptie rechts");
    EXPECT_EQ(paired.device.kind, DeviceKind::Desk);
    EXPECT_EQ(paired.device.name, "Receptie rechts");
    ServiceClient c(h.url(), paired.token);
    EXPECT_EQ(c.me().id, paired.device.id);

    const VisitView v = c.check_in("appointment", "1044", "Łucja", "pl");
    EXPECT_EQ(v.visit.host_id, "1044");
    EXPECT_EQ(v.host_name, "Agnieszka Śliwa");
    EXPECT_EQ(v.topic_label, "Ik heb een afspraak");
    EXPECT_EQ(v.team_name, "Team Verhuur");
    EXPECT_EQ(v.visit.language, "pl");
    EXPECT_EQ(v.waiting_since, "10:42");
    EXPECT_TRUE(v.waiting);

    h.clock.advance(90);
    const VisitView acked = c.acknowledge(v.visit.id, 3);
    EXPECT_EQ(acked.visit.state, VisitState::Acknowledged);
    EXPECT_EQ(acked.minutes_waiting, 1);
    EXPECT_EQ(acked.deadline, h.clock.now() + 180);
    EXPECT_EQ(c.start(v.visit.id).promise, PromiseState::Kept);
    EXPECT_EQ(c.finish(v.visit.id).visit.state, VisitState::Finished);
    EXPECT_TRUE(c.visits().empty());  // finished visits leave the board

    const DirectoryView d = c.directory();
    EXPECT_EQ(d.office, "Kantoor Test");
    EXPECT_EQ(d.staff.size(), 6u);
    EXPECT_EQ(d.topics[0].label, "Reparatie");
}

TEST(Client, RefusalsCarryStatusAndField) {
    Harness h;
    ServiceClient c(h.url(), h.pair(DeviceKind::Desk));
    const VisitView v = c.check_in("rent");
    try {
        c.acknowledge(v.visit.id, 0);
        FAIL() << "acknowledged zero minutes";
    } catch (const ServiceError& e) {
        EXPECT_EQ(e.status, 400);
        EXPECT_EQ(e.field, "minutes");
    }
    try {
        c.finish(v.visit.id);
        FAIL() << "finished a visit nobody came for";
    } catch (const ServiceError& e) {
        EXPECT_EQ(e.status, 409);
    }
    try {
        ServiceClient::pair(h.url(), "ZZZZZZZZ", "x");
        FAIL();
    } catch (const ServiceError& e) {
        EXPECT_EQ(e.status, 401);
        EXPECT_EQ(e.field, "code");
    }
    ServiceClient stranger(h.url(), std::string(64, 'b'));
    try {
        stranger.visits();
        FAIL();
    } catch (const ServiceError& e) {
        EXPECT_EQ(e.status, 401);
    }
    ClientOptions quick;
    quick.connect_timeout = std::chrono::milliseconds(300);
    ServiceClient nowhere("http://127.0.0.1:1", "t", quick);
    try {
        nowhere.visits();
        FAIL();
    } catch (const ServiceError& e) {
        EXPECT_EQ(e.status, 0);  // not reachable: the board shows "offline"
    }
}

TEST(Client, DeadLettersAreListedAndSentAgain) {
    ServiceOptions o = test_options();
    o.deliver_outbox = false;  // the test plays the outbox worker's failures itself
    Harness h(o);
    ServiceClient c(h.url(), h.pair(DeviceKind::Desk));
    const VisitView v = c.check_in("rent", "", "Ayşe");
    OutboxMessage mail;
    for (const auto& m : h.store.due_messages(h.clock.now(), 100))
        if (m.channel == Channel::Email && m.visit_id == v.visit.id) mail = m;
    ASSERT_NE(mail.id, 0);
    for (int i = 0; i < kMaxDeliveryAttempts; ++i)
        h.store.record_failure(mail.id, i, after_failed_attempt(i, h.clock.now()), "550 mailbox unavailable");

    const auto dead = c.dead_letters();
    ASSERT_EQ(dead.size(), 1u);
    EXPECT_EQ(dead[0].message.id, mail.id);
    EXPECT_EQ(dead[0].message.channel, Channel::Email);
    EXPECT_EQ(dead[0].recipient_name, "Fatma Yılmaz");
    EXPECT_EQ(dead[0].message.last_error, "550 mailbox unavailable");

    c.retry_dead_letter(mail.id);
    EXPECT_TRUE(c.dead_letters().empty());
    bool pending = false;
    for (const auto& m : h.store.due_messages(h.clock.now() + 3600, 100)) pending |= m.id == mail.id;
    EXPECT_TRUE(pending);
    try {
        c.retry_dead_letter(mail.id);  // not dead any more
        FAIL();
    } catch (const ServiceError& e) {
        EXPECT_EQ(e.status, 404);
    }
}

TEST(Client, ARevokedDeviceIsToldToPairAgain) {
    Harness h;
    const std::string admin = h.pair(DeviceKind::Desk, "", "beheer");
    const PairedDevice board = ServiceClient::pair(
        h.url(), h.service.pairing().create_code(DeviceKind::Desk, "").code, "bord hal");
    ClientOptions fast;
    fast.backoff_min = std::chrono::milliseconds(20);
    ServiceClient c(h.url(), board.token, fast);
    std::atomic<int> unauthorized{0};
    ServiceClient::Listener l;
    l.on_unauthorized = [&] { ++unauthorized; };
    c.listen(l);
    ASSERT_TRUE(eventually([&] { return c.online(); }));

    ServiceClient(h.url(), admin).revoke_device(board.device.id);
    EXPECT_TRUE(eventually([&] { return unauthorized == 1; }));
    EXPECT_FALSE(c.online());
    const auto left = ServiceClient(h.url(), admin).devices();
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].name, "beheer");
}

}  // namespace
}  // namespace gastvrij::service_test
