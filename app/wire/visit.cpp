#include "wire/visit.h"

#include "wire/fields.h"

namespace gastvrij {

using namespace wire;

namespace {

std::optional<PromiseState> promise_state_from(const std::string& s) {
    for (PromiseState p : {PromiseState::OnTime, PromiseState::AtRisk, PromiseState::Broken, PromiseState::Kept})
        if (s == to_string(p)) return p;
    return std::nullopt;
}

}  // namespace

void to_json(json& j, const VisitView& view) {
    const Visit& v = view.visit;
    j = {
        {"id", v.id},
        {"state", to_string(v.state)},
        {"waiting", view.waiting},
        {"topic", v.topic_id},
        {"topic_label", view.topic_label},
        {"host", v.host_id},
        {"host_name", view.host_name},
        {"team", v.team_id},
        {"team_name", view.team_name},
        {"visitor_name", v.visitor_name},
        {"language", v.language},
        {"kiosk", v.kiosk_id},
        {"escalation_level", v.escalation_level},
        {"tried_hosts", v.tried_hosts},
        {"arrived_at", v.arrived_at},
        {"waiting_since", view.waiting_since},
        {"minutes_waiting", view.minutes_waiting},
        {"ack_deadline", v.ack_deadline},
        {"acknowledged_at", v.acknowledged_at},
        {"promised_at", v.promised_at},
        {"started_at", v.started_at},
        {"finished_at", v.finished_at},
        {"closed_at", v.closed_at},
        {"promise", to_string(view.promise)},
        {"deadline", view.deadline},
    };
    if (!view.survey_url.empty()) j["survey_url"] = view.survey_url;
}

void from_json(const json& j, VisitView& view) {
    Visit& v = view.visit;
    v.id = int64_at(j, "id");
    v.state = enum_at(j, "state", visit_state_from);
    view.waiting = bool_at(j, "waiting");
    v.topic_id = string_at(j, "topic");
    view.topic_label = string_at(j, "topic_label");
    v.host_id = string_at(j, "host");
    view.host_name = string_at(j, "host_name");
    v.team_id = string_at(j, "team");
    view.team_name = string_at(j, "team_name");
    v.visitor_name = string_at(j, "visitor_name");
    v.language = string_at(j, "language");
    v.kiosk_id = string_at(j, "kiosk");
    v.escalation_level = int_at(j, "escalation_level");
    v.tried_hosts = strings_at(j, "tried_hosts");
    v.arrived_at = int64_at(j, "arrived_at");
    view.waiting_since = string_at(j, "waiting_since");
    view.minutes_waiting = int_at(j, "minutes_waiting");
    v.ack_deadline = int64_at(j, "ack_deadline");
    v.acknowledged_at = int64_at(j, "acknowledged_at");
    v.promised_at = int64_at(j, "promised_at");
    v.started_at = int64_at(j, "started_at");
    v.finished_at = int64_at(j, "finished_at");
    v.closed_at = int64_at(j, "closed_at");
    view.promise = enum_at(j, "promise", promise_state_from);
    view.deadline = int64_at(j, "deadline");
    view.survey_url = optional_string_at(j, "survey_url");
}

void to_json(json& j, const VisitEvent& e) {
    j = {{"id", e.id},       {"visit", e.visit_id},     {"at", e.at},         {"from", to_string(e.from)},
         {"to", to_string(e.to)}, {"actor", e.actor}, {"detail", e.detail}};
}

void from_json(const json& j, VisitEvent& e) {
    e.id = int64_at(j, "id");
    e.visit_id = int64_at(j, "visit");
    e.at = int64_at(j, "at");
    e.from = enum_at(j, "from", visit_state_from);
    e.to = enum_at(j, "to", visit_state_from);
    e.actor = string_at(j, "actor");
    e.detail = string_at(j, "detail");
}

void to_json(json& j, const VisitHistory& h) {
    j = h.visit;
    j["events"] = h.events;
}

void from_json(const json& j, VisitHistory& h) {
    h.visit = j.get<VisitView>();
    h.events = list_at<VisitEvent>(j, "events");
}

void to_json(json& j, const VisitList& l) { j = {{"now", l.now}, {"cursor", l.cursor}, {"visits", l.visits}}; }

void from_json(const json& j, VisitList& l) {
    l.now = int64_at(j, "now");
    l.cursor = int64_at(j, "cursor");
    l.visits = list_at<VisitView>(j, "visits");
}

void to_json(json& j, const VisitFrame& c) { j = {{"visit", c.visit}, {"event", c.event}}; }

void from_json(const json& j, VisitFrame& c) {
    c.visit = field(j, "visit").get<VisitView>();
    c.event = field(j, "event").get<VisitEvent>();
}

}  // namespace gastvrij
