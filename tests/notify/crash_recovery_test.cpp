// A kiosk killed while it is sending: nothing is lost, and what a restart sends
// again can be recognised by the receiver.
//
// A child process checks visitors in and runs the outbox worker against the
// SMTP sink, which files each message *before* it answers and then waits, so
// the kill very likely lands after the sink has a message but before the
// child learnt that it was accepted. The parent then starts a new worker on
// the same database file, as a restarted kiosk would.
#include <map>
#include <set>

#include "domain/reception.h"
#include "notify/email_channel.h"
#include "notify/outbox_worker.h"
#include "notify_fixture.h"
#include "store/sqlite_store.h"

namespace gastvrij::testing {
namespace {

constexpr int kVisitors = 6;

[[noreturn]] void run_kiosk_until_killed(const std::string& db, const Config& config, const std::string& marker) {
    try {
        TestClock clock(monday_1042());
        SqliteStore store(db);
        Reception reception(config.directory, store, clock);
        OutboxWorker worker(store, clock, config);
        worker.add_sender(std::make_shared<EmailChannel>(config.kiosk.smtp));
        reception.subscribe([&worker](const VisitChange&) { worker.wake(); });
        worker.start();
        for (int i = 0; i < kVisitors; ++i) {
            CheckInRequest r;
            r.topic_id = "repair";
            r.visitor_name = std::string("Gast") + char('a' + i % 26);
            reception.check_in(r);
        }
        std::ofstream(marker) << "checked in\n";
        for (;;) pause();  // the parent kills us
    } catch (...) {
        _exit(3);
    }
}

TEST(CrashRecovery, KilledWhileSendingEveryMessageArrivesAndCopiesShareTheirMessageId) {
    TempDir tmp;
    SmtpSink smtp(tmp.file("mail"), free_port(), /*delay_ms=*/300);
    smtp.start();
    const Config config = test_config(smtp.url(), "http://127.0.0.1:9/teams", "http://127.0.0.1:9/slack");
    const std::string db = tmp.file("gastvrij.db");
    const std::string marker = tmp.file("checked-in");

    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) run_kiosk_until_killed(db, config, marker);

    const bool sending = eventually([&] { return fs::exists(marker) && smtp.count() >= 2; });
    ::kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(sending) << "the child did not check in and start sending";
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the child ended on its own: " << status;
    const std::size_t before_restart = smtp.count();
    ASSERT_LT(before_restart, static_cast<std::size_t>(kVisitors)) << "the kill came too late to test anything";

    // The restarted kiosk: every check-in survived, and its worker sends the
    // rest — the message in flight at the kill too, at once: the claim on it
    // is this worker's own from before the kill.
    TestClock clock(monday_1042() + 30);
    SqliteStore store(db);
    const auto visits = store.open_visits();
    ASSERT_EQ(visits.size(), static_cast<std::size_t>(kVisitors));
    // What the outbox holds for e-mail: the messages not sent before the kill.
    const std::vector<OutboxMessage> unsent = pending_on(store, Channel::Email);
    EXPECT_GE(unsent.size(), static_cast<std::size_t>(kVisitors) - before_restart);
    OutboxWorker worker(store, clock, config);
    worker.add_sender(std::make_shared<EmailChannel>(config.kiosk.smtp));
    worker.start();
    ASSERT_TRUE(eventually([&] { return pending_on(store, Channel::Email).empty(); }));
    worker.stop();

    std::map<std::string, int> copies;  // Message-ID → how often it arrived
    for (const json& m : smtp.messages()) ++copies[m["message_id"].get<std::string>()];
    std::set<std::string> expected;
    for (const Visit& v : visits)  // the key the domain gave each visitor's e-mail
        expected.insert("<" +
                        idempotency_key(v.id, NotificationKind::VisitorArrived, v.host_id, Channel::Email,
                                        static_cast<int>(v.tried_hosts.size())) +
                        "@woonstichting-demo.nl>");
    for (const OutboxMessage& m : unsent) EXPECT_EQ(expected.count("<" + m.idempotency_key + "@woonstichting-demo.nl>"), 1u);
    std::set<std::string> received;
    int duplicates = 0;
    for (const auto& [id, n] : copies) {
        received.insert(id);
        duplicates += n - 1;
    }
    // Each visitor's message arrived; counted by Message-ID, each exactly once.
    EXPECT_EQ(received, expected);
    // At most the one message in flight at the kill came twice, recognisably.
    EXPECT_LE(duplicates, 1);
    RecordProperty("delivered_before_kill", static_cast<int>(before_restart));
    RecordProperty("duplicates", duplicates);
    EXPECT_TRUE(store.dead_letters().empty());
}

}  // namespace
}  // namespace gastvrij::testing
