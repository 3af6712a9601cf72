#include "service/api_server.h"

#include <unistd.h>

#include <stdexcept>

#include "service/api_support.h"
#include "service/browser_session.h"
#include "service/survey_page.h"
#include "wire/health.h"

namespace gastvrij {

using nlohmann::json;
using namespace api;

namespace {

bool changes_something(const http::Request& req) { return req.method != "GET" && req.method != "HEAD"; }

}  // namespace

ApiServer::ApiServer(ApiContext ctx, ApiOptions options)
    : ctx_(std::move(ctx)),
      options_(std::move(options)),
      per_token_(options_.token_per_second, options_.token_burst),
      per_ip_(options_.ip_per_second, options_.ip_burst) {
    add_routes();
}

ApiServer::~ApiServer() { stop(); }

std::string ApiServer::client_address(const http::Request& req) const {
    const std::string& peer = req.remote_addr;
    if (!options_.behind_proxy || !(peer.rfind("127.", 0) == 0 || peer == "::1")) return peer;
    std::string forwarded = req.get_header_value("X-Forwarded-For");
    if (const auto comma = forwarded.rfind(','); comma != std::string::npos) forwarded.erase(0, comma + 1);
    forwarded.erase(0, forwarded.find_first_not_of(' '));
    while (!forwarded.empty() && forwarded.back() == ' ') forwarded.pop_back();
    // An address, not a story: anything else counts as the proxy itself.
    if (forwarded.empty() || forwarded.size() > 45 ||
        forwarded.find_first_not_of("0123456789abcdefABCDEF.:") != std::string::npos)
        return peer;
    return forwarded;
}

std::string ApiServer::proxy_host(const http::Request& req) const {
    const std::string& peer = req.remote_addr;
    if (!options_.behind_proxy || !(peer.rfind("127.", 0) == 0 || peer == "::1")) return {};
    return req.get_header_value("X-Forwarded-Host");
}

// Runs once the headers are in, before the body is read: an unknown client
// costs the service its headers and nothing more.
bool ApiServer::gate(http::Request& req, http::Response& res) {
    auto refuse = [&](int status, const std::string& message, const char* reason = "") {
        reply(res, status, ApiError{message, "", reason});
        return false;
    };
    set_security_headers(res);
    int retry = 0;
    if (!per_ip_.take(client_address(req), retry)) {
        res.set_header("Retry-After", std::to_string(retry));
        return refuse(429, "too many requests from this address — try again in " + std::to_string(retry) + " s");
    }
    // A page elsewhere cannot make a browser act here, whatever it carries.
    if (changes_something(req) && from_foreign_page(req, proxy_host(req)))
        return refuse(403, "requests from pages of another site are refused", "origin");
    if (req.path.rfind("/api/", 0) != 0) return true;

    std::string token = bearer_token(req);
    const bool by_cookie = token.empty();
    if (by_cookie) token = cookie_token(req);
    if (token.empty()) {
        res.set_header("WWW-Authenticate", "Bearer");
        return refuse(401, "this route needs \"Authorization: Bearer <token>\" — pair the device first", "unpaired");
    }
    // A browser sends its cookie along wherever the request came from; only
    // the service's own pages may use it to change something.
    if (by_cookie && changes_something(req) && !from_own_page(req, proxy_host(req)))
        return refuse(403, "a browser's change must come from this service's own page (Origin)", "origin");
    std::optional<Device> device;
    try {
        device = ctx_.pairing.authenticate(token);
    } catch (const StoreError& e) {
        res.set_header("Retry-After", "5");
        return refuse(503, e.what());
    }
    if (!device) {
        res.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        if (by_cookie) res.set_header("Set-Cookie", cleared_session_cookie());
        return refuse(401, "unknown or revoked token — pair the device again", "revoked");
    }
    if (!per_token_.take(device->token_hash, retry)) {
        res.set_header("Retry-After", std::to_string(retry));
        return refuse(429, "too many requests from this device — try again in " + std::to_string(retry) + " s");
    }
    req.context = std::move(*device);
    return true;
}

void ApiServer::start() {
    if (running_) return;
    http::ServerOptions o;
    o.listen = options_.listen;
    o.port = options_.port;
    o.threads = options_.threads;
    o.connection_limit = options_.connection_limit;
    o.per_address_limit = options_.connections_per_address;
    o.header_deadline = options_.header_deadline;
    o.body_deadline = options_.body_deadline;
    o.idle_timeout = options_.idle_timeout;
    o.payload_max = options_.payload_max;
    o.headers_max = options_.headers_max;
    o.tls_cert_pem = options_.tls_cert_pem;
    o.tls_key_pem = options_.tls_key_pem;

    http::ServerHooks hooks;
    hooks.gate = [this](http::Request& req, http::Response& res) { return gate(req, res); };
    // The handler runs later than the gate, maybe on another event loop:
    // the device the gate found travels with the request.
    hooks.enter = [](const http::Request& req) {
        const Device* d = std::any_cast<Device>(&req.context);
        current_device() = d ? std::optional<Device>(*d) : std::nullopt;
    };
    hooks.around = [this](const http::Request& req, http::Response& res, const std::function<void()>& handle) {
        ctx_.replay.around(req, res, handle);
    };
    hooks.refuse = [](http::Response& res, int status, const std::string& message) {
        set_security_headers(res);
        reply_error(res, status, message);
    };
    hooks.failed = [](http::Response& res) {
        set_security_headers(res);
        map_current_exception(res);
    };

    auto server = std::make_unique<http::Server>(o, router_, std::move(hooks));
    server->start();  // throws with the address when it cannot listen
    server_ = std::move(server);
    port_ = server_->port();
    running_ = true;
}

void ApiServer::stop() {
    if (!running_) return;
    running_ = false;
    // Streams end with a clean end of body, so clients reconnect (elsewhere, later).
    ctx_.hub.end_streams("service stopping");
    server_->stop();
    server_.reset();
}

std::string ApiServer::local_url() const {
    std::string host = options_.listen;
    if (host.empty() || host == "0.0.0.0") host = "127.0.0.1";
    if (host == "::") host = "[::1]";
    return std::string(options_.tls_cert_pem.empty() ? "http" : "https") + "://" + host + ":" + std::to_string(port_);
}

std::string ApiServer::public_url() const {
    std::string url = options_.public_url.empty() ? ctx_.config.kiosk.public_url : options_.public_url;
    if (url.empty() && port_ <= 0) return {};  // not listening and no address configured: no link to give
    if (url.empty()) {
        std::string host = options_.listen;
        if (host.empty() || host == "0.0.0.0" || host == "::") {
            // Reachable from the office network by name; the listen-all address is not.
            char name[256] = {};
            host = gethostname(name, sizeof name - 1) == 0 && name[0] ? std::string(name) : "localhost";
        }
        url = std::string(options_.tls_cert_pem.empty() ? "http" : "https") + "://" + host + ":" + std::to_string(port_);
    }
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

std::string ApiServer::pairing_link(DeviceKind kind, const std::string& code) const {
    // Behind a proxy (public_url differs in scheme) the proxy's certificate is
    // the one devices see: the fingerprint of ours would only mislead them.
    const std::string url = public_url();
    const bool ours = !options_.tls_fingerprint.empty() && url.rfind("https://", 0) == 0;
    return gastvrij::pairing_link(url, kind, code, ours ? options_.tls_fingerprint : std::string());
}

void ApiServer::add_routes() {
    auto& svr = router_;
    svr.get("/health", [this](const http::Request& req, http::Response& res) {
        guarded(res, [&] {
            const Store& store = ctx_.reception.records();
            const StoreHealth health = store.health();
            ServiceHealth body;
            body.status = to_string(health.level);
            // Anyone on the network may ask whether the service works; how
            // many streams and undelivered messages, and why it does not, is
            // for paired devices, and paths and reasons for a desk only.
            std::optional<Device> device;
            const std::string token = bearer_token(req);
            if (!token.empty() && health.level != StoreHealth::Level::Down) {
                try {
                    device = ctx_.pairing.authenticate(token);
                } catch (const StoreError&) {
                }
            }
            if (device) {
                body.streams = static_cast<int>(ctx_.hub.stream_count());
                // A store that cannot list them leaves the figure out, not the answer.
                try {
                    body.undelivered = static_cast<int>(store.dead_letters().size());
                } catch (const std::exception&) {
                }
                if (device->kind == DeviceKind::Desk) body.detail = health.detail;
            }
            res.set_header("Cache-Control", "no-store");
            reply(res, health.level == StoreHealth::Level::Ok ? 200 : 503, body);
        });
    });
    svr.get("/api/v1/me", [this](const http::Request&, http::Response& res) {
        guarded(res, [&] { reply(res, 200, device_view(device_or_throw(), ctx_.config.directory)); });
    });
    add_visit_routes();
    add_presence_routes();
    add_device_routes();
    add_callback_routes();
    add_report_routes();
    add_survey_routes();
    add_page_routes();
    add_survey_page(router_, ctx_);
}

}  // namespace gastvrij
