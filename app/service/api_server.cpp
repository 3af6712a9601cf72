#include "service/api_server.h"

#include <httplib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

#include "service/api_support.h"
#include "service/survey_page.h"
#include "wire/health.h"

namespace gastvrij {

using nlohmann::json;
using namespace api;

namespace {

// Set when the Expect: 100-continue hook already ran the gate for this request.
thread_local bool gated_early = false;

std::string bearer_token(const httplib::Request& req) {
    const std::string h = req.get_header_value("Authorization");
    if (h.size() > 7 && (h.compare(0, 7, "Bearer ") == 0 || h.compare(0, 7, "bearer ") == 0)) {
        std::string t = h.substr(7);
        while (!t.empty() && t.back() == ' ') t.pop_back();
        return t;
    }
    // Only the event stream: a browser's EventSource cannot send headers. The
    // token then appears in the URL, so no other route accepts it there.
    if (req.path == "/api/v1/events") return req.get_param_value("token");
    return {};
}

bool has_body(const httplib::Request& req) {
    return req.get_header_value<std::uint64_t>("Content-Length") > 0 || req.has_header("Transfer-Encoding");
}

}  // namespace

ApiServer::ApiServer(ApiContext ctx, ApiOptions options)
    : ctx_(std::move(ctx)),
      options_(std::move(options)),
      per_token_(options_.token_per_second, options_.token_burst),
      per_ip_(options_.ip_per_second, options_.ip_burst) {}

ApiServer::~ApiServer() { stop(); }

ApiServer::Gate ApiServer::gate(const httplib::Request& req, httplib::Response& res) {
    current_device().reset();
    auto refuse = [&](int status, const std::string& message) {
        reply_error(res, status, message);
        // The body was not read; closing is cheaper than reading and dropping it.
        if (has_body(req)) res.set_header("Connection", "close");
        return Gate::Refused;
    };
    int retry = 0;
    if (!per_ip_.take(req.remote_addr, retry)) {
        res.set_header("Retry-After", std::to_string(retry));
        return refuse(429, "too many requests from this address — try again in " + std::to_string(retry) + " s");
    }
    if (req.path.rfind("/api/", 0) != 0) return Gate::Pass;

    const std::string token = bearer_token(req);
    if (token.empty()) {
        res.set_header("WWW-Authenticate", "Bearer");
        return refuse(401, "this route needs \"Authorization: Bearer <token>\" — pair the device first");
    }
    std::optional<Device> device;
    try {
        device = ctx_.pairing.authenticate(token);
    } catch (const StoreError& e) {
        res.set_header("Retry-After", "5");
        return refuse(503, e.what());
    }
    if (!device) {
        res.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        return refuse(401, "unknown or revoked token — pair the device again");
    }
    if (!per_token_.take(device->token_hash, retry)) {
        res.set_header("Retry-After", std::to_string(retry));
        return refuse(429, "too many requests from this device — try again in " + std::to_string(retry) + " s");
    }
    current_device() = std::move(device);
    return Gate::Pass;
}

void ApiServer::start() {
    if (running_) return;
    server_ = std::make_unique<httplib::Server>();
    auto& svr = *server_;
    const std::size_t threads = options_.threads;
    svr.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    svr.set_payload_max_length(options_.payload_max);
    svr.set_read_timeout(options_.read_timeout_seconds, 0);
    svr.set_write_timeout(options_.write_timeout_seconds, 0);
    svr.set_keep_alive_max_count(static_cast<std::size_t>(options_.keep_alive_max));
    svr.set_keep_alive_timeout(options_.keep_alive_timeout_seconds);
    // httplib writes a response's headers and body separately; with Nagle on,
    // the body waits for the client's delayed ACK: 40 ms per call on a kept
    // connection, which the companion and the phone page would feel.
    svr.set_tcp_nodelay(true);
    // httplib's default also sets SO_REUSEPORT, which lets a second Gastvrij
    // bind the same port and silently take half the requests. Only reuse an
    // address in TIME_WAIT (a quick restart), never share it.
    svr.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });

    svr.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        if (gated_early) {
            gated_early = false;
            return httplib::Server::HandlerResponse::Unhandled;
        }
        return gate(req, res) == Gate::Pass ? httplib::Server::HandlerResponse::Unhandled
                                            : httplib::Server::HandlerResponse::Handled;
    });
    // A client announcing a large body waits for "100 Continue": refuse before it sends.
    svr.set_expect_100_continue_handler([this](const httplib::Request& req, httplib::Response& res) {
        if (gate(req, res) != Gate::Pass) {
            // httplib 0.11 writes this early answer without a length; without
            // one the client would read until the connection closes.
            res.set_header("Content-Length", std::to_string(res.body.size()));
            return res.status;
        }
        gated_early = true;
        return 100;
    });
    svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        try {
            std::rethrow_exception(ep);
        } catch (...) {
            map_current_exception(res);
        }
    });
    // httplib's own refusals (404 no route, 413 too large, 400 unreadable) in
    // the API's JSON shape; answers the routes wrote stay as they are.
    svr.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string message = "request refused (HTTP " + std::to_string(res.status) + ")";
        if (res.status == 400) message = "the request could not be read";
        if (res.status == 404) message = "no such route";
        if (res.status == 405) message = "method not allowed on this route";
        if (res.status == 413) message = "the request body is too large";
        if (res.status == 414) message = "the request line is too long";
        reply_error(res, res.status, message);
        return httplib::Server::HandlerResponse::Handled;
    }));
    add_routes();

    if (options_.port == 0) {
        port_ = svr.bind_to_any_port(options_.listen);
    } else {
        port_ = svr.bind_to_port(options_.listen, options_.port) ? options_.port : -1;
    }
    if (port_ <= 0) {
        server_.reset();
        throw std::runtime_error("cannot listen on " + options_.listen + ":" + std::to_string(options_.port) +
                                 " — another program uses that port, or the address is not this machine's; "
                                 "choose another with --port / --listen or service_port in kiosk.toml");
    }
    running_ = true;
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    // Requests sent right after start() must find the accept loop running.
    for (int i = 0; i < 2000 && !server_->is_running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void ApiServer::stop() {
    if (!running_) return;
    running_ = false;
    server_->stop();
    // Event streams hold their workers until they end; the pool joins them.
    ctx_.hub.end_streams("service stopping");
    if (thread_.joinable()) thread_.join();
    server_.reset();
}

std::string ApiServer::local_url() const {
    std::string host = options_.listen;
    if (host.empty() || host == "0.0.0.0") host = "127.0.0.1";
    if (host == "::") host = "[::1]";
    return "http://" + host + ":" + std::to_string(port_);
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
        url = "http://" + host + ":" + std::to_string(port_);
    }
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

void ApiServer::add_routes() {
    auto& svr = *server_;
    svr.Get("/health", [this](const httplib::Request&, httplib::Response& res) {
        guarded(res, [&] {
            const Store& store = ctx_.reception.records();
            const std::string health = store.health();
            ServiceHealth body{health, -1, static_cast<int>(ctx_.hub.stream_count())};
            // Messages that gave up (a dead mail server, a wrong webhook): a
            // kiosk or a monitor can tell "up but not delivering" from "up".
            // A store that cannot list them leaves the figure out, not the answer.
            try {
                body.undelivered = static_cast<int>(store.dead_letters().size());
            } catch (const std::exception&) {
            }
            reply(res, health == "ok" ? 200 : 503, body);
        });
    });
    svr.Get("/api/v1/me", [this](const httplib::Request&, httplib::Response& res) {
        guarded(res, [&] { reply(res, 200, device_view(device_or_throw(), ctx_.config.directory)); });
    });
    add_visit_routes();
    add_presence_routes();
    add_device_routes();
    add_callback_routes();
    add_report_routes();
    add_survey_routes();
    add_page_routes();
    add_survey_page(*server_, ctx_);
}

}  // namespace gastvrij
