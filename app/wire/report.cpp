#include "wire/report.h"

#include "wire/fields.h"

namespace gastvrij {

using namespace wire;

namespace {

// One list of the figures for both JSON flavours; the order is the order of
// `gastvrij report`'s JSON and of its CSV rows.
template <class J>
void put_figures(J& j, const KpiFigures& f) {
    j = J::object();
    j["visits"] = f.visits;
    j["finished"] = f.finished;
    j["left_or_cancelled"] = f.left_or_cancelled;
    j["escalated"] = f.escalated;
    j["acknowledged"] = f.acknowledged;
    j["ack_seconds_p50"] = f.ack_seconds_p50;
    j["ack_seconds_p90"] = f.ack_seconds_p90;
    j["started"] = f.started;
    j["start_seconds_p50"] = f.start_seconds_p50;
    j["start_seconds_p90"] = f.start_seconds_p90;
    j["surveys"] = f.surveys;
    j["score_avg"] = f.score_avg;
    j["scores_8_or_more"] = f.scores_8_or_more;
    j["share_8_or_more"] = f.share_8_or_more;
    j["one_go_answered"] = f.one_go_answered;
    j["one_go_yes"] = f.one_go_yes;
    j["share_one_go"] = f.share_one_go;
    j["callbacks"] = f.callbacks;
    j["callbacks_in_time"] = f.callbacks_in_time;
    j["callbacks_late"] = f.callbacks_late;
    j["callbacks_overdue"] = f.callbacks_overdue;
    j["callbacks_pending"] = f.callbacks_pending;
}

template <class J>
void put_day(J& j, const DayCount& d) {
    j = J::object();
    j["date"] = d.date;
    j["weekday"] = d.weekday;
    j["visits"] = d.visits;
}

json groups_json(const std::vector<KpiGroup>& groups, const ReportView& r, const std::string& kind) {
    json out = json::array();
    for (const KpiGroup& g : groups) {
        const auto label = r.labels.find(kind + ":" + g.id);
        out.push_back({{"id", g.id},
                       {"label", label == r.labels.end() ? std::string() : label->second},
                       {"figures", g.figures}});
    }
    return out;
}

std::vector<KpiGroup> groups_from(const json& j, const char* key, const std::string& kind, ReportView& r) {
    std::vector<KpiGroup> out;
    for (const json& g : list_field(j, key)) {
        out.push_back({string_at(g, "id"), field(g, "figures").get<KpiFigures>()});
        r.labels[kind + ":" + out.back().id] = string_at(g, "label");
    }
    return out;
}

}  // namespace

std::string ReportView::label(const std::string& kind, const std::string& id) const {
    auto it = labels.find(kind + ":" + id);
    return it == labels.end() || it->second.empty() ? id : it->second;
}

void to_json(json& j, const KpiFigures& f) { put_figures(j, f); }
void to_json(nlohmann::ordered_json& j, const KpiFigures& f) { put_figures(j, f); }

void from_json(const json& j, KpiFigures& f) {
    f.visits = int_at(j, "visits");
    f.finished = int_at(j, "finished");
    f.left_or_cancelled = int_at(j, "left_or_cancelled");
    f.escalated = int_at(j, "escalated");
    f.acknowledged = int_at(j, "acknowledged");
    f.ack_seconds_p50 = number_at(j, "ack_seconds_p50");
    f.ack_seconds_p90 = number_at(j, "ack_seconds_p90");
    f.started = int_at(j, "started");
    f.start_seconds_p50 = number_at(j, "start_seconds_p50");
    f.start_seconds_p90 = number_at(j, "start_seconds_p90");
    f.surveys = int_at(j, "surveys");
    f.score_avg = number_at(j, "score_avg");
    f.scores_8_or_more = int_at(j, "scores_8_or_more");
    f.share_8_or_more = number_at(j, "share_8_or_more");
    f.one_go_answered = int_at(j, "one_go_answered");
    f.one_go_yes = int_at(j, "one_go_yes");
    f.share_one_go = number_at(j, "share_one_go");
    f.callbacks = int_at(j, "callbacks");
    f.callbacks_in_time = int_at(j, "callbacks_in_time");
    f.callbacks_late = int_at(j, "callbacks_late");
    f.callbacks_overdue = int_at(j, "callbacks_overdue");
    f.callbacks_pending = int_at(j, "callbacks_pending");
}

void to_json(json& j, const DayCount& d) { put_day(j, d); }
void to_json(nlohmann::ordered_json& j, const DayCount& d) { put_day(j, d); }

void from_json(const json& j, DayCount& d) {
    d.date = string_at(j, "date");
    d.weekday = int_at(j, "weekday");
    d.visits = int_at(j, "visits");
}

void to_json(json& j, const ReportView& view) {
    const KpiReport& r = view.report;
    j = {{"from", view.from},
         {"to", view.to},
         {"from_unix", r.from},
         {"to_unix", r.to},
         {"now", r.now},
         {"overall", r.overall},
         {"topics", groups_json(r.topics, view, "topic")},
         {"teams", groups_json(r.teams, view, "team")},
         {"per_day", r.per_day},
         {"per_hour", r.per_hour},
         {"office", view.office}};
    json offices = json::array();
    for (const auto& o : view.offices) offices.push_back({{"id", o.office}, {"figures", o.figures}});
    j["offices"] = std::move(offices);
}

void from_json(const json& j, ReportView& view) {
    KpiReport& r = view.report;
    view.from = string_at(j, "from");
    view.to = string_at(j, "to");
    r.from = int64_at(j, "from_unix");
    r.to = int64_at(j, "to_unix");
    r.now = int64_at(j, "now");
    r.overall = field(j, "overall").get<KpiFigures>();
    view.labels.clear();
    r.topics = groups_from(j, "topics", "topic", view);
    r.teams = groups_from(j, "teams", "team", view);
    r.per_day = list_at<DayCount>(j, "per_day");
    const json& hours = list_field(j, "per_hour");
    if (hours.size() != r.per_hour.size())
        throw WireError("\"per_hour\" must be a list of 24 counts");
    for (std::size_t h = 0; h < r.per_hour.size(); ++h) {
        if (!hours[h].is_number_integer()) throw WireError("\"per_hour\" must hold whole numbers");
        r.per_hour[h] = hours[h].get<int>();
    }
    // A service from before offices sends neither.
    view.office = j.contains("office") ? string_at(j, "office") : std::string();
    view.offices.clear();
    if (j.contains("offices")) {
        for (const json& o : list_field(j, "offices"))
            view.offices.push_back({string_at(o, "id"), field(o, "figures").get<KpiFigures>()});
    }
}

}  // namespace gastvrij
