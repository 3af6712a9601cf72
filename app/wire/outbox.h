#pragma once
// Notifications that gave up, as the desk lists them (GET /api/v1/outbox/dead).
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "domain/notification.h"

namespace gastvrij {

// The idempotency key stays in the service: not sent, and "" when read.
struct DeadLetter {
    OutboxMessage message;
    std::string recipient_name;  // "Receptie" for the desk
};

struct DeadLetterList {
    std::vector<DeadLetter> messages;
};

void to_json(nlohmann::json& j, const DeadLetter& d);
void from_json(const nlohmann::json& j, DeadLetter& d);
void to_json(nlohmann::json& j, const DeadLetterList& l);
void from_json(const nlohmann::json& j, DeadLetterList& l);

}  // namespace gastvrij
