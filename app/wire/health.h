#pragma once
// GET /health: whether the service's store works, for kiosks and monitors.
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace gastvrij {

// Anyone may ask; a paired device also hears the counts, a desk also the
// detail (which may name paths).
struct ServiceHealth {
    std::string status;    // "ok" | "degraded" (reads, but cannot save) | "down"
    int undelivered = -1;  // dead letters; -1 = not told
    int streams = -1;      // open event streams; -1 = not told
    std::string detail;    // what is wrong and what to do; "" = not told
};

void to_json(nlohmann::json& j, const ServiceHealth& h);
void from_json(const nlohmann::json& j, ServiceHealth& h);

}  // namespace gastvrij
