#pragma once
// "A promise is a promise": every waiting visit carries a deadline — the host's
// answer (ack_deadline) or the promised arrival (promised_at). This says how that
// deadline stands, for the desk's colours and for escalation.
#include <string>

#include "domain/visit.h"

namespace gastvrij {

enum class PromiseState {
    OnTime,  // deadline comfortably ahead
    AtRisk,  // within the warning margin
    Broken,  // deadline passed, visitor still waiting
    Kept,    // conversation started or visit closed
};
const char* to_string(PromiseState p);

struct PromiseSettings {
    int at_risk_seconds = 60;  // "about to be broken" margin
};

Timestamp promise_deadline(const Visit& v);  // 0 when nothing is promised
PromiseState promise_state(const Visit& v, Timestamp now, const PromiseSettings& s = {});
int minutes_waiting(const Visit& v, Timestamp now);  // whole minutes since arrival
// Visits that need escalating now: waiting and past their deadline.
bool needs_escalation(const Visit& v, Timestamp now);

}  // namespace gastvrij
