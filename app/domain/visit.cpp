#include "domain/visit.h"

namespace gastvrij {

namespace {

struct StateName {
    VisitState state;
    const char* name;
};

constexpr StateName kStateNames[] = {
    {VisitState::Arrived, "arrived"},
    {VisitState::HostNotified, "host_notified"},
    {VisitState::Acknowledged, "acknowledged"},
    {VisitState::InConversation, "in_conversation"},
    {VisitState::Finished, "finished"},
    {VisitState::Escalated, "escalated"},
    {VisitState::Reassigned, "reassigned"},
    {VisitState::Cancelled, "cancelled"},
    {VisitState::Left, "left"},
};

std::string who(const std::string& host) { return host.empty() ? std::string("desk") : host; }

// Checks the move and returns the copy to change plus its event skeleton.
Transition begin(const Visit& v, VisitState to, Timestamp now, const std::string& actor) {
    if (!can_transition(v.state, to))
        throw TransitionError("visit " + std::to_string(v.id) + ": cannot go from " +
                              to_string(v.state) + " to " + to_string(to));
    Transition t;
    t.visit = v;
    t.visit.state = to;
    t.event.visit_id = v.id;
    t.event.at = now;
    t.event.from = v.state;
    t.event.to = to;
    t.event.actor = actor;
    if (is_terminal(to)) t.visit.closed_at = now;
    return t;
}

void assign_host(Visit& v, const std::string& host, const std::string& team, Timestamp ack_deadline) {
    v.host_id = host;
    v.team_id = team;
    v.ack_deadline = ack_deadline;
    // The desk is recorded too (as ""), so every notification has its own ordinal.
    v.tried_hosts.push_back(host);
}

}  // namespace

const char* to_string(VisitState s) {
    for (const auto& n : kStateNames)
        if (n.state == s) return n.name;
    return "arrived";
}

std::optional<VisitState> visit_state_from(const std::string& s) {
    for (const auto& n : kStateNames)
        if (s == n.name) return n.state;
    return std::nullopt;
}

bool is_terminal(VisitState s) {
    return s == VisitState::Finished || s == VisitState::Cancelled || s == VisitState::Left;
}

bool is_waiting(VisitState s) {
    switch (s) {
        case VisitState::Arrived:
        case VisitState::HostNotified:
        case VisitState::Acknowledged:
        case VisitState::Escalated:
        case VisitState::Reassigned: return true;
        default: return false;
    }
}

bool can_transition(VisitState from, VisitState to) {
    using S = VisitState;
    switch (from) {
        case S::Arrived: return to == S::HostNotified || to == S::Cancelled || to == S::Left;
        case S::HostNotified:
        case S::Escalated:
        case S::Reassigned:
            return to == S::Acknowledged || to == S::InConversation || to == S::Escalated ||
                   to == S::Reassigned || to == S::Cancelled || to == S::Left;
        case S::Acknowledged:
            return to == S::InConversation || to == S::Escalated || to == S::Reassigned ||
                   to == S::Cancelled || to == S::Left;
        case S::InConversation: return to == S::Finished;
        case S::Finished:
        case S::Cancelled:
        case S::Left: return false;
    }
    return false;
}

Transition notify_host(const Visit& v, const std::string& host_id, const std::string& team_id,
                       Timestamp ack_deadline, Timestamp now, const std::string& actor) {
    Transition t = begin(v, VisitState::HostNotified, now, actor);
    assign_host(t.visit, host_id, team_id, ack_deadline);
    t.event.detail = host_id.empty() ? "notified the reception desk"
                                     : "notified host " + host_id + " (team " + team_id + ")";
    return t;
}

Transition acknowledge(const Visit& v, int promised_minutes, Timestamp now, const std::string& actor) {
    if (promised_minutes <= 0 || promised_minutes > 120)
        throw TransitionError("visit " + std::to_string(v.id) +
                              ": promised minutes must be between 1 and 120, not " +
                              std::to_string(promised_minutes));
    Transition t = begin(v, VisitState::Acknowledged, now, actor);
    // The first answer counts for the "time to answer" figure; later ones renew the promise.
    if (t.visit.acknowledged_at == 0) t.visit.acknowledged_at = now;
    t.visit.promised_at = now + static_cast<Timestamp>(promised_minutes) * 60;
    t.event.detail = "promised " + std::to_string(promised_minutes) + " min";
    return t;
}

Transition start_conversation(const Visit& v, Timestamp now, const std::string& actor) {
    Transition t = begin(v, VisitState::InConversation, now, actor);
    t.visit.started_at = now;
    t.event.detail = "conversation started with " + who(v.host_id);
    return t;
}

Transition finish(const Visit& v, Timestamp now, const std::string& actor) {
    Transition t = begin(v, VisitState::Finished, now, actor);
    t.visit.finished_at = now;
    t.event.detail = "finished";
    return t;
}

Transition escalate(const Visit& v, const std::string& new_host, const std::string& team_id,
                    int level, Timestamp ack_deadline, Timestamp now, const std::string& why) {
    Transition t = begin(v, VisitState::Escalated, now, "escalation");
    assign_host(t.visit, new_host, team_id, ack_deadline);
    t.visit.escalation_level = level;
    t.visit.promised_at = 0;  // the old promise is void; the new host has promised nothing yet
    t.event.detail = "no answer from " + who(v.host_id) + " → " + who(new_host) + " (" + why + ")";
    return t;
}

Transition reassign(const Visit& v, const std::string& new_host, const std::string& team_id,
                    Timestamp ack_deadline, Timestamp now, const std::string& actor) {
    Transition t = begin(v, VisitState::Reassigned, now, actor);
    assign_host(t.visit, new_host, team_id, ack_deadline);
    t.visit.promised_at = 0;
    t.event.detail = who(v.host_id) + " → " + who(new_host);
    return t;
}

Transition cancel(const Visit& v, Timestamp now, const std::string& actor, bool visitor_left) {
    Transition t = begin(v, visitor_left ? VisitState::Left : VisitState::Cancelled, now, actor);
    t.event.detail = visitor_left ? "visitor left" : "cancelled";
    return t;
}

}  // namespace gastvrij
