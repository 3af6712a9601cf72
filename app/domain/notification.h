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

// The notification channels, in the order a visit's messages are made. A new
// channel is one row here plus its sender (app/notify or app/service, which
// registers it with the outbox worker); the enum, the wire names, the staff's
// word for it and who it reaches all come from this row.
//
// X(Id, "name" (outbox rows, JSON, idempotency keys: never renamed),
//   "label" (the staff's Dutch, the desk's dead letters),
//   reaches: whether a message for `host` goes this way; host is null for the
//   desk or a colleague no longer in the directory)
#define GASTVRIJ_CHANNELS(X)                                                                \
    X(Companion, "companion", "bord", [](const Staff*) { return true; })                    \
    X(Email, "email", "e-mail", [](const Staff* host) { return host && !host->email.empty(); }) \
    X(Webhook, "webhook", "Teams/Slack", [](const Staff* host) { return host && !host->webhook.empty(); }) \
    X(Phone, "phone", "telefoon", [](const Staff* host) { return host && host->phone_page; })

#define GASTVRIJ_CHANNEL_ENUM(id, name, label, reaches) id,
enum class Channel { GASTVRIJ_CHANNELS(GASTVRIJ_CHANNEL_ENUM) };
#undef GASTVRIJ_CHANNEL_ENUM

struct ChannelEntry {
    Channel id;
    const char* name;
    const char* label;
    bool (*reaches)(const Staff* host);
};

// Every channel, in the order above.
const std::vector<ChannelEntry>& channel_table();
const ChannelEntry& channel_entry(Channel c);
const char* to_string(Channel c);
std::optional<Channel> channel_from(const std::string& s);
// What staff call it: "bord", "e-mail", "Teams/Slack", "telefoon".
const char* channel_label(Channel c);

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
// that reaches that colleague (the companion board always), in table order.
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
