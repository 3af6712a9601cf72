#pragma once
// The "notification" event: the desk (or a colleague's phone) is asked to
// look at a visit.
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "domain/notification.h"
#include "wire/visit.h"

namespace gastvrij {

struct NotificationView {
    std::int64_t message_id = 0;
    std::string key;        // the outbox message's idempotency key
    NotificationKind kind = NotificationKind::VisitorArrived;
    std::string recipient;  // staff id or "desk"
    std::string title;
    VisitView visit;
};

void to_json(nlohmann::json& j, const NotificationView& n);
void from_json(const nlohmann::json& j, NotificationView& n);

}  // namespace gastvrij
