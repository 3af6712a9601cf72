#include "service/json_views.h"

#include <filesystem>

namespace gastvrij {

using nlohmann::json;

std::string topic_label(const Texts& texts, const std::string& topic_id) {
    const std::string key = "topic." + topic_id;
    return texts.has("nl", key) ? texts.text("nl", key) : topic_id;
}

std::string host_name(const Directory& dir, const std::string& host_id) {
    if (host_id.empty()) return "Receptie";
    const Staff* s = dir.person(host_id);
    return s ? s->display_name() : host_id;
}

json visit_json(const Visit& v, const ViewContext& ctx, Timestamp now) {
    const Team* team = ctx.directory.team(v.team_id);
    json j = {
        {"id", v.id},
        {"state", to_string(v.state)},
        {"waiting", is_waiting(v.state)},
        {"topic", v.topic_id},
        {"topic_label", topic_label(ctx.texts, v.topic_id)},
        {"host", v.host_id},
        {"host_name", host_name(ctx.directory, v.host_id)},
        {"team", v.team_id},
        {"team_name", team ? team->name : ""},
        {"visitor_name", v.visitor_name},
        {"language", v.language},
        {"kiosk", v.kiosk_id},
        {"escalation_level", v.escalation_level},
        {"tried_hosts", v.tried_hosts},
        {"arrived_at", v.arrived_at},
        {"waiting_since", ctx.clock.local(v.arrived_at).hhmm()},
        {"minutes_waiting", minutes_waiting(v, now)},
        {"ack_deadline", v.ack_deadline},
        {"acknowledged_at", v.acknowledged_at},
        {"promised_at", v.promised_at},
        {"started_at", v.started_at},
        {"finished_at", v.finished_at},
        {"closed_at", v.closed_at},
        {"promise", to_string(promise_state(v, now, ctx.promise))},
        {"deadline", promise_deadline(v)},
    };
    return j;
}

json event_json(const VisitEvent& e) {
    return {{"id", e.id},       {"visit", e.visit_id},  {"at", e.at},         {"from", to_string(e.from)},
            {"to", to_string(e.to)}, {"actor", e.actor}, {"detail", e.detail}};
}

json device_json(const Device& d, const Directory& dir) {
    json j = {{"id", d.id},
              {"name", d.name},
              {"kind", to_string(d.kind)},
              {"staff_id", d.staff_id},
              {"created_at", d.created_at},
              {"revoked_at", d.revoked_at},
              {"active", d.active()}};
    if (!d.staff_id.empty()) j["staff_name"] = host_name(dir, d.staff_id);
    return j;
}

json outbox_json(const OutboxMessage& m, const Directory& dir) {
    return {{"id", m.id},
            {"kind", to_string(m.kind)},
            {"channel", to_string(m.channel)},
            {"visit", m.visit_id},
            {"recipient", m.recipient},
            {"recipient_name", m.recipient == "desk" ? std::string("Receptie") : host_name(dir, m.recipient)},
            {"state", to_string(m.state)},
            {"attempts", m.attempts},
            {"created_at", m.created_at},
            {"next_attempt_at", m.next_attempt_at},
            {"last_error", m.last_error}};
}

json directory_json(const Config& config) {
    const Directory& dir = config.directory;
    json topics = json::array(), teams = json::array(), staff = json::array();
    for (const Topic& t : dir.topics) {
        topics.push_back({{"id", t.id},
                          {"label", topic_label(config.texts, t.id)},
                          {"icon", t.icon},
                          {"route", to_string(t.route)},
                          {"team", t.team},
                          {"ack_minutes", t.ack_minutes}});
    }
    for (const Team& t : dir.teams)
        teams.push_back({{"id", t.id}, {"name", t.name}, {"backup_team", t.backup_team}});
    for (const Staff& s : dir.staff) {
        json p = {{"id", s.id},
                  {"name", s.display_name()},
                  {"first_name", s.first_name},
                  {"last_name", s.last_name},
                  {"team", s.team},
                  {"role", s.role},
                  {"backup", s.backup},
                  {"phone_page", s.phone_page},
                  {"photo_url", ""}};
        std::error_code ec;
        if (!s.photo.empty() && std::filesystem::is_regular_file(std::filesystem::path(config.photos_dir) / s.photo, ec))
            p["photo_url"] = "/api/v1/photos/" + s.id;
        staff.push_back(std::move(p));
    }
    return {{"office", config.kiosk.office_name},
            {"reception_team", dir.reception_team},
            {"topics", topics},
            {"teams", teams},
            {"staff", staff}};
}

json presence_json(const Directory& dir, const std::map<std::string, Presence>& today, const LocalTime& now) {
    json staff = json::array();
    for (const Staff& s : dir.staff) {
        auto it = today.find(s.id);
        const Presence p = it == today.end() ? Presence::Unknown : it->second;
        staff.push_back({{"id", s.id},
                         {"name", s.display_name()},
                         {"team", s.team},
                         {"presence", to_string(p)},
                         {"available", is_available(s, p, now)}});
    }
    return {{"date", now.date_iso()}, {"staff", staff}};
}

}  // namespace gastvrij
