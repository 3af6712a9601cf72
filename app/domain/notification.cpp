#include "domain/notification.h"

namespace gastvrij {

const std::vector<ChannelEntry>& channel_table() {
#define GASTVRIJ_CHANNEL_ENTRY(id, name, label, reaches) ChannelEntry{Channel::id, name, label, reaches},
    static const std::vector<ChannelEntry> table = {GASTVRIJ_CHANNELS(GASTVRIJ_CHANNEL_ENTRY)};
#undef GASTVRIJ_CHANNEL_ENTRY
    return table;
}

const ChannelEntry& channel_entry(Channel c) {
    // The table lists the enum in its own order, so the value is the index.
    return channel_table().at(static_cast<std::size_t>(c));
}

const char* to_string(Channel c) { return channel_entry(c).name; }

const char* channel_label(Channel c) { return channel_entry(c).label; }

std::optional<Channel> channel_from(const std::string& s) {
    for (const ChannelEntry& e : channel_table())
        if (s == e.name) return e.id;
    return std::nullopt;
}

const char* to_string(NotificationKind k) {
    switch (k) {
        case NotificationKind::VisitorArrived: return "arrived";
        case NotificationKind::VisitEscalated: return "escalated";
        case NotificationKind::VisitReassigned: return "reassigned";
        case NotificationKind::PromiseBroken: return "promise_broken";
    }
    return "arrived";
}

std::optional<NotificationKind> notification_kind_from(const std::string& s) {
    if (s == "arrived") return NotificationKind::VisitorArrived;
    if (s == "escalated") return NotificationKind::VisitEscalated;
    if (s == "reassigned") return NotificationKind::VisitReassigned;
    if (s == "promise_broken") return NotificationKind::PromiseBroken;
    return std::nullopt;
}

const char* to_string(OutboxState s) {
    switch (s) {
        case OutboxState::Pending: return "pending";
        case OutboxState::Sent: return "sent";
        case OutboxState::Dead: return "dead";
    }
    return "pending";
}

std::optional<OutboxState> outbox_state_from(const std::string& s) {
    if (s == "pending") return OutboxState::Pending;
    if (s == "sent") return OutboxState::Sent;
    if (s == "dead") return OutboxState::Dead;
    return std::nullopt;
}

std::string idempotency_key(VisitId visit, NotificationKind kind, const std::string& recipient,
                            Channel channel, int ordinal) {
    return "visit-" + std::to_string(visit) + "-" + to_string(kind) + "-" + recipient + "-" +
           to_string(channel) + "-" + std::to_string(ordinal);
}

std::vector<OutboxMessage> notifications_for(const Directory& dir, const Visit& v,
                                             NotificationKind kind, const std::string& host,
                                             Timestamp now) {
    // The ordinal is the number of notifications the visit has had, so asking the
    // same colleague again later is a new message, while regenerating this one is not.
    const int ordinal = static_cast<int>(v.tried_hosts.size());
    const std::string recipient = host.empty() ? std::string("desk") : host;
    std::vector<OutboxMessage> out;
    auto add = [&](Channel c) {
        OutboxMessage m;
        m.idempotency_key = idempotency_key(v.id, kind, recipient, c, ordinal);
        m.kind = kind;
        m.channel = c;
        m.visit_id = v.id;
        m.recipient = recipient;
        m.created_at = now;
        m.next_attempt_at = now;
        out.push_back(std::move(m));
    };
    const Staff* staff = host.empty() ? nullptr : dir.person(host);
    for (const ChannelEntry& e : channel_table())
        if (e.reaches(staff)) add(e.id);
    return out;
}

void bind_visit_id(std::vector<OutboxMessage>& outbox, VisitId id) {
    const std::string unbound = "visit-0-";
    for (auto& m : outbox) {
        m.visit_id = id;
        if (m.idempotency_key.rfind(unbound, 0) == 0)
            m.idempotency_key = "visit-" + std::to_string(id) + "-" + m.idempotency_key.substr(unbound.size());
    }
}

Timestamp next_retry(int attempts_so_far, Timestamp now) {
    static constexpr Timestamp kDelays[] = {10, 30, 60, 120, 300};
    const int i = attempts_so_far <= 1 ? 0 : attempts_so_far - 1;
    return now + (i < 5 ? kDelays[i] : 600);
}

FailedAttempt after_failed_attempt(int attempts_before, Timestamp now) {
    FailedAttempt f;
    f.attempts = attempts_before + 1;
    f.dead = f.attempts >= kMaxDeliveryAttempts;
    f.next_attempt_at = f.dead ? now : next_retry(f.attempts, now);
    return f;
}

}  // namespace gastvrij
