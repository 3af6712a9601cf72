#pragma once
// The office manager's KPIs over a period: the corporation's own figures
// (share of visitors rating the visit 8 or more on the Dutch 1–10 scale, how
// long visitors wait, callback requests answered in time) overall, per topic
// and per team, plus visitors per local day and per hour of the day.
//
// The work is split along what each side knows. The store counts rows
// (KpiTally: counts and histograms, grouped the way SQL groups cheaply) and
// knows neither the time zone nor the directory. kpi_report() turns a tally
// into figures: the Clock gives local dates and hours, and the Directory gives
// the team of the colleague an (anonymous) survey names.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/clock.h"
#include "domain/directory.h"

namespace gastvrij {

class Store;

// ---- what the store counts ---------------------------------------------------

// Arrivals are counted per UTC quarter of an hour: every time zone's offset
// and every daylight-saving switch falls on a quarter hour, so each bucket
// lies within one local hour and one local date.
constexpr Timestamp kArrivalBucketSeconds = 900;

// Visits that arrived in the period, per topic and team of the (last) host.
struct VisitTally {
    std::string topic_id, team_id;
    int visits = 0;
    int finished = 0;
    int left_or_cancelled = 0;
    int escalated = 0;  // escalated at least once
};

// One bar of a histogram: `count` visits of (topic, team) waited `seconds`.
struct WaitTally {
    std::string topic_id, team_id;
    std::int64_t seconds = 0;
    int count = 0;
};

// Visits that arrived in [bucket, bucket + kArrivalBucketSeconds).
struct ArrivalTally {
    Timestamp bucket = 0;
    int visits = 0;
};

// Survey answers of the period with the same topic, colleague, score and
// "in one go" answer (-1 = not answered, 0 = no, 1 = yes).
struct SurveyTally {
    std::string topic_id, staff_id;
    int score = 0;
    int one_go = -1;
    int count = 0;
};

// Callback requests made in the period, per topic, by how they stand `now`.
struct CallbackTally {
    std::string topic_id;
    int total = 0;
    int in_time = 0;    // done no later than the moment promised
    int late = 0;       // done, but after that moment
    int overdue = 0;    // not done and the promised moment has passed
    int pending = 0;    // not done, still within the promise
};

struct KpiTally {
    Timestamp from = 0, to = 0;  // [from, to)
    Timestamp now = 0;           // what "overdue" is measured against
    std::vector<VisitTally> visits;
    std::vector<WaitTally> ack_waits;    // arrival → "I'm coming"
    std::vector<WaitTally> start_waits;  // arrival → conversation started
    std::vector<ArrivalTally> arrivals;
    std::vector<SurveyTally> surveys;
    std::vector<CallbackTally> callbacks;
};

// ---- what the manager reads ----------------------------------------------------

struct KpiFigures {
    int visits = 0;
    int finished = 0;
    int left_or_cancelled = 0;
    int escalated = 0;
    // Waits in seconds, nearest rank: a p90 of 300 means 9 in 10 of these
    // visitors had an answer within 5 minutes. `acknowledged` and `started`
    // are how many visits the percentiles are taken over.
    int acknowledged = 0;
    double ack_seconds_p50 = 0, ack_seconds_p90 = 0;
    int started = 0;
    double start_seconds_p50 = 0, start_seconds_p90 = 0;
    int surveys = 0;
    double score_avg = 0;
    int scores_8_or_more = 0;
    double share_8_or_more = 0;  // 0 … 1, of the surveys
    int one_go_answered = 0;     // surveys that answered "in one go?"
    int one_go_yes = 0;
    double share_one_go = 0;     // 0 … 1, of those who answered
    int callbacks = 0;
    int callbacks_in_time = 0;
    int callbacks_late = 0;
    int callbacks_overdue = 0;
    int callbacks_pending = 0;
};

// A topic or team and its figures. The id "" collects what names none: a
// survey where the visitor skipped the face, or named a colleague the
// directory no longer knows; a callback whose topic has no team.
struct KpiGroup {
    std::string id;
    KpiFigures figures;
};

struct DayCount {
    std::string date;  // local, "2026-11-23"
    int weekday = 0;   // 0 = Monday
    int visits = 0;
};

struct KpiReport {
    Timestamp from = 0, to = 0;  // [from, to)
    Timestamp now = 0;           // callbacks are overdue as of this moment
    KpiFigures overall;
    // Every topic and team of the directory in its order (also without
    // visits), then ids only the data knows (sorted), then "" if it has data.
    std::vector<KpiGroup> topics;
    std::vector<KpiGroup> teams;
    std::vector<DayCount> per_day;  // every local date the period touches, oldest first
    std::array<int, 24> per_hour{};  // visitors by local hour of arrival

    const KpiGroup* topic(const std::string& id) const;
    const KpiGroup* team(const std::string& id) const;
};

// Figures from a tally. Team of a visit: the team of its host as stored.
// Team of a survey: the directory's team of the colleague it names. Team of a
// callback: the team of its topic (the team that calls back on that subject).
KpiReport assemble_kpi_report(const KpiTally& tally, const Directory& dir, const Clock& clock);

// Tallies [from, to) in `store` (callbacks overdue as of clock.now()) and
// assembles the report. Throws StoreError.
KpiReport kpi_report(const Store& store, const Directory& dir, const Clock& clock, Timestamp from, Timestamp to);

// ---- several offices -------------------------------------------------------------

// Adds `more` (another office's tally of the same period) to `into`.
void add_tally(KpiTally& into, const KpiTally& more);

struct OfficeFigures {
    std::string office;
    KpiFigures figures;
};

// Offices side by side: the report over all of them together (per topic and
// team as named in `dir`), and each office's overall figures.
struct OfficesReport {
    KpiReport together;
    std::vector<OfficeFigures> offices;  // in the order asked
    std::vector<KpiReport> each;         // each office's whole report, in the same order
};

// The report over `offices` of `store` for [from, to). Throws StoreError.
OfficesReport offices_report(const Store& store, const std::vector<std::string>& offices, const Directory& dir,
                             const Clock& clock, Timestamp from, Timestamp to);

}  // namespace gastvrij
