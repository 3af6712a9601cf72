#include "service/channel_senders.h"

namespace gastvrij {

NotificationView notification_view(const Notice& n, const ViewContext& view) {
    return {n.message.id, n.message.idempotency_key, n.message.kind, n.message.recipient, n.title,
            visit_view(n.visit, view, n.now)};
}

DeliveryResult CompanionSender::deliver(const Notice& n) {
    try {
        hub_.publish_notification("desk", notification_view(n, view_));
        return DeliveryResult::ok();
    } catch (const std::exception& e) {
        return DeliveryResult::retryable(e.what());
    }
}

DeliveryResult PhoneSender::deliver(const Notice& n) {
    try {
        const std::string& staff = n.message.recipient;
        if (n.visit.host_id != staff || !is_waiting(n.visit.state)) return DeliveryResult::ok();  // nothing to alert
        if (hub_.publish_notification(staff, notification_view(n, view_)) > 0) return DeliveryResult::ok();
        return DeliveryResult::retryable("no phone of " + host_name(view_.directory, staff) +
                                         " has the phone page open");
    } catch (const std::exception& e) {
        return DeliveryResult::retryable(e.what());
    }
}

}  // namespace gastvrij
