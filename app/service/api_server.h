#pragma once
// The HTTP service: JSON API v1, the event stream, pairing and the phone page.
//
// Every /api/v1 route needs "Authorization: Bearer <token>" (programs) or the
// HttpOnly cookie a browser page got when it paired (browser_session.h; a
// change by cookie only from this service's own page). The
// token is checked before the body is read, so an unauthenticated client can
// make the service read nothing but headers. Rate limits: per token and per
// client address (429 with Retry-After). Errors are JSON
// {"error": "...", "field": "minutes"} — field only when one field is wrong.
//
//   GET    /health                          {status, streams, undelivered} (no token); 503 when
//                                           the store is unhealthy
//   GET    /phone | /desk                   the phone page, the browser companion (app/web/; both
//                                           pair via #pair=CODE)
//   GET    /kiosk                           what a phone camera shows for a remote kiosk's
//                                           pairing code: the command to run on that computer
//   POST   /pair {code, name, kind?, session?}  → 201 {token, device}; with session "cookie"
//                                           the token is set as a cookie instead; 401 unknown,
//                                           410 expired/used, 409 a code for another kind
//   POST   /api/v1/session                  a bearer token becomes the browser's cookie
//   POST   /api/v1/logout                   forgets the calling device, clears the cookie
//   GET    /api/v1/me                       the calling device
//   GET    /api/v1/visits                   open visits (a phone: its colleague's only)
//   POST   /api/v1/visits {topic, host?, name?, language?}        walk-in (desk, kiosk);
//                                           a kiosk's answer adds "survey_url" when
//                                           [survey] phone_page is on
//   GET    /api/v1/visits/{id}              one visit with its events
//   POST   /api/v1/visits/{id}/acknowledge {minutes}              "I'm coming"
//   POST   /api/v1/visits/{id}/start | /finish
//   POST   /api/v1/visits/{id}/reassign {host}                    "" = the desk (desk only)
//   POST   /api/v1/visits/{id}/cancel {left}                      (desk only)
//   POST   /api/v1/visits/{id}/escalate                           pass on to the next in line now (desk only)
//   GET    /api/v1/presence                 today's presence of everyone
//   PUT    /api/v1/presence {staff_id, presence}   in|out|lunch|unknown (a phone: itself)
//   GET    /api/v1/directory                topics, teams, staff (+ photo_url)
//   GET    /api/v1/photos/{staff_id}        a staff photo
//   GET    /api/v1/outbox/dead              dead letters (desk)
//   POST   /api/v1/outbox/dead/{id}/retry   send a dead letter again (desk)
//   GET    /api/v1/survey/helpers           {staff: [...]} who finished a visit in the last hour,
//                                           latest first (kiosk, desk)
//   POST   /api/v1/surveys {staff, score, one_go?, language, topic?}  → 201 {id}; the service
//                                           sets the hour (kiosk, desk)
//   POST   /api/v1/surveys/{id}/comment {comment}   once, within 3 hours (kiosk only)
//   POST   /api/v1/callbacks {phone, topic, part, language}   → 201 a callback request (kiosk, desk)
//   GET    /api/v1/callbacks                callback requests: open, called, done in the last
//                                           7 days (desk); a done one shows no phone number
//   POST   /api/v1/callbacks/{id}/state {state}   open|called|done (desk); done erases
//                                           the number as retention allows (default: at once)
//   GET    /api/v1/report?from=&to=         KPI report, local dates YYYY-MM-DD, both included (desk)
//   GET    /api/v1/events                   Server-Sent Events: hello, visit, presence,
//                                           notification, callback (desks), reset;
//                                           Last-Event-ID resumes
//   POST   /api/v1/pairing {kind, staff_id?}  → 201 {code, expires_at, url, qr_svg} (desk)
//   GET    /api/v1/devices                  paired devices (desk)
//   DELETE /api/v1/devices/{id}             revoke (desk); its streams end at once
//
// Visit actions answer 409 when the visit moved on meanwhile (TransitionError),
// 404 for an unknown visit, 503 when the store cannot commit (StoreError).
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "config/config.h"
#include "domain/reception.h"
#include "http/http.h"
#include "http/server.h"
#include "service/request_replay.h"
#include "service/pairing.h"
#include "service/rate_limiter.h"
#include "service/sse_hub.h"

namespace gastvrij {

struct ApiOptions {
    std::string listen = "127.0.0.1";
    int port = 8470;                  // 0 = any free port (tests); see ApiServer::port()
    std::string public_url;           // how phones reach us; "" = kiosk.toml public_url, else derived
    // Event loops of the HTTP layer: a handler holds one while it works (a
    // store commit); waiting connections and event streams hold none.
    unsigned threads = 4;
    unsigned connection_limit = 4000;
    unsigned connections_per_address = 64;  // a reverse proxy in front counts as one address
    std::chrono::milliseconds header_deadline{10000};  // a request's headers, from connecting or the last answer
    std::chrono::milliseconds body_deadline{30000};
    std::chrono::seconds idle_timeout{30};
    std::size_t payload_max = 64 * 1024;
    std::size_t headers_max = 100;
    double token_per_second = 10, token_burst = 60;  // per device
    double ip_per_second = 30, ip_burst = 200;       // per client address, before authentication
    std::string tls_cert_pem, tls_key_pem;           // both set: HTTPS
    std::string tls_fingerprint;                     // the certificate's SHA-256: pairing links carry it
    // Plain HTTP behind a TLS proxy on this machine: the per-address limits
    // apply to the address the proxy names (X-Forwarded-For, last entry)
    // when the connection comes from loopback.
    bool behind_proxy = false;
    bool tls_self_made = false;  // the certificate is the service's own: browsers do not trust it
};

// What the routes act on; owned elsewhere (Service), alive while the server runs.
struct ApiContext {
    Reception& reception;
    Pairing& pairing;
    SseHub& hub;
    const Config& config;
    std::function<void()> outbox_changed;  // a dead letter was queued again
    RequestReplay& replay;                 // first answers for requests sent again
};

class ApiServer {
public:
    ApiServer(ApiContext ctx, ApiOptions options);
    ~ApiServer();  // stop()
    ApiServer(const ApiServer&) = delete;
    ApiServer& operator=(const ApiServer&) = delete;

    // Binds and starts serving on event loops of its own. Throws std::runtime_error
    // when the address cannot be bound (in use, not ours).
    void start();
    void stop();

    int port() const { return port_; }
    std::string local_url() const;   // "http://127.0.0.1:8470"
    std::string public_url() const;  // options, else kiosk.toml public_url, else host name + port
    // The link a device of `kind` pairs with: public URL, code and the
    // certificate's fingerprint when this service speaks HTTPS itself.
    std::string pairing_link(DeviceKind kind, const std::string& code) const;

private:
    bool gate(http::Request& req, http::Response& res);
    std::string client_address(const http::Request& req) const;  // for the per-address limit
    void add_routes();
    void add_visit_routes();
    void add_presence_routes();
    void add_device_routes();
    void add_callback_routes();
    void add_report_routes();
    void add_survey_routes();
    void add_page_routes();
    // How browsers see this service's certificate: "self-made", "office",
    // "proxy" (the proxy's) or "none" (plain HTTP on loopback).
    const char* certificate_kind() const;
    // The host a trusted proxy in front was asked for ("" without one).
    std::string proxy_host(const http::Request& req) const;

    ApiContext ctx_;
    ApiOptions options_;
    http::Router router_;
    std::unique_ptr<http::Server> server_;
    // The phone survey link for a kiosk's check-in; empty when the page is off.
    std::function<std::string(const Visit&)> survey_link_;
    RateLimiter per_token_;
    RateLimiter per_ip_;
    int port_ = 0;
    std::atomic<bool> running_{false};
};

}  // namespace gastvrij
