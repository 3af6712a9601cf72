#include "service/channel_senders.h"

namespace gastvrij {

nlohmann::json notification_json(const Notice& n, const ViewContext& view) {
    return {{"message", n.message.id},
            {"key", n.message.idempotency_key},
            {"kind", to_string(n.message.kind)},
            {"recipient", n.message.recipient},
            {"title", n.title},
            {"visit", visit_json(n.visit, view, n.now)}};
}

DeliveryResult CompanionSender::deliver(const Notice& n) {
    try {
        hub_.publish_notification("desk", notification_json(n, view_));
        return DeliveryResult::ok();
    } catch (const std::exception& e) {
        return DeliveryResult::retryable(e.what());
    }
}

DeliveryResult PhoneSender::deliver(const Notice& n) {
    try {
        const std::string& staff = n.message.recipient;
        if (n.visit.host_id != staff || !is_waiting(n.visit.state)) return DeliveryResult::ok();  // nothing to alert
        if (hub_.publish_notification(staff, notification_json(n, view_)) > 0) return DeliveryResult::ok();
        return DeliveryResult::retryable("no phone of " + host_name(view_.directory, staff) +
                                         " has the phone page open");
    } catch (const std::exception& e) {
        return DeliveryResult::retryable(e.what());
    }
}

}  // namespace gastvrij
