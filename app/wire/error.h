#pragma once
// The body of every refusal (4xx, 5xx): what is wrong in words for a person,
// the request field it concerns, and for some refusals a key a program acts
// on (redeeming a pairing code: "unknown", "expired", "used").
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace gastvrij {

struct ApiError {
    std::string error;
    std::string field;   // "" = none, and then not sent
    std::string reason;  // "" = none, and then not sent
};

void to_json(nlohmann::json& j, const ApiError& e);
void from_json(const nlohmann::json& j, ApiError& e);

}  // namespace gastvrij
