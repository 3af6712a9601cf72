#include "wire/error.h"

#include "wire/fields.h"

namespace gastvrij {

using namespace wire;

void to_json(json& j, const ApiError& e) {
    j = {{"error", e.error}};
    if (!e.field.empty()) j["field"] = e.field;
    if (!e.reason.empty()) j["reason"] = e.reason;
}

void from_json(const json& j, ApiError& e) {
    e.error = string_at(j, "error");
    e.field = optional_string_at(j, "field");
    e.reason = optional_string_at(j, "reason");
}

}  // namespace gastvrij
