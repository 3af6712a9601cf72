#include "wire/presence.h"

#include "wire/fields.h"

namespace gastvrij {

using namespace wire;

void to_json(json& j, const PresenceView& p) {
    j = {{"id", p.staff_id},
         {"name", p.name},
         {"team", p.team},
         {"presence", to_string(p.presence)},
         {"available", p.available}};
}

void from_json(const json& j, PresenceView& p) {
    p.staff_id = string_at(j, "id");
    p.name = string_at(j, "name");
    p.team = string_at(j, "team");
    p.presence = enum_at(j, "presence", presence_from);
    p.available = bool_at(j, "available");
}

void to_json(json& j, const PresenceList& b) { j = {{"date", b.date}, {"staff", b.staff}}; }

void from_json(const json& j, PresenceList& b) {
    b.date = string_at(j, "date");
    b.staff = list_at<PresenceView>(j, "staff");
}

}  // namespace gastvrij
