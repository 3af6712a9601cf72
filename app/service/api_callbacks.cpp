// Routes for callback requests: a kiosk's (or the desk's) new request, the
// desk's list (open, called, recently done) and its state changes. The rules
// are the domain's (CallbackRequests); every new request and state change,
// from this API or from a kiosk in the service's own process, reaches every
// desk stream as a "callback" event through the service's change feed.
#include "http/http.h"

#include "service/api_server.h"
#include "service/api_support.h"
#include "service/json_views.h"

namespace gastvrij {

using nlohmann::json;
using namespace api;

namespace {

// Handled requests stay on the desk's list this long, so "who did we call
// yesterday?" has an answer; their numbers are gone by then.
constexpr Timestamp kShowHandledSeconds = 7 * 86'400;

bool is_desk(const Device& d) { return d.kind == DeviceKind::Desk; }

}  // namespace

void ApiServer::add_callback_routes() {
    auto& svr = router_;

    svr.post("/api/v1/callbacks", [this](const http::Request& req, http::Response& res) {
        guarded(res, [&] {
            require_kind(device_or_throw(), {DeviceKind::Kiosk, DeviceKind::Desk}, "ask for a callback");
            const json body = parse_object(req);
            CallbackRequest c;
            const std::string typed = required_string(body, "phone", 40);
            std::string why;
            const auto phone = normalise_dutch_phone(typed, &why);
            // The reason key ("phone.too_short") lets a kiosk show its own
            // words in the visitor's language.
            if (!phone) throw FieldError("phone", why + ": \"" + typed + "\" is not a Dutch phone number we can call");
            c.phone = *phone;
            c.topic_id = known_topic(body, ctx_.config.directory, false);
            const std::string raw_part = optional_string(body, "part", 16, "any");
            const auto part = part_of_day_from(raw_part);
            if (!part) throw FieldError("part", "\"part\" must be one of: morning, afternoon, evening, any");
            c.part = *part;
            c.language = known_language(body, ctx_.config);
            // When it was asked and the promise are the office's, never the caller's.
            const CallbackRequest saved = ctx_.reception.callbacks().request(c);
            const Clock& clock = ctx_.reception.clock();
            reply(res, 201, callback_view(saved, ctx_.config, clock, clock.now()));
        });
    });

    svr.get("/api/v1/callbacks", [this](const http::Request&, http::Response& res) {
        guarded(res, [&] {
            if (!is_desk(device_or_throw())) throw Forbidden("only a reception desk may see callback requests");
            const Clock& clock = ctx_.reception.clock();
            const Timestamp now = clock.now();
            CallbackList list{{}, now, clock.local(now).date_iso()};
            for (const CallbackRequest& c : ctx_.reception.callbacks().list(false)) {
                if (c.state == CallbackState::Done && c.handled_at < now - kShowHandledSeconds) continue;
                list.callbacks.push_back(callback_view(c, ctx_.config, clock, now));
            }
            reply(res, 200, list);
        });
    });

    svr.post(R"(/api/v1/callbacks/(\d+)/state)", [this](const http::Request& req, http::Response& res) {
        guarded(res, [&] {
            if (!is_desk(device_or_throw())) throw Forbidden("only a reception desk may change callback requests");
            const std::int64_t id = path_id(req);
            const json body = parse_object(req);
            const std::string raw = required_string(body, "state", 16);
            const auto state = callback_state_from(raw);
            if (!state) throw FieldError("state", "\"state\" must be one of: open, called, done");
            CallbackRequest kept;
            try {
                kept = ctx_.reception.callbacks().set_state(id, *state);
            } catch (const UnknownCallback& e) {
                throw NotFound(e.what());
            }
            const Clock& clock = ctx_.reception.clock();
            const json out = callback_view(kept, ctx_.config, clock, clock.now());
            reply(res, 200, out);
        });
    });
}

}  // namespace gastvrij
