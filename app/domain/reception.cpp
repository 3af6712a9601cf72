#include "domain/reception.h"

#include <algorithm>

#include "domain/text_rules.h"

namespace gastvrij {

namespace {

Timestamp ack_seconds(const Directory& dir, const Visit& v) {
    const Topic* t = dir.topic(v.topic_id);
    return static_cast<Timestamp>(t ? t->ack_minutes : Topic{}.ack_minutes) * 60;
}

OpenLoad load_of(const std::vector<Visit>& open) {
    OpenLoad load;
    for (const auto& v : open)
        if (!v.host_id.empty()) ++load[v.host_id];
    return load;
}

}  // namespace

Reception::Reception(const Directory& dir, Store& store, const Clock& clock, const ReceptionRules& rules)
    : dir_(dir),
      store_(store),
      clock_(clock),
      callbacks_(store, clock, rules.callbacks, feed_),
      surveys_(store, clock, feed_) {}

RoutingContext Reception::context(PresenceBoard& presence, OpenLoad& load) const {
    return RoutingContext{dir_, presence, load, clock_.local_now()};
}

Visit Reception::check_in(const CheckInRequest& r) {
    const Topic* topic = dir_.topic(r.topic_id);
    if (!topic) throw UnknownName("unknown topic \"" + r.topic_id + "\"");
    // The name reaches the board, e-mails and chat messages: only a name.
    if (auto problem = visitor_name_problem(r.visitor_name))
        throw std::invalid_argument("the visitor's name " + *problem);

    VisitChange change;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        const Timestamp now = clock_.now();
        PresenceBoard presence = store_.presence(clock_.local(now).date_iso());
        OpenLoad load = load_of(store_.open_visits());
        const RouteResult to = route(context(presence, load), *topic, r.chosen_host);

        Visit v;
        v.kiosk_id = r.source;
        v.topic_id = topic->id;
        v.team_id = topic->team;
        v.visitor_name = r.visitor_name;
        v.language = r.language;
        v.arrived_at = now;

        VisitEvent arrived;
        arrived.at = now;
        arrived.actor = r.source;
        arrived.detail = "checked in for " + topic->id;

        Transition t = notify_host(v, to.host_id, to.team_id,
                                   now + static_cast<Timestamp>(topic->ack_minutes) * 60, now, r.source);
        t.visit.escalation_level = to.level;
        t.event.detail += "; " + to.reason;

        auto outbox = notifications_for(dir_, t.visit, NotificationKind::VisitorArrived, to.host_id, now);
        StoredVisit kept = store_.create_visit(t.visit, {arrived, t.event}, std::move(outbox));
        change.visit = std::move(kept.visit);
        change.event = kept.events.back();
    }
    publish(change);
    return change.visit;
}

VisitChange Reception::commit(const Transition& t, NotificationKind kind, bool notify_new_host) {
    std::vector<OutboxMessage> outbox;
    if (notify_new_host) outbox = notifications_for(dir_, t.visit, kind, t.visit.host_id, t.event.at);
    return VisitChange{t.visit, store_.apply(t, std::move(outbox))};
}

// Loads, changes and commits one visit under the lock; the caller tells listeners.
template <typename Change>
static VisitChange change_visit(std::mutex& m, Store& store, VisitId id, Change&& change) {
    std::lock_guard<std::mutex> lock(m);
    auto v = store.visit(id);
    if (!v) throw UnknownVisit("visit " + std::to_string(id) + ": no such visit");
    return change(*v);
}

Visit Reception::acknowledge(VisitId id, int promised_minutes, const std::string& actor) {
    VisitChange c = change_visit(mutex_, store_, id, [&](const Visit& v) {
        return commit(gastvrij::acknowledge(v, promised_minutes, clock_.now(), actor), NotificationKind::VisitorArrived, false);
    });
    publish(c);
    return c.visit;
}

Visit Reception::start(VisitId id, const std::string& actor) {
    VisitChange c = change_visit(mutex_, store_, id, [&](const Visit& v) {
        return commit(start_conversation(v, clock_.now(), actor), NotificationKind::VisitorArrived, false);
    });
    publish(c);
    return c.visit;
}

Visit Reception::finish(VisitId id, const std::string& actor) {
    VisitChange c = change_visit(mutex_, store_, id, [&](const Visit& v) {
        return commit(gastvrij::finish(v, clock_.now(), actor), NotificationKind::VisitorArrived, false);
    });
    publish(c);
    return c.visit;
}

Visit Reception::reassign(VisitId id, const std::string& new_host, const std::string& actor) {
    std::string team_id = dir_.reception_team;  // empty new_host = the desk takes it
    if (!new_host.empty()) {
        const Staff* s = dir_.person(new_host);
        if (!s) throw UnknownName("unknown colleague \"" + new_host + "\"");
        team_id = s->team;
    }
    VisitChange c = change_visit(mutex_, store_, id, [&](const Visit& v) {
        const Timestamp now = clock_.now();
        return commit(gastvrij::reassign(v, new_host, team_id, now + ack_seconds(dir_, v), now, actor),
                      NotificationKind::VisitReassigned, true);
    });
    publish(c);
    return c.visit;
}

Visit Reception::escalate_now(VisitId id, const std::string& actor) {
    VisitChange c = change_visit(mutex_, store_, id, [&](const Visit& v) {
        const Timestamp now = clock_.now();
        PresenceBoard presence = store_.presence(clock_.local(now).date_iso());
        OpenLoad load = load_of(store_.open_visits());
        if (!v.host_id.empty()) --load[v.host_id];  // who has it now is not busier for it
        const RouteResult to = next_escalation(context(presence, load), v);
        if (to.host_id == v.host_id && to.level <= v.escalation_level)
            throw TransitionError("visit " + std::to_string(v.id) + " is with " + (v.host_id.empty() ? "the desk" : v.host_id) +
                                  " already; nobody is further along to pass it to");
        Transition t = gastvrij::escalate(v, to.host_id, to.team_id, to.level, now + ack_seconds(dir_, v), now, to.reason);
        t.event.actor = actor;
        t.event.detail = "passed on by " + actor + ": " + t.event.detail;
        return commit(t, NotificationKind::VisitEscalated, true);
    });
    publish(c);
    return c.visit;
}

Visit Reception::cancel(VisitId id, const std::string& actor, bool visitor_left) {
    VisitChange c = change_visit(mutex_, store_, id, [&](const Visit& v) {
        return commit(gastvrij::cancel(v, clock_.now(), actor, visitor_left), NotificationKind::VisitorArrived, false);
    });
    publish(c);
    return c.visit;
}

void Reception::set_presence(const std::string& staff_id, Presence p) {
    if (!dir_.person(staff_id)) throw UnknownName("unknown colleague \"" + staff_id + "\"");
    const std::string today = clock_.local_now().date_iso();
    store_.set_presence(today, staff_id, p);
    feed_.publish(PresenceChange{today, staff_id, p});
}

PresenceBoard Reception::presence_today() const { return store_.presence(clock_.local_now().date_iso()); }

void Reception::retry_dead_letter(std::int64_t message_id) { store_.retry_dead(message_id, clock_.now()); }

std::vector<VisitChange> Reception::tick() {
    std::vector<VisitChange> changes;
    std::exception_ptr failure;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        const Timestamp now = clock_.now();
        const std::vector<Visit> open = store_.open_visits();
        PresenceBoard presence = store_.presence(clock_.local(now).date_iso());
        OpenLoad load = load_of(open);
        const RoutingContext ctx = context(presence, load);
        for (const Visit& v : open) {
            if (!needs_escalation(v, now)) continue;
            const RouteResult to = next_escalation(ctx, v);
            Transition t = escalate(v, to.host_id, to.team_id, to.level, now + ack_seconds(dir_, v), now, to.reason);
            auto outbox = notifications_for(dir_, t.visit, NotificationKind::VisitEscalated, to.host_id, now);
            if (to.is_desk() && !v.host_id.empty()) {
                auto broken = notifications_for(dir_, t.visit, NotificationKind::PromiseBroken, "", now);
                outbox.insert(outbox.end(), broken.begin(), broken.end());
            }
            VisitEvent kept;
            try {
                kept = store_.apply(t, std::move(outbox));
            } catch (const TransitionError&) {
                continue;  // changed meanwhile by another kiosk on the same store
            } catch (...) {
                failure = std::current_exception();  // keep what is already committed
                break;
            }
            // Later visits in this round see the new host as busier.
            if (!v.host_id.empty()) --load[v.host_id];
            if (!to.host_id.empty()) ++load[to.host_id];
            changes.push_back(VisitChange{t.visit, kept});
        }
    }
    for (const auto& c : changes) publish(c);
    if (failure) std::rethrow_exception(failure);
    return changes;
}

std::vector<VisitChange> Reception::close_earlier_days(Timestamp day_start) {
    std::vector<VisitChange> changes;
    std::exception_ptr failure;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        const Timestamp now = clock_.now();
        for (const Visit& v : store_.open_visits()) {
            if (v.arrived_at >= day_start) break;  // oldest first
            Transition t = v.state == VisitState::InConversation ? gastvrij::finish(v, now, kDayEndActor)
                                                                  : gastvrij::cancel(v, now, kDayEndActor, false);
            t.event.detail = "still open when its day ended";
            try {
                VisitEvent kept = store_.apply(t, {});
                changes.push_back(VisitChange{t.visit, kept});
            } catch (const TransitionError&) {
                continue;  // closed meanwhile by another kiosk on the same store
            } catch (...) {
                failure = std::current_exception();  // keep what is already committed
                break;
            }
        }
    }
    for (const auto& c : changes) publish(c);
    if (failure) std::rethrow_exception(failure);
    return changes;
}

int Reception::subscribe(Listener l) {
    return feed_.subscribe([l = std::move(l)](const Change& c) {
        if (const auto* v = std::get_if<VisitChange>(&c)) l(*v);
    });
}

}  // namespace gastvrij
