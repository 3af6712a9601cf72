#include "domain/report_tally.h"

#include <algorithm>

namespace gastvrij {

KpiTallyBuilder::KpiTallyBuilder(Timestamp from, Timestamp to, Timestamp now) {
    t_.from = from;
    t_.to = to;
    t_.now = now;
}

void KpiTallyBuilder::add_visit(std::string_view topic_id, std::string_view team_id, VisitState state,
                                Timestamp arrived_at, Timestamp escalated_at, Timestamp acknowledged_at,
                                Timestamp started_at) {
    auto it = group_.find(GroupOrder::Key{topic_id, team_id});
    if (it == group_.end()) {
        it = group_.emplace(std::pair{std::string(topic_id), std::string(team_id)}, t_.visits.size()).first;
        t_.visits.push_back(VisitTally{std::string(topic_id), std::string(team_id)});
        ack_.emplace_back();
        start_.emplace_back();
    }
    VisitTally& v = t_.visits[it->second];
    ++v.visits;
    if (state == VisitState::Finished) ++v.finished;
    else if (state == VisitState::Left || state == VisitState::Cancelled) ++v.left_or_cancelled;
    if (escalated_at > 0) ++v.escalated;  // escalated at least once
    if (acknowledged_at > 0) ack_[it->second].push_back(acknowledged_at - arrived_at);
    if (started_at > 0) start_[it->second].push_back(started_at - arrived_at);

    const Timestamp bucket =
        arrived_at - ((arrived_at % kArrivalBucketSeconds) + kArrivalBucketSeconds) % kArrivalBucketSeconds;
    auto& arrivals = t_.arrivals;
    // In order of arrival a bucket is one run of rows; otherwise find its place.
    if (arrivals.empty() || arrivals.back().bucket < bucket) {
        arrivals.push_back(ArrivalTally{bucket, 1});
        return;
    }
    auto at = std::lower_bound(arrivals.begin(), arrivals.end(), bucket,
                               [](const ArrivalTally& a, Timestamp b) { return a.bucket < b; });
    if (at != arrivals.end() && at->bucket == bucket) ++at->visits;
    else arrivals.insert(at, ArrivalTally{bucket, 1});
}

void KpiTallyBuilder::add_survey(const std::string& topic_id, const std::string& staff_id, int score,
                                 std::optional<bool> one_go) {
    ++surveys_[{topic_id, staff_id, score, one_go ? (*one_go ? 1 : 0) : -1}];
}

void KpiTallyBuilder::add_callback(const std::string& topic_id, CallbackState state, Timestamp due_at,
                                   Timestamp handled_at) {
    CallbackTally& c = callbacks_[topic_id];
    c.topic_id = topic_id;
    ++c.total;
    if (state == CallbackState::Done) {
        // In time: done no later than the moment promised.
        if (handled_at <= due_at) ++c.in_time;
        else ++c.late;
    } else if (due_at < t_.now) {
        ++c.overdue;
    } else {
        ++c.pending;
    }
}

KpiTally KpiTallyBuilder::finish() {
    // Sorted waits become histogram bars: one per distinct number of seconds.
    const auto histogram = [&](std::vector<std::vector<std::int64_t>>& waits, std::vector<WaitTally>& out) {
        for (std::size_t g = 0; g < waits.size(); ++g) {
            auto& w = waits[g];
            std::sort(w.begin(), w.end());
            for (std::size_t i = 0; i < w.size();) {
                std::size_t j = i;
                while (j < w.size() && w[j] == w[i]) ++j;
                out.push_back(WaitTally{t_.visits[g].topic_id, t_.visits[g].team_id, w[i], static_cast<int>(j - i)});
                i = j;
            }
        }
    };
    histogram(ack_, t_.ack_waits);
    histogram(start_, t_.start_waits);
    for (const auto& [k, n] : surveys_)
        t_.surveys.push_back(SurveyTally{std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<3>(k), n});
    for (auto& [topic, c] : callbacks_) t_.callbacks.push_back(std::move(c));
    return std::move(t_);
}

}  // namespace gastvrij
