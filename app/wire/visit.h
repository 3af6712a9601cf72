#pragma once
// Visits on the wire: a visit as desks, phones and kiosks see it (with the
// names and the promise worked out by the service), an entry of its log, and
// the envelopes they travel in. Field names are stable API v1.
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "domain/promise.h"
#include "domain/visit.h"

namespace gastvrij {

// A visit as the board shows it.
struct VisitView {
    Visit visit;
    bool waiting = false;
    PromiseState promise = PromiseState::OnTime;
    Timestamp deadline = 0;        // answer or promised arrival; 0 = none
    int minutes_waiting = 0;       // when the service sent it
    std::string waiting_since;     // local "10:42"
    std::string topic_label;       // "Reparatie"
    std::string host_name;         // "Fatma Yılmaz", "Receptie" for the desk
    std::string team_name;
    // A kiosk's check-in when [survey] phone_page is on: the link for the
    // visitor's phone ("<public_url>/survey?t=…"); "" otherwise (and then
    // not sent at all).
    std::string survey_url;
};

// GET /api/v1/visits/{id}: the visit and its whole log.
struct VisitHistory {
    VisitView visit;
    std::vector<VisitEvent> events;
};

// GET /api/v1/visits: the open visits the device may see, oldest first, and
// the stream position they are current at.
struct VisitList {
    Timestamp now = 0;
    std::int64_t cursor = 0;
    std::vector<VisitView> visits;
};

// The "visit" event of the stream: what happened, and the visit as it is now.
struct VisitFrame {
    VisitView visit;
    VisitEvent event;
};

void to_json(nlohmann::json& j, const VisitView& v);
void from_json(const nlohmann::json& j, VisitView& v);
void to_json(nlohmann::json& j, const VisitEvent& e);
void from_json(const nlohmann::json& j, VisitEvent& e);
void to_json(nlohmann::json& j, const VisitHistory& h);
void from_json(const nlohmann::json& j, VisitHistory& h);
void to_json(nlohmann::json& j, const VisitList& l);
void from_json(const nlohmann::json& j, VisitList& l);
void to_json(nlohmann::json& j, const VisitFrame& c);
void from_json(const nlohmann::json& j, VisitFrame& c);

}  // namespace gastvrij
