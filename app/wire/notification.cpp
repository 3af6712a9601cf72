#include "wire/notification.h"

#include "wire/fields.h"

namespace gastvrij {

using namespace wire;

void to_json(json& j, const NotificationView& n) {
    j = {{"message", n.message_id}, {"key", n.key},     {"kind", to_string(n.kind)},
         {"recipient", n.recipient}, {"title", n.title}, {"visit", n.visit}};
}

void from_json(const json& j, NotificationView& n) {
    n.message_id = int64_at(j, "message");
    n.key = string_at(j, "key");
    n.kind = enum_at(j, "kind", notification_kind_from);
    n.recipient = string_at(j, "recipient");
    n.title = string_at(j, "title");
    n.visit = field(j, "visit").get<VisitView>();
}

}  // namespace gastvrij
