#pragma once
// A visit and its lifecycle. Transitions are pure: they take a visit and return
// the changed copy plus the event that records it, or throw TransitionError.
//
//   arrived → host_notified → acknowledged → in_conversation → finished
//   host_notified / escalated / reassigned / acknowledged → escalated (no answer,
//     or the promised time passed) → a new host is notified
//   any waiting state → reassigned (desk picks another host)
//   any state before in_conversation → cancelled (desk) or left (visitor gone)
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/clock.h"

namespace gastvrij {

using VisitId = std::int64_t;

enum class VisitState {
    Arrived,
    HostNotified,
    Acknowledged,    // host answered "I'm coming", with promised minutes
    InConversation,
    Finished,
    Escalated,       // deadline passed; the next host in line was notified
    Reassigned,      // the desk chose another host
    Cancelled,
    Left,
};
const char* to_string(VisitState s);  // "arrived", "host_notified", … (stored and sent)
std::optional<VisitState> visit_state_from(const std::string& s);
bool is_terminal(VisitState s);   // finished, cancelled, left
bool is_waiting(VisitState s);    // visitor still waits for someone to come
bool can_transition(VisitState from, VisitState to);

class TransitionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Visit {
    VisitId id = 0;
    std::string kiosk_id;        // which kiosk or desk created it
    std::string topic_id;
    std::string host_id;         // staff id; empty = the reception desk
    std::string team_id;         // team of the host, or the topic's team
    std::string visitor_name;    // optional first name; erased by retention
    std::string language = "nl"; // the visitor's language
    VisitState state = VisitState::Arrived;
    int escalation_level = 0;    // 0 first host, 1 backup, 2 team, 3 desk
    std::vector<std::string> tried_hosts;  // hosts already notified for this visit
    Timestamp arrived_at = 0;
    Timestamp ack_deadline = 0;  // host must answer before this
    Timestamp acknowledged_at = 0;
    Timestamp promised_at = 0;   // "about N minutes" → when the host should be there
    Timestamp started_at = 0;
    Timestamp finished_at = 0;
    Timestamp closed_at = 0;     // finished, cancelled or left
};

// What happened to a visit: the append-only log, one row per transition.
struct VisitEvent {
    std::int64_t id = 0;
    VisitId visit_id = 0;
    Timestamp at = 0;
    VisitState from = VisitState::Arrived;
    VisitState to = VisitState::Arrived;
    std::string actor;   // "kiosk:entrance", "staff:1042", "desk", "escalation"
    std::string detail;  // human-readable: "host 1042 → backup 1043", "promised 3 min"
};

// The actor of the events that close visits left open past their day.
inline constexpr const char* kDayEndActor = "day end";

struct Transition {
    Visit visit;
    VisitEvent event;
};

// The moves of the lifecycle. Each checks can_transition and the arguments.
Transition notify_host(const Visit& v, const std::string& host_id, const std::string& team_id,
                       Timestamp ack_deadline, Timestamp now, const std::string& actor);
Transition acknowledge(const Visit& v, int promised_minutes, Timestamp now, const std::string& actor);
Transition start_conversation(const Visit& v, Timestamp now, const std::string& actor);
Transition finish(const Visit& v, Timestamp now, const std::string& actor);
Transition escalate(const Visit& v, const std::string& new_host, const std::string& team_id,
                    int level, Timestamp ack_deadline, Timestamp now, const std::string& why);
Transition reassign(const Visit& v, const std::string& new_host, const std::string& team_id,
                    Timestamp ack_deadline, Timestamp now, const std::string& actor);
Transition cancel(const Visit& v, Timestamp now, const std::string& actor, bool visitor_left);

}  // namespace gastvrij
