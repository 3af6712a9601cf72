#pragma once
// The office's directory on the wire (GET /api/v1/directory): topics with
// their Dutch labels, teams, and colleagues with their display names.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace gastvrij {

struct TopicView {
    std::string id, label, icon, route, team;
    int ack_minutes = 5;
    friend bool operator==(const TopicView&, const TopicView&) = default;
};
struct TeamView {
    std::string id, name, backup_team;
    friend bool operator==(const TeamView&, const TeamView&) = default;
};
struct StaffView {
    std::string id, name, first_name, last_name, team, role, backup;
    bool phone_page = false;
    std::string photo_url;  // "" = no photo; else pass the id to ServiceClient::photo()
    friend bool operator==(const StaffView&, const StaffView&) = default;
};
struct DirectoryView {
    std::string office, reception_team;
    std::vector<TopicView> topics;
    std::vector<TeamView> teams;
    std::vector<StaffView> staff;
    friend bool operator==(const DirectoryView&, const DirectoryView&) = default;
};

void to_json(nlohmann::json& j, const TopicView& t);
void from_json(const nlohmann::json& j, TopicView& t);
void to_json(nlohmann::json& j, const TeamView& t);
void from_json(const nlohmann::json& j, TeamView& t);
void to_json(nlohmann::json& j, const StaffView& s);
void from_json(const nlohmann::json& j, StaffView& s);
void to_json(nlohmann::json& j, const DirectoryView& d);
void from_json(const nlohmann::json& j, DirectoryView& d);

}  // namespace gastvrij
