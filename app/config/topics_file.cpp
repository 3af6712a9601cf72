// topics.toml: the teams of the office and the kiosk's topic tiles, in order.
#include <algorithm>
#include <cctype>

#include "config/loader.h"

namespace gastvrij::detail {

namespace {

const char* kFile = "topics.toml";

bool valid_id(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return (c >= 'a' && c <= 'z') || std::isdigit(c) || c == '_' || c == '-';
    });
}

std::vector<std::string> team_ids(const Directory& d) {
    std::vector<std::string> ids;
    for (auto& t : d.teams) ids.push_back(t.id);
    return ids;
}

}  // namespace

TopicsFileResult load_topics_file(const std::string& dir, Directory& d, Report& report) {
    TopicsFileResult out;
    auto text = read_text_file(dir, kFile, report);
    if (!text) return out;
    auto doc = parse_toml(*text, kFile, report);
    if (!doc) return out;
    out.parsed = true;

    TableReader root(report, kFile, &*doc, "", 0);
    std::vector<int> backup_lines;

    if (const toml::array* teams = root.table_array("team")) {
        for (const toml::node& node : *teams) {
            const toml::table* t = node.as_table();
            if (!t) continue;
            TableReader r(report, kFile, t, "[[team]]", line_of(node));
            Team team;
            if (auto v = r.string("id", true)) {
                team.id = trim(*v);
                if (!valid_id(team.id)) {
                    report.error(kFile, r.line_of_key("id"),
                                 "[[team]]: id '" + *v + "' may use only small letters, digits, - and _, like \"verhuur\"");
                    team.id.clear();
                }
            }
            if (auto v = r.string("name", true)) {
                team.name = trim(*v);
                if (team.name.empty()) report.error(kFile, r.line_of_key("name"), "[[team]]: name is empty — write the team's name, like \"Team Verhuur\"");
            }
            if (auto v = r.string("backup_team")) team.backup_team = trim(*v);
            r.finish();
            if (team.id.empty()) continue;
            auto same = std::find_if(d.teams.begin(), d.teams.end(), [&](const Team& o) { return o.id == team.id; });
            if (same != d.teams.end()) {
                report.error(kFile, r.line_of_key("id"),
                             "[[team]]: id '" + team.id + "' is used twice — also on line " +
                                 std::to_string(out.team_lines[same - d.teams.begin()]));
                continue;
            }
            out.team_lines.push_back(r.line_of_key("id"));
            backup_lines.push_back(r.line_of_key("backup_team"));
            d.teams.push_back(std::move(team));
        }
    }
    if (d.teams.empty() && !root.has("team") && out.parsed)
        report.error(kFile, 0, "no teams — add at least one block starting with [[team]]");

    if (const toml::array* topics = root.table_array("topic")) {
        for (const toml::node& node : *topics) {
            const toml::table* t = node.as_table();
            if (!t) continue;
            TableReader r(report, kFile, t, "[[topic]]", line_of(node));
            Topic topic;
            std::string where = "[[topic]]";
            if (auto v = r.string("id", true)) {
                topic.id = trim(*v);
                if (!valid_id(topic.id)) {
                    report.error(kFile, r.line_of_key("id"),
                                 "[[topic]]: id '" + *v + "' may use only small letters, digits, - and _, like \"repair\"");
                    topic.id.clear();
                } else {
                    where = "topic '" + topic.id + "'";
                }
            }
            if (auto v = r.string("icon", true)) {
                topic.icon = trim(*v);
                bool ok = !topic.icon.empty() && std::all_of(topic.icon.begin(), topic.icon.end(), [](unsigned char c) {
                    return (c >= 'a' && c <= 'z') || std::isdigit(c) || c == '_';
                });
                if (!ok)
                    report.error(kFile, r.line_of_key("icon"),
                                 where + ": icon '" + *v + "' is not a Material Icons name — use small letters and _, like \"build\" or \"euro\"");
            }
            std::string route_text = "team";
            if (auto v = r.string("route", true)) {
                route_text = lower_ascii(trim(*v));
                if (auto k = route_kind_from(route_text)) topic.route = *k;
                else
                    report.error(kFile, r.line_of_key("route"),
                                 where + ": route \"" + *v + "\" is unknown — use \"team\", \"person\" or \"desk\"" +
                                     did_you_mean(route_text, {"team", "person", "desk"}));
            }
            if (auto v = r.string("team")) topic.team = trim(*v);
            if (topic.route == RouteKind::Team && topic.team.empty() && route_text == "team")
                report.error(kFile, r.line(), where + ": route = \"team\" needs a team — add team = \"…\" (one of: " +
                                                  join(team_ids(d)) + ")");
            if (topic.route != RouteKind::Team && !topic.team.empty())
                report.warning(kFile, r.line_of_key("team"),
                               where + ": team is not used when route = \"" + route_text + "\"");
            if (auto v = r.integer("ack_minutes", 1, 120)) topic.ack_minutes = static_cast<int>(*v);
            if (auto v = r.string("info_url")) {
                topic.info_url = trim(*v);
                if (!topic.info_url.empty() && topic.info_url.rfind("https://", 0) != 0 && topic.info_url.rfind("http://", 0) != 0)
                    report.error(kFile, r.line_of_key("info_url"), where + ": info_url must start with https://");
            }
            r.finish();
            if (topic.id.empty()) continue;
            auto same = std::find_if(d.topics.begin(), d.topics.end(), [&](const Topic& o) { return o.id == topic.id; });
            if (same != d.topics.end()) {
                report.error(kFile, r.line_of_key("id"),
                             "[[topic]]: id '" + topic.id + "' is used twice — also on line " +
                                 std::to_string(out.topic_lines[same - d.topics.begin()]));
                continue;
            }
            out.topic_lines.push_back(r.line_of_key("id"));
            out.topic_team_lines.push_back(r.line_of_key("team"));
            out.topic_icon_lines.push_back(r.line_of_key("icon"));
            d.topics.push_back(std::move(topic));
        }
    }
    if (d.topics.empty() && !root.has("topic"))
        report.error(kFile, 0, "no topics — add at least one block starting with [[topic]]");
    if (d.topics.size() > 12)
        report.warning(kFile, 0, std::to_string(d.topics.size()) + " topics — more than 12 tiles get small; keep the list short");
    root.finish();

    // References inside this file: teams named by topics and by other teams.
    for (std::size_t i = 0; i < d.topics.size(); ++i) {
        const Topic& t = d.topics[i];
        if (t.route == RouteKind::Team && !t.team.empty() && !d.team(t.team))
            report.error(kFile, out.topic_team_lines[i],
                         "topic '" + t.id + "': unknown team '" + t.team + "'" + one_of(t.team, team_ids(d)));
    }
    for (std::size_t i = 0; i < d.teams.size(); ++i) {
        const Team& t = d.teams[i];
        if (t.backup_team.empty()) continue;
        if (t.backup_team == t.id)
            report.error(kFile, backup_lines[i], "team '" + t.id + "': backup_team is the team itself — name another team, or leave it out for the reception desk");
        else if (!d.team(t.backup_team))
            report.error(kFile, backup_lines[i],
                         "team '" + t.id + "': unknown backup_team '" + t.backup_team + "'" +
                             one_of(t.backup_team, team_ids(d)));
    }
    return out;
}

}  // namespace gastvrij::detail
