// Every channel in the domain's table is delivered by a configured service: a
// channel without a sender would leave its messages pending for ever.
#include "service_fixture.h"

#include "domain/notification.h"

namespace gastvrij::service_test {
namespace {

TEST(Channels, AFullyConfiguredServiceHasASenderForEveryChannel) {
    Config config = office_config();
    config.kiosk.smtp.url = "smtp://127.0.0.1:1";
    config.kiosk.smtp.from = "Gastvrij <receptie@example.nl>";
    config.kiosk.webhooks.push_back({"verhuur", "http://127.0.0.1:1/hook", "json"});
    Harness h(test_options(), std::move(config));
    for (const ChannelEntry& c : channel_table()) EXPECT_TRUE(h.service.outbox().serves(c.id)) << c.name;
}

TEST(Channels, WithoutMailOrWebhooksOnlyTheServicesOwnChannelsAreServed) {
    Harness h;
    EXPECT_TRUE(h.service.outbox().serves(Channel::Companion));
    EXPECT_TRUE(h.service.outbox().serves(Channel::Phone));
    EXPECT_FALSE(h.service.outbox().serves(Channel::Email));
    EXPECT_FALSE(h.service.outbox().serves(Channel::Webhook));
}

}  // namespace
}  // namespace gastvrij::service_test
