// Two kiosks (or a kiosk and `gastvrij serve`) on one data file each run an
// outbox worker. Each message must still reach its receiver once: a worker
// claims a message before sending it, and the other passes it by.
#include <map>

#include "domain/reception.h"
#include "notify/email_channel.h"
#include "notify/outbox_worker.h"
#include "notify_fixture.h"
#include "store/sqlite_store.h"

namespace gastvrij::testing {
namespace {

TEST(SharedStore, TwoWorkersOnOneDataFileSendEveryMessageOnce) {
    TempDir tmp;
    // A slow mail server: while one worker waits for it, the other looks at
    // the same pending rows.
    SmtpSink smtp(tmp.file("mail"), free_port(), /*delay_ms=*/150);
    smtp.start();
    const Config config = test_config(smtp.url(), "http://127.0.0.1:9/teams", "http://127.0.0.1:9/slack");
    const std::string db = tmp.file("gastvrij.db");
    TestClock clock(monday_1042());

    // Each kiosk has its own connection to the file, as separate processes would.
    SqliteStore kiosk_a(db), kiosk_b(db), front(db);
    OutboxWorker worker_a(kiosk_a, clock, config), worker_b(kiosk_b, clock, config);
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
        r.visitor_name = "Gast" + std::to_string(i);
        reception.check_in(r);
    }
    ASSERT_TRUE(eventually([&] { return pending_on(front, Channel::Email).empty(); }, std::chrono::seconds(30)))
        << pending_on(front, Channel::Email).size() << " e-mails still pending";
    // Both workers wake at each check-in; give a second one time to (wrongly) send too.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
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

}  // namespace
}  // namespace gastvrij::testing
