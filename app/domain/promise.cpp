#include "domain/promise.h"

namespace gastvrij {

const char* to_string(PromiseState p) {
    switch (p) {
        case PromiseState::OnTime: return "on_time";
        case PromiseState::AtRisk: return "at_risk";
        case PromiseState::Broken: return "broken";
        case PromiseState::Kept: return "kept";
    }
    return "on_time";
}

Timestamp promise_deadline(const Visit& v) {
    switch (v.state) {
        case VisitState::HostNotified:
        case VisitState::Escalated:
        case VisitState::Reassigned: return v.ack_deadline;
        case VisitState::Acknowledged: return v.promised_at;
        default: return 0;
    }
}

PromiseState promise_state(const Visit& v, Timestamp now, const PromiseSettings& s) {
    if (v.state == VisitState::InConversation || is_terminal(v.state)) return PromiseState::Kept;
    const Timestamp deadline = promise_deadline(v);
    if (deadline == 0) return PromiseState::OnTime;
    if (now >= deadline) return PromiseState::Broken;
    if (deadline - now <= s.at_risk_seconds) return PromiseState::AtRisk;
    return PromiseState::OnTime;
}

int minutes_waiting(const Visit& v, Timestamp now) {
    // Waiting ends when the conversation starts or the visit closes.
    Timestamp end = now;
    if (v.started_at != 0) end = v.started_at;
    else if (v.closed_at != 0) end = v.closed_at;
    return end > v.arrived_at ? static_cast<int>((end - v.arrived_at) / 60) : 0;
}

bool needs_escalation(const Visit& v, Timestamp now) {
    if (!is_waiting(v.state)) return false;
    const Timestamp deadline = promise_deadline(v);
    return deadline != 0 && now >= deadline;
}

}  // namespace gastvrij
