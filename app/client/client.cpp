#include "client/client.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <random>
#include <thread>

#include "client/certificate_pin.h"
#include "wire/error.h"
#include "wire/fields.h"

namespace gastvrij {

using nlohmann::json;

namespace {

// Reading a reply; one that is not API v1's JSON is the service's fault,
// told like an unreachable one (status 0).
template <class F>
auto reading(F&& read) {
    try {
        return read();
    } catch (const WireError& e) {
        throw ServiceError(0, std::string("the service sent a reply we cannot read: ") + e.what());
    }
}

template <class T>
T read_reply(const std::string& body) {
    return reading([&] { return decode<T>(body); });
}

// An event's data; nullopt when it cannot be read.
template <class T>
std::optional<T> read_frame(const std::string& data) {
    try {
        return decode<T>(data);
    } catch (const WireError&) {
        return std::nullopt;
    }
}

std::shared_ptr<const CertificatePin> pin_for(const ClientOptions& o) {
    if (o.pinned_fingerprint.empty()) return nullptr;
    return std::make_shared<const CertificatePin>(o.pinned_fingerprint);
}

std::unique_ptr<httplib::Client> make_client(const std::string& base, const ClientOptions& o,
                                             std::chrono::milliseconds read_timeout, const CertificatePin* pin) {
    // A service that hung up must be an error on that connection, not the
    // end of the desk or kiosk: OpenSSL's close_notify goes out with write().
    std::signal(SIGPIPE, SIG_IGN);
    auto c = std::make_unique<httplib::Client>(base);
    if (!c->is_valid()) throw ServiceError(0, "not a usable service address: " + base);
    const bool https = base.rfind("https://", 0) == 0;
    // A pin on a plain-HTTP address would silently protect nothing.
    if (pin && !https)
        throw ServiceError(0, "the pairing link carries a certificate fingerprint, but " + base +
                                  " is not an https:// address — use the link as it was given");
    if (pin) pin->apply(*c);
    c->set_connection_timeout(o.connect_timeout);
    c->set_read_timeout(read_timeout);
    c->set_write_timeout(o.request_timeout);
    c->set_keep_alive(true);
    // A POST goes out as headers, then body: without this the body waits for
    // the service's delayed ACK (about 40 ms per call on Linux).
    c->set_tcp_nodelay(true);
    return c;
}

// Why a request did not get an answer, for people. A refused certificate
// is told apart (field "certificate"): waiting will not bring the service back.
ServiceError unreachable(const httplib::Result& r, const std::string& what, const CertificatePin* pin) {
    if (pin) {
        if (std::string why = pin->refusal(); !why.empty()) return ServiceError(0, what + ": " + why, "certificate");
    }
    if (r.error() == httplib::Error::SSLServerVerification)
        return ServiceError(0,
                            what + ": the service's certificate is not one this computer trusts — pair with the link "
                                   "the service printed or showed (…#pair=CODE&fp=…): it carries the certificate's fingerprint",
                            "certificate");
    return ServiceError(0, what + ": the service cannot be reached (" + httplib::to_string(r.error()) + ")");
}

[[noreturn]] void throw_for(const httplib::Result& r, const std::string& what, const CertificatePin* pin) {
    if (!r) throw unreachable(r, what, pin);
    std::string message = "HTTP " + std::to_string(r->status);
    std::string field;
    try {
        const auto refusal = decode<ApiError>(r->body);
        message = refusal.error;
        field = refusal.field;
    } catch (const WireError&) {
        // not our JSON (a proxy's page): the status says it
    }
    throw ServiceError(r->status, what + ": " + message, field);
}

}  // namespace

ServiceClient::ServiceClient(std::string base_url, std::string token, ClientOptions options)
    : base_url_(std::move(base_url)), token_(std::move(token)), options_(options), pin_(pin_for(options_)) {
    while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

ServiceClient::~ServiceClient() { stop_listening(); }

PairedDevice ServiceClient::pair(const std::string& base_url, const std::string& code,
                                 const std::string& device_name, ClientOptions options) {
    std::string base = base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();  // "http://host:8470/" as people type it
    const auto pin = pin_for(options);
    auto c = make_client(base, options, options.request_timeout, pin.get());
    const json body = {{"code", code}, {"name", device_name}};
    auto r = c->Post("/pair", body.dump(), "application/json");
    if (!r || r->status != 201) throw_for(r, "pairing", pin.get());
    const auto reply = read_reply<PairReply>(r->body);
    return {reply.token, reply.device.device};
}

namespace {

// A fresh Idempotency-Key for one request that changes something: 128 random bits.
std::string new_request_key() {
    static thread_local std::mt19937_64 bits{std::random_device{}() ^
                                            static_cast<std::uint64_t>(
                                                std::chrono::steady_clock::now().time_since_epoch().count())};
    char out[33];
    std::snprintf(out, sizeof out, "%016llx%016llx", static_cast<unsigned long long>(bits()),
                  static_cast<unsigned long long>(bits()));
    return out;
}

}  // namespace

std::string ServiceClient::request(const char* method, const std::string& path, const std::string& body,
                                   int expect) {
    std::lock_guard lock(http_mutex_);
    if (!http_) http_ = make_client(base_url_, options_, options_.request_timeout, pin_.get());
    const std::string m = method;
    httplib::Headers headers = {{"Authorization", "Bearer " + token_}};
    // Every request that changes something carries a key of its own, so it
    // can be sent again after a lost answer: the service answers a repeat
    // with the first answer instead of doing the thing twice.
    const bool changes = m != "GET";
    if (changes) headers.emplace("Idempotency-Key", new_request_key());
    auto send = [&] {
        return m == "GET"    ? http_->Get(path.c_str(), headers)
               : m == "POST" ? http_->Post(path.c_str(), headers, body, "application/json")
               : m == "PUT"  ? http_->Put(path.c_str(), headers, body, "application/json")
                             : http_->Delete(path.c_str(), headers);
    };
    const auto started = std::chrono::steady_clock::now();
    bool short_lived = false;  // a connection made with a short time, for one repeat only
    httplib::Result r = send();
    // No answer (the service restarted, the network dropped, a time-out):
    // ask once more on a fresh connection, with the same key. A check-in
    // that did arrive is then answered as it was, so the visitor is told
    // "we are coming" rather than sent to the desk while the visit exists.
    // After a time-out the repeat gets a short time of its own: a kept answer
    // comes at once, and a visitor at a hung service must not wait twice.
    if (!r) {
        const bool timed_out = std::chrono::steady_clock::now() - started >= options_.request_timeout / 2;
        const auto again = timed_out ? std::min(options_.request_timeout / 4, std::chrono::milliseconds(750))
                                     : options_.request_timeout;
        http_ = make_client(base_url_, options_, again, pin_.get());
        r = send();
        short_lived = timed_out;
    }
    // The first of the two is still being handled: its answer comes shortly.
    if (r && changes && r->status == 409 && r->has_header("Retry-After")) {
        std::this_thread::sleep_for(std::chrono::seconds(1));
        r = send();
    }
    if (!r || short_lived) http_.reset();  // the next request gets a fresh connection and the full time
    if (!r || r->status != expect) throw_for(r, m + " " + path, pin_.get());
    return r->body;
}

Device ServiceClient::me() { return read_reply<DeviceView>(request("GET", "/api/v1/me", "", 200)).device; }

std::vector<VisitView> ServiceClient::visits() {
    return read_reply<VisitList>(request("GET", "/api/v1/visits", "", 200)).visits;
}

VisitView ServiceClient::visit(VisitId id) {
    return read_reply<VisitView>(request("GET", "/api/v1/visits/" + std::to_string(id), "", 200));
}

VisitView ServiceClient::check_in(const std::string& topic, const std::string& host, const std::string& name,
                                  const std::string& language) {
    json body = {{"topic", topic}, {"language", language}};
    if (!host.empty()) body["host"] = host;
    if (!name.empty()) body["name"] = name;
    return read_reply<VisitView>(request("POST", "/api/v1/visits", body.dump(), 201));
}

VisitView ServiceClient::acknowledge(VisitId id, int minutes) {
    return read_reply<VisitView>(request("POST", "/api/v1/visits/" + std::to_string(id) + "/acknowledge",
                                 json{{"minutes", minutes}}.dump(), 200));
}
VisitView ServiceClient::start(VisitId id) {
    return read_reply<VisitView>(request("POST", "/api/v1/visits/" + std::to_string(id) + "/start", "{}", 200));
}
VisitView ServiceClient::finish(VisitId id) {
    return read_reply<VisitView>(request("POST", "/api/v1/visits/" + std::to_string(id) + "/finish", "{}", 200));
}
VisitView ServiceClient::reassign(VisitId id, const std::string& host) {
    return read_reply<VisitView>(request("POST", "/api/v1/visits/" + std::to_string(id) + "/reassign",
                                 json{{"host", host}}.dump(), 200));
}
VisitView ServiceClient::cancel(VisitId id, bool visitor_left) {
    return read_reply<VisitView>(request("POST", "/api/v1/visits/" + std::to_string(id) + "/cancel",
                                 json{{"left", visitor_left}}.dump(), 200));
}

std::vector<PresenceView> ServiceClient::presence(std::string* date) {
    auto board = read_reply<PresenceList>(request("GET", "/api/v1/presence", "", 200));
    if (date) *date = board.date;
    return std::move(board.staff);
}

PresenceView ServiceClient::set_presence(const std::string& staff_id, Presence p) {
    const json body = {{"staff_id", staff_id}, {"presence", to_string(p)}};
    return read_reply<PresenceView>(request("PUT", "/api/v1/presence", body.dump(), 200));
}

DirectoryView ServiceClient::directory() {
    return read_reply<DirectoryView>(request("GET", "/api/v1/directory", "", 200));
}

std::string ServiceClient::photo(const std::string& staff_id) {
    return request("GET", "/api/v1/photos/" + staff_id, "", 200);
}

std::vector<DeadLetter> ServiceClient::dead_letters() {
    return read_reply<DeadLetterList>(request("GET", "/api/v1/outbox/dead", "", 200)).messages;
}

void ServiceClient::retry_dead_letter(std::int64_t message_id) {
    request("POST", "/api/v1/outbox/dead/" + std::to_string(message_id) + "/retry", "{}", 200);
}

CallbackList ServiceClient::callbacks() {
    return read_reply<CallbackList>(request("GET", "/api/v1/callbacks", "", 200));
}

CallbackView ServiceClient::set_callback_state(std::int64_t id, CallbackState state) {
    return read_reply<CallbackView>(request("POST", "/api/v1/callbacks/" + std::to_string(id) + "/state",
                                    json{{"state", to_string(state)}}.dump(), 200));
}

ReportView ServiceClient::report(const std::string& from, const std::string& to) {
    // Dates are digits and dashes; anything else is the service's to refuse,
    // so pass it on encoded rather than build a broken request line.
    const std::string path = "/api/v1/report?from=" + httplib::detail::encode_query_param(from) +
                             "&to=" + httplib::detail::encode_query_param(to);
    return read_reply<ReportView>(request("GET", path, "", 200));
}

std::vector<std::string> ServiceClient::survey_helpers() {
    const std::string body = request("GET", "/api/v1/survey/helpers", "", 200);
    return reading([&] { return wire::strings_at(decode<json>(body), "staff"); });
}

std::int64_t ServiceClient::add_survey(const std::string& staff, int score, std::optional<bool> one_go,
                                       const std::string& language, const std::string& topic) {
    json body = {{"staff", staff}, {"score", score}, {"language", language}};
    body["one_go"] = one_go ? json(*one_go) : json(nullptr);
    if (!topic.empty()) body["topic"] = topic;
    const std::string reply = request("POST", "/api/v1/surveys", body.dump(), 201);
    const auto id = reading([&] { return wire::int64_at(decode<json>(reply), "id"); });
    if (id <= 0) throw ServiceError(0, "saving the survey: the service answered without an id");
    return id;
}

void ServiceClient::set_survey_comment(std::int64_t id, const std::string& comment) {
    request("POST", "/api/v1/surveys/" + std::to_string(id) + "/comment", json{{"comment", comment}}.dump(), 200);
}

CallbackView ServiceClient::add_callback(const std::string& phone, const std::string& topic, PartOfDay part,
                                         const std::string& language) {
    const json body = {{"phone", phone}, {"topic", topic}, {"part", to_string(part)}, {"language", language}};
    return read_reply<CallbackView>(request("POST", "/api/v1/callbacks", body.dump(), 201));
}

ServiceHealth ServiceClient::health() {
    std::lock_guard lock(http_mutex_);
    if (!http_) http_ = make_client(base_url_, options_, options_.request_timeout, pin_.get());
    // With the token the service also says its counts (and to a desk, why).
    httplib::Headers headers;
    if (!token_.empty()) headers.emplace("Authorization", "Bearer " + token_);
    httplib::Result r = http_->Get("/health", headers);
    if (!r) {  // a kept connection the service closed: once more on a fresh one
        http_ = make_client(base_url_, options_, options_.request_timeout, pin_.get());
        r = http_->Get("/health", headers);
    }
    if (!r) http_.reset();
    // 503 is an answer too: the service runs, its store does not.
    if (!r || (r->status != 200 && r->status != 503)) throw_for(r, "GET /health", pin_.get());
    ServiceHealth h = read_reply<ServiceHealth>(r->body);
    if (h.status.empty()) h.status = r->status == 200 ? "ok" : "HTTP " + std::to_string(r->status);
    return h;
}

PairingView ServiceClient::create_pairing(DeviceKind kind, const std::string& staff_id) {
    json body = {{"kind", to_string(kind)}};
    if (!staff_id.empty()) body["staff_id"] = staff_id;
    return read_reply<PairingView>(request("POST", "/api/v1/pairing", body.dump(), 201));
}

std::vector<Device> ServiceClient::devices(bool include_revoked) {
    const auto list =
        read_reply<DeviceList>(request("GET", include_revoked ? "/api/v1/devices?all=1" : "/api/v1/devices", "", 200));
    std::vector<Device> out;
    for (const DeviceView& d : list.devices) out.push_back(d.device);
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
    // A frame we cannot read is skipped, not fatal; the id does not move past it.
    if (event == "visit") {
        const auto c = read_frame<VisitFrame>(data);
        if (!c) return;
        if (listener_.on_visit) listener_.on_visit(c->visit, c->event);
    } else if (event == "presence") {
        const auto p = read_frame<PresenceView>(data);
        if (!p) return;
        if (listener_.on_presence) listener_.on_presence(*p);
    } else if (event == "notification") {
        const auto n = read_frame<NotificationView>(data);
        if (!n) return;
        if (listener_.on_notification) listener_.on_notification(*n);
    } else if (event == "callback") {
        const auto c = read_frame<CallbackView>(data);
        if (!c) return;
        if (listener_.on_callback) listener_.on_callback(*c);
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
            client = make_client(base_url_, options_, options_.stream_timeout, pin_.get());
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
