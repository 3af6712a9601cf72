// Routes for pairing, paired devices and the event stream.
#include "http/http.h"

#include <string>
#include <utility>

#include "service/api_server.h"
#include "service/api_support.h"
#include "service/browser_session.h"
#include "service/qr_svg.h"

namespace gastvrij {

using nlohmann::json;
using namespace api;

namespace {

std::optional<std::int64_t> last_event_id(const http::Request& req) {
    // EventSource sends the header on its own reconnections; a first
    // connection of a page that kept the id passes it as a parameter.
    std::string raw = req.get_header_value("Last-Event-ID");
    if (raw.empty()) raw = req.get_param_value("last_event_id");
    if (raw.empty()) return std::nullopt;
    try {
        std::size_t used = 0;
        const auto id = std::stoll(raw, &used);
        if (used == raw.size() && id >= 0) return id;
    } catch (const std::exception&) {
    }
    return std::nullopt;  // unreadable: treat as a fresh client
}

// An event stream as the HTTP layer pulls it: frames when the hub has some.
class HubStream : public http::BodySource {
public:
    HubStream(SseHub& hub, SseHub::StreamPtr stream) : hub_(hub), stream_(std::move(stream)) {}
    Pull pull(std::string& out) override {
        switch (hub_.take(*stream_, out)) {
            case SseHub::Take::Frames: return Pull::Data;
            case SseHub::Take::Nothing: return Pull::Empty;
            case SseHub::Take::Ended: break;
        }
        return Pull::End;  // a clean end: the client reconnects and resumes
    }
    void set_waker(std::function<void()> wake) override { hub_.set_waker(*stream_, std::move(wake)); }
    void finished() override { hub_.close(stream_); }

private:
    SseHub& hub_;
    SseHub::StreamPtr stream_;
};

}  // namespace

void ApiServer::add_device_routes() {
    auto& svr = router_;

    svr.post("/api/v1/pairing", [this](const http::Request& req, http::Response& res) {
        guarded(res, [&] {
            const Device& d = device_or_throw();
            if (d.kind != DeviceKind::Desk) throw Forbidden("only a reception desk may pair devices");
            const json body = parse_object(req);
            const std::string raw_kind = optional_string(body, "kind", 16, "phone");
            const auto kind = device_kind_from(raw_kind);
            if (!kind) throw FieldError("kind", "\"kind\" must be one of: phone, desk, kiosk");
            std::string staff_id;
            if (*kind == DeviceKind::Phone) {
                staff_id = required_string(body, "staff_id", 64);
                const Staff* s = ctx_.config.directory.person(staff_id);
                if (!s) throw FieldError("staff_id", "unknown colleague \"" + staff_id + "\"");
                if (!s->phone_page)
                    throw FieldError("staff_id", s->display_name() +
                                                     " has no phone page — set phone_page for them in staff.csv");
            }
            const PairingTicket t = ctx_.pairing.create_code(*kind, staff_id);
            // A phone scans the QR code and lands on its page with the code;
            // a desk is started with the same kind of link.
            const std::string url = pairing_link(*kind, t.code);
            PairingView out{t.code, t.kind, t.staff_id, {}, t.expires_at, t.expires_at - ctx_.reception.clock().now(),
                            url, qr_svg(url)};
            if (!staff_id.empty()) out.staff_name = host_name(ctx_.config.directory, staff_id);
            reply(res, 201, out);
        });
    });

    // Unauthenticated on purpose: the code is the credential. The per-address
    // rate limit of the gate makes guessing 31^8 codes hopeless.
    svr.post("/pair", [this](const http::Request& req, http::Response& res) {
        guarded(res, [&] {
            const json body = parse_object(req);
            const std::string code = required_string(body, "code", 32);
            std::string name = optional_string(body, "name", 60);
            // A browser page (the companion, the phone page) asks for its token
            // in a cookie, and only for the kind of device it is.
            const std::string session = optional_string(body, "session", 16, "token");
            if (session != "token" && session != "cookie")
                throw FieldError("session", "\"session\" must be \"token\" or \"cookie\"");
            const std::string raw_kind = optional_string(body, "kind", 16);
            std::optional<DeviceKind> only;
            if (!raw_kind.empty() && !(only = device_kind_from(raw_kind)))
                throw FieldError("kind", "\"kind\" must be one of: phone, desk, kiosk");
            if (session == "cookie" && only == DeviceKind::Kiosk)
                throw FieldError("kind", "a kiosk pairs with a token, not a browser cookie");
            const PairOutcome r = ctx_.pairing.redeem(code, name.empty() ? "apparaat" : name, only);
            switch (r.outcome) {
                case RedeemOutcome::Paired: break;
                case RedeemOutcome::OtherKind:
                    reply(res, 409, ApiError{"this pairing code is for another kind of device than a " + raw_kind +
                                                 " — ask the desk for a " + raw_kind + " code; this one still works",
                                             "code", "kind"});
                    return;
                case RedeemOutcome::Unknown:
                    reply(res, 401, ApiError{"unknown pairing code — check the code or ask the desk for a new one",
                                             "code", "unknown"});
                    return;
                case RedeemOutcome::Expired:
                    reply(res, 410, ApiError{"this pairing code has expired — ask the desk for a new one", "code",
                                             "expired"});
                    return;
                case RedeemOutcome::Used:
                    reply(res, 410, ApiError{"this pairing code was used already — codes work once; ask the desk for a new one",
                                             "code", "used"});
                    return;
            }
            res.set_header("Cache-Control", "no-store");
            if (session == "cookie") {
                res.set_header("Set-Cookie", session_cookie(r.token));
                reply(res, 201, PairReply{{}, device_view(*r.device, ctx_.config.directory)});
                return;
            }
            reply(res, 201, PairReply{r.token, device_view(*r.device, ctx_.config.directory)});
        });
    });

    // A page paired by an earlier version kept its token itself: it hands it
    // over once (as a bearer token, so no cookie is needed) for the cookie.
    svr.post("/api/v1/session", [this](const http::Request& req, http::Response& res) {
        guarded(res, [&] {
            const Device& d = device_or_throw();
            if (d.kind == DeviceKind::Kiosk) throw Forbidden("a kiosk keeps its token; browsers hold cookies");
            if (bearer_token(req).empty()) throw FieldError("", "send the token as \"Authorization: Bearer <token>\"");
            res.set_header("Cache-Control", "no-store");
            res.set_header("Set-Cookie", session_cookie(bearer_token(req)));
            res.status = 204;
        });
    });

    // Logging out forgets the device here, not only in the browser: a cookie
    // copied off the machine is worth nothing afterwards.
    svr.post("/api/v1/logout", [this](const http::Request&, http::Response& res) {
        guarded(res, [&] {
            const Device& d = device_or_throw();
            ctx_.pairing.devices().revoke_device(d.id, ctx_.reception.clock().now());
            ctx_.hub.drop_device(d.id);
            res.set_header("Set-Cookie", cleared_session_cookie());
            res.status = 204;
        });
    });

    svr.get("/api/v1/devices", [this](const http::Request& req, http::Response& res) {
        guarded(res, [&] {
            if (device_or_throw().kind != DeviceKind::Desk) throw Forbidden("only a reception desk may list devices");
            const bool all = req.get_param_value("all") == "1";
            DeviceList list;
            for (const Device& d : ctx_.pairing.devices().devices(all)) list.devices.push_back(device_view(d, ctx_.config.directory));
            reply(res, 200, list);
        });
    });

    svr.del(R"(/api/v1/devices/(\d+))", [this](const http::Request& req, http::Response& res) {
        guarded(res, [&] {
            if (device_or_throw().kind != DeviceKind::Desk) throw Forbidden("only a reception desk may revoke devices");
            const std::int64_t id = path_id(req);
            if (!ctx_.pairing.devices().revoke_device(id, ctx_.reception.clock().now()))
                throw NotFound("no active device " + std::to_string(id));
            ctx_.hub.drop_device(id);
            res.status = 204;
        });
    });

    svr.get("/api/v1/events", [this](const http::Request& req, http::Response& res) {
        guarded(res, [&] {
            if (!running_) {
                res.set_header("Retry-After", "5");
                reply_error(res, 503, "the service is stopping");
                return;
            }
            const Device& d = device_or_throw();
            SseHub::StreamPtr stream = ctx_.hub.open(d, last_event_id(req));
            if (!stream) {
                res.set_header("Retry-After", "10");
                reply_error(res, 503, "too many event streams are open — try again later");
                return;
            }
            res.set_header("Cache-Control", "no-store");
            res.set_header("Content-Type", "text/event-stream");
            res.set_header("X-Accel-Buffering", "no");  // a reverse proxy must not buffer the stream
            // A stream ends only when the service stops, the device is revoked
            // or replaced; the client then reconnects afresh.
            res.set_header("Connection", "close");
            res.stream = std::make_shared<HubStream>(ctx_.hub, std::move(stream));
        });
    });
}

}  // namespace gastvrij
