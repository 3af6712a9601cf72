#include "client/remote_kiosk.h"

#include <cstdio>

namespace gastvrij {

namespace {
// A visitor's confirmation screen lasts minutes; after this a visit is no
// longer this kiosk's concern (its survey link and live updates).
constexpr Timestamp kOwnVisitSeconds = 3 * 3600;
}  // namespace

ClientOptions RemoteKioskPort::kiosk_client_options() {
    ClientOptions o;
    o.connect_timeout = std::chrono::milliseconds(1500);
    o.request_timeout = std::chrono::milliseconds(4000);
    o.backoff_max = std::chrono::milliseconds(5000);  // back quickly after a service restart
    return o;
}

RemoteKioskPort::RemoteKioskPort(std::string base_url, std::string token, const Clock& clock, ClientOptions options)
    : clock_(clock), client_(base_url, token, options), background_(base_url, token, options) {}

RemoteKioskPort::~RemoteKioskPort() {
    client_.stop_listening();
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    refresh_cv_.notify_all();
    if (refresher_.joinable()) refresher_.join();
}

void RemoteKioskPort::start(std::function<void()> news) {
    news_ = std::move(news);
    ServiceClient::Listener l;
    l.on_visit = [this](const VisitView& v, const VisitEvent& e) { publish({v.visit, e}); };
    l.on_presence = [this](const PresenceView& p) {
        std::lock_guard lock(mutex_);
        if (!presence_date_.empty()) presence_[p.staff_id] = p.presence, available_[p.staff_id] = p.available;
        if (presence_loading_) presence_during_load_[p.staff_id] = p.presence;
    };
    // (Re)connected: presence may have changed meanwhile; the visits' events
    // are replayed by the stream itself unless it says it could not.
    l.on_connection = [this](bool online) {
        {
            std::lock_guard lock(mutex_);
            want_health_ = true;
            if (online) want_presence_ = true;
        }
        refresh_cv_.notify_all();
    };
    l.on_reset = [this] { refresh_own_visits(); };
    l.on_unauthorized = [this] { refused(); };
    refresher_ = std::thread([this] { refresher_loop(); });
    client_.listen(std::move(l));
}

void RemoteKioskPort::refused() {
    if (!unauthorized_.exchange(true))  // said once
        std::fprintf(stderr, "gastvrij kiosk: %s refused this kiosk's token — it was withdrawn; pair the kiosk again "
                             "(gastvrij kiosk --server LINK). Visitors are sent to the desk meanwhile.\n",
                     client_.base_url().c_str());
}

void RemoteKioskPort::publish(const VisitChange& c) {
    // Held while calling, so that after unsubscribe() no call is under way.
    std::lock_guard lock(listeners_mutex_);
    for (const auto& [handle, l] : listeners_) l(c);
}

// Fetches what the screens read without waiting: presence and health.
void RemoteKioskPort::refresher_loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        // Presence also afresh every few minutes: a missed day change or an
        // event lost to a full stream heals by itself.
        refresh_cv_.wait_for(lock, std::chrono::minutes(5), [&] { return stopping_ || want_presence_ || want_health_; });
        if (stopping_) return;
        const bool presence = want_presence_ || (!want_health_ && client_.online());
        const bool health = want_health_;
        want_presence_ = want_health_ = false;
        lock.unlock();
        if (presence) {
            try {
                load_presence();
            } catch (const ServiceError& e) {
                if (e.status == 401) refused();
            } catch (const std::exception&) {
            }
        }
        if (health) load_health();
        if (news_) news_();
        lock.lock();
    }
}

void RemoteKioskPort::load_presence() {
    {
        std::lock_guard lock(mutex_);
        presence_loading_ = true;
        presence_during_load_.clear();
    }
    std::string date;
    std::vector<PresenceView> list;
    std::optional<DirectoryView> directory;
    try {
        bool have_directory = false;
        {
            std::lock_guard lock(mutex_);
            have_directory = directory_.has_value();
        }
        if (!have_directory) directory = background_.directory();
        list = background_.presence(&date);
    } catch (...) {
        std::lock_guard lock(mutex_);
        presence_loading_ = false;
        throw;
    }
    PresenceBoard board;
    std::map<std::string, bool> available;
    for (const PresenceView& p : list) board[p.staff_id] = p.presence, available[p.staff_id] = p.available;
    std::lock_guard lock(mutex_);
    for (const auto& [id, p] : presence_during_load_) board[id] = p;  // newer than the snapshot
    presence_ = std::move(board);
    available_ = std::move(available);
    if (directory) directory_ = std::move(directory);
    presence_date_ = date;  // the service's day, not this machine's
    presence_loading_ = false;
}

PresenceBoard RemoteKioskPort::presence_today() {
    std::unique_lock lock(mutex_);
    if (!presence_date_.empty() && presence_date_ == clock_.local_now().date_iso()) return presence_;
    // Not known for today (yet): never wait for the network here.
    want_presence_ = true;
    lock.unlock();
    refresh_cv_.notify_all();
    throw ServiceError(0, "today's presence is not known yet");
}

// The ladder routing climbs — the chosen colleague, their backup, the topic's
// team, its backup team, the desk — on the service's directory: is anyone on
// it available?
Availability RemoteKioskPort::availability(const std::string& topic_id, const std::string& chosen_host) {
    std::unique_lock lock(mutex_);
    if (!directory_ || presence_date_.empty() || presence_date_ != clock_.local_now().date_iso()) {
        want_presence_ = true;
        lock.unlock();
        refresh_cv_.notify_all();
        return Availability::Unknown;
    }
    const DirectoryView& d = *directory_;
    const TopicView* topic = nullptr;
    for (const TopicView& t : d.topics)
        if (t.id == topic_id) topic = &t;
    if (!topic) return Availability::Unknown;  // the service refuses the check-in, the visitor goes to the desk
    auto available = [&](const std::string& staff_id) {
        auto it = available_.find(staff_id);
        return it != available_.end() && it->second;
    };
    auto team_available = [&](const std::string& team_id) {
        if (team_id.empty()) return false;
        for (const StaffView& s : d.staff)
            if (s.team == team_id && available(s.id)) return true;
        return false;
    };
    if (!chosen_host.empty()) {
        if (available(chosen_host)) return Availability::Someone;
        for (const StaffView& s : d.staff)
            if (s.id == chosen_host && !s.backup.empty() && available(s.backup)) return Availability::Someone;
    }
    if (team_available(topic->team)) return Availability::Someone;
    for (const TeamView& t : d.teams)
        if (t.id == topic->team && team_available(t.backup_team)) return Availability::Someone;
    return team_available(d.reception_team) ? Availability::Someone : Availability::Nobody;
}

// A withdrawn pairing is said by health() itself, over whatever this found.
void RemoteKioskPort::load_health() {
    ReceptionHealth h;
    try {
        const ServiceHealth s = background_.health();
        h.undelivered = s.undelivered;
        h.status = s.status;
        if (s.status != "ok")
            h.status = client_.base_url() + " says it is " + s.status + ": check-ins cannot be saved there — " +
                       (s.detail.empty() ? "see the log of gastvrij serve" : s.detail);
        else if (!client_.online())
            h.status = "reconnecting to " + client_.base_url();
    } catch (const ServiceError& e) {
        if (e.status == 401) refused();
        h.status = "cannot reach " + client_.base_url() + ": " + e.what();
    }
    std::lock_guard lock(mutex_);
    health_ = h;
    health_at_ = std::chrono::steady_clock::now();
}

// The stream could not replay what was missed: ask for this kiosk's recent
// visits as they are now, so a waiting visitor's screen is right again.
void RemoteKioskPort::refresh_own_visits() {
    std::vector<VisitId> ids;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, own] : own_) ids.push_back(id);
    }
    for (VisitId id : ids) {
        try {
            const VisitView v = background_.visit(id);
            VisitEvent e;
            e.visit_id = id;
            e.to = v.visit.state;
            e.actor = "service";
            e.detail = "reloaded";
            publish({v.visit, e});
        } catch (const std::exception&) {
            // Gone or unreachable: the next reconnection tries again.
        }
    }
}

Visit RemoteKioskPort::check_in(const CheckInRequest& r) {
    VisitView v;
    try {
        v = client_.check_in(r.topic_id, r.chosen_host, r.visitor_name, r.language);
    } catch (const ServiceError& e) {
        if (e.status == 401) refused();
        throw;
    }
    const Timestamp now = clock_.now();
    std::lock_guard lock(mutex_);
    for (auto it = own_.begin(); it != own_.end();)
        it = it->second.arrived_at < now - kOwnVisitSeconds ? own_.erase(it) : std::next(it);
    own_[v.visit.id] = {now, v.survey_url};
    return v.visit;
}

std::string RemoteKioskPort::survey_link(const Visit& v) {
    std::lock_guard lock(mutex_);
    auto it = own_.find(v.id);
    return it == own_.end() ? std::string() : it->second.survey_url;
}

std::vector<std::string> RemoteKioskPort::recent_helpers() {
    // The survey opens without faces rather than waiting for a service that is gone.
    if (!client_.online()) throw ServiceError(0, "the service cannot be reached now");
    return client_.survey_helpers();
}

void RemoteKioskPort::add_callback(const CallbackRequest& c) {
    // The service stamps created and due times on its own clock and rules.
    client_.add_callback(c.phone, c.topic_id, c.part, c.language);
}

std::int64_t RemoteKioskPort::add_survey(const SurveyResponse& r) {
    return client_.add_survey(r.staff_id, r.score, r.one_go, r.language, r.topic_id);
}

void RemoteKioskPort::set_survey_comment(std::int64_t id, const std::string& comment) {
    client_.set_survey_comment(id, comment);
}

ReceptionHealth RemoteKioskPort::health() {
    std::lock_guard lock(mutex_);
    // What was last heard; asked again in the background when older than a
    // few seconds (the admin screen reads this every frame).
    if (std::chrono::steady_clock::now() - health_at_ > std::chrono::seconds(3)) {
        want_health_ = true;
        health_at_ = std::chrono::steady_clock::now();  // one question at a time
        refresh_cv_.notify_all();
    }
    ReceptionHealth h = health_;
    if (unauthorized_) h.status = "this kiosk's pairing was withdrawn — pair it again (gastvrij kiosk --server LINK)";
    return h;
}

int RemoteKioskPort::subscribe(Reception::Listener l) {
    std::lock_guard lock(listeners_mutex_);
    listeners_[next_handle_] = std::move(l);
    return next_handle_++;
}

void RemoteKioskPort::unsubscribe(int handle) {
    std::lock_guard lock(listeners_mutex_);
    listeners_.erase(handle);
}

std::vector<std::string> directory_differences(const Directory& kiosk, const DirectoryView& service) {
    std::vector<std::string> out;
    auto served_topic = [&](const std::string& id) {
        for (const TopicView& t : service.topics)
            if (t.id == id) return true;
        return false;
    };
    auto served_person = [&](const std::string& id) {
        for (const StaffView& s : service.staff)
            if (s.id == id) return true;
        return false;
    };
    for (const Topic& t : kiosk.topics)
        if (!served_topic(t.id))
            out.push_back("topic \"" + t.id + "\" is in this kiosk's topics.toml but not on the service: visitors who pick it are sent to the desk");
    for (const Staff& s : kiosk.staff)
        if (!served_person(s.id))
            out.push_back("colleague \"" + s.id + "\" is in this kiosk's staff.csv but not on the service: visitors who pick them are sent to the desk");
    for (const TopicView& t : service.topics)
        if (!kiosk.topic(t.id)) out.push_back("topic \"" + t.id + "\" is on the service but not in this kiosk's topics.toml: visitors cannot pick it here");
    return out;
}

}  // namespace gastvrij
