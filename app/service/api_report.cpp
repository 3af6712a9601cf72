// The KPI report for the desk: GET /api/v1/report?from=YYYY-MM-DD&to=YYYY-MM-DD,
// both local dates of the office and both included. Figures as `gastvrij
// report` computes them (domain/report.h), with Dutch labels for topics and
// team names, so the desk draws them without a second look-up.
#include <httplib.h>

#include <cstdio>

#include "domain/report.h"
#include "service/api_server.h"
#include "service/api_support.h"
#include "service/json_views.h"

namespace gastvrij {

using nlohmann::json;
using namespace api;

namespace {

// The longest period the desk may ask for in one go: a year and a bit.
constexpr int kMaxDays = 400;

std::optional<std::int64_t> civil_days(const std::string& s) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return std::nullopt;
    if (y < 2000 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    int yy = 0, mm = 0, dd = 0;
    const std::int64_t days = days_from_civil(y, m, d);
    civil_from_days(days, yy, mm, dd);
    if (yy != y || mm != m || dd != d) return std::nullopt;  // 2026-02-30
    return days;
}

// The first instant of local date `days` on the office's clock: the start of
// the local day around noon UTC of that date (within it for any offset up to
// twelve hours).
Timestamp local_midnight(const Clock& clock, std::int64_t days) { return clock.start_of_day(days * 86'400 + 12 * 3600); }

json figures_json(const KpiFigures& f) {
    return {{"visits", f.visits},
            {"finished", f.finished},
            {"left_or_cancelled", f.left_or_cancelled},
            {"escalated", f.escalated},
            {"acknowledged", f.acknowledged},
            {"ack_seconds_p50", f.ack_seconds_p50},
            {"ack_seconds_p90", f.ack_seconds_p90},
            {"started", f.started},
            {"start_seconds_p50", f.start_seconds_p50},
            {"start_seconds_p90", f.start_seconds_p90},
            {"surveys", f.surveys},
            {"score_avg", f.score_avg},
            {"scores_8_or_more", f.scores_8_or_more},
            {"share_8_or_more", f.share_8_or_more},
            {"one_go_answered", f.one_go_answered},
            {"one_go_yes", f.one_go_yes},
            {"share_one_go", f.share_one_go},
            {"callbacks", f.callbacks},
            {"callbacks_in_time", f.callbacks_in_time},
            {"callbacks_late", f.callbacks_late},
            {"callbacks_overdue", f.callbacks_overdue},
            {"callbacks_pending", f.callbacks_pending}};
}

}  // namespace

void ApiServer::add_report_routes() {
    server_->Get("/api/v1/report", [this](const httplib::Request& req, httplib::Response& res) {
        guarded(res, [&] {
            if (device_or_throw().kind != DeviceKind::Desk) throw Forbidden("only a reception desk may read reports");
            const std::string from_s = req.get_param_value("from"), to_s = req.get_param_value("to");
            const auto from_d = civil_days(from_s);
            if (!from_d) throw FieldError("from", "\"from\" must be a date like 2026-11-01, not \"" + from_s + "\"");
            const auto to_d = civil_days(to_s);
            if (!to_d) throw FieldError("to", "\"to\" must be a date like 2026-11-30, not \"" + to_s + "\"");
            if (*to_d < *from_d) throw FieldError("to", "\"to\" (" + to_s + ") lies before \"from\" (" + from_s + ")");
            if (*to_d - *from_d >= kMaxDays)
                throw FieldError("to", "a report covers at most " + std::to_string(kMaxDays) + " days");
            const Clock& clock = ctx_.reception.clock();
            const Timestamp from = local_midnight(clock, *from_d), to = local_midnight(clock, *to_d + 1);
            const Directory& dir = ctx_.config.directory;
            const KpiReport r = kpi_report(ctx_.reception.records(), dir, clock, from, to);

            json topics = json::array(), teams = json::array(), days = json::array();
            for (const KpiGroup& g : r.topics)
                topics.push_back({{"id", g.id},
                                  {"label", g.id.empty() ? std::string("(geen onderwerp)") : topic_label(ctx_.config.texts, g.id)},
                                  {"figures", figures_json(g.figures)}});
            for (const KpiGroup& g : r.teams) {
                const Team* t = dir.team(g.id);
                teams.push_back({{"id", g.id},
                                 {"label", g.id.empty() ? std::string("(geen team)") : t ? t->name : g.id},
                                 {"figures", figures_json(g.figures)}});
            }
            for (const DayCount& d : r.per_day)
                days.push_back({{"date", d.date}, {"weekday", d.weekday}, {"visits", d.visits}});
            reply(res, 200,
                  {{"from", from_s},
                   {"to", to_s},
                   {"from_unix", r.from},
                   {"to_unix", r.to},
                   {"now", r.now},
                   {"overall", figures_json(r.overall)},
                   {"topics", topics},
                   {"teams", teams},
                   {"per_day", days},
                   {"per_hour", r.per_hour}});
        });
    });
}

}  // namespace gastvrij
