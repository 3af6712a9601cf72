#include "desk/board.h"

#include <algorithm>
#include <cmath>

#include "desk/words.h"

namespace gastvrij::desk {

namespace {

int rank(PromiseState p) {
    switch (p) {
    case PromiseState::OnTime: return 0;
    case PromiseState::AtRisk: return 1;
    case PromiseState::Broken: return 2;
    case PromiseState::Kept: return 3;
    }
    return 0;
}

// Someone acted on the visit (answered, took over, closed it): an announced
// break is dealt with and the row need not stay red.
bool dealt_with(const VisitView& before, const VisitView& after) {
    if (!is_waiting(after.visit.state)) return true;
    if (after.visit.state == VisitState::Acknowledged &&
        (before.visit.state != VisitState::Acknowledged || before.deadline != after.deadline))
        return true;
    return after.visit.state == VisitState::Reassigned && before.deadline != after.deadline;
}

}  // namespace

void BoardModel::observe(const VisitView& v) {
    const double local = clock_.wall();
    if (v.visit.arrived_at > 0) clock_.service_at_least(double(v.visit.arrived_at) + 60.0 * v.minutes_waiting, local);
    if (v.deadline > 0 && v.promise == PromiseState::Broken) clock_.service_at_least(double(v.deadline), local);
    if (v.deadline > 0 && v.promise == PromiseState::AtRisk)
        clock_.service_at_least(double(v.deadline) - PromiseSettings{}.at_risk_seconds, local);
}

void BoardModel::forget_alerts(VisitId id) {
    alerts_.erase(std::remove_if(alerts_.begin(), alerts_.end(), [&](const Alert& a) { return a.visit == id; }),
                  alerts_.end());
}

void BoardModel::raise(BoardRow& r, bool escalated) {
    const VisitId id = r.view.visit.id;
    if (r.alert_open) {
        // Still the same unseen episode: newer words, no second alarm.
        for (Alert& a : alerts_)
            if (a.visit == id) a.escalated = a.escalated || escalated;
        return;
    }
    forget_alerts(id);
    alerts_.push_back(Alert{id, escalated, clock_.wall()});
    r.alert_open = true;
    ++alerts_raised_;
    ++unspoken_;
}

std::string BoardModel::alert_text(const Alert& a) const {
    const BoardRow* r = row(a.visit);
    return r ? alert_text(*r, status(*r), a.escalated) : std::string();
}

std::string BoardModel::alert_text(const BoardRow& r, const RowStatus& s, bool escalated) const {
    const VisitView& v = r.view;
    // The visitor first: that is who the receptionist looks for.
    const std::string who = visitor_label(v) + " (" + (v.topic_label.empty() ? v.visit.topic_id : v.topic_label) +
                            ") wacht al " + std::to_string(s.minutes) + " min: ";
    if (escalated) {
        std::string next = v.visit.host_id.empty() ? "nu bij de balie — haal de bezoeker zelf op of stuur door"
                                                   : "nu gevraagd: " + v.host_name;
        return who + "geen antwoord op tijd, " + next + ".";
    }
    if (v.visit.state == VisitState::Acknowledged) return who + v.host_name + " zou er om " + s.promised_hhmm + " zijn.";
    return who + v.host_name + " reageerde niet op tijd.";
}

void BoardModel::replace_visits(const std::vector<VisitView>& visits, std::uint64_t requested_seq) {
    for (const VisitView& v : visits) observe(v);
    std::map<VisitId, BoardRow> next;
    for (const VisitView& v : visits) {
        if (is_terminal(v.visit.state)) continue;
        auto it = rows_.find(v.visit.id);
        if (it == rows_.end()) {
            next[v.visit.id] = BoardRow{v, ++seq_, 0, false};
            continue;
        }
        BoardRow r = it->second;
        if (r.updated_seq <= requested_seq) {  // the list is newer than what the board has
            if (dealt_with(r.view, v)) {
                r.alert_open = false;
                forget_alerts(v.visit.id);
            }
            r.view = v;
            r.updated_seq = ++seq_;
        }
        next[v.visit.id] = r;
    }
    // Rows the list lacks were closed meanwhile — unless the stream brought
    // them after the list was asked for.
    for (auto& [id, r] : rows_)
        if (!next.count(id) && r.updated_seq > requested_seq && !is_terminal(r.view.visit.state)) next[id] = r;
    for (auto& [id, r] : rows_)
        if (!next.count(id)) forget_alerts(id);
    rows_.swap(next);
    check_promises();
}

void BoardModel::apply_visit(const VisitView& v, const VisitEvent* event) {
    // Not event->at: a frame replayed after a reconnection carries an old
    // time, while the view in it was computed as it was sent.
    observe(v);
    const VisitId id = v.visit.id;
    if (is_terminal(v.visit.state)) {
        rows_.erase(id);
        forget_alerts(id);
        return;
    }
    auto it = rows_.find(id);
    const bool known = it != rows_.end();
    BoardRow& r = rows_[id];
    const BoardRow before = r;
    const bool escalated = event && event->to == VisitState::Escalated;
    if (known && !escalated && dealt_with(before.view, v)) {
        r.alert_open = false;
        forget_alerts(id);
    }
    r.view = v;
    r.updated_seq = ++seq_;
    if (escalated && is_waiting(v.visit.state)) {
        // The deadline the board knew has passed: announce it, unless the
        // board announced that very deadline already (then only the words change).
        const bool announced = known && before.alerted_deadline != 0 && before.alerted_deadline == before.view.deadline;
        if (!announced || r.alert_open) raise(r, true);
        r.alerted_deadline = known ? before.view.deadline : 0;
    }
}

void BoardModel::promise_broken(const VisitView& v) {
    auto it = rows_.find(v.visit.id);
    if (it != rows_.end() && it->second.alert_open) return;  // announced already
    apply_visit(v, nullptr);
    it = rows_.find(v.visit.id);
    if (it == rows_.end() || !is_waiting(v.visit.state)) return;
    raise(it->second, true);
}

int BoardModel::check_promises() {
    int raised = 0;
    for (auto& [id, r] : rows_) {
        if (!is_waiting(r.view.visit.state) || r.view.deadline == 0) continue;
        const RowStatus s = status(r);
        if (s.promise != PromiseState::Broken || r.alerted_deadline == r.view.deadline) continue;
        const bool was_open = r.alert_open;
        raise(r, false);
        r.alerted_deadline = r.view.deadline;
        if (!was_open) ++raised;
    }
    return raised;
}

RowStatus BoardModel::status(const BoardRow& r) const {
    const VisitView& v = r.view;
    const Timestamp now = static_cast<Timestamp>(std::floor(clock_.service_now()));
    RowStatus s;
    const PromiseState computed = promise_state(v.visit, now);
    s.promise = rank(computed) > rank(v.promise) ? computed : v.promise;
    s.minutes = std::max(v.minutes_waiting, minutes_waiting(v.visit, now));
    s.waiting = is_waiting(v.visit.state);
    if (!s.waiting) s.promise = PromiseState::Kept;
    s.red = s.waiting && (s.promise == PromiseState::AtRisk || s.promise == PromiseState::Broken || r.alert_open);
    if (v.visit.state == VisitState::Acknowledged && v.visit.promised_at > 0 && v.visit.arrived_at > 0) {
        // Local time of the promise from the service's own local arrival time:
        // offices sit on whole-minute offsets, so the seconds carry over.
        const Timestamp into_minute = ((v.visit.arrived_at % 60) + 60) % 60;
        s.promised_hhmm = add_minutes(v.waiting_since, int((into_minute + v.visit.promised_at - v.visit.arrived_at) / 60));
    }
    return s;
}

std::vector<const BoardRow*> BoardModel::rows() const {
    std::vector<const BoardRow*> out;
    for (const auto& [id, r] : rows_) out.push_back(&r);
    std::stable_sort(out.begin(), out.end(), [](const BoardRow* a, const BoardRow* b) {
        const bool wa = is_waiting(a->view.visit.state), wb = is_waiting(b->view.visit.state);
        if (wa != wb) return wa;
        if (a->view.visit.arrived_at != b->view.visit.arrived_at) return a->view.visit.arrived_at < b->view.visit.arrived_at;
        return a->view.visit.id < b->view.visit.id;
    });
    return out;
}

const BoardRow* BoardModel::row(VisitId id) const {
    auto it = rows_.find(id);
    return it == rows_.end() ? nullptr : &it->second;
}

int BoardModel::waiting_count() const {
    int n = 0;
    for (const auto& [id, r] : rows_) n += is_waiting(r.view.visit.state) ? 1 : 0;
    return n;
}

void BoardModel::dismiss_alerts() {
    alerts_.clear();
    for (auto& [id, r] : rows_) r.alert_open = false;
}

std::vector<std::string> BoardModel::take_speech() {
    std::vector<std::string> out;
    if (unspoken_ == 1) out.push_back("Let op: een bezoeker wacht te lang. Kijk op het bord.");
    else if (unspoken_ > 1)
        out.push_back("Let op: " + std::to_string(unspoken_) + " bezoekers wachten te lang. Kijk op het bord.");
    unspoken_ = 0;
    return out;
}

void BoardModel::until_change(NextChange& next) const {
    const double now = clock_.service_now();
    const int at_risk = PromiseSettings{}.at_risk_seconds;
    for (const auto& [id, r] : rows_) {
        const Visit& v = r.view.visit;
        if (!is_waiting(v.state)) continue;
        next.consider(60.0 - std::fmod(now - double(v.arrived_at), 60.0));
        if (r.view.deadline > 0) {
            next.consider(double(r.view.deadline - at_risk) - now);
            next.consider(double(r.view.deadline) - now);
        }
    }
}

}  // namespace gastvrij::desk
