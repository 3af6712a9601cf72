#pragma once
// Notifications are intents persisted in the outbox in the same transaction as
// the visit change that caused them; channels (app/notify) render and deliver
// them later. The idempotency key makes a retry after a crash a no-op at the
// receiver and in the outbox itself.
#include <string>
#include <vector>

#include "domain/directory.h"
#include "domain/visit.h"

namespace gastvrij {

enum class Channel { Companion, Email, Webhook, Phone };
const char* to_string(Channel c);
std::optional<Channel> channel_from(const std::string& s);

enum class NotificationKind {
    VisitorArrived,    // "‹name› is here for you"
    VisitEscalated,    // "no answer from ‹host›; can you take ‹name›?"
    VisitReassigned,
    PromiseBroken,     // to the desk
};
const char* to_string(NotificationKind k);
std::optional<NotificationKind> notification_kind_from(const std::string& s);

enum class OutboxState { Pending, Sent, Dead };
const char* to_string(OutboxState s);

struct OutboxMessage {
    std::int64_t id = 0;
    std::string idempotency_key;  // "visit-17-arrived-1042-email": unique in the outbox
    NotificationKind kind = NotificationKind::VisitorArrived;
    Channel channel = Channel::Companion;
    VisitId visit_id = 0;
    std::string recipient;        // staff id, or "desk"
    OutboxState state = OutboxState::Pending;
    int attempts = 0;
    Timestamp created_at = 0;
    Timestamp next_attempt_at = 0;
    std::string last_error;
};

// The messages a notification to `host` (empty = desk) produces: one per channel
// configured for that colleague, plus the companion board always.
std::vector<OutboxMessage> notifications_for(const Directory& dir, const Visit& v,
                                             NotificationKind kind, const std::string& host,
                                             Timestamp now);

std::optional<OutboxState> outbox_state_from(const std::string& s);

// "visit-<id>-<kind>-<recipient>-<channel>-<ordinal>", the ordinal being the
// number of hosts the visit had been sent to (so re-asking someone is new).
std::string idempotency_key(VisitId visit, NotificationKind kind, const std::string& recipient,
                            Channel channel, int ordinal);
// A new visit's messages are built before the store assigns its id: this puts the
// id into each message and its key ("visit-0-…" → "visit-17-…"). Stores call it
// in create_visit.
void bind_visit_id(std::vector<OutboxMessage>& outbox, VisitId id);

// Retry schedule: 10 s, 30 s, 1 min, 2 min, 5 min, then every 10 min; dead after
// `max_attempts` (the desk sees the dead-letter list).
Timestamp next_retry(int attempts_so_far, Timestamp now);
constexpr int kMaxDeliveryAttempts = 12;

// What one more failed attempt leads to, after `attempts_before` earlier ones:
// another try at `next_attempt_at`, or the dead letters (then at `now`).
struct FailedAttempt {
    int attempts = 0;
    bool dead = false;
    Timestamp next_attempt_at = 0;
};
FailedAttempt after_failed_attempt(int attempts_before, Timestamp now);

}  // namespace gastvrij
