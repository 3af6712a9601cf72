#include "store/csv_export.h"

#include <cstdio>
#include <vector>

namespace gastvrij {

namespace {

std::string local_iso(const Clock& clock, Timestamp t) {
    if (t == 0) return {};
    const LocalTime l = clock.local(t);
    char sec[4];
    std::snprintf(sec, sizeof sec, ":%02d", l.second);
    return l.date_iso() + "T" + l.hhmm() + sec;
}

std::string seconds_between(Timestamp from, Timestamp to) {
    return (from == 0 || to == 0) ? std::string() : std::to_string(to - from);
}

void row(std::ostream& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out << ',';
        out << csv_field(fields[i]);
    }
    out << "\r\n";
}

}  // namespace

std::string csv_field(const std::string& value) {
    std::string v = value;
    const bool number = !v.empty() && v.find_first_not_of("0123456789", v[0] == '-' ? 1 : 0) == std::string::npos;
    if (!number && !v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v.insert(0, "'");
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string quoted = "\"";
    for (char c : v) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

std::size_t export_visits_csv(const Store& store, const Clock& clock, Timestamp from, Timestamp to, std::ostream& out) {
    row(out, {"visit", "arrived", "kiosk", "topic", "host", "team", "language", "state", "escalation_level",
              "hosts_tried", "acknowledged", "promised", "started", "closed", "seconds_to_answer",
              "seconds_to_conversation"});
    const auto visits = store.visits_between(from, to);
    for (const Visit& v : visits) {
        std::string tried;
        for (const auto& h : v.tried_hosts) tried += (tried.empty() ? "" : " ") + (h.empty() ? "desk" : h);
        row(out, {std::to_string(v.id), local_iso(clock, v.arrived_at), v.kiosk_id, v.topic_id, v.host_id,
                  v.team_id, v.language, to_string(v.state), std::to_string(v.escalation_level), tried,
                  local_iso(clock, v.acknowledged_at), local_iso(clock, v.promised_at),
                  local_iso(clock, v.started_at), local_iso(clock, v.closed_at),
                  seconds_between(v.arrived_at, v.acknowledged_at), seconds_between(v.arrived_at, v.started_at)});
    }
    return visits.size();
}

std::size_t export_surveys_csv(const Store& store, const Clock& clock, Timestamp from, Timestamp to, std::ostream& out) {
    row(out, {"hour", "staff", "topic", "score", "one_go", "language", "comment"});
    const auto surveys = store.surveys_between(from, to);
    for (const SurveyResponse& r : surveys) {
        const std::string one_go = r.one_go ? (*r.one_go ? "yes" : "no") : "";
        row(out, {local_iso(clock, r.hour), r.staff_id, r.topic_id, std::to_string(r.score), one_go, r.language,
                  r.comment});
    }
    return surveys.size();
}

}  // namespace gastvrij
