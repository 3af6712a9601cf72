#pragma once
// The JSON shapes of API v1, one function per resource, shared by the routes,
// the event stream and (parsing back) the companion's ServiceClient. Field names
// are stable API: add fields, never rename them.
#include <nlohmann/json.hpp>
#include <string>

#include "config/config.h"
#include "domain/devices.h"
#include "domain/notification.h"
#include "domain/promise.h"
#include "domain/visit.h"

namespace gastvrij {

// What a view needs to turn ids into names and times into "10:42".
struct ViewContext {
    const Directory& directory;
    const Texts& texts;
    const Clock& clock;
    PromiseSettings promise;
};

// A visit as the desk and the phone show it: state, promise state, minutes
// waiting, names of host, team and topic (Dutch label).
nlohmann::json visit_json(const Visit& v, const ViewContext& ctx, Timestamp now);
nlohmann::json event_json(const VisitEvent& e);
nlohmann::json device_json(const Device& d, const Directory& dir);
nlohmann::json outbox_json(const OutboxMessage& m, const Directory& dir);
// Topics, teams and staff (with "photo_url" when a photo file exists).
nlohmann::json directory_json(const Config& config);
// Everyone's presence today, with whether they can take a visitor now.
nlohmann::json presence_json(const Directory& dir, const std::map<std::string, Presence>& today,
                             const LocalTime& now);

// The Dutch label of a topic ("Reparatie"), or its id when no text exists.
std::string topic_label(const Texts& texts, const std::string& topic_id);
// The colleague's display name, "Receptie" for the desk (empty host).
std::string host_name(const Directory& dir, const std::string& host_id);

}  // namespace gastvrij
