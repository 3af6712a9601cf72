// Two kiosks (or a kiosk and `gastvrij serve`) on one data file each run an
// outbox worker. Each message must still reach its receiver once: a worker
// claims a message before sending it, and the other passes it by.
#include <map>

#include "domain/reception.h"
#include "notify/email_channel.h"
#include "notify/outbox_worker.h"
#include "notify_fixture.h"
#include "store/open_store.h"
#include "support/engines.h"

namespace gastvrij::testing {
namespace {

using test_support::Engine;

class SharedStore : public ::testing::TestWithParam<Engine> {};

TEST_P(SharedStore, TwoWorkersOnOneDataFileSendEveryMessageOnce) {
    TempDir tmp;
    // A slow mail server: while one worker waits for it, the other looks at
    // the same pending rows.
    SmtpSink smtp(tmp.file("mail"), free_port(), /*delay_ms=*/150);
    smtp.start();
    const Config config = test_config(smtp.url(), "http://127.0.0.1:9/teams", "http://127.0.0.1:9/slack");
    const std::string db = test_support::store_url_on(GetParam(), tmp);
    TestClock clock(monday_1042());

    // Each kiosk has its own connection to the store, as separate processes would.
    const auto opened_a = open_store(db), opened_b = open_store(db), opened_front = open_store(db);
    Store &kiosk_a = *opened_a, &kiosk_b = *opened_b, &front = *opened_front;
    // Each process has a name of its own, as `gastvrij kiosk` and `serve` do.
    OutboxWorker::Options oa, ob;
    oa.worker = "kiosk@links";
    ob.worker = "kiosk@rechts";
    OutboxWorker worker_a(kiosk_a, clock, config, oa), worker_b(kiosk_b, clock, config, ob);
    for (OutboxWorker* w : {&worker_a, &worker_b}) {
        w->add_sender(std::make_shared<EmailChannel>(config.kiosk.smtp, EmailChannel::Options{2, 5}));
        w->start();
    }
    Reception reception(config.directory, front, clock);
    reception.subscribe([&](const VisitChange&) {
        worker_a.wake();
        worker_b.wake();
    });
    constexpr int kVisitors = 8;
    for (int i = 0; i < kVisitors; ++i) {
        CheckInRequest r;
        r.topic_id = "repair";
        r.visitor_name = std::string("Gast") + char('a' + i % 26);
        reception.check_in(r);
    }
    ASSERT_TRUE(eventually([&] { return pending_on(front, Channel::Email).empty(); }, std::chrono::seconds(30)))
        << pending_on(front, Channel::Email).size() << " e-mails still pending";
    // Both workers wake at each check-in. Make each look once more after
    // everything was sent, so a second copy it would (wrongly) send is sent:
    // a look begun after this point has finished when `passes` passes it.
    const auto a_begun = worker_a.stats().scans, b_begun = worker_b.stats().scans;
    worker_a.wake();
    worker_b.wake();
    ASSERT_TRUE(eventually([&] { return worker_a.stats().passes > a_begun && worker_b.stats().passes > b_begun; }));
    worker_a.stop();
    worker_b.stop();

    std::map<std::string, int> copies;  // Message-ID → how often it arrived
    for (const json& m : smtp.messages()) ++copies[m["message_id"].get<std::string>()];
    EXPECT_EQ(copies.size(), static_cast<std::size_t>(kVisitors)) << "every visitor's host got a mail";
    for (const auto& [id, n] : copies) EXPECT_EQ(n, 1) << id << " arrived " << n << " times";
    const auto a = worker_a.stats(), b = worker_b.stats();
    EXPECT_EQ(a.delivered + b.delivered, static_cast<std::uint64_t>(kVisitors));
    RecordProperty("worker_a_delivered", static_cast<int>(a.delivered));
    RecordProperty("worker_b_delivered", static_cast<int>(b.delivered));
}


TEST_P(SharedStore, AClaimOfADeadWorkerIsTakenBackByItsRestartAndLeftAloneByOthers) {
    TempDir tmp;
    SmtpSink smtp(tmp.file("mail"), free_port());
    smtp.start();
    const Config config = test_config(smtp.url(), "http://127.0.0.1:9/teams", "http://127.0.0.1:9/slack");
    const std::string db = test_support::store_url_on(GetParam(), tmp);
    TestClock clock(monday_1042());
    const auto opened = open_store(db);
    Store& store = *opened;
    Reception reception(config.directory, store, clock);
    CheckInRequest r;
    r.topic_id = "repair";
    reception.check_in(r);
    const auto mails = pending_on(store, Channel::Email);
    ASSERT_EQ(mails.size(), 1u);
    // The kiosk's worker claimed the mail, then the kiosk died before sending it.
    ASSERT_TRUE(store.claim_message(mails[0].id, mails[0].next_attempt_at, clock.now() + 90, "kiosk@balie"));
    ASSERT_FALSE(store.claim_message(mails[0].id, mails[0].next_attempt_at, clock.now() + 90, "serve@balie"))
        << "a second worker took a message already claimed";

    auto run_worker = [&](const std::string& name) {
        OutboxWorker::Options o;
        o.worker = name;
        const auto own = open_store(db);
        OutboxWorker w(*own, clock, config, o);
        w.add_sender(std::make_shared<EmailChannel>(config.kiosk.smtp, EmailChannel::Options{2, 5}));
        w.start();
        eventually([&] { return smtp.count() > 0; }, std::chrono::seconds(2));
        w.stop();
    };
    // Another process's worker leaves the claim alone while it lasts…
    run_worker("serve@balie");
    EXPECT_EQ(smtp.count(), 0u) << "sent while the kiosk's claim still held: it may be mid-send";
    // …the restarted kiosk takes its own claim back and sends at once.
    run_worker("kiosk@balie");
    ASSERT_TRUE(eventually([&] { return smtp.count() == 1; }));
    EXPECT_TRUE(pending_on(store, Channel::Email).empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, SharedStore, test_support::both_engines(), test_support::engine_name);

}  // namespace
}  // namespace gastvrij::testing
