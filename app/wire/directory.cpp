#include "wire/directory.h"

#include "wire/fields.h"

namespace gastvrij {

using namespace wire;

void to_json(json& j, const TopicView& t) {
    j = {{"id", t.id},       {"label", t.label}, {"icon", t.icon},
         {"route", t.route}, {"team", t.team},   {"ack_minutes", t.ack_minutes}};
}

void from_json(const json& j, TopicView& t) {
    t.id = string_at(j, "id");
    t.label = string_at(j, "label");
    t.icon = string_at(j, "icon");
    t.route = string_at(j, "route");
    t.team = string_at(j, "team");
    t.ack_minutes = int_at(j, "ack_minutes");
}

void to_json(json& j, const TeamView& t) { j = {{"id", t.id}, {"name", t.name}, {"backup_team", t.backup_team}}; }

void from_json(const json& j, TeamView& t) {
    t.id = string_at(j, "id");
    t.name = string_at(j, "name");
    t.backup_team = string_at(j, "backup_team");
}

void to_json(json& j, const StaffView& s) {
    j = {{"id", s.id},       {"name", s.name},     {"first_name", s.first_name}, {"last_name", s.last_name},
         {"team", s.team},   {"role", s.role},     {"backup", s.backup},         {"phone_page", s.phone_page},
         {"photo_url", s.photo_url}};
}

void from_json(const json& j, StaffView& s) {
    s.id = string_at(j, "id");
    s.name = string_at(j, "name");
    s.first_name = string_at(j, "first_name");
    s.last_name = string_at(j, "last_name");
    s.team = string_at(j, "team");
    s.role = string_at(j, "role");
    s.backup = string_at(j, "backup");
    s.phone_page = bool_at(j, "phone_page");
    s.photo_url = string_at(j, "photo_url");
}

void to_json(json& j, const DirectoryView& d) {
    j = {{"office", d.office}, {"reception_team", d.reception_team}, {"topics", d.topics},
         {"teams", d.teams},   {"staff", d.staff}};
}

void from_json(const json& j, DirectoryView& d) {
    d.office = string_at(j, "office");
    d.reception_team = string_at(j, "reception_team");
    d.topics = list_at<TopicView>(j, "topics");
    d.teams = list_at<TeamView>(j, "teams");
    d.staff = list_at<StaffView>(j, "staff");
}

}  // namespace gastvrij
