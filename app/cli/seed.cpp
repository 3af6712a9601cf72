// `gastvrij seed --data FILE --days N [--config DIR] [--visits-per-day N]
// [--seed S] [--until YYYY-MM-DD]`: fills a new data file with made-up but
// believable history, for demos of the desk's reports and for benchmarks.
//
// Every visit is played through the real lifecycle (notify_host, escalate,
// acknowledge, …) and routed by the real routing over the real staff.csv, so
// each seeded visit carries the event log a real one would, and the desk's
// visit history looks like the real thing. First names are left empty: the
// retention rule would have erased them by now.
#include "cli/seed.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <limits>
#include <map>
#include <memory>

#include "cli/commands.h"
#include "cli/common.h"
#include "domain/routing.h"
#include "store/open_store.h"
#include "store/store_lock.h"

namespace gastvrij {

std::optional<Timestamp> local_instant(const std::string& date, int days_later, int minute_of_day) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (date.size() != 10 || std::sscanf(date.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return std::nullopt;
    if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    int cy = 0, cm = 0, cd = 0;
    civil_from_days(days_from_civil(y, m, d), cy, cm, cd);
    if (cy != y || cm != m || cd != d) return std::nullopt;  // 2026-02-30
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d + days_later;
    tm.tm_hour = minute_of_day / 60;
    tm.tm_min = minute_of_day % 60;
    tm.tm_isdst = -1;  // the time zone decides (summer time)
    return static_cast<Timestamp>(std::mktime(&tm));
}

namespace {

constexpr Timestamp kMinute = 60, kHour = 3600, kDay = 86'400;

// splitmix64: small, fast, and the same numbers on every platform and
// standard library, so a seed means the same history everywhere.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
    double between(double a, double b) { return a + (b - a) * uniform(); }
    int below(std::size_t n) { return static_cast<int>(uniform() * static_cast<double>(n)); }
    bool chance(double p) { return uniform() < p; }
    double normal() {  // Irwin–Hall: near enough to a bell curve, no libm involved
        double s = 0;
        for (int i = 0; i < 12; ++i) s += uniform();
        return s - 6;
    }
    std::size_t pick(const std::vector<double>& weights) {
        double total = 0;
        for (double w : weights) total += w;
        double x = uniform() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (x < weights[i]) return i;
            x -= weights[i];
        }
        return weights.size() - 1;
    }

private:
    std::uint64_t state_;
};

// How busy each hour of the day is, relative to the day: a morning peak, a
// lunch dip and a quiet end of the afternoon; the evening opening draws people
// who work during the day.
constexpr double kHourShape[24] = {0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.5, 0.8, 1.3, 1.45, 1.25,
                                   0.75, 0.85, 1.0, 0.9, 0.65, 0.45, 0.8, 0.6, 0.3, 0.2, 0.2, 0.2};
// Monday (everything that broke at the weekend) is the busiest day, Friday the quietest.
constexpr double kWeekday[7] = {1.35, 1.0, 0.95, 1.0, 0.8, 0.5, 0.4};

double intensity(int weekday, int minute_of_day) {
    const int hour = (minute_of_day / 60) % 24;
    double w = kWeekday[weekday] * kHourShape[hour];
    if (weekday == 0 && hour < 12) w *= 1.25;  // the Monday-morning queue
    if (weekday == 4 && hour >= 12) w *= 0.5;  // Friday afternoon is quiet
    return w;
}

// Share of visitors per topic id, and minutes a conversation takes.
struct TopicHabit {
    const char* id;
    double weight;
    double talk_minutes;
};
constexpr TopicHabit kHabits[] = {
    {"repair", 26, 12},   {"rent", 14, 18},      {"nuisance", 8, 20},    {"find_home", 12, 15},
    {"moving", 8, 14},    {"documents", 6, 6},   {"appointment", 18, 25}, {"talk", 8, 8},
};
TopicHabit habit_of(const std::string& id) {
    for (const auto& h : kHabits)
        if (id == h.id) return h;
    return TopicHabit{"", 8, 12};  // a topic this office added itself
}

struct LanguageShare {
    const char* code;
    double weight;
};
constexpr LanguageShare kLanguages[] = {{"nl", 78}, {"tr", 7}, {"ar", 5}, {"en", 6}, {"pl", 4}};

struct DayPlan {
    LocalTime date;
    Timestamp noon = 0;  // minutes of the day are counted from here (summer time safe)
    std::vector<std::pair<int, double>> cumulative;  // open minute → running intensity
    int visits = 0;
};

class History {
public:
    History(const Config& config, const SeedPlan& plan, Timestamp now)
        : config_(config), dir_(config.directory), now_(now), rng_(plan.seed) {
        Rng planning(plan.seed ^ 0x5eedda7aULL);
        const auto last = local_instant(plan.last_day, 0, 12 * 60);
        const LocalTime last_date = SystemClock().local(*last);
        const std::int64_t last_day = days_from_civil(last_date.year, last_date.month, last_date.day);
        std::vector<double> weights;
        for (std::int64_t d = last_day - plan.days + 1; d <= last_day; ++d) {
            DayPlan day;
            civil_from_days(d, day.date.year, day.date.month, day.date.day);
            day.date.weekday = weekday_of(day.date.year, day.date.month, day.date.day);
            if (first_day_.empty()) first_day_ = day.date.date_iso();
            double total = 0;
            for (const Interval& i : hours_on(config.kiosk.hours, day.date)) {
                const int close = i.close <= i.open ? i.close + 24 * 60 : i.close;
                for (int m = i.open; m < close; ++m) {
                    total += intensity(day.date.weekday, m);
                    day.cumulative.emplace_back(m, total);
                }
            }
            if (day.cumulative.empty()) continue;  // closed: weekend, holiday
            day.noon = *local_instant(day.date.date_iso(), 0, 12 * 60);
            weights.push_back(total);
            days_.push_back(std::move(day));
        }
        last_day_ = last_date.date_iso();
        double mean = 0;
        for (double w : weights) mean += w;
        if (!weights.empty()) mean /= static_cast<double>(weights.size());
        for (std::size_t i = 0; i < days_.size(); ++i) {
            const double expected = plan.visits_per_day * weights[i] / mean;
            days_[i].visits = std::max(0, static_cast<int>(std::lround(expected * (1 + 0.1 * planning.normal()))));
            planned_ += days_[i].visits;
        }
        for (const auto& t : dir_.topics) topic_weights_.push_back(habit_of(t.id).weight);
        for (const auto& l : kLanguages) {
            const auto& offered = config.kiosk.languages;
            const bool ok = std::find(offered.begin(), offered.end(), l.code) != offered.end();
            language_weights_.push_back(ok ? l.weight : 0);
        }
    }

    std::int64_t planned_visits() const { return planned_; }
    int open_days() const { return static_cast<int>(days_.size()); }
    const std::string& first_day() const { return first_day_; }
    const std::string& last_day() const { return last_day_; }
    std::vector<SurveyResponse>& surveys() { return surveys_; }
    std::int64_t events() const { return events_; }

    // The next visit in order of arrival.
    SqliteStore::VisitWithEvents next() {
        while (arrivals_.empty()) start_day(days_.at(day_index_++));
        const Timestamp at = arrivals_.back();
        arrivals_.pop_back();
        return visit_at(at);
    }

    std::vector<CallbackRequest> callbacks();

private:
    LocalTime local(Timestamp t) const { return clock_.local(t); }

    Timestamp random_moment(const DayPlan& day) {
        const double x = rng_.uniform() * day.cumulative.back().second;
        auto it = std::lower_bound(day.cumulative.begin(), day.cumulative.end(), x,
                                   [](const auto& p, double v) { return p.second < v; });
        if (it == day.cumulative.end()) --it;
        return day.noon + (it->first - 12 * 60) * kMinute + rng_.below(60);
    }

    void start_day(const DayPlan& day) {
        busy_until_.clear();
        for (int i = 0; i < day.visits; ++i) arrivals_.push_back(random_moment(day));
        std::sort(arrivals_.rbegin(), arrivals_.rend());  // popped from the back: earliest first
    }

    // Visits a colleague is still busy with at `t`: routing sends the next
    // visitor to the least busy one, and busy colleagues answer later.
    OpenLoad load_at(Timestamp t) const {
        OpenLoad load;
        for (const auto& [host, ends] : busy_until_)
            for (Timestamp end : ends)
                if (end > t) ++load[host];
        return load;
    }

    const Staff* someone_available(const LocalTime& lt, bool kiosk_only, const std::string& team) {
        std::vector<const Staff*> found;
        for (const auto& s : dir_.staff) {
            if (kiosk_only && !s.show_on_kiosk) continue;
            if (!team.empty() && s.team != team) continue;
            if (is_available(s, Presence::Unknown, lt)) found.push_back(&s);
        }
        if (found.empty()) return nullptr;
        return found[static_cast<std::size_t>(rng_.below(found.size()))];
    }

    SqliteStore::VisitWithEvents visit_at(Timestamp at);
    void add_survey(const Visit& v, bool escalated);

    const Config& config_;
    const Directory& dir_;
    Timestamp now_;
    Rng rng_;
    SystemClock clock_;
    std::vector<DayPlan> days_;
    std::size_t day_index_ = 0;
    std::int64_t planned_ = 0, events_ = 0;
    std::string first_day_, last_day_;
    std::vector<double> topic_weights_, language_weights_;
    std::vector<Timestamp> arrivals_;  // of the current day, latest first
    std::map<std::string, std::vector<Timestamp>> busy_until_;
    std::vector<SurveyResponse> surveys_;
};

SqliteStore::VisitWithEvents History::visit_at(Timestamp at) {
    const Topic& topic = dir_.topics[rng_.pick(topic_weights_)];
    const Timestamp ack_window = static_cast<Timestamp>(topic.ack_minutes) * kMinute;
    const bool at_desk = rng_.chance(0.08);  // walk-ins the desk types in itself
    const std::string source = at_desk ? "desk" : "kiosk:" + config_.kiosk.kiosk_id;

    const PresenceBoard presence;
    OpenLoad load = load_at(at);
    std::string chosen;
    if (topic.route == RouteKind::ChoosePerson) {
        if (const Staff* s = someone_available(local(at), true, "")) chosen = s->id;
        else if (!dir_.staff.empty()) chosen = dir_.staff[static_cast<std::size_t>(rng_.below(dir_.staff.size()))].id;
    }
    const RouteResult to = route(RoutingContext{dir_, presence, load, local(at)}, topic, chosen);

    SqliteStore::VisitWithEvents h;
    Visit v;
    v.kiosk_id = source;
    v.topic_id = topic.id;
    v.team_id = topic.team;
    v.language = kLanguages[rng_.pick(language_weights_)].code;
    v.arrived_at = at;
    VisitEvent arrived;
    arrived.at = at;
    arrived.actor = source;
    arrived.detail = "checked in for " + topic.id;
    h.events.push_back(arrived);

    const auto step = [&](Transition t) {
        v = t.visit;
        h.events.push_back(t.event);
    };
    {
        Transition t = notify_host(v, to.host_id, to.team_id, at + ack_window, at, source);
        t.visit.escalation_level = to.level;
        t.event.detail += "; " + to.reason;
        step(t);
    }
    const auto staff_actor = [&] { return v.host_id.empty() ? std::string("desk") : "staff:" + v.host_id; };

    const double outcome = rng_.uniform();
    if (outcome < 0.025) {  // gave up waiting before anyone answered
        step(cancel(v, at + static_cast<Timestamp>(rng_.between(90, static_cast<double>(ack_window) + 300)), source,
                    true));
    } else if (outcome < 0.04) {  // the desk sorted it on the spot or it was a mistake
        step(cancel(v, at + static_cast<Timestamp>(rng_.between(30, 240)), "desk", false));
    } else {
        const int busy = v.host_id.empty() ? 0 : load[v.host_id];
        // A few hosts miss their window (more often when busy); the desk never escalates further.
        const bool escalated = !v.host_id.empty() && rng_.chance(std::min(0.2, 0.045 + 0.02 * busy));
        Timestamp ack_at;
        if (escalated) {
            const Timestamp when = at + ack_window;
            OpenLoad later = load_at(when);
            const RouteResult next = next_escalation(RoutingContext{dir_, presence, later, local(when)}, v);
            step(escalate(v, next.host_id, next.team_id, next.level, when + ack_window, when, next.reason));
            ack_at = when + static_cast<Timestamp>(rng_.between(30, 200));
        } else {
            // Most answers come in the first minutes, a tail near the deadline.
            const double u = rng_.uniform();
            const double share = u * (0.35 + 0.65 * u);
            ack_at = at + 40 + static_cast<Timestamp>(share * static_cast<double>(ack_window - 55)) +
                     std::min<Timestamp>(busy * 15, 60);
            ack_at = std::min(ack_at, at + ack_window - 5);
        }
        const int promised = v.host_id.empty() ? 1 + rng_.below(2) : 1 + rng_.below(5);
        step(acknowledge(v, promised, ack_at, staff_actor()));
        if (rng_.chance(0.01)) {  // left after all, before the colleague came
            step(cancel(v, ack_at + static_cast<Timestamp>(rng_.between(60, promised * 60.0 + 180)), "desk", true));
        } else {
            const Timestamp start_at =
                ack_at + static_cast<Timestamp>(promised * 60.0 * rng_.between(0.5, 1.3) + rng_.between(0, 30));
            step(start_conversation(v, start_at, staff_actor()));
            const double minutes = habit_of(topic.id).talk_minutes * rng_.between(0.5, 1.8);
            const Timestamp end = start_at + static_cast<Timestamp>(minutes * 60);
            step(finish(v, end, staff_actor()));
            busy_until_[v.host_id].push_back(end);
            if (rng_.chance(0.35)) add_survey(v, escalated);
        }
    }
    events_ += static_cast<std::int64_t>(h.events.size());
    h.visit = v;
    return h;
}

void History::add_survey(const Visit& v, bool escalated) {
    SurveyResponse s;
    s.hour = v.finished_at + static_cast<Timestamp>(rng_.between(60, 400));  // rounded to the hour when stored
    s.topic_id = v.topic_id;
    s.language = v.language;
    if (rng_.chance(0.85)) {
        if (!v.host_id.empty()) s.staff_id = v.host_id;
        else if (const Staff* r = someone_available(local(v.finished_at), false, dir_.reception_team)) s.staff_id = r->id;
    }
    // Most visitors give a 7 to 9; a long wait or a broken promise costs
    // points, and a few leave very unhappy whatever happened.
    const double waited_min = static_cast<double>(v.started_at - v.arrived_at) / 60.0;
    double mark = 8.1 + 1.15 * rng_.normal() - 0.12 * std::max(0.0, waited_min - 8) - (escalated ? 0.9 : 0);
    if (rng_.chance(0.04)) mark = rng_.between(1, 5);
    s.score = std::clamp(static_cast<int>(std::lround(mark)), 1, 10);
    if (rng_.chance(0.8)) {
        double yes = (v.topic_id == "repair" || v.topic_id == "nuisance") ? 0.68 : 0.8;
        if (escalated) yes -= 0.2;
        s.one_go = rng_.chance(yes);
    }
    surveys_.push_back(std::move(s));
}

// About 3.5 requests per 100 visitors, made while the office is open, about
// the subjects a team calls back on; most are called back in time.
std::vector<CallbackRequest> History::callbacks() {
    std::vector<double> weights;
    for (const auto& t : dir_.topics) weights.push_back(t.route == RouteKind::Team ? habit_of(t.id).weight : 0);
    if (std::all_of(weights.begin(), weights.end(), [](double w) { return w == 0; })) weights = topic_weights_;
    const Timestamp due_window = static_cast<Timestamp>(config_.kiosk.callback_due_hours) * kHour;
    const Timestamp keep_phone = static_cast<Timestamp>(config_.kiosk.retention.callback_keep_days) * kDay;
    const PartOfDay parts[] = {PartOfDay::Morning, PartOfDay::Afternoon, PartOfDay::Any};
    std::vector<CallbackRequest> out;
    for (const DayPlan& day : days_) {
        const int n = static_cast<int>(std::lround(day.visits * 0.035 * rng_.between(0.5, 1.5)));
        for (int i = 0; i < n; ++i) {
            CallbackRequest c;
            c.created_at = random_moment(day);
            c.topic_id = dir_.topics[rng_.pick(weights)].id;
            c.part = parts[rng_.below(3)];
            c.language = kLanguages[rng_.pick(language_weights_)].code;
            c.due_at = c.created_at + due_window;
            const double u = rng_.uniform();
            Timestamp handled = 0;
            if (u < 0.83) handled = c.created_at + static_cast<Timestamp>(static_cast<double>(due_window) * rng_.between(0.05, 0.95));
            else if (u < 0.95) handled = c.due_at + static_cast<Timestamp>(rng_.between(1800, 2 * kDay));
            const bool called_once = rng_.chance(0.3);
            char phone[16];
            std::snprintf(phone, sizeof phone, "+3160000%04d", rng_.below(10000));  // made up, never dialled
            if (handled > 0 && handled <= now_) {
                c.state = CallbackState::Done;
                c.handled_at = handled;
                if (handled > now_ - keep_phone) c.phone = phone;  // retention erased the older ones
            } else {
                c.state = called_once ? CallbackState::Called : CallbackState::Open;
                c.phone = phone;
            }
            out.push_back(std::move(c));
        }
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
    return out;
}

}  // namespace

SeedSummary seed_history(Store& store, const Config& config, const SeedPlan& plan, Timestamp now) {
    SqliteStore& bulk = sqlite_backend(store, "seed");
    SeedPlan p = plan;
    if (p.last_day.empty()) {
        SystemClock clock;
        p.last_day = add_days(clock.local(now), -1).date_iso();
    }
    if (!local_instant(p.last_day, 0, 12 * 60)) throw std::invalid_argument("not a date: " + p.last_day);
    History history(config, p, now);
    SeedSummary s;
    s.first_day = history.first_day();
    s.last_day = history.last_day();
    s.open_days = history.open_days();
    if (config.directory.topics.empty()) return s;
    s.visits = history.planned_visits();
    bulk.bulk_insert_history(s.visits, [&](std::int64_t) { return history.next(); });
    s.events = history.events();
    auto& surveys = history.surveys();
    // Answers arrive in order of finishing, not of arrival.
    std::stable_sort(surveys.begin(), surveys.end(), [](const auto& a, const auto& b) { return a.hour < b.hour; });
    s.surveys = static_cast<std::int64_t>(surveys.size());
    bulk.bulk_insert_surveys(s.surveys, [&](std::int64_t i) { return surveys[static_cast<std::size_t>(i)]; });
    const auto callbacks = history.callbacks();
    s.callbacks = static_cast<std::int64_t>(callbacks.size());
    bulk.bulk_insert_callbacks(s.callbacks, [&](std::int64_t i) { return callbacks[static_cast<std::size_t>(i)]; });
    return s;
}

namespace {

struct SeedArgs {
    std::string data;
    std::string config;
    std::string until;
    int days = 0;
    int visits_per_day = 120;
    std::uint64_t seed = 1;
};

int run_seed(const SeedArgs& a) {
    if (!a.until.empty() && !local_instant(a.until, 0, 12 * 60)) {
        std::cerr << "gastvrij seed: --until " << a.until << " is not a date — write it as 2026-11-22\n";
        return 2;
    }
    auto config = load_config_or_explain(a.config, std::cerr);
    if (!config) return 1;
    try {
        const StoreLock in_use(a.data, StoreLock::Mode::Writer);  // no service writes while we do
        const auto store_opened = open_store(a.data, config->kiosk.office_id);
        Store& store = *store_opened;
        // Made-up visits must never mix with real ones: the manager's figures
        // would be wrong and nobody could take them out again.
        // The store's tally over all time (not the report: it would lay out every day).
        const KpiTally all = store.kpi_tally(std::numeric_limits<Timestamp>::min(), std::numeric_limits<Timestamp>::max(),
                                             SystemClock().now());
        struct { std::int64_t visits = 0, surveys = 0, callbacks = 0; } existing;
        for (const auto& v : all.visits) existing.visits += v.visits;
        for (const auto& s : all.surveys) existing.surveys += s.count;
        for (const auto& c : all.callbacks) existing.callbacks += c.total;
        if (existing.visits + existing.surveys + existing.callbacks > 0) {
            std::cerr << "gastvrij seed: " << store_label(a.data) << " already holds " << existing.visits << " visits, "
                      << existing.surveys << " survey answers and " << existing.callbacks
                      << " callback requests of the office '" << store.office()
                      << "' — seed writes only into a new, empty file (or an office with no data yet)\n";
            return 2;
        }
        SeedPlan plan;
        plan.days = a.days;
        plan.last_day = a.until;
        plan.visits_per_day = a.visits_per_day;
        plan.seed = a.seed;
        const auto start = std::chrono::steady_clock::now();
        const SeedSummary s = seed_history(store, *config, plan, SystemClock().now());
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("seeded %s … %s (%d days, %d open): %lld visits with %lld events, %lld survey answers, "
                    "%lld callback requests into %s in %.1f s\n",
                    s.first_day.c_str(), s.last_day.c_str(), a.days, s.open_days, static_cast<long long>(s.visits),
                    static_cast<long long>(s.events), static_cast<long long>(s.surveys),
                    static_cast<long long>(s.callbacks), a.data.c_str(), seconds);
    } catch (const StoreError& e) {
        std::cerr << "gastvrij seed: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace

void register_seed(CLI::App& app, int& status) {
    auto* cmd = app.add_subcommand(
        "seed", "Fill a new data file with made-up history (visits, surveys, callbacks) for demos and benchmarks");
    auto args = std::make_shared<SeedArgs>();
    args->config = default_config_dir();
    cmd->add_option("--data", args->data, "new data file to fill")->required();
    cmd->add_option("--days", args->days, "days of history, ending yesterday (or --until)")
        ->required()
        ->check(CLI::Range(1, 3660));
    cmd->add_option("--config", args->config, "configuration folder: opening hours, topics, staff")
        ->capture_default_str();
    cmd->add_option("--visits-per-day", args->visits_per_day, "visitors on an average open day")
        ->capture_default_str()
        ->check(CLI::Range(1, 100'000));
    cmd->add_option("--seed", args->seed, "same seed, same history")->capture_default_str();
    cmd->add_option("--until", args->until, "last day of the history, YYYY-MM-DD (default: yesterday)");
    cmd->callback([&status, args] { status = run_seed(*args); });
}

}  // namespace gastvrij
