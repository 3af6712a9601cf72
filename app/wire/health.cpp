#include "wire/health.h"

#include "wire/fields.h"

namespace gastvrij {

using namespace wire;

void to_json(json& j, const ServiceHealth& h) {
    j = {{"status", h.status}};
    if (h.streams >= 0) j["streams"] = h.streams;
    if (h.undelivered >= 0) j["undelivered"] = h.undelivered;
    if (!h.detail.empty()) j["detail"] = h.detail;
}

void from_json(const json& j, ServiceHealth& h) {
    h.status = string_at(j, "status");
    h.streams = j.contains("streams") ? int_at(j, "streams") : -1;
    h.undelivered = j.contains("undelivered") ? int_at(j, "undelivered") : -1;
    h.detail = j.contains("detail") ? string_at(j, "detail") : std::string();
}

}  // namespace gastvrij
