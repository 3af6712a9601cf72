#include "domain/routing.h"

#include <algorithm>
#include <set>

namespace gastvrij {

namespace {

Presence presence_of(const RoutingContext& ctx, const std::string& id) {
    auto it = ctx.presence.find(id);
    return it == ctx.presence.end() ? Presence::Unknown : it->second;
}

int load_of(const RoutingContext& ctx, const std::string& id) {
    auto it = ctx.load.find(id);
    return it == ctx.load.end() ? 0 : it->second;
}

bool tried(const std::vector<std::string>& skip, const std::string& id) {
    return std::find(skip.begin(), skip.end(), id) != skip.end();
}

// A colleague who can be asked now and was not asked before.
bool can_ask(const RoutingContext& ctx, const Staff* s, const std::vector<std::string>& skip) {
    return s && !tried(skip, s->id) && is_available(*s, presence_of(ctx, s->id), ctx.now);
}

RouteResult desk(const RoutingContext& ctx, std::string reason) {
    return RouteResult{"", ctx.directory.reception_team, 3, std::move(reason)};
}

// The least busy available member of `team`, else of its backup team(s).
// Ties go to the one listed first in the directory, so routing is predictable.
std::optional<RouteResult> from_teams(const RoutingContext& ctx, const std::string& first_team,
                                      const std::vector<std::string>& skip) {
    std::set<std::string> seen;  // a backup_team cycle in the config must not loop
    std::string team_id = first_team;
    bool is_backup = false;
    while (!team_id.empty() && seen.insert(team_id).second) {
        const Staff* best = nullptr;
        for (const Staff* s : ctx.directory.members(team_id)) {
            if (!can_ask(ctx, s, skip)) continue;
            if (!best || load_of(ctx, s->id) < load_of(ctx, best->id)) best = s;
        }
        if (best)
            return RouteResult{best->id, team_id, 2,
                               (is_backup ? "backup team " : "team ") + team_id};
        const Team* t = ctx.directory.team(team_id);
        if (!t) break;
        team_id = t->backup_team;
        is_backup = true;
    }
    return std::nullopt;
}

}  // namespace

RouteResult route(const RoutingContext& ctx, const Topic& topic, const std::string& chosen) {
    if (topic.route == RouteKind::Desk) return desk(ctx, "desk: asked for the desk");
    const std::vector<std::string> none;
    std::string team_id = topic.team;
    if (const Staff* person = chosen.empty() ? nullptr : ctx.directory.person(chosen)) {
        if (can_ask(ctx, person, none)) return RouteResult{person->id, person->team, 0, "chosen"};
        const Staff* backup = person->backup.empty() ? nullptr : ctx.directory.person(person->backup);
        if (can_ask(ctx, backup, none))
            return RouteResult{backup->id, backup->team, 1, "backup of " + person->id};
        team_id = person->team;
    } else if (topic.route == RouteKind::Team) {
        // A team topic's first host is "first in line", not a fallback.
        if (auto r = from_teams(ctx, team_id, none)) {
            if (r->team_id == topic.team) r->level = 0;
            return *r;
        }
        return desk(ctx, "desk: nobody available");
    }
    if (auto r = from_teams(ctx, team_id, none)) return *r;
    return desk(ctx, "desk: nobody available");
}

RouteResult next_escalation(const RoutingContext& ctx, const Visit& visit) {
    if (visit.host_id.empty() || visit.escalation_level >= 3)
        return desk(ctx, "desk: still waiting");
    const auto& skip = visit.tried_hosts;
    const int from = visit.escalation_level + 1;

    if (from <= 1) {
        const Staff* host = ctx.directory.person(visit.host_id);
        const Staff* backup = host && !host->backup.empty() ? ctx.directory.person(host->backup) : nullptr;
        if (can_ask(ctx, backup, skip))
            return RouteResult{backup->id, backup->team, 1, "backup of " + host->id};
    }
    if (from <= 2) {
        // The team of the topic, or of the colleague the visitor came for.
        std::string team_id;
        const Topic* topic = ctx.directory.topic(visit.topic_id);
        if (topic && topic->route == RouteKind::Team) team_id = topic->team;
        if (team_id.empty() && !skip.empty())
            if (const Staff* first = ctx.directory.person(skip.front())) team_id = first->team;
        if (team_id.empty()) team_id = visit.team_id;
        if (auto r = from_teams(ctx, team_id, skip)) return *r;
    }
    return desk(ctx, "desk: nobody available");
}

}  // namespace gastvrij
