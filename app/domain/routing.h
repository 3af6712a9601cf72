#pragma once
// Who gets the visitor: the chosen colleague, else their backup, else an
// available member of the team (least busy first), else the backup team, else
// the reception desk. Escalation walks the same ladder from where a visit is.
#include <map>
#include <string>

#include "domain/directory.h"
#include "domain/visit.h"

namespace gastvrij {

using PresenceBoard = std::map<std::string, Presence>;  // staff id → today's presence
using OpenLoad = std::map<std::string, int>;            // staff id → visits waiting for them

struct RouteResult {
    std::string host_id;   // empty = the reception desk
    std::string team_id;   // team of the host, or of the desk
    int level = 0;         // 0 chosen/first, 1 backup colleague, 2 team, 3 desk
    std::string reason;    // "chosen", "backup of 1042", "team verhuur", "desk: nobody available"
    bool is_desk() const { return host_id.empty(); }
};

struct RoutingContext {
    const Directory& directory;
    const PresenceBoard& presence;
    const OpenLoad& load;
    LocalTime now;
};

// First routing at check-in. `chosen` is the staff id the visitor picked (may be empty).
RouteResult route(const RoutingContext& ctx, const Topic& topic, const std::string& chosen);

// The next step for a visit whose host did not answer in time. Skips everyone in
// visit.tried_hosts; ends at the desk (level 3). At the desk it stays at the desk.
RouteResult next_escalation(const RoutingContext& ctx, const Visit& visit);

}  // namespace gastvrij
