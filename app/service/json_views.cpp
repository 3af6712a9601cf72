#include "service/json_views.h"

#include <filesystem>

namespace gastvrij {

std::string topic_label(const Texts& texts, const std::string& topic_id) {
    const std::string key = "topic." + topic_id;
    return texts.has("nl", key) ? texts.text("nl", key) : topic_id;
}

std::string host_name(const Directory& dir, const std::string& host_id) {
    if (host_id.empty()) return "Receptie";
    const Staff* s = dir.person(host_id);
    return s ? s->display_name() : host_id;
}

VisitView visit_view(const Visit& v, const ViewContext& ctx, Timestamp now) {
    const Team* team = ctx.directory.team(v.team_id);
    VisitView out;
    out.visit = v;
    out.waiting = is_waiting(v.state);
    out.promise = promise_state(v, now, ctx.promise);
    out.deadline = promise_deadline(v);
    out.minutes_waiting = minutes_waiting(v, now);
    out.waiting_since = ctx.clock.local(v.arrived_at).hhmm();
    out.topic_label = topic_label(ctx.texts, v.topic_id);
    out.host_name = host_name(ctx.directory, v.host_id);
    out.team_name = team ? team->name : "";
    return out;
}

DeviceView device_view(const Device& d, const Directory& dir) {
    DeviceView out{d, d.staff_id.empty() ? std::string() : host_name(dir, d.staff_id)};
    out.device.token_hash.clear();
    return out;
}

DeadLetter dead_letter(const OutboxMessage& m, const Directory& dir) {
    return {m, m.recipient == "desk" ? std::string("Receptie") : host_name(dir, m.recipient)};
}

DirectoryView directory_view(const Config& config) {
    const Directory& dir = config.directory;
    DirectoryView out{config.kiosk.office_name, dir.reception_team, {}, {}, {}};
    for (const Topic& t : dir.topics)
        out.topics.push_back({t.id, topic_label(config.texts, t.id), t.icon, to_string(t.route), t.team, t.ack_minutes});
    for (const Team& t : dir.teams) out.teams.push_back({t.id, t.name, t.backup_team});
    for (const Staff& s : dir.staff) {
        StaffView p{s.id, s.display_name(), s.first_name, s.last_name, s.team, s.role, s.backup, s.phone_page, ""};
        std::error_code ec;
        if (!s.photo.empty() && std::filesystem::is_regular_file(std::filesystem::path(config.photos_dir) / s.photo, ec))
            p.photo_url = "/api/v1/photos/" + s.id;
        out.staff.push_back(std::move(p));
    }
    return out;
}

PresenceView presence_view(const Staff& s, Presence p, const LocalTime& now) {
    return {s.id, s.display_name(), s.team, p, is_available(s, p, now)};
}

PresenceList presence_list(const Directory& dir, const std::map<std::string, Presence>& today, const LocalTime& now) {
    PresenceList out{now.date_iso(), {}};
    for (const Staff& s : dir.staff) {
        auto it = today.find(s.id);
        out.staff.push_back(presence_view(s, it == today.end() ? Presence::Unknown : it->second, now));
    }
    return out;
}

CallbackView callback_view(const CallbackRequest& c, const Config& config, const Clock& clock, Timestamp now) {
    const LocalTime created = clock.local(c.created_at), due = clock.local(c.due_at);
    const bool done = c.state == CallbackState::Done;
    CallbackView out;
    out.request = c;
    if (done) out.request.phone.clear();
    out.topic_label = topic_label(config.texts, c.topic_id);
    if (const Topic* t = config.directory.topic(c.topic_id)) out.team = t->team;
    out.created_date = created.date_iso();
    out.created_hhmm = created.hhmm();
    out.due_date = due.date_iso();
    out.due_hhmm = due.hhmm();
    out.overdue = !done && now > c.due_at;
    return out;
}

ReportView report_view(const KpiReport& r, const std::string& from, const std::string& to, const Config& config) {
    ReportView out{from, to, r, {}};
    for (const KpiGroup& g : r.topics)
        out.labels["topic:" + g.id] = g.id.empty() ? std::string("(geen onderwerp)") : topic_label(config.texts, g.id);
    for (const KpiGroup& g : r.teams) {
        const Team* t = config.directory.team(g.id);
        out.labels["team:" + g.id] = g.id.empty() ? std::string("(geen team)") : t ? t->name : g.id;
    }
    return out;
}

}  // namespace gastvrij
