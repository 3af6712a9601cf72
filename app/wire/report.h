#pragma once
// The KPI figures on the wire. The figures of a period, a topic or a team
// (KpiFigures) and a day's count are written by one to_json, which the
// service's GET /api/v1/report and `gastvrij report --format json|csv` share;
// the ordered_json flavour keeps the order of the figures for the command's
// output. ReportView is the report as the service sends it to the desk.
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "domain/report.h"

namespace gastvrij {

// The KPI report with the service's Dutch labels for topics and teams.
struct ReportView {
    std::string from, to;                  // the local dates asked for, both included
    KpiReport report;
    std::map<std::string, std::string> labels;  // "topic:<id>" / "team:<id>" → words
    std::string office;                   // whose report it is ([office] id)
    std::vector<OfficeFigures> offices;   // every office of the store, side by side (one when alone)
    std::string label(const std::string& kind, const std::string& id) const;
};

void to_json(nlohmann::json& j, const KpiFigures& f);
void to_json(nlohmann::ordered_json& j, const KpiFigures& f);
void from_json(const nlohmann::json& j, KpiFigures& f);
void to_json(nlohmann::json& j, const DayCount& d);
void to_json(nlohmann::ordered_json& j, const DayCount& d);
void from_json(const nlohmann::json& j, DayCount& d);
void to_json(nlohmann::json& j, const ReportView& r);
void from_json(const nlohmann::json& j, ReportView& r);

}  // namespace gastvrij
