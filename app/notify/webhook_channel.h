#pragma once
// Chat notifications through incoming webhooks, as Teams and Slack accept them:
//  - "teams": the Workflows envelope {"type":"message","attachments":[{…adaptive
//    card…}]} with an Adaptive Card 1.4 (1.5 is not displayed via Workflows),
//    a heading, a FactSet and an Action.OpenUrl to the phone page when there is
//    one. Never Action.Submit: Workflows cannot receive it.
//  - "slack": {"text": fallback, "blocks": [header, section with fields]}
//    within Slack's limits (header 150, section 3000, ≤ 10 fields of ≤ 2000).
//  - "json": a plain object for the office's own tooling:
//      { "event": "visitor_arrived" | "visit_escalated" | "visit_reassigned" | "promise_broken",
//        "idempotency_key": "...", "visit_id": 17, "state": "host_notified",
//        "title": "...", "text": "<plain text body>",
//        "visitor": "Ayşe" | null, "topic": {"id": "repair", "label": "Reparatie"},
//        "recipient": {"id": "1042", "name": "Fatma Yılmaz"} | null (desk),
//        "team": "Team Verhuur", "arrived_at": "2026-11-23T09:42:00Z",
//        "waiting_since": "10:42", "minutes_waiting": 3,
//        "office": "...", "link": "https://…/phone?visit=17" | null }
// Every request carries an Idempotency-Key header with the outbox key, so a
// receiver can drop the copy that a crash between sending and recording sends.
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "notify/channel.h"

namespace gastvrij {

// The request bodies, exposed for tests and the admin screen's "send a test".
nlohmann::json teams_payload(const Notice& n);
nlohmann::json slack_payload(const Notice& n);
nlohmann::json json_payload(const Notice& n);
// The body for `format` ("teams", "slack", "json"); empty object for an unknown one.
nlohmann::json webhook_payload(const std::string& format, const Notice& n);

class WebhookChannel final : public ChannelSender {
public:
    struct Options {
        long connect_timeout_seconds = 10;
        long timeout_seconds = 20;
        // Least time between two requests to one URL, by format. Slack takes
        // about one message a second, Teams Workflows throttle above 4/s; a
        // burst after an outage is spread out instead of being refused.
        std::map<std::string, std::chrono::milliseconds> min_interval{
            {"slack", std::chrono::milliseconds(1000)}, {"teams", std::chrono::milliseconds(250)}};
    };
    explicit WebhookChannel(std::vector<WebhookSettings> hooks);
    WebhookChannel(std::vector<WebhookSettings> hooks, Options options);

    Channel channel() const override { return Channel::Webhook; }
    // Posts to the webhook named in the recipient's staff.csv `webhook` column.
    DeliveryResult deliver(const Notice& n) override;

private:
    void pace(const WebhookSettings& hook);

    std::vector<WebhookSettings> hooks_;
    Options options_;
    std::map<std::string, std::chrono::steady_clock::time_point> last_request_;  // by URL
};

}  // namespace gastvrij
