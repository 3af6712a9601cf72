#pragma once
// Values for the wire tests with every field away from its default, names in
// Arabic and Polish, and field-by-field comparisons (the domain types have no
// operator==).
#include <gtest/gtest.h>

#include <tuple>

#include "wire/callback.h"
#include "wire/device.h"
#include "wire/outbox.h"
#include "wire/report.h"
#include "wire/visit.h"

namespace gastvrij::wire_test {

inline Visit sample_visit() {
    Visit v;
    v.id = 4711;
    v.kiosk_id = "kiosk:Hal Śródmieście";
    v.topic_id = "rent";
    v.host_id = "1044";
    v.team_id = "verhuur";
    v.visitor_name = "مريم";
    v.language = "ar";
    v.state = VisitState::Acknowledged;
    v.escalation_level = 2;
    v.tried_hosts = {"1042", "1043"};
    v.arrived_at = 1'795'427'000;
    v.ack_deadline = 1'795'427'300;
    v.acknowledged_at = 1'795'427'100;
    v.promised_at = 1'795'427'280;
    v.started_at = 1'795'427'400;
    v.finished_at = 1'795'428'000;
    v.closed_at = 1'795'428'001;
    return v;
}

inline VisitView sample_visit_view() {
    VisitView v;
    v.visit = sample_visit();
    v.waiting = true;
    v.promise = PromiseState::AtRisk;
    v.deadline = 1'795'427'280;
    v.minutes_waiting = 7;
    v.waiting_since = "10:42";
    v.topic_label = "Huur en betalen";
    v.host_name = "Agnieszka Śliwa";
    v.team_name = "Team Verhuur";
    v.survey_url = "http://phones.example.test:8470/survey?t=abc";
    return v;
}

inline VisitEvent sample_event() {
    VisitEvent e;
    e.id = 99;
    e.visit_id = 4711;
    e.at = 1'795'427'100;
    e.from = VisitState::HostNotified;
    e.to = VisitState::Acknowledged;
    e.actor = "staff:1044";
    e.detail = "obiecano 3 min — وعد";
    return e;
}

inline auto fields(const Visit& v) {
    return std::tie(v.id, v.kiosk_id, v.topic_id, v.host_id, v.team_id, v.visitor_name, v.language, v.state,
                    v.escalation_level, v.tried_hosts, v.arrived_at, v.ack_deadline, v.acknowledged_at, v.promised_at,
                    v.started_at, v.finished_at, v.closed_at);
}
inline auto fields(const VisitView& v) {
    return std::tuple_cat(fields(v.visit), std::tie(v.waiting, v.promise, v.deadline, v.minutes_waiting, v.waiting_since,
                                                    v.topic_label, v.host_name, v.team_name, v.survey_url));
}
inline auto fields(const VisitEvent& e) { return std::tie(e.id, e.visit_id, e.at, e.from, e.to, e.actor, e.detail); }
inline auto fields(const CallbackView& v) {
    const CallbackRequest& c = v.request;
    return std::tie(c.id, c.phone, c.topic_id, c.part, c.language, c.state, c.created_at, c.due_at, c.handled_at,
                    v.topic_label, v.team, v.created_date, v.created_hhmm, v.due_date, v.due_hhmm, v.overdue);
}
inline auto fields(const DeviceView& v) {
    const Device& d = v.device;
    return std::tie(d.id, d.name, d.kind, d.staff_id, d.token_hash, d.created_at, d.revoked_at, v.staff_name);
}
inline auto fields(const DeadLetter& l) {
    const OutboxMessage& m = l.message;
    return std::tie(m.id, m.idempotency_key, m.kind, m.channel, m.visit_id, m.recipient, m.state, m.attempts,
                    m.created_at, m.next_attempt_at, m.last_error, l.recipient_name);
}
inline auto fields(const KpiFigures& f) {
    return std::tie(f.visits, f.finished, f.left_or_cancelled, f.escalated, f.acknowledged, f.ack_seconds_p50,
                    f.ack_seconds_p90, f.started, f.start_seconds_p50, f.start_seconds_p90, f.surveys, f.score_avg,
                    f.scores_8_or_more, f.share_8_or_more, f.one_go_answered, f.one_go_yes, f.share_one_go,
                    f.callbacks, f.callbacks_in_time, f.callbacks_late, f.callbacks_overdue, f.callbacks_pending);
}
inline auto fields(const DayCount& d) { return std::tie(d.date, d.weekday, d.visits); }

// Lists compare element by element through fields().
template <class T>
void expect_same(const std::vector<T>& a, const std::vector<T>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(fields(a[i]), fields(b[i])) << "element " << i;
}

}  // namespace gastvrij::wire_test
