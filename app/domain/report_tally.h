#pragma once
// How rows become a KpiTally (report.h): the counting rules, in one place for
// every store backend. A store reads the period's rows and hands each one
// over; it decides nothing about what counts as escalated, in time or overdue.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "domain/callback.h"
#include "domain/report.h"
#include "domain/visit.h"

namespace gastvrij {

class KpiTallyBuilder {
public:
    KpiTallyBuilder(Timestamp from, Timestamp to, Timestamp now);

    // A visit that arrived in the period, with its last host's topic and team.
    // Cheapest when visits come in order of arrival.
    void add_visit(std::string_view topic_id, std::string_view team_id, VisitState state, Timestamp arrived_at,
                   Timestamp escalated_at, Timestamp acknowledged_at, Timestamp started_at);
    void add_survey(const std::string& topic_id, const std::string& staff_id, int score,
                    std::optional<bool> one_go);
    // A callback request made in the period, as it stands at `now`.
    void add_callback(const std::string& topic_id, CallbackState state, Timestamp due_at, Timestamp handled_at);

    KpiTally finish();

private:
    KpiTally t_;
    // (topic, team) → index in t_.visits, found without copying the names:
    // a year's report looks up one group per visit.
    struct GroupOrder {
        using is_transparent = void;
        using Key = std::pair<std::string_view, std::string_view>;
        static Key key(const std::pair<std::string, std::string>& k) { return {k.first, k.second}; }
        static Key key(const Key& k) { return k; }
        template <class A, class B>
        bool operator()(const A& a, const B& b) const { return key(a) < key(b); }
    };
    std::map<std::pair<std::string, std::string>, std::size_t, GroupOrder> group_;
    std::vector<std::vector<std::int64_t>> ack_, start_;               // per group: the waits
    std::map<std::tuple<std::string, std::string, int, int>, int> surveys_;
    std::map<std::string, CallbackTally> callbacks_;
};

}  // namespace gastvrij
