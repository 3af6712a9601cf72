#include "domain/report.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <map>
#include <set>
#include <thread>
#include <utility>

#include "domain/store.h"

namespace gastvrij {

namespace {

// seconds → visits; merged from the store's histograms per scope.
using Histogram = std::map<std::int64_t, std::int64_t>;

// Nearest rank on a histogram: the smallest wait with at least `percent` % of
// the visits at or below it, so a reported wait is one a visitor really had.
// Integer arithmetic: ceil(0.9 · 10) must be 9, not 10.
double percentile(const Histogram& h, std::int64_t n, int percent) {
    if (n <= 0) return 0;
    const std::int64_t rank = std::max<std::int64_t>(1, (percent * n + 99) / 100);
    std::int64_t seen = 0;
    for (const auto& [seconds, count] : h) {
        seen += count;
        if (seen >= rank) return static_cast<double>(seconds);
    }
    return static_cast<double>(h.rbegin()->first);
}

// Everything one scope (overall, a topic, a team) accumulates before the
// shares and percentiles are worked out.
struct Accumulator {
    KpiFigures f;
    Histogram ack, start;
    std::int64_t score_sum = 0;

    void add_visits(const VisitTally& v) {
        f.visits += v.visits;
        f.finished += v.finished;
        f.left_or_cancelled += v.left_or_cancelled;
        f.escalated += v.escalated;
    }
    void add_wait(Histogram& h, int& n, const WaitTally& w) {
        h[w.seconds] += w.count;
        n += w.count;
    }
    void add_survey(const SurveyTally& s) {
        f.surveys += s.count;
        score_sum += static_cast<std::int64_t>(s.score) * s.count;
        if (s.score >= 8) f.scores_8_or_more += s.count;
        if (s.one_go >= 0) {
            f.one_go_answered += s.count;
            if (s.one_go == 1) f.one_go_yes += s.count;
        }
    }
    void add_callbacks(const CallbackTally& c) {
        f.callbacks += c.total;
        f.callbacks_in_time += c.in_time;
        f.callbacks_late += c.late;
        f.callbacks_overdue += c.overdue;
        f.callbacks_pending += c.pending;
    }
    KpiFigures finish() const {
        KpiFigures r = f;
        r.ack_seconds_p50 = percentile(ack, r.acknowledged, 50);
        r.ack_seconds_p90 = percentile(ack, r.acknowledged, 90);
        r.start_seconds_p50 = percentile(start, r.started, 50);
        r.start_seconds_p90 = percentile(start, r.started, 90);
        if (r.surveys > 0) {
            r.score_avg = static_cast<double>(score_sum) / r.surveys;
            r.share_8_or_more = static_cast<double>(r.scores_8_or_more) / r.surveys;
        }
        if (r.one_go_answered > 0) r.share_one_go = static_cast<double>(r.one_go_yes) / r.one_go_answered;
        return r;
    }
};

// Groups in the manager's order: the directory's, then ids only the data
// knows, then "" (nothing named) — the last two only when they hold data.
std::vector<KpiGroup> ordered(const std::vector<std::string>& directory_ids,
                              const std::map<std::string, Accumulator>& found) {
    std::vector<KpiGroup> out;
    std::set<std::string> listed;
    for (const auto& id : directory_ids) {
        if (!listed.insert(id).second) continue;
        auto it = found.find(id);
        out.push_back(KpiGroup{id, it == found.end() ? KpiFigures{} : it->second.finish()});
    }
    const Accumulator* unnamed = nullptr;
    for (const auto& [id, acc] : found) {  // std::map: sorted
        if (listed.count(id)) continue;
        if (id.empty()) unnamed = &acc;
        else out.push_back(KpiGroup{id, acc.finish()});
    }
    if (unnamed) out.push_back(KpiGroup{"", unnamed->finish()});
    return out;
}

const KpiGroup* find_group(const std::vector<KpiGroup>& groups, const std::string& id) {
    for (const auto& g : groups)
        if (g.id == id) return &g;
    return nullptr;
}

}  // namespace

const KpiGroup* KpiReport::topic(const std::string& id) const { return find_group(topics, id); }
const KpiGroup* KpiReport::team(const std::string& id) const { return find_group(teams, id); }

KpiReport assemble_kpi_report(const KpiTally& t, const Directory& dir, const Clock& clock) {
    KpiReport r;
    r.from = t.from;
    r.to = t.to;
    r.now = t.now;

    Accumulator overall;
    std::map<std::string, Accumulator> topics, teams;

    for (const auto& v : t.visits) {
        overall.add_visits(v);
        topics[v.topic_id].add_visits(v);
        teams[v.team_id].add_visits(v);
    }
    for (const auto& w : t.ack_waits) {
        overall.add_wait(overall.ack, overall.f.acknowledged, w);
        auto& tp = topics[w.topic_id];
        tp.add_wait(tp.ack, tp.f.acknowledged, w);
        auto& tm = teams[w.team_id];
        tm.add_wait(tm.ack, tm.f.acknowledged, w);
    }
    for (const auto& w : t.start_waits) {
        overall.add_wait(overall.start, overall.f.started, w);
        auto& tp = topics[w.topic_id];
        tp.add_wait(tp.start, tp.f.started, w);
        auto& tm = teams[w.team_id];
        tm.add_wait(tm.start, tm.f.started, w);
    }
    for (const auto& s : t.surveys) {
        overall.add_survey(s);
        topics[s.topic_id].add_survey(s);
        // Surveys are anonymous: they name the colleague, never the visit, so
        // the team is the colleague's team in today's directory.
        const Staff* person = s.staff_id.empty() ? nullptr : dir.person(s.staff_id);
        teams[person ? person->team : std::string()].add_survey(s);
    }
    for (const auto& c : t.callbacks) {
        overall.add_callbacks(c);
        topics[c.topic_id].add_callbacks(c);
        const Topic* topic = c.topic_id.empty() ? nullptr : dir.topic(c.topic_id);
        const bool team_topic = topic && topic->route == RouteKind::Team;
        teams[team_topic ? topic->team : std::string()].add_callbacks(c);
    }

    r.overall = overall.finish();
    std::vector<std::string> topic_ids, team_ids;
    for (const auto& tp : dir.topics) topic_ids.push_back(tp.id);
    for (const auto& tm : dir.teams) team_ids.push_back(tm.id);
    r.topics = ordered(topic_ids, topics);
    r.teams = ordered(team_ids, teams);

    // Every local date of the period, so quiet days show as 0 rather than
    // disappear from a chart.
    if (t.to > t.from) {
        const LocalTime first = clock.local(t.from);
        const LocalTime last = clock.local(t.to - 1);
        const std::int64_t first_day = days_from_civil(first.year, first.month, first.day);
        const std::int64_t last_day = days_from_civil(last.year, last.month, last.day);
        for (std::int64_t d = first_day; d <= last_day; ++d) {
            DayCount c;
            LocalTime lt;
            civil_from_days(d, lt.year, lt.month, lt.day);
            c.date = lt.date_iso();
            c.weekday = weekday_of(lt.year, lt.month, lt.day);
            r.per_day.push_back(std::move(c));
        }
        for (const auto& a : t.arrivals) {
            const LocalTime lt = clock.local(a.bucket);
            r.per_hour[static_cast<std::size_t>(std::clamp(lt.minute / 60, 0, 23))] += a.visits;
            const std::int64_t i = days_from_civil(lt.year, lt.month, lt.day) - first_day;
            // A bucket starts before `from` when the period does not start on a
            // quarter hour; its visits belong to the first day all the same.
            const auto index = static_cast<std::size_t>(std::clamp<std::int64_t>(i, 0, last_day - first_day));
            r.per_day[index].visits += a.visits;
        }
    }
    return r;
}

KpiReport kpi_report(const Store& store, const Directory& dir, const Clock& clock, Timestamp from, Timestamp to) {
    return assemble_kpi_report(store.kpi_tally(from, to, clock.now()), dir, clock);
}

void add_tally(KpiTally& into, const KpiTally& more) {
    // Every figure is a sum over these rows, so rows of two offices with the
    // same topic, team or quarter hour simply count together.
    const auto append = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
    append(into.visits, more.visits);
    append(into.ack_waits, more.ack_waits);
    append(into.start_waits, more.start_waits);
    append(into.arrivals, more.arrivals);
    append(into.surveys, more.surveys);
    append(into.callbacks, more.callbacks);
}

OfficesReport offices_report(const Store& store, const std::vector<std::string>& offices, const Directory& dir,
                             const Clock& clock, Timestamp from, Timestamp to) {
    const Timestamp now = clock.now();
    KpiTally together;
    together.from = from;
    together.to = to;
    together.now = now;
    // The offices are counted side by side: each tally reads on a connection
    // of its own, so the server (or SQLite) and this program work on several
    // offices at once — a few at a time, so a corporation of forty offices
    // asks for a handful of threads and database connections, not forty.
    constexpr std::size_t kAtOnce = 4;
    std::vector<KpiTally> tallies(offices.size());
    std::vector<std::exception_ptr> failed(offices.size());
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
        for (std::size_t i = next++; i < offices.size(); i = next++) {
            try {
                tallies[i] = store.kpi_tally_of(offices[i], from, to, now);
            } catch (...) {
                failed[i] = std::current_exception();
            }
        }
    };
    {
        std::vector<std::thread> helpers;
        for (std::size_t h = 1; h < std::min(kAtOnce, offices.size()); ++h) helpers.emplace_back(work);
        work();
        for (auto& t : helpers) t.join();
    }
    for (const auto& f : failed)
        if (f) std::rethrow_exception(f);
    OfficesReport r;
    for (std::size_t i = 0; i < offices.size(); ++i) {
        const KpiTally& t = tallies[i];
        r.each.push_back(assemble_kpi_report(t, dir, clock));
        r.offices.push_back({offices[i], r.each.back().overall});
        add_tally(together, t);
    }
    r.together = assemble_kpi_report(together, dir, clock);
    return r;
}

}  // namespace gastvrij
