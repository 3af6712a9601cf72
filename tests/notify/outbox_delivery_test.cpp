// The outbox worker end to end: check-ins through Reception over a real SQLite
// file, delivered by the real e-mail and webhook channels to real receivers on
// 127.0.0.1, with a clock the test moves to run the retry schedule quickly.
#include <memory>

#include "domain/reception.h"
#include "notify/email_channel.h"
#include "notify/outbox_worker.h"
#include "notify/webhook_channel.h"
#include "notify_fixture.h"
#include "store/sqlite_store.h"

namespace gastvrij::testing {
namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

class DeliveryTest : public ::testing::Test {
protected:
    TempDir tmp;
    TestClock clock{monday_1042()};
    HttpSink http;
    SmtpSink smtp{tmp.file("mail"), free_port()};
    Config config = test_config(smtp.url(), http.url("/teams"), http.url("/slack"));
    SqliteStore store{tmp.file("gastvrij.db")};
    Reception reception{config.directory, store, clock};
    std::unique_ptr<OutboxWorker> worker;

    void TearDown() override {
        if (worker) worker->stop();
    }

    // The worker as the service runs it, with short network time-outs and,
    // unless a test is about it, no pacing between chat messages.
    void start_worker(bool pace_webhooks = false) {
        worker = std::make_unique<OutboxWorker>(store, clock, config);
        worker->add_sender(std::make_shared<EmailChannel>(config.kiosk.smtp, EmailChannel::Options{2, 5}));
        WebhookChannel::Options w;
        w.connect_timeout_seconds = 2;
        w.timeout_seconds = 5;
        if (!pace_webhooks) w.min_interval.clear();
        worker->add_sender(std::make_shared<WebhookChannel>(config.kiosk.webhooks, w));
        OutboxWorker* raw = worker.get();
        reception.subscribe([raw](const VisitChange&) { raw->wake(); });
        worker->start();
    }

    void advance(Timestamp seconds) {
        clock.advance(seconds);
        worker->wake();
    }

    // Waits until the worker has looked at the outbox at the clock's present
    // time and finished that look: whatever it would send is then sent.
    bool worker_caught_up() {
        const Timestamp now = clock.now();
        return eventually([&] {
            const auto s = worker->stats();
            return s.passes > 0 && s.last_pass_at >= now;
        });
    }

    Visit check_in(const std::string& topic, const std::string& name) {
        CheckInRequest r;
        r.topic_id = topic;
        r.visitor_name = name;
        return reception.check_in(r);
    }

    std::optional<OutboxMessage> pending_message(VisitId visit, Channel c) {
        for (auto& m : pending_on(store, c))
            if (m.visit_id == visit) return m;
        return std::nullopt;
    }

    std::optional<OutboxMessage> dead_message(VisitId visit, Channel c) {
        for (auto& m : store.dead_letters())
            if (m.visit_id == visit && m.channel == c) return m;
        return std::nullopt;
    }
};

TEST_F(DeliveryTest, CheckInReachesTheHostByMailTeamsAndSlack) {
    smtp.start();
    const Visit repair = check_in("repair", "Ayşe");  // 10:42, for Jeroen
    clock.advance(60);
    const Visit rent = check_in("rent", "");          // 10:43, no name given, for Łucja
    clock.advance(120);                               // sent at 10:45
    ASSERT_EQ(repair.host_id, "1042");
    ASSERT_EQ(rent.host_id, "1043");
    const std::string mail_key = pending_message(repair.id, Channel::Email)->idempotency_key;
    const std::string teams_key = pending_message(repair.id, Channel::Webhook)->idempotency_key;
    start_worker();

    ASSERT_TRUE(eventually([&] {
        return smtp.count() == 2 && http.requests("/teams").size() == 1 && http.requests("/slack").size() == 1 &&
               pending_on(store, Channel::Email).empty() && pending_on(store, Channel::Webhook).empty();
    })) << "mails: " << smtp.count() << ", teams: " << http.requests("/teams").size()
        << ", slack: " << http.requests("/slack").size();

    // E-mail, as an independent parser (Python's email package) reads it.
    json to_jeroen, to_lucja;
    for (const json& m : smtp.messages()) {
        EXPECT_TRUE(m["defects"].empty()) << m.dump();
        if (m["rcpt_tos"] == json::array({"jeroen.vandijk@woonstichting-demo.nl"})) to_jeroen = m;
        if (m["rcpt_tos"] == json::array({"lucja.wisniewska@woonstichting-demo.nl"})) to_lucja = m;
    }
    ASSERT_FALSE(to_jeroen.is_null());
    ASSERT_FALSE(to_lucja.is_null());
    EXPECT_EQ(to_jeroen["mail_from"], "receptie@woonstichting-demo.nl");
    EXPECT_EQ(to_jeroen["subject"], "Ayşe is er voor u (Reparatie)");
    EXPECT_EQ(to_jeroen["from"], "Gastvrij Receptie <receptie@woonstichting-demo.nl>");
    EXPECT_EQ(to_jeroen["to"], "Jeroen van Dijk <jeroen.vandijk@woonstichting-demo.nl>");
    EXPECT_EQ(to_jeroen["date"], "Mon, 23 Nov 2026 10:45:00 +0100");
    EXPECT_EQ(to_jeroen["message_id"], "<" + mail_key + "@woonstichting-demo.nl>");
    EXPECT_EQ(to_jeroen["headers"]["X-Gastvrij-Idempotency-Key"], mail_key);
    const std::string body = to_jeroen["body"];
    EXPECT_TRUE(contains(body, "Hallo Jeroen,")) << body;
    EXPECT_TRUE(contains(body, "Bezoeker: Ayşe")) << body;
    EXPECT_TRUE(contains(body, "Onderwerp: Reparatie")) << body;
    EXPECT_TRUE(contains(body, "Team: Team Onderhoud")) << body;
    EXPECT_TRUE(contains(body, "Wacht sinds: 10:42 (3 min.)")) << body;
    EXPECT_TRUE(contains(body, "Reageer via uw telefoon: https://kiosk.example.nl:8470/phone?visit=" +
                                   std::to_string(repair.id)))
        << body;
    EXPECT_TRUE(contains(body, "Woonstichting Demo — kantoor Centrum")) << body;

    EXPECT_EQ(to_lucja["subject"], "Er is een bezoeker voor u (Huur en betalen)");
    EXPECT_EQ(to_lucja["to"], "Łucja Wiśniewska <lucja.wisniewska@woonstichting-demo.nl>");
    const std::string body2 = to_lucja["body"];
    EXPECT_TRUE(contains(body2, "Hallo Łucja,")) << body2;
    EXPECT_TRUE(contains(body2, "Bezoeker: geen naam gegeven")) << body2;
    EXPECT_TRUE(contains(body2, "Wacht sinds: 10:43 (2 min.)")) << body2;

    // On the wire the message is 7-bit with short lines, as every relay accepts.
    for (const std::string& raw : smtp.raw_messages()) {
        std::istringstream lines(raw);
        for (std::string line; std::getline(lines, line);) {
            EXPECT_LE(line.size(), 78u) << line;
            for (char c : line) ASSERT_LT(static_cast<unsigned char>(c), 0x80) << line;
        }
    }

    // Teams: the Workflows envelope around an Adaptive Card 1.4.
    const auto teams = http.requests("/teams");
    EXPECT_EQ(teams[0].idempotency_key, teams_key);
    EXPECT_TRUE(contains(teams[0].content_type, "application/json"));
    const json t = json::parse(teams[0].body);
    EXPECT_EQ(t["type"], "message");
    ASSERT_EQ(t["attachments"].size(), 1u);
    const json& att = t["attachments"][0];
    EXPECT_EQ(att["contentType"], "application/vnd.microsoft.card.adaptive");
    ASSERT_TRUE(att.contains("contentUrl"));
    EXPECT_TRUE(att["contentUrl"].is_null());
    const json& card = att["content"];
    EXPECT_EQ(card["type"], "AdaptiveCard");
    EXPECT_EQ(card["version"], "1.4");
    EXPECT_EQ(card["body"][0]["type"], "TextBlock");
    EXPECT_EQ(card["body"][0]["text"], "Ayşe is er voor u (Reparatie)");
    json facts;
    for (const json& b : card["body"])
        if (b["type"] == "FactSet") facts = b["facts"];
    ASSERT_FALSE(facts.is_null());
    std::map<std::string, std::string> fact_map;
    for (const json& f : facts) fact_map[f["title"]] = f["value"];
    EXPECT_EQ(fact_map["Bezoeker"], "Ayşe");
    EXPECT_EQ(fact_map["Onderwerp"], "Reparatie");
    EXPECT_EQ(fact_map["Wacht sinds"], "10:42 (3 min.)");
    ASSERT_EQ(card["actions"].size(), 1u);
    EXPECT_EQ(card["actions"][0]["type"], "Action.OpenUrl");
    EXPECT_EQ(card["actions"][0]["url"], "https://kiosk.example.nl:8470/phone?visit=" + std::to_string(repair.id));
    EXPECT_FALSE(contains(teams[0].body, "Action.Submit"));

    // Slack: fallback text, a plain-text header and a section with fields.
    const json s = json::parse(http.requests("/slack")[0].body);
    ASSERT_TRUE(s["text"].is_string());
    EXPECT_FALSE(s["text"].get<std::string>().empty());
    ASSERT_GE(s["blocks"].size(), 2u);
    EXPECT_EQ(s["blocks"][0]["type"], "header");
    EXPECT_EQ(s["blocks"][0]["text"]["type"], "plain_text");
    EXPECT_EQ(s["blocks"][0]["text"]["text"], "Er is een bezoeker voor u (Huur en betalen)");
    const json& section = s["blocks"][1];
    EXPECT_EQ(section["type"], "section");
    EXPECT_EQ(section["text"]["type"], "mrkdwn");
    EXPECT_TRUE(contains(section["text"]["text"], "Hallo Łucja,"));
    EXPECT_TRUE(contains(section["text"]["text"], "<https://kiosk.example.nl:8470/phone?visit=" +
                                                      std::to_string(rent.id) + "|Reageren>"));
    ASSERT_LE(section["fields"].size(), 10u);
    std::string fields;
    for (const json& f : section["fields"]) fields += f["text"].get<std::string>() + "|";
    EXPECT_TRUE(contains(fields, "Bezoeker:\ngeen naam gegeven|")) << fields;
    EXPECT_TRUE(contains(fields, "Wacht sinds:\n10:43 (2 min.)|")) << fields;
    for (const json& f : section["fields"]) EXPECT_EQ(f["type"], "plain_text") << "a name is never formatted";

    // The companion board's messages are the service's: left pending, untouched.
    const auto companion = pending_on(store, Channel::Companion);
    EXPECT_EQ(companion.size(), 2u);
    for (const auto& m : companion) EXPECT_EQ(m.attempts, 0);
}

TEST_F(DeliveryTest, MailWaitsForADeadServerAndIsThenDeliveredOnce) {
    // The SMTP server is not running yet: connection refused.
    const Visit v = check_in("repair", "Fatma");
    start_worker();
    ASSERT_TRUE(eventually([&] {
        auto m = pending_message(v.id, Channel::Email);
        return m && m->attempts == 1;
    }));
    auto m = pending_message(v.id, Channel::Email);
    EXPECT_TRUE(contains(m->last_error, "connect")) << m->last_error;
    EXPECT_EQ(m->next_attempt_at, clock.now() + 10);  // first retry after 10 s

    advance(10);
    ASSERT_TRUE(eventually([&] {
        auto p = pending_message(v.id, Channel::Email);
        return p && p->attempts == 2;
    }));

    smtp.start();
    // Not due yet (the second retry waits 30 s): the up server gets nothing.
    advance(20);
    ASSERT_TRUE(worker_caught_up());
    EXPECT_EQ(smtp.count(), 0u);
    advance(10);
    ASSERT_TRUE(eventually([&] { return smtp.count() == 1 && !pending_message(v.id, Channel::Email); }));

    // The server goes away again; a new visitor's mail waits for it as well.
    smtp.stop();
    const Visit w = check_in("repair", "Bram");
    ASSERT_TRUE(eventually([&] {
        auto p = pending_message(w.id, Channel::Email);
        return p && p->attempts == 1;
    }));
    smtp.start();
    advance(10);
    ASSERT_TRUE(eventually([&] { return smtp.count() == 2 && !pending_message(w.id, Channel::Email); }))
        << "mails: " << smtp.count() << ", still pending: " << pending_message(w.id, Channel::Email).has_value();

    // Further rounds send nothing again: each message arrived exactly once.
    for (int i = 0; i < 3; ++i) {
        advance(600);
        ASSERT_TRUE(worker_caught_up());
    }
    const auto mails = smtp.messages();
    ASSERT_EQ(mails.size(), 2u);
    EXPECT_EQ(mails[0]["subject"], "Fatma is er voor u (Reparatie)");
    EXPECT_EQ(mails[1]["subject"], "Bram is er voor u (Reparatie)");
    EXPECT_NE(mails[0]["message_id"], mails[1]["message_id"]);
    EXPECT_TRUE(contains(mails[0]["body"], "Wacht sinds: 10:42 (0 min.)")) << mails[0]["body"];
}

TEST_F(DeliveryTest, WebhookServerErrorIsRetriedAndDeliveredOnce) {
    smtp.start();
    http.script("/teams", {{500, "flow failed"}});
    const Visit v = check_in("repair", "Fatma");
    start_worker();
    ASSERT_TRUE(eventually([&] {
        auto m = pending_message(v.id, Channel::Webhook);
        return m && m->attempts == 1;
    }));
    EXPECT_TRUE(contains(pending_message(v.id, Channel::Webhook)->last_error, "HTTP 500"));
    EXPECT_EQ(http.requests("/teams").size(), 1u);

    advance(10);
    ASSERT_TRUE(eventually([&] { return !pending_message(v.id, Channel::Webhook); }));
    EXPECT_FALSE(dead_message(v.id, Channel::Webhook));
    for (int i = 0; i < 3; ++i) {
        advance(600);
        ASSERT_TRUE(worker_caught_up());
    }
    const auto requests = http.requests("/teams");
    ASSERT_EQ(requests.size(), 2u);  // the failed attempt and the one delivery
    EXPECT_EQ(requests[0].idempotency_key, requests[1].idempotency_key);
    EXPECT_EQ(requests[0].body, requests[1].body);  // same message, same waiting time text at 10:42
}

TEST_F(DeliveryTest, SlackRefusingThePayloadEndsInTheDeadLetters) {
    smtp.start();
    http.script("/slack", {{400, "invalid_payload"}}, /*repeat_last=*/true);
    const Visit v = check_in("rent", "Fatma");
    start_worker();
    // A refused payload will not improve: it goes to the dead letters at the
    // first refusal, where the desk sees Slack's own words.
    ASSERT_TRUE(eventually([&] { return dead_message(v.id, Channel::Webhook).has_value(); }));
    const auto dead = *dead_message(v.id, Channel::Webhook);
    EXPECT_TRUE(contains(dead.last_error, "HTTP 400: invalid_payload")) << dead.last_error;
    EXPECT_TRUE(contains(dead.last_error, "permanent")) << dead.last_error;
    EXPECT_EQ(dead.attempts, 1);
    EXPECT_EQ(http.requests("/slack").size(), 1u);
    // The e-mail to the same colleague was not held up by it.
    EXPECT_EQ(smtp.count(), 1u);

    // After the desk fixed the channel and retries the dead letter, it is sent.
    http.script("/slack", {{200, "ok"}});
    store.retry_dead(dead.id, clock.now());
    worker->wake();
    ASSERT_TRUE(eventually([&] {
        return !dead_message(v.id, Channel::Webhook) && !pending_message(v.id, Channel::Webhook);
    }));
    EXPECT_EQ(http.requests("/slack").size(), 2u /* the refused one, then the retried one */);
}

TEST_F(DeliveryTest, IdleWorkerSleepsUntilWokenOrDue) {
    start_worker();
    ASSERT_TRUE(eventually([&] { return worker->stats().scans >= 1; }));
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    const auto idle = worker->stats().scans;
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    EXPECT_EQ(worker->stats().scans, idle) << "an idle worker must not poll the store";

    // A mail that failed waits for its retry time without looking again.
    const Visit v = check_in("repair", "Fatma");  // SMTP server down
    ASSERT_TRUE(eventually([&] {
        auto m = pending_message(v.id, Channel::Email);
        return m && m->attempts == 1;
    }));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const auto waiting = worker->stats().scans;
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    EXPECT_EQ(worker->stats().scans, waiting);

    // stop() does not wait for the (60 s) rescan.
    const auto before = std::chrono::steady_clock::now();
    worker->stop();
    EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(1));
}

// On the wall clock, without any wake(): a mail that failed goes out by itself
// once its retry time (10 s) has come. Slow on purpose: it is the real wait.
TEST(DeliveryOnTheWallClock, RetryHappensByItselfWhenItIsDue) {
    TempDir tmp;
    SmtpSink smtp(tmp.file("mail"), free_port());
    const Config config = test_config(smtp.url(), "http://127.0.0.1:9/teams", "http://127.0.0.1:9/slack");
    SystemClock clock;
    SqliteStore store(tmp.file("gastvrij.db"));
    Reception reception(config.directory, store, clock);
    reception.set_presence("1042", Presence::In);  // whatever the hour the test runs at
    OutboxWorker worker(store, clock, config);
    worker.add_sender(std::make_shared<EmailChannel>(config.kiosk.smtp, EmailChannel::Options{2, 5}));
    worker.start();
    CheckInRequest r;
    r.topic_id = "repair";
    r.visitor_name = "Fatma";
    reception.check_in(r);
    worker.wake();  // as the service's Reception listener does; the retry gets no wake
    ASSERT_TRUE(eventually([&] {
        auto p = pending_on(store, Channel::Email);
        return p.size() == 1 && p[0].attempts == 1;
    }));
    smtp.start();
    const auto started = std::chrono::steady_clock::now();
    ASSERT_TRUE(eventually([&] { return smtp.count() == 1; }, std::chrono::milliseconds(20000)));
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(12));
    // The server files the mail before it answers; the worker records it as
    // sent only after the answer.
    EXPECT_TRUE(eventually([&] { return pending_on(store, Channel::Email).empty(); }));
}

TEST_F(DeliveryTest, SlackMessagesToOneChannelAreSpacedOut) {
    smtp.start();
    check_in("rent", "Fatma");
    check_in("rent", "Bram");
    start_worker(/*pace_webhooks=*/true);
    ASSERT_TRUE(eventually([&] { return http.requests("/slack").size() == 2; }));
    const auto r = http.requests("/slack");
    EXPECT_GE(r[1].at - r[0].at, std::chrono::milliseconds(950));  // Slack takes ~1 message a second
}

}  // namespace
}  // namespace gastvrij::testing
