#include "client/client.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

namespace gastvrij {

using nlohmann::json;

namespace {

template <class T>
T get_or(const json& j, const char* key, T fallback) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return fallback;
    try {
        return it->get<T>();
    } catch (const json::exception&) {
        return fallback;  // a newer service may change a field's type; keep going
    }
}

std::string str(const json& j, const char* key) { return get_or<std::string>(j, key, ""); }

PromiseState promise_from(const std::string& s) {
    if (s == "at_risk") return PromiseState::AtRisk;
    if (s == "broken") return PromiseState::Broken;
    if (s == "kept") return PromiseState::Kept;
    return PromiseState::OnTime;
}

VisitView visit_from(const json& j) {
    VisitView out;
    Visit& v = out.visit;
    v.id = get_or<std::int64_t>(j, "id", 0);
    v.kiosk_id = str(j, "kiosk");
    v.topic_id = str(j, "topic");
    v.host_id = str(j, "host");
    v.team_id = str(j, "team");
    v.visitor_name = str(j, "visitor_name");
    v.language = get_or<std::string>(j, "language", "nl");
    v.state = visit_state_from(str(j, "state")).value_or(VisitState::Arrived);
    v.escalation_level = get_or<int>(j, "escalation_level", 0);
    v.tried_hosts = get_or<std::vector<std::string>>(j, "tried_hosts", {});
    v.arrived_at = get_or<Timestamp>(j, "arrived_at", 0);
    v.ack_deadline = get_or<Timestamp>(j, "ack_deadline", 0);
    v.acknowledged_at = get_or<Timestamp>(j, "acknowledged_at", 0);
    v.promised_at = get_or<Timestamp>(j, "promised_at", 0);
    v.started_at = get_or<Timestamp>(j, "started_at", 0);
    v.finished_at = get_or<Timestamp>(j, "finished_at", 0);
    v.closed_at = get_or<Timestamp>(j, "closed_at", 0);
    out.waiting = get_or<bool>(j, "waiting", is_waiting(v.state));
    out.promise = promise_from(str(j, "promise"));
    out.deadline = get_or<Timestamp>(j, "deadline", 0);
    out.minutes_waiting = get_or<int>(j, "minutes_waiting", 0);
    out.waiting_since = str(j, "waiting_since");
    out.topic_label = str(j, "topic_label");
    out.host_name = str(j, "host_name");
    out.team_name = str(j, "team_name");
    out.survey_url = str(j, "survey_url");
    return out;
}

VisitEvent event_from(const json& j) {
    VisitEvent e;
    e.id = get_or<std::int64_t>(j, "id", 0);
    e.visit_id = get_or<std::int64_t>(j, "visit", 0);
    e.at = get_or<Timestamp>(j, "at", 0);
    e.from = visit_state_from(str(j, "from")).value_or(VisitState::Arrived);
    e.to = visit_state_from(str(j, "to")).value_or(VisitState::Arrived);
    e.actor = str(j, "actor");
    e.detail = str(j, "detail");
    return e;
}

Device device_from(const json& j) {
    Device d;
    d.id = get_or<std::int64_t>(j, "id", 0);
    d.name = str(j, "name");
    d.kind = device_kind_from(str(j, "kind")).value_or(DeviceKind::Desk);
    d.staff_id = str(j, "staff_id");
    d.created_at = get_or<Timestamp>(j, "created_at", 0);
    d.revoked_at = get_or<Timestamp>(j, "revoked_at", 0);
    return d;
}

PresenceView presence_from_json(const json& j) {
    PresenceView p;
    p.staff_id = str(j, "id");
    p.name = str(j, "name");
    p.team = str(j, "team");
    p.presence = presence_from(str(j, "presence")).value_or(Presence::Unknown);
    p.available = get_or<bool>(j, "available", false);
    return p;
}

CallbackView callback_from(const json& j) {
    CallbackView v;
    CallbackRequest& c = v.request;
    c.id = get_or<std::int64_t>(j, "id", 0);
    c.phone = str(j, "phone");
    c.topic_id = str(j, "topic");
    c.part = part_of_day_from(str(j, "part")).value_or(PartOfDay::Any);
    c.language = get_or<std::string>(j, "language", "nl");
    c.state = callback_state_from(str(j, "state")).value_or(CallbackState::Open);
    c.created_at = get_or<Timestamp>(j, "created_at", 0);
    c.due_at = get_or<Timestamp>(j, "due_at", 0);
    c.handled_at = get_or<Timestamp>(j, "handled_at", 0);
    v.topic_label = str(j, "topic_label");
    v.team = str(j, "team");
    v.created_date = str(j, "created_date");
    v.created_hhmm = str(j, "created_hhmm");
    v.due_date = str(j, "due_date");
    v.due_hhmm = str(j, "due_hhmm");
    v.overdue = get_or<bool>(j, "overdue", false);
    return v;
}

KpiFigures figures_from(const json& j) {
    KpiFigures f;
    f.visits = get_or<int>(j, "visits", 0);
    f.finished = get_or<int>(j, "finished", 0);
    f.left_or_cancelled = get_or<int>(j, "left_or_cancelled", 0);
    f.escalated = get_or<int>(j, "escalated", 0);
    f.acknowledged = get_or<int>(j, "acknowledged", 0);
    f.ack_seconds_p50 = get_or<double>(j, "ack_seconds_p50", 0);
    f.ack_seconds_p90 = get_or<double>(j, "ack_seconds_p90", 0);
    f.started = get_or<int>(j, "started", 0);
    f.start_seconds_p50 = get_or<double>(j, "start_seconds_p50", 0);
    f.start_seconds_p90 = get_or<double>(j, "start_seconds_p90", 0);
    f.surveys = get_or<int>(j, "surveys", 0);
    f.score_avg = get_or<double>(j, "score_avg", 0);
    f.scores_8_or_more = get_or<int>(j, "scores_8_or_more", 0);
    f.share_8_or_more = get_or<double>(j, "share_8_or_more", 0);
    f.one_go_answered = get_or<int>(j, "one_go_answered", 0);
    f.one_go_yes = get_or<int>(j, "one_go_yes", 0);
    f.share_one_go = get_or<double>(j, "share_one_go", 0);
    f.callbacks = get_or<int>(j, "callbacks", 0);
    f.callbacks_in_time = get_or<int>(j, "callbacks_in_time", 0);
    f.callbacks_late = get_or<int>(j, "callbacks_late", 0);
    f.callbacks_overdue = get_or<int>(j, "callbacks_overdue", 0);
    f.callbacks_pending = get_or<int>(j, "callbacks_pending", 0);
    return f;
}

ReportView report_from(const json& j) {
    ReportView v;
    v.from = str(j, "from");
    v.to = str(j, "to");
    KpiReport& r = v.report;
    r.from = get_or<Timestamp>(j, "from_unix", 0);
    r.to = get_or<Timestamp>(j, "to_unix", 0);
    r.now = get_or<Timestamp>(j, "now", 0);
    r.overall = figures_from(j.value("overall", json::object()));
    const auto groups = [&](const char* key, const std::string& kind, std::vector<KpiGroup>& out) {
        for (const auto& g : j.value(key, json::array())) {
            out.push_back({str(g, "id"), figures_from(g.value("figures", json::object()))});
            v.labels[kind + ":" + out.back().id] = str(g, "label");
        }
    };
    groups("topics", "topic", r.topics);
    groups("teams", "team", r.teams);
    for (const auto& d : j.value("per_day", json::array()))
        r.per_day.push_back({str(d, "date"), get_or<int>(d, "weekday", 0), get_or<int>(d, "visits", 0)});
    const auto hours = get_or<std::vector<int>>(j, "per_hour", {});
    for (std::size_t h = 0; h < hours.size() && h < r.per_hour.size(); ++h) r.per_hour[h] = hours[h];
    return v;
}

json parse_reply(const std::string& body) {
    try {
        return json::parse(body);
    } catch (const json::exception& e) {
        throw ServiceError(0, std::string("the service sent something that is not JSON: ") + e.what());
    }
}

std::unique_ptr<httplib::Client> make_client(const std::string& base, const ClientOptions& o,
                                             std::chrono::milliseconds read_timeout) {
    auto c = std::make_unique<httplib::Client>(base);
    if (!c->is_valid()) throw ServiceError(0, "not a usable service address: " + base);
    c->set_connection_timeout(o.connect_timeout);
    c->set_read_timeout(read_timeout);
    c->set_write_timeout(o.request_timeout);
    c->set_keep_alive(true);
    // A POST goes out as headers, then body: without this the body waits for
    // the service's delayed ACK (about 40 ms per call on Linux).
    c->set_tcp_nodelay(true);
    return c;
}

[[noreturn]] void throw_for(const httplib::Result& r, const std::string& what) {
    if (!r) throw ServiceError(0, what + ": the service cannot be reached (" + httplib::to_string(r.error()) + ")");
    std::string message = "HTTP " + std::to_string(r->status);
    std::string field;
    try {
        const json j = json::parse(r->body);
        message = str(j, "error");
        field = str(j, "field");
    } catch (const json::exception&) {
    }
    throw ServiceError(r->status, what + ": " + message, field);
}

}  // namespace

VisitView visit_view_from_json(const std::string& json_text) { return visit_from(json::parse(json_text)); }
CallbackView callback_view_from_json(const std::string& json_text) { return callback_from(json::parse(json_text)); }
ReportView report_view_from_json(const std::string& json_text) { return report_from(json::parse(json_text)); }

std::string ReportView::label(const std::string& kind, const std::string& id) const {
    auto it = labels.find(kind + ":" + id);
    return it == labels.end() || it->second.empty() ? id : it->second;
}

ServiceClient::ServiceClient(std::string base_url, std::string token, ClientOptions options)
    : base_url_(std::move(base_url)), token_(std::move(token)), options_(options) {
    while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

ServiceClient::~ServiceClient() { stop_listening(); }

PairedDevice ServiceClient::pair(const std::string& base_url, const std::string& code,
                                 const std::string& device_name, ClientOptions options) {
    std::string base = base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();  // "http://host:8470/" as people type it
    auto c = make_client(base, options, options.request_timeout);
    const json body = {{"code", code}, {"name", device_name}};
    auto r = c->Post("/pair", body.dump(), "application/json");
    if (!r || r->status != 201) throw_for(r, "pairing");
    const json j = parse_reply(r->body);
    PairedDevice out;
    out.token = str(j, "token");
    out.device = device_from(j.value("device", json::object()));
    return out;
}

std::string ServiceClient::request(const char* method, const std::string& path, const std::string& body,
                                   int expect) {
    std::lock_guard lock(http_mutex_);
    if (!http_) http_ = make_client(base_url_, options_, options_.request_timeout);
    const httplib::Headers headers = {{"Authorization", "Bearer " + token_}};
    const std::string m = method;
    auto send = [&] {
        return m == "GET"    ? http_->Get(path.c_str(), headers)
               : m == "POST" ? http_->Post(path.c_str(), headers, body, "application/json")
               : m == "PUT"  ? http_->Put(path.c_str(), headers, body, "application/json")
                             : http_->Delete(path.c_str(), headers);
    };
    const auto started = std::chrono::steady_clock::now();
    httplib::Result r = send();
    // A kept connection the service closed (it restarted) fails at once: try
    // a fresh one — for requests that may be repeated, and for a POST only
    // when it certainly never arrived. Not after a time-out: the caller (a
    // visitor at the kiosk) would wait twice as long for the same answer.
    const bool quick = std::chrono::steady_clock::now() - started < options_.request_timeout / 2;
    if (!r && quick && (m != "POST" || r.error() == httplib::Error::Connection)) {
        http_ = make_client(base_url_, options_, options_.request_timeout);
        r = send();
    }
    if (!r || r->status != expect) {
        if (!r) http_.reset();
        throw_for(r, m + " " + path);
    }
    return r->body;
}

Device ServiceClient::me() { return device_from(parse_reply(request("GET", "/api/v1/me", "", 200))); }

std::vector<VisitView> ServiceClient::visits() {
    const json j = parse_reply(request("GET", "/api/v1/visits", "", 200));
    std::vector<VisitView> out;
    for (const auto& v : j.value("visits", json::array())) out.push_back(visit_from(v));
    return out;
}

VisitView ServiceClient::visit(VisitId id) {
    return visit_from(parse_reply(request("GET", "/api/v1/visits/" + std::to_string(id), "", 200)));
}

VisitView ServiceClient::check_in(const std::string& topic, const std::string& host, const std::string& name,
                                  const std::string& language) {
    json body = {{"topic", topic}, {"language", language}};
    if (!host.empty()) body["host"] = host;
    if (!name.empty()) body["name"] = name;
    return visit_from(parse_reply(request("POST", "/api/v1/visits", body.dump(), 201)));
}

VisitView ServiceClient::acknowledge(VisitId id, int minutes) {
    return visit_from(parse_reply(request("POST", "/api/v1/visits/" + std::to_string(id) + "/acknowledge",
                                          json{{"minutes", minutes}}.dump(), 200)));
}
VisitView ServiceClient::start(VisitId id) {
    return visit_from(parse_reply(request("POST", "/api/v1/visits/" + std::to_string(id) + "/start", "{}", 200)));
}
VisitView ServiceClient::finish(VisitId id) {
    return visit_from(parse_reply(request("POST", "/api/v1/visits/" + std::to_string(id) + "/finish", "{}", 200)));
}
VisitView ServiceClient::reassign(VisitId id, const std::string& host) {
    return visit_from(parse_reply(request("POST", "/api/v1/visits/" + std::to_string(id) + "/reassign",
                                          json{{"host", host}}.dump(), 200)));
}
VisitView ServiceClient::cancel(VisitId id, bool visitor_left) {
    return visit_from(parse_reply(request("POST", "/api/v1/visits/" + std::to_string(id) + "/cancel",
                                          json{{"left", visitor_left}}.dump(), 200)));
}

std::vector<PresenceView> ServiceClient::presence(std::string* date) {
    const json j = parse_reply(request("GET", "/api/v1/presence", "", 200));
    if (date) *date = str(j, "date");
    std::vector<PresenceView> out;
    for (const auto& p : j.value("staff", json::array())) out.push_back(presence_from_json(p));
    return out;
}

PresenceView ServiceClient::set_presence(const std::string& staff_id, Presence p) {
    const json body = {{"staff_id", staff_id}, {"presence", to_string(p)}};
    return presence_from_json(parse_reply(request("PUT", "/api/v1/presence", body.dump(), 200)));
}

DirectoryView ServiceClient::directory() {
    const json j = parse_reply(request("GET", "/api/v1/directory", "", 200));
    DirectoryView d;
    d.office = str(j, "office");
    d.reception_team = str(j, "reception_team");
    for (const auto& t : j.value("topics", json::array()))
        d.topics.push_back({str(t, "id"), str(t, "label"), str(t, "icon"), str(t, "route"), str(t, "team"),
                            get_or<int>(t, "ack_minutes", 5)});
    for (const auto& t : j.value("teams", json::array()))
        d.teams.push_back({str(t, "id"), str(t, "name"), str(t, "backup_team")});
    for (const auto& s : j.value("staff", json::array())) {
        StaffView v;
        v.id = str(s, "id");
        v.name = str(s, "name");
        v.first_name = str(s, "first_name");
        v.last_name = str(s, "last_name");
        v.team = str(s, "team");
        v.role = str(s, "role");
        v.backup = str(s, "backup");
        v.phone_page = get_or<bool>(s, "phone_page", false);
        v.photo_url = str(s, "photo_url");
        d.staff.push_back(std::move(v));
    }
    return d;
}

std::string ServiceClient::photo(const std::string& staff_id) {
    return request("GET", "/api/v1/photos/" + staff_id, "", 200);
}

std::vector<DeadLetter> ServiceClient::dead_letters() {
    const json j = parse_reply(request("GET", "/api/v1/outbox/dead", "", 200));
    std::vector<DeadLetter> out;
    for (const auto& m : j.value("messages", json::array())) {
        DeadLetter d;
        d.message.id = get_or<std::int64_t>(m, "id", 0);
        d.message.kind = notification_kind_from(str(m, "kind")).value_or(NotificationKind::VisitorArrived);
        d.message.channel = channel_from(str(m, "channel")).value_or(Channel::Companion);
        d.message.visit_id = get_or<std::int64_t>(m, "visit", 0);
        d.message.recipient = str(m, "recipient");
        d.message.state = outbox_state_from(str(m, "state")).value_or(OutboxState::Dead);
        d.message.attempts = get_or<int>(m, "attempts", 0);
        d.message.created_at = get_or<Timestamp>(m, "created_at", 0);
        d.message.next_attempt_at = get_or<Timestamp>(m, "next_attempt_at", 0);
        d.message.last_error = str(m, "last_error");
        d.recipient_name = str(m, "recipient_name");
        out.push_back(std::move(d));
    }
    return out;
}

void ServiceClient::retry_dead_letter(std::int64_t message_id) {
    request("POST", "/api/v1/outbox/dead/" + std::to_string(message_id) + "/retry", "{}", 200);
}

CallbackList ServiceClient::callbacks() {
    const json j = parse_reply(request("GET", "/api/v1/callbacks", "", 200));
    CallbackList out;
    for (const auto& c : j.value("callbacks", json::array())) out.callbacks.push_back(callback_from(c));
    out.now = get_or<Timestamp>(j, "now", 0);
    out.today = str(j, "today");
    return out;
}

CallbackView ServiceClient::set_callback_state(std::int64_t id, CallbackState state) {
    return callback_from(parse_reply(request("POST", "/api/v1/callbacks/" + std::to_string(id) + "/state",
                                             json{{"state", to_string(state)}}.dump(), 200)));
}

ReportView ServiceClient::report(const std::string& from, const std::string& to) {
    // Dates are digits and dashes; anything else is the service's to refuse,
    // so pass it on encoded rather than build a broken request line.
    const std::string path = "/api/v1/report?from=" + httplib::detail::encode_query_param(from) +
                             "&to=" + httplib::detail::encode_query_param(to);
    return report_from(parse_reply(request("GET", path, "", 200)));
}

std::vector<std::string> ServiceClient::survey_helpers() {
    const json j = parse_reply(request("GET", "/api/v1/survey/helpers", "", 200));
    return get_or<std::vector<std::string>>(j, "staff", {});
}

std::int64_t ServiceClient::add_survey(const std::string& staff, int score, std::optional<bool> one_go,
                                       const std::string& language, const std::string& topic) {
    json body = {{"staff", staff}, {"score", score}, {"language", language}};
    body["one_go"] = one_go ? json(*one_go) : json(nullptr);
    if (!topic.empty()) body["topic"] = topic;
    const json j = parse_reply(request("POST", "/api/v1/surveys", body.dump(), 201));
    const auto id = get_or<std::int64_t>(j, "id", 0);
    if (id <= 0) throw ServiceError(0, "saving the survey: the service answered without an id");
    return id;
}

void ServiceClient::set_survey_comment(std::int64_t id, const std::string& comment) {
    request("POST", "/api/v1/surveys/" + std::to_string(id) + "/comment", json{{"comment", comment}}.dump(), 200);
}

CallbackView ServiceClient::add_callback(const std::string& phone, const std::string& topic, PartOfDay part,
                                         const std::string& language) {
    const json body = {{"phone", phone}, {"topic", topic}, {"part", to_string(part)}, {"language", language}};
    return callback_from(parse_reply(request("POST", "/api/v1/callbacks", body.dump(), 201)));
}

ServiceHealth ServiceClient::health() {
    std::lock_guard lock(http_mutex_);
    if (!http_) http_ = make_client(base_url_, options_, options_.request_timeout);
    httplib::Result r = http_->Get("/health");
    if (!r) {  // a kept connection the service closed: once more on a fresh one
        http_ = make_client(base_url_, options_, options_.request_timeout);
        r = http_->Get("/health");
    }
    if (!r) http_.reset();
    // 503 is an answer too: the service runs, its store does not.
    if (!r || (r->status != 200 && r->status != 503)) throw_for(r, "GET /health");
    const json j = parse_reply(r->body);
    ServiceHealth h;
    h.status = str(j, "status");
    if (h.status.empty()) h.status = r->status == 200 ? "ok" : "HTTP " + std::to_string(r->status);
    h.undelivered = get_or<int>(j, "undelivered", -1);
    h.streams = get_or<int>(j, "streams", 0);
    return h;
}

PairingView ServiceClient::create_pairing(DeviceKind kind, const std::string& staff_id) {
    json body = {{"kind", to_string(kind)}};
    if (!staff_id.empty()) body["staff_id"] = staff_id;
    const json j = parse_reply(request("POST", "/api/v1/pairing", body.dump(), 201));
    PairingView p;
    p.code = str(j, "code");
    p.kind = device_kind_from(str(j, "kind")).value_or(kind);
    p.staff_id = str(j, "staff_id");
    p.staff_name = str(j, "staff_name");
    p.expires_at = get_or<Timestamp>(j, "expires_at", 0);
    p.url = str(j, "url");
    p.qr_svg = str(j, "qr_svg");
    return p;
}

std::vector<Device> ServiceClient::devices(bool include_revoked) {
    const json j = parse_reply(request("GET", include_revoked ? "/api/v1/devices?all=1" : "/api/v1/devices", "", 200));
    std::vector<Device> out;
    for (const auto& d : j.value("devices", json::array())) out.push_back(device_from(d));
    return out;
}

void ServiceClient::revoke_device(std::int64_t device_id) {
    request("DELETE", "/api/v1/devices/" + std::to_string(device_id), "", 204);
}

// ---- live events ------------------------------------------------------------

void ServiceClient::listen(Listener listener) {
    stop_listening();
    if (thread_.joinable()) thread_.join();  // a listener stopped from its own callback
    listener_ = std::move(listener);
    {
        std::lock_guard lock(listen_mutex_);
        stop_ = false;
    }
    thread_ = std::thread([this] { listen_loop(); });
}

void ServiceClient::stop_listening() {
    {
        std::lock_guard lock(listen_mutex_);
        stop_ = true;
        if (stream_) stream_->stop();  // interrupts a blocked read
    }
    listen_cv_.notify_all();
    // Called from a Listener callback: the thread ends by itself once the
    // callback returns; it is joined by the next stop_listening() or the destructor.
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void ServiceClient::set_online(bool on) {
    if (online_.exchange(on) != on && listener_.on_connection) listener_.on_connection(on);
}

void ServiceClient::dispatch(const std::string& event, const std::string& data, const std::string& id) {
    json j;
    try {
        j = json::parse(data);
    } catch (const json::exception&) {
        return;  // a frame we cannot read is skipped, not fatal
    }
    if (event == "visit") {
        if (listener_.on_visit) listener_.on_visit(visit_from(j.value("visit", json::object())), event_from(j.value("event", json::object())));
    } else if (event == "presence") {
        if (listener_.on_presence) listener_.on_presence(presence_from_json(j));
    } else if (event == "notification") {
        if (listener_.on_notification) {
            NotificationView n;
            n.message_id = get_or<std::int64_t>(j, "message", 0);
            n.kind = notification_kind_from(str(j, "kind")).value_or(NotificationKind::VisitorArrived);
            n.recipient = str(j, "recipient");
            n.title = str(j, "title");
            n.visit = visit_from(j.value("visit", json::object()));
            listener_.on_notification(n);
        }
    } else if (event == "callback") {
        if (listener_.on_callback) listener_.on_callback(callback_from(j));
    } else if (event == "reset") {
        if (listener_.on_reset) listener_.on_reset();
    }
    // The id moves only after the frame was handled: a crash in between replays it.
    if (!id.empty()) {
        try {
            last_event_id_ = std::stoll(id);
        } catch (const std::exception&) {
        }
    }
}

void ServiceClient::listen_loop() {
    auto backoff = options_.backoff_min;
    for (;;) {
        {
            std::lock_guard lock(listen_mutex_);
            if (stop_) break;
        }
        std::unique_ptr<httplib::Client> client;
        try {
            client = make_client(base_url_, options_, options_.stream_timeout);
        } catch (const ServiceError&) {
            break;  // an unusable address stays unusable
        }
        {
            std::lock_guard lock(listen_mutex_);
            if (stop_) break;
            stream_ = client.get();
        }
        httplib::Headers headers = {{"Authorization", "Bearer " + token_}, {"Accept", "text/event-stream"}};
        if (last_event_id_ > 0) headers.emplace("Last-Event-ID", std::to_string(last_event_id_));

        int status = 0;
        std::string buffer, event, data, id;
        auto started = std::chrono::steady_clock::now();
        auto result = client->Get(
            "/api/v1/events", headers,
            [&](const httplib::Response& r) {
                status = r.status;
                return r.status == 200;
            },
            [&](const char* p, std::size_t n) {
                buffer.append(p, n);
                // Frames end with an empty line; lines with \n (or \r\n).
                std::size_t pos;
                while ((pos = buffer.find('\n')) != std::string::npos) {
                    std::string line = buffer.substr(0, pos);
                    buffer.erase(0, pos + 1);
                    if (!line.empty() && line.back() == '\r') line.pop_back();
                    if (line.empty()) {
                        if (!event.empty() || !data.empty()) {
                            if (event == "hello") set_online(true);
                            dispatch(event.empty() ? "message" : event, data, id);
                        }
                        event.clear();
                        data.clear();
                        id.clear();
                    } else if (line[0] == ':') {
                        // heartbeat comment: the read timeout starts over, nothing else
                    } else {
                        const auto colon = line.find(':');
                        std::string field = line.substr(0, colon);
                        std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
                        if (!value.empty() && value[0] == ' ') value.erase(0, 1);
                        if (field == "event") event = value;
                        else if (field == "data") data += (data.empty() ? "" : "\n") + value;
                        else if (field == "id") id = value;
                    }
                }
                std::lock_guard lock(listen_mutex_);
                return !stop_;
            });
        (void)result;
        {
            std::lock_guard lock(listen_mutex_);
            stream_ = nullptr;
        }
        set_online(false);
        if (status == 401) {
            if (listener_.on_unauthorized) listener_.on_unauthorized();
            break;
        }
        // A stream that lived a while was fine; start the back-off afresh.
        if (std::chrono::steady_clock::now() - started > std::chrono::seconds(30)) backoff = options_.backoff_min;
        std::unique_lock lock(listen_mutex_);
        if (listen_cv_.wait_for(lock, backoff, [&] { return stop_; })) break;
        backoff = std::min(options_.backoff_max, backoff * 2);
    }
    set_online(false);
}

}  // namespace gastvrij
