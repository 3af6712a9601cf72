#pragma once
// Today's presence on the wire: one colleague (also the "presence" event and
// the answer to PUT /api/v1/presence) and the whole board.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "domain/directory.h"

namespace gastvrij {

struct PresenceView {
    std::string staff_id, name, team;
    Presence presence = Presence::Unknown;
    bool available = false;  // can take a visitor now (presence or working hours)
    friend bool operator==(const PresenceView&, const PresenceView&) = default;
};

struct PresenceList {
    std::string date;  // the service's local date, "2026-11-23"
    std::vector<PresenceView> staff;
};

void to_json(nlohmann::json& j, const PresenceView& p);
void from_json(const nlohmann::json& j, PresenceView& p);
void to_json(nlohmann::json& j, const PresenceList& b);
void from_json(const nlohmann::json& j, PresenceList& b);

}  // namespace gastvrij
