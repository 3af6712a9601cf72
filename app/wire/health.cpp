#include "wire/health.h"

#include "wire/fields.h"

namespace gastvrij {

using namespace wire;

void to_json(json& j, const ServiceHealth& h) {
    j = {{"status", h.status}, {"streams", h.streams}};
    if (h.undelivered >= 0) j["undelivered"] = h.undelivered;
}

void from_json(const json& j, ServiceHealth& h) {
    h.status = string_at(j, "status");
    h.streams = int_at(j, "streams");
    h.undelivered = j.contains("undelivered") ? int_at(j, "undelivered") : -1;
}

}  // namespace gastvrij
