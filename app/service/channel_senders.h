#pragma once
// The two channels the service delivers itself: the companion board at the
// desk and a colleague's paired phone. Delivering means queueing a
// "notification" frame on the live event streams (SseHub); the visit itself
// reaches every board through the event log anyway, so these add the alert
// (sound, vibration, a toast) on top.
#include <memory>

#include "notify/channel.h"
#include "service/sse_hub.h"
#include "wire/notification.h"

namespace gastvrij {

// The "notification" event's data: kind, recipient, title and the visit.
NotificationView notification_view(const Notice& n, const ViewContext& view);

// Every desk stream. Reported delivered even when no desk is connected: a
// board that connects later loads the visit list, which shows the visit.
class CompanionSender final : public ChannelSender {
public:
    CompanionSender(SseHub& hub, ViewContext view) : hub_(hub), view_(view) {}
    Channel channel() const override { return Channel::Companion; }
    DeliveryResult deliver(const Notice& n) override;

private:
    SseHub& hub_;
    ViewContext view_;
};

// The phones paired for the message's colleague. With none connected (a
// locked phone's browser drops its stream) the outbox tries again on its
// schedule, so the buzz arrives when the page comes back — unless the visit
// no longer waits for that colleague, when there is nothing left to say.
class PhoneSender final : public ChannelSender {
public:
    PhoneSender(SseHub& hub, ViewContext view) : hub_(hub), view_(view) {}
    Channel channel() const override { return Channel::Phone; }
    DeliveryResult deliver(const Notice& n) override;

private:
    SseHub& hub_;
    ViewContext view_;
};

}  // namespace gastvrij
