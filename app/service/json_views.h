#pragma once
// The service's side of API v1: turns domain values and the configuration
// (names, Dutch topic labels, minutes waiting, promise state) into the wire
// types of app/wire, which write the JSON. Field names live there.
#include <map>
#include <string>

#include "config/config.h"
#include "domain/callback.h"
#include "domain/devices.h"
#include "domain/notification.h"
#include "domain/promise.h"
#include "domain/report.h"
#include "domain/visit.h"
#include "wire/callback.h"
#include "wire/device.h"
#include "wire/directory.h"
#include "wire/outbox.h"
#include "wire/presence.h"
#include "wire/report.h"
#include "wire/visit.h"

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
VisitView visit_view(const Visit& v, const ViewContext& ctx, Timestamp now);
DeviceView device_view(const Device& d, const Directory& dir);
DeadLetter dead_letter(const OutboxMessage& m, const Directory& dir);
// Topics, teams and staff (with "photo_url" when a photo file exists).
DirectoryView directory_view(const Config& config);
// A colleague's presence today, with whether they can take a visitor now.
PresenceView presence_view(const Staff& s, Presence p, const LocalTime& now);
PresenceList presence_list(const Directory& dir, const std::map<std::string, Presence>& today, const LocalTime& now);
// A handled request shows no number, even while retention still keeps it.
CallbackView callback_view(const CallbackRequest& c, const Config& config, const Clock& clock, Timestamp now);
// The report for local dates `from`…`to` with Dutch labels for its topics and teams.
ReportView report_view(const KpiReport& r, const std::string& from, const std::string& to, const Config& config);

// The Dutch label of a topic ("Reparatie"), or its id when no text exists.
std::string topic_label(const Texts& texts, const std::string& topic_id);
// The colleague's display name, "Receptie" for the desk (empty host).
std::string host_name(const Directory& dir, const std::string& host_id);

}  // namespace gastvrij
