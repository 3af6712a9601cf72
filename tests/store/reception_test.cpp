// The reception service over a real SQLite file: what a kiosk, the desk and the
// escalation timer do, and what ends up durable in the file.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <thread>

#include "domain/office.h"
#include "domain/reception.h"
#include "support/engines.h"
#include "store/open_store.h"
#include "support/temp_dir.h"

using namespace gastvrij;
namespace fs = std::filesystem;

namespace {

using TempDir = test_support::TempDir;

std::vector<VisitState> states(const std::vector<VisitEvent>& events) {
    std::vector<VisitState> out;
    for (const auto& e : events) out.push_back(e.to);
    return out;
}

std::vector<OutboxMessage> messages_for(const Store& s, VisitId id, Timestamp now) {
    std::vector<OutboxMessage> out;
    for (auto& m : s.due_messages(now + 3600, 1000))
        if (m.visit_id == id) out.push_back(m);
    return out;
}

using test_support::Engine;

class ReceptionOnStore : public ::testing::TestWithParam<Engine> {
protected:
    TempDir dir;
    const std::string url = test_support::store_url_on(GetParam(), dir);
    Directory office = fixture::office();
    FakeClock clock{FakeClock{}.at_local(2026, 11, 23, 10, 0)};  // Monday 10:00
    const Timestamp t0 = clock.now();
    std::unique_ptr<Store> opened = open_store(url);
    Store& store = *opened;
    Reception reception{office, store, clock};

    CheckInRequest request(const std::string& topic, const std::string& chosen = "",
                           const std::string& name = "Anouk") {
        CheckInRequest r;
        r.topic_id = topic;
        r.chosen_host = chosen;
        r.visitor_name = name;
        r.source = "kiosk:entrance";
        return r;
    }
};

}  // namespace

TEST_P(ReceptionOnStore, CheckInIsDurableBeforeListenersHear) {
    // The listener reads through a second connection: what it sees is on disk.
    const auto other_opened = open_store(url);
    Store& other = *other_opened;
    int heard = 0;
    bool visible = false;
    std::size_t events_seen = 0, messages_seen = 0;
    VisitChange got;
    reception.subscribe([&](const VisitChange& c) {
        ++heard;
        got = c;
        auto v = other.visit(c.visit.id);
        visible = v && v->state == VisitState::HostNotified;
        events_seen = other.events(c.visit.id).size();
        messages_seen = messages_for(other, c.visit.id, t0).size();
    });

    Visit v = reception.check_in(request("appointment", "1042"));
    EXPECT_GT(v.id, 0);
    EXPECT_EQ(v.state, VisitState::HostNotified);
    EXPECT_EQ(v.host_id, "1042");
    EXPECT_EQ(v.visitor_name, "Anouk");
    EXPECT_EQ(v.ack_deadline, t0 + 180);  // the topic promises an answer within 3 minutes

    ASSERT_EQ(heard, 1);
    EXPECT_TRUE(visible);
    EXPECT_EQ(events_seen, 2u);
    EXPECT_EQ(messages_seen, 4u);  // companion, e-mail, webhook, phone page
    EXPECT_EQ(got.visit.id, v.id);
    EXPECT_EQ(got.event.to, VisitState::HostNotified);
    EXPECT_GT(got.event.id, 0);  // the stored row, so a live stream can resume from it

    const auto events = store.events(v.id);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].to, VisitState::Arrived);
    EXPECT_EQ(events[1].from, VisitState::Arrived);
    EXPECT_EQ(events[1].to, VisitState::HostNotified);
    EXPECT_EQ(events[1].actor, "kiosk:entrance");
    EXPECT_EQ(events[1].at, t0);

    std::set<std::string> keys;
    for (const auto& m : messages_for(store, v.id, t0)) {
        EXPECT_EQ(m.recipient, "1042");
        EXPECT_EQ(m.kind, NotificationKind::VisitorArrived);
        keys.insert(m.idempotency_key);
    }
    const std::string prefix = "visit-" + std::to_string(v.id) + "-arrived-1042-";
    EXPECT_EQ(keys, (std::set<std::string>{prefix + "companion-1", prefix + "email-1", prefix + "phone-1",
                                           prefix + "webhook-1"}));
}

TEST_P(ReceptionOnStore, FailingListenerCannotUndoACheckIn) {
    int later_heard = 0;
    reception.subscribe([](const VisitChange&) { throw std::runtime_error("screen gone"); });
    const int handle = reception.subscribe([&](const VisitChange&) { ++later_heard; });
    Visit v;
    ASSERT_NO_THROW(v = reception.check_in(request("rent")));
    EXPECT_EQ(later_heard, 1);
    ASSERT_TRUE(store.visit(v.id).has_value());
    EXPECT_EQ(store.open_visits().size(), 1u);
    reception.unsubscribe(handle);
    reception.check_in(request("rent"));
    EXPECT_EQ(later_heard, 1);
}

TEST_P(ReceptionOnStore, HostAnswersStartsAndFinishes) {
    Visit v = reception.check_in(request("appointment", "1042"));
    clock.advance(45);
    v = reception.acknowledge(v.id, 3, "staff:1042");
    EXPECT_EQ(v.state, VisitState::Acknowledged);
    EXPECT_EQ(v.promised_at, t0 + 45 + 180);
    clock.advance(150);
    v = reception.start(v.id, "staff:1042");
    clock.advance(900);
    v = reception.finish(v.id, "staff:1042");

    auto stored = store.visit(v.id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->state, VisitState::Finished);
    EXPECT_EQ(stored->acknowledged_at, t0 + 45);
    EXPECT_EQ(stored->started_at, t0 + 195);
    EXPECT_EQ(stored->closed_at, t0 + 1095);
    EXPECT_TRUE(store.open_visits().empty());
    EXPECT_EQ(states(store.events(v.id)),
              (std::vector<VisitState>{VisitState::Arrived, VisitState::HostNotified, VisitState::Acknowledged,
                                       VisitState::InConversation, VisitState::Finished}));
    EXPECT_EQ(store.events(v.id)[2].detail, "promised 3 min");

    // A second tap on "finished" is refused and changes nothing.
    EXPECT_THROW(reception.finish(v.id, "staff:1042"), TransitionError);
    EXPECT_EQ(store.events(v.id).size(), 5u);
    EXPECT_THROW(reception.acknowledge(v.id + 100, 3, "staff:1042"), UnknownVisit);
}

TEST_P(ReceptionOnStore, TickWalksTheLadderAndLogsEachStep) {
    Visit v = reception.check_in(request("appointment", "1042"));
    std::vector<VisitChange> heard;
    reception.subscribe([&](const VisitChange& c) { heard.push_back(c); });

    clock.set(t0 + 179);
    EXPECT_TRUE(reception.tick().empty());

    clock.set(t0 + 180);
    auto changes = reception.tick();
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].visit.host_id, "1043");
    EXPECT_EQ(changes[0].visit.ack_deadline, t0 + 360);
    EXPECT_EQ(store.visit(v.id)->host_id, "1043");
    EXPECT_TRUE(reception.tick().empty());  // nothing due twice

    clock.set(t0 + 360);
    changes = reception.tick();
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].visit.host_id, "1044");

    clock.set(t0 + 540);
    changes = reception.tick();
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_TRUE(changes[0].visit.host_id.empty());
    EXPECT_EQ(changes[0].visit.escalation_level, 3);

    clock.set(t0 + 720);
    ASSERT_EQ(reception.tick().size(), 1u);  // still nobody: the desk is reminded

    const auto events = store.events(v.id);
    ASSERT_EQ(events.size(), 6u);
    const Timestamp when[] = {t0 + 180, t0 + 360, t0 + 540, t0 + 720};
    for (int i = 0; i < 4; ++i) {
        const auto& e = events[static_cast<std::size_t>(i) + 2];
        EXPECT_EQ(e.to, VisitState::Escalated);
        EXPECT_EQ(e.actor, "escalation");
        EXPECT_EQ(e.at, when[i]);
    }
    EXPECT_EQ(events[2].detail, "no answer from 1042 → 1043 (backup of 1042)");
    EXPECT_EQ(events[4].detail, "no answer from 1044 → desk (desk: nobody available)");
    ASSERT_EQ(heard.size(), 4u);
    EXPECT_EQ(heard[1].event.id, events[3].id);

    // Who was told what: the backup on all his channels, and the desk twice, once
    // that the promise is broken.
    std::multiset<std::string> told;
    for (const auto& m : messages_for(store, v.id, clock.now()))
        told.insert(std::string(to_string(m.kind)) + ":" + m.recipient + ":" + to_string(m.channel));
    EXPECT_EQ(told.count("escalated:1043:companion"), 1u);
    EXPECT_EQ(told.count("escalated:1043:email"), 1u);
    EXPECT_EQ(told.count("escalated:1044:companion"), 1u);
    EXPECT_EQ(told.count("escalated:desk:companion"), 2u);
    EXPECT_EQ(told.count("promise_broken:desk:companion"), 1u);
    EXPECT_EQ(store.visit(v.id)->tried_hosts, (std::vector<std::string>{"1042", "1043", "1044", "", ""}));
}

TEST_P(ReceptionOnStore, HostWhoAnsweredButDidNotComeIsEscalated) {
    Visit v = reception.check_in(request("rent"));
    ASSERT_EQ(v.host_id, "1042");
    clock.set(t0 + 60);
    reception.acknowledge(v.id, 6, "staff:1042");  // "about 6 minutes": until t0 + 420
    clock.set(t0 + 301);
    EXPECT_TRUE(reception.tick().empty());  // the answer stopped the 5-minute clock
    clock.set(t0 + 419);
    EXPECT_TRUE(reception.tick().empty());
    clock.set(t0 + 420);
    auto changes = reception.tick();
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].event.from, VisitState::Acknowledged);
    EXPECT_EQ(changes[0].visit.host_id, "1043");
}

TEST_P(ReceptionOnStore, DeskReassignsAndTheNewHostIsTold) {
    Visit v = reception.check_in(request("rent"));
    v = reception.reassign(v.id, "2002", "desk");
    EXPECT_EQ(v.state, VisitState::Reassigned);
    EXPECT_EQ(v.team_id, "wijk");
    EXPECT_EQ(v.ack_deadline, t0 + 300);
    int reassigned = 0;
    for (const auto& m : messages_for(store, v.id, t0))
        if (m.kind == NotificationKind::VisitReassigned) {
            EXPECT_EQ(m.recipient, "2002");
            ++reassigned;
        }
    EXPECT_EQ(reassigned, 1);  // Zeynep has only the companion board
    EXPECT_THROW(reception.reassign(v.id, "nobody", "desk"), UnknownName);

    v = reception.cancel(v.id, "kiosk:entrance", true);
    EXPECT_EQ(store.visit(v.id)->state, VisitState::Left);
    EXPECT_TRUE(store.open_visits().empty());
}

TEST_P(ReceptionOnStore, PresenceOfTodayRoutesAroundAbsentColleagues) {
    reception.set_presence("1042", Presence::Out);
    EXPECT_EQ(store.presence("2026-11-23").at("1042"), Presence::Out);
    EXPECT_EQ(reception.check_in(request("appointment", "1042")).host_id, "1043");
    reception.set_presence("1042", Presence::In);
    EXPECT_EQ(reception.check_in(request("appointment", "1042")).host_id, "1042");
    EXPECT_THROW(reception.check_in(request("no-such-topic")), UnknownName);
}

TEST_P(ReceptionOnStore, ConcurrentCheckInsAreAllDistinctAndSpreadTheLoad) {
    std::atomic<int> heard{0};
    reception.subscribe([&](const VisitChange&) { ++heard; });
    constexpr int kPerThread = 30;
    std::vector<VisitId> ids[2];
    std::thread kiosks[2];
    for (int k = 0; k < 2; ++k)
        kiosks[k] = std::thread([&, k] {
            for (int i = 0; i < kPerThread; ++i) ids[k].push_back(reception.check_in(request("rent")).id);
        });
    for (auto& t : kiosks) t.join();

    std::set<VisitId> all(ids[0].begin(), ids[0].end());
    all.insert(ids[1].begin(), ids[1].end());
    EXPECT_EQ(all.size(), 2u * kPerThread);
    EXPECT_EQ(heard.load(), 2 * kPerThread);
    const auto open = store.open_visits();
    ASSERT_EQ(open.size(), 2u * kPerThread);
    // Each check-in saw the ones before it: Team Verhuur shares the 60 evenly.
    std::map<std::string, int> per_host;
    for (const auto& v : open) {
        ++per_host[v.host_id];
        EXPECT_EQ(store.events(v.id).size(), 2u);
    }
    EXPECT_EQ(per_host, (std::map<std::string, int>{{"1042", 20}, {"1043", 20}, {"1044", 20}}));
}

TEST_P(ReceptionOnStore, TwoKiosksOnOneFileNeverShareAnId) {
    const auto second_opened = open_store(url);
    Store& second_store = *second_opened;
    Reception second(office, second_store, clock);
    std::vector<VisitId> a, b;
    std::thread one([&] {
        for (int i = 0; i < 25; ++i) a.push_back(reception.check_in(request("repair")).id);
    });
    std::thread two([&] {
        for (int i = 0; i < 25; ++i) b.push_back(second.check_in(request("repair")).id);
    });
    one.join();
    two.join();
    std::set<VisitId> all(a.begin(), a.end());
    all.insert(b.begin(), b.end());
    EXPECT_EQ(all.size(), 50u);
    EXPECT_EQ(store.open_visits().size(), 50u);
}

INSTANTIATE_TEST_SUITE_P(Engines, ReceptionOnStore, test_support::both_engines(), test_support::engine_name);
