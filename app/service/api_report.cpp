// The KPI report for the desk: GET /api/v1/report?from=YYYY-MM-DD&to=YYYY-MM-DD,
// both local dates of the office and both included. Figures as `gastvrij
// report` computes them (domain/report.h), with Dutch labels for topics and
// team names, so the desk draws them without a second look-up.
#include "http/http.h"

#include <cstdio>

#include "domain/report.h"
#include "service/api_server.h"
#include "service/api_support.h"
#include "service/json_views.h"

namespace gastvrij {

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

}  // namespace

void ApiServer::add_report_routes() {
    router_.get("/api/v1/report", [this](const http::Request& req, http::Response& res) {
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
            // Every office of the store, each tallied once: this office's whole
            // report, and the others' figures beside it.
            const Store& store = ctx_.reception.records();
            const OfficesReport all = offices_report(store, store.offices(), dir, clock, from, to);
            KpiReport own;
            bool found = false;
            for (std::size_t i = 0; i < all.offices.size() && !found; ++i) {
                if (all.offices[i].office == store.office()) own = all.each[i], found = true;
            }
            if (!found) own = kpi_report(store, dir, clock, from, to);
            ReportView view = report_view(own, from_s, to_s, ctx_.config);
            view.office = store.office();
            view.offices = all.offices;
            reply(res, 200, view);
        });
    });
}

}  // namespace gastvrij
