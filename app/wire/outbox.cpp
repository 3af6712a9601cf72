#include "wire/outbox.h"

#include "wire/fields.h"

namespace gastvrij {

using namespace wire;

void to_json(json& j, const DeadLetter& d) {
    const OutboxMessage& m = d.message;
    j = {{"id", m.id},
         {"kind", to_string(m.kind)},
         {"channel", to_string(m.channel)},
         {"visit", m.visit_id},
         {"recipient", m.recipient},
         {"recipient_name", d.recipient_name},
         {"state", to_string(m.state)},
         {"attempts", m.attempts},
         {"created_at", m.created_at},
         {"next_attempt_at", m.next_attempt_at},
         {"last_error", m.last_error}};
}

void from_json(const json& j, DeadLetter& d) {
    OutboxMessage& m = d.message;
    m.id = int64_at(j, "id");
    m.kind = enum_at(j, "kind", notification_kind_from);
    m.channel = enum_at(j, "channel", channel_from);
    m.visit_id = int64_at(j, "visit");
    m.recipient = string_at(j, "recipient");
    d.recipient_name = string_at(j, "recipient_name");
    m.state = enum_at(j, "state", outbox_state_from);
    m.attempts = int_at(j, "attempts");
    m.created_at = int64_at(j, "created_at");
    m.next_attempt_at = int64_at(j, "next_attempt_at");
    m.last_error = string_at(j, "last_error");
}

void to_json(json& j, const DeadLetterList& l) { j = {{"messages", l.messages}}; }

void from_json(const json& j, DeadLetterList& l) { l.messages = list_at<DeadLetter>(j, "messages"); }

}  // namespace gastvrij
