#pragma once
// GET /health: whether the service's store works, for kiosks and monitors.
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace gastvrij {

struct ServiceHealth {
    std::string status;    // "ok" or what is wrong with the store
    int undelivered = -1;  // dead letters; -1 = the service did not say (and then not sent)
    int streams = 0;       // open event streams
};

void to_json(nlohmann::json& j, const ServiceHealth& h);
void from_json(const nlohmann::json& j, ServiceHealth& h);

}  // namespace gastvrij
