#pragma once
// Shared by the store tests: a real SQLite file in a fresh temporary folder,
// and check-ins shaped like the kiosk's (a visit, two events, two messages).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "domain/store.h"
#include "store/sqlite_db.h"
#include "support/temp_dir.h"

namespace gastvrij::store_test {

using TempDir = test_support::TempDir;

inline Visit arriving(Timestamp at, const std::string& name = "Fatma", const std::string& host = "1042") {
    Visit v;
    v.kiosk_id = "kiosk:entrance";
    v.topic_id = "repair";
    v.host_id = host;
    v.team_id = "onderhoud";
    v.visitor_name = name;
    v.language = "tr";
    v.state = VisitState::HostNotified;
    v.tried_hosts = {host};
    v.arrived_at = at;
    v.ack_deadline = at + 300;
    return v;
}

struct CheckIn {
    Visit visit;
    std::vector<VisitEvent> events;
    std::vector<OutboxMessage> outbox;
};

// What the kiosk commits for one visitor: arrival + host notified, and a
// companion and an e-mail message whose keys carry the still unknown id as 0.
inline CheckIn check_in(Timestamp at, const std::string& name = "Fatma", const std::string& host = "1042") {
    CheckIn c;
    c.visit = arriving(at, name, host);
    VisitEvent arrived;
    arrived.at = at;
    arrived.from = arrived.to = VisitState::Arrived;
    arrived.actor = "kiosk:entrance";
    arrived.detail = "checked in for repair";
    VisitEvent notified = arrived;
    notified.to = VisitState::HostNotified;
    notified.detail = "notified host " + host;
    c.events = {arrived, notified};
    for (Channel ch : {Channel::Companion, Channel::Email}) {
        OutboxMessage m;
        m.idempotency_key = std::string("visit-0-arrived-") + host + "-" + to_string(ch) + "-0";
        m.kind = NotificationKind::VisitorArrived;
        m.channel = ch;
        m.recipient = host;
        m.created_at = at;
        m.next_attempt_at = at;
        c.outbox.push_back(m);
    }
    return c;
}

// Moves callback request `id` to `state` at `at` by the domain's rule, as the
// reception does (the number stays: retention is tested on its own).
inline CallbackRequest mark_callback(Store& store, std::int64_t id, CallbackState state, Timestamp at) {
    return *store.update_callback(with_state(*store.callback(id), state, at));
}

// A second connection to the same file, as an administrator's tool would have.
inline std::int64_t count_rows(const std::string& file, const std::string& sql) {
    sqlite::Database db(file, 1000);
    return db.query_int(sql);
}

}  // namespace gastvrij::store_test
