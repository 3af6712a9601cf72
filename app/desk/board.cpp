#include "desk/board.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <ctime>

#include "desk/words.h"

namespace gastvrij::desk {

namespace {

double system_wall() {
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

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

DeskModel::DeskModel(std::function<double()> wall) : wall_(wall ? std::move(wall) : system_wall) {}

void DeskModel::set_connection(Connection c) {
    if (c == Connection::Offline && connection_ != Connection::Offline) offline_since_ = wall_();
    if (c == Connection::Online) {
        ever_online_ = true;
        offline_since_ = 0;
        // A restarted service may run another clock; what it sends next counts.
        time_.reset();
    }
    connection_ = c;
}

double DeskModel::service_now() const { return time_.now(wall_()); }

void DeskModel::observe(const VisitView& v) {
    const double local = wall_();
    if (v.visit.arrived_at > 0) time_.at_least(double(v.visit.arrived_at) + 60.0 * v.minutes_waiting, local);
    if (v.deadline > 0 && v.promise == PromiseState::Broken) time_.at_least(double(v.deadline), local);
    if (v.deadline > 0 && v.promise == PromiseState::AtRisk)
        time_.at_least(double(v.deadline) - PromiseSettings{}.at_risk_seconds, local);
}

void DeskModel::forget_alerts(VisitId id) {
    alerts_.erase(std::remove_if(alerts_.begin(), alerts_.end(), [&](const Alert& a) { return a.visit == id; }),
                  alerts_.end());
}

void DeskModel::raise(BoardRow& r, bool escalated) {
    const VisitId id = r.view.visit.id;
    if (r.alert_open) {
        // Still the same unseen episode: newer words, no second alarm.
        for (Alert& a : alerts_)
            if (a.visit == id) a.escalated = a.escalated || escalated;
        return;
    }
    forget_alerts(id);
    alerts_.push_back(Alert{id, escalated, wall_()});
    r.alert_open = true;
    ++alerts_raised_;
    ++unspoken_;
}

std::string DeskModel::alert_text(const Alert& a) const {
    const BoardRow* r = row(a.visit);
    return r ? alert_text(*r, status(*r), a.escalated) : std::string();
}

std::string DeskModel::alert_text(const BoardRow& r, const RowStatus& s, bool escalated) const {
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

void DeskModel::replace_visits(const std::vector<VisitView>& visits, std::uint64_t requested_seq) {
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

void DeskModel::apply_visit(const VisitView& v, const VisitEvent* event) {
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

void DeskModel::promise_broken(const VisitView& v) {
    auto it = rows_.find(v.visit.id);
    if (it != rows_.end() && it->second.alert_open) return;  // announced already
    apply_visit(v, nullptr);
    it = rows_.find(v.visit.id);
    if (it == rows_.end() || !is_waiting(v.visit.state)) return;
    raise(it->second, true);
}

int DeskModel::check_promises() {
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

RowStatus DeskModel::status(const BoardRow& r) const {
    const VisitView& v = r.view;
    const Timestamp now = static_cast<Timestamp>(std::floor(service_now()));
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

std::vector<const BoardRow*> DeskModel::rows() const {
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

const BoardRow* DeskModel::row(VisitId id) const {
    auto it = rows_.find(id);
    return it == rows_.end() ? nullptr : &it->second;
}

int DeskModel::waiting_count() const {
    int n = 0;
    for (const auto& [id, r] : rows_) n += is_waiting(r.view.visit.state) ? 1 : 0;
    return n;
}

void DeskModel::dismiss_alerts() {
    alerts_.clear();
    for (auto& [id, r] : rows_) r.alert_open = false;
}

std::vector<std::string> DeskModel::take_speech() {
    std::vector<std::string> out;
    if (unspoken_ == 1) out.push_back("Let op: een bezoeker wacht te lang. Kijk op het bord.");
    else if (unspoken_ > 1)
        out.push_back("Let op: " + std::to_string(unspoken_) + " bezoekers wachten te lang. Kijk op het bord.");
    unspoken_ = 0;
    return out;
}

void DeskModel::set_presence(std::vector<PresenceView> p) {
    std::stable_sort(p.begin(), p.end(), [](const PresenceView& a, const PresenceView& b) {
        return a.team != b.team ? a.team < b.team : a.name < b.name;
    });
    presence_ = std::move(p);
}

void DeskModel::update_presence(const PresenceView& p) {
    for (PresenceView& q : presence_)
        if (q.staff_id == p.staff_id) {
            q = p;
            return;
        }
    presence_.push_back(p);
    set_presence(std::move(presence_));
}

std::string DeskModel::staff_name(const std::string& id) const {
    if (id.empty()) return "Balie";
    for (const StaffView& s : directory_.staff)
        if (s.id == id) return s.name;
    return id;
}

std::string DeskModel::topic_label(const std::string& id) const {
    for (const TopicView& t : directory_.topics)
        if (t.id == id) return t.label.empty() ? t.id : t.label;
    return id;
}

void DeskModel::set_dead_letters(std::vector<DeadLetter> d) {
    std::stable_sort(d.begin(), d.end(), [](const DeadLetter& a, const DeadLetter& b) {
        return a.message.created_at > b.message.created_at;  // newest first
    });
    dead_ = std::move(d);
    dead_loaded_at_ = wall_();
}

void DeskModel::set_pairing(std::optional<PairingView> p) {
    pairing_ = std::move(p);
    pairing_received_ = wall_();
    pairing_left_at_receipt_ = pairing_ ? double(pairing_->expires_at) - service_now() : 0;
}

std::optional<int> DeskModel::pairing_minutes_left() const {
    if (!pairing_) return -1;
    // A fresh code is valid for minutes, never for nothing or for days.
    if (pairing_left_at_receipt_ <= 0 || pairing_left_at_receipt_ > 24 * 3600.0) return std::nullopt;
    const double left = pairing_left_at_receipt_ - (wall_() - pairing_received_);
    // Rounded down: a code shown as "5 min" must not die after 4½.
    return left <= 0 ? -1 : int(std::floor(left / 60.0));
}

namespace {
// "Kiosk \"Entree\"", but "Balie centrum" rather than "Balie \"Balie centrum\"".
std::string named(const std::string& kind, const std::string& name) {
    if (name.empty()) return kind;
    if (name.size() >= kind.size() && std::equal(kind.begin(), kind.end(), name.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        }))
        return name;
    return kind + " \"" + name + "\"";
}
}  // namespace

std::string DeskModel::device_label(const Device& d) const {
    switch (d.kind) {
    case DeviceKind::Phone: return "Telefoon van " + (d.staff_id.empty() ? d.name : staff_name(d.staff_id));
    case DeviceKind::Kiosk: return named("Kiosk", d.name);
    case DeviceKind::Desk: return named("Balie", d.name);
    }
    return d.name;
}

void DeskModel::set_devices(std::vector<Device> d) {
    d.erase(std::remove_if(d.begin(), d.end(), [](const Device& x) { return !x.active(); }), d.end());
    // Desks, kiosks, then phones by colleague; a colleague's phones together, the oldest first.
    auto key = [this](const Device& x) {
        std::string k = device_label(x);
        k.erase(std::remove(k.begin(), k.end(), '"'), k.end());
        for (char& c : k) c = char(std::tolower(static_cast<unsigned char>(c)));
        const int rank = x.kind == DeviceKind::Desk ? 0 : x.kind == DeviceKind::Kiosk ? 1 : 2;
        return std::make_pair(rank, k);
    };
    std::stable_sort(d.begin(), d.end(), [&](const Device& a, const Device& b) {
        const auto ka = key(a), kb = key(b);
        return ka != kb ? ka < kb : a.created_at < b.created_at;
    });
    devices_ = std::move(d);
    devices_loaded_at_ = wall_();
    if (std::none_of(devices_.begin(), devices_.end(), [&](const Device& x) { return x.id == revoke_asked_; }))
        revoke_asked_ = 0;
}

void DeskModel::device_revoked(std::int64_t id) {
    devices_.erase(std::remove_if(devices_.begin(), devices_.end(), [&](const Device& x) { return x.id == id; }),
                   devices_.end());
    if (revoke_asked_ == id) revoke_asked_ = 0;
}

void DeskModel::set_callbacks(CallbackList list) {
    callbacks_ = std::move(list.callbacks);
    callbacks_loaded_at_ = wall_();
    if (list.now > 0) time_.at_least(double(list.now), wall_());
    if (!list.today.empty()) service_today_ = list.today;
}

void DeskModel::update_callback(const CallbackView& c) {
    for (CallbackView& mine : callbacks_)
        if (mine.request.id == c.request.id) {
            mine = c;
            return;
        }
    callbacks_.push_back(c);  // a request the list had not seen yet
}

bool DeskModel::overdue(const CallbackView& c) const {
    if (c.request.state == CallbackState::Done) return false;
    return c.overdue || service_now() > double(c.request.due_at);
}

int DeskModel::callbacks_to_do() const {
    return int(std::count_if(callbacks_.begin(), callbacks_.end(),
                             [](const CallbackView& c) { return c.request.state != CallbackState::Done; }));
}

int DeskModel::callbacks_overdue() const {
    return int(std::count_if(callbacks_.begin(), callbacks_.end(), [&](const CallbackView& c) { return overdue(c); }));
}

std::string DeskModel::service_today() const {
    if (!service_today_.empty()) return service_today_;
    return machine_local_text(Timestamp(wall_()), "%Y-%m-%d");
}

void DeskModel::set_report(ReportSpan span, ReportView r) {
    if (span != report_span_) return;  // the receptionist chose another period meanwhile
    report_ = std::move(r);
}

int DeskModel::ms_until_change() const {
    const double now = service_now();
    double next = 60.0;  // nothing sooner: look again in a minute
    auto consider = [&](double seconds) {
        if (seconds > 0) next = std::min(next, seconds);
    };
    const int at_risk = PromiseSettings{}.at_risk_seconds;
    for (const auto& [id, r] : rows_) {
        const Visit& v = r.view.visit;
        if (!is_waiting(v.state)) continue;
        consider(60.0 - std::fmod(now - double(v.arrived_at), 60.0));
        if (r.view.deadline > 0) {
            consider(double(r.view.deadline - at_risk) - now);
            consider(double(r.view.deadline) - now);
        }
    }
    // A callback request turns red (and its tab says "te laat") the moment its promise passes.
    for (const CallbackView& c : callbacks_)
        if (c.request.state != CallbackState::Done) consider(double(c.request.due_at) - now + 0.5);
    if (pairing_minutes_left().value_or(-1) >= 0) {
        const double left = pairing_left_at_receipt_ - (wall_() - pairing_received_);
        consider(left);
        consider(std::fmod(left, 60.0));
    }
    if (message_ && !message_->error) consider(message_->at + kMessageSeconds - wall_());
    return std::max(1, int(std::ceil(next * 1000.0)));
}

}  // namespace gastvrij::desk
