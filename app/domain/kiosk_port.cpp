#include "domain/kiosk_port.h"

#include <algorithm>
#include <stdexcept>

#include "domain/routing.h"

namespace gastvrij {

std::vector<std::string> helpers_since(const std::vector<Visit>& visits, Timestamp since) {
    std::vector<const Visit*> done;
    for (const Visit& v : visits)
        if (v.state == VisitState::Finished && v.finished_at >= since && !v.host_id.empty()) done.push_back(&v);
    std::stable_sort(done.begin(), done.end(), [](const Visit* a, const Visit* b) { return a->finished_at > b->finished_at; });
    std::vector<std::string> out;
    for (const Visit* v : done)
        if (std::find(out.begin(), out.end(), v->host_id) == out.end()) out.push_back(v->host_id);
    return out;
}

std::string LocalKioskPort::survey_link(const Visit& v) {
    if (!survey_link_) return {};
    // Only an extra: a link that cannot be made must not undo the check-in.
    try {
        return survey_link_(v);
    } catch (const std::exception&) {
        return {};
    }
}

PresenceBoard LocalKioskPort::presence_today() { return reception_.presence_today(); }

// Route as the check-in would, and see whether it ends at an empty desk.
Availability LocalKioskPort::availability(const std::string& topic_id, const std::string& chosen_host) {
    const Directory& d = reception_.directory();
    const Topic* topic = d.topic(topic_id);
    if (!topic) return Availability::Unknown;
    const LocalTime now = reception_.clock().local_now();
    PresenceBoard presence;
    try {
        presence = presence_today();
    } catch (const std::exception&) {
        return Availability::Unknown;  // the check-in will report a store problem honestly
    }
    const OpenLoad load;
    if (!route({d, presence, load, now}, *topic, chosen_host).is_desk()) return Availability::Someone;
    for (const Staff* s : d.members(d.reception_team)) {
        auto p = presence.find(s->id);
        if (is_available(*s, p == presence.end() ? Presence::Unknown : p->second, now)) return Availability::Someone;
    }
    return Availability::Nobody;
}

std::vector<std::string> LocalKioskPort::recent_helpers() {
    const Timestamp now = reception_.clock().now();
    // A conversation that ended in the last hour started at most a working day before.
    return helpers_since(reception_.records().visits_between(now - 12 * 3600, now + 1), now - 3600);
}

void LocalKioskPort::set_survey_comment(std::int64_t id, const std::string& comment) {
    switch (reception_.surveys().add_comment(id, comment)) {
        case CommentOutcome::Set: return;
        case CommentOutcome::AlreadySet: throw std::runtime_error("survey " + std::to_string(id) + " has a comment already");
        case CommentOutcome::NotFound: throw std::runtime_error("no recent survey " + std::to_string(id));
    }
}

ReceptionHealth LocalKioskPort::health() {
    const auto now = std::chrono::steady_clock::now();
    if (now - health_at_ < std::chrono::seconds(2)) return health_;
    health_at_ = now;
    ReceptionHealth& h = health_;
    h = ReceptionHealth{};
    try {
        h.status = reception_.records().health().detail;
        h.undelivered = int(reception_.records().dead_letters().size());
    } catch (const std::exception& e) {
        if (h.status == "ok") h.status = e.what();
    }
    return h;
}

}  // namespace gastvrij
