// Routes for callback requests: a kiosk's (or the desk's) new request, the
// desk's list (open, called, recently done) and its state changes. A kiosk
// beside the service writes requests straight into the store, so the list is
// read afresh on every call; a request made through the API and every state
// change are told to every desk stream ("callback" event): desks see a new
// request at once, and two desks never call the same visitor.
#include <httplib.h>

#include <algorithm>

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
    auto& svr = *server_;

    svr.Post("/api/v1/callbacks", [this](const httplib::Request& req, httplib::Response& res) {
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
            const Clock& clock = ctx_.reception.clock();
            const Timestamp now = clock.now();
            c.created_at = now;
            // The promise is the office's (kiosk.toml), never the caller's.
            c.due_at = now + Timestamp(ctx_.config.kiosk.callback_due_hours) * 3600;
            const CallbackRequest saved = ctx_.reception.store().add_callback(c);
            const json out = callback_view(saved, ctx_.config, clock, now);
            ctx_.hub.publish_desks("callback", out);
            reply(res, 201, out);
        });
    });

    svr.Get("/api/v1/callbacks", [this](const httplib::Request&, httplib::Response& res) {
        guarded(res, [&] {
            if (!is_desk(device_or_throw())) throw Forbidden("only a reception desk may see callback requests");
            const Clock& clock = ctx_.reception.clock();
            const Timestamp now = clock.now();
            CallbackList list{{}, now, clock.local(now).date_iso()};
            for (const CallbackRequest& c : ctx_.reception.store().callbacks(false)) {
                if (c.state == CallbackState::Done && c.handled_at < now - kShowHandledSeconds) continue;
                list.callbacks.push_back(callback_view(c, ctx_.config, clock, now));
            }
            reply(res, 200, list);
        });
    });

    svr.Post(R"(/api/v1/callbacks/(\d+)/state)", [this](const httplib::Request& req, httplib::Response& res) {
        guarded(res, [&] {
            if (!is_desk(device_or_throw())) throw Forbidden("only a reception desk may change callback requests");
            const std::int64_t id = path_id(req);
            const json body = parse_object(req);
            const std::string raw = required_string(body, "state", 16);
            const auto state = callback_state_from(raw);
            if (!state) throw FieldError("state", "\"state\" must be one of: open, called, done");
            Store& store = ctx_.reception.store();
            // The store refuses an unknown id with a StoreError (503); look first for a 404.
            auto all = store.callbacks(false);
            auto it = std::find_if(all.begin(), all.end(), [&](const CallbackRequest& c) { return c.id == id; });
            if (it == all.end()) throw NotFound("no callback request " + std::to_string(id));
            const Clock& clock = ctx_.reception.clock();
            const Timestamp now = clock.now();
            store.set_callback_state(id, *state, now);
            if (*state == CallbackState::Done) {
                // "Numbers erased once handled": run the callback half of
                // retention now instead of at the next new day. With the
                // default callback_keep_days = 0 this handled number goes at
                // once; an office that keeps numbers a few days (kiosk.toml)
                // keeps them that long. First names are not touched here.
                RetentionPolicy numbers_only = ctx_.config.kiosk.retention;
                numbers_only.name_keep_days = 1'000'000;
                store.purge(numbers_only, now, clock.start_of_day(now));
            }
            all = store.callbacks(false);
            it = std::find_if(all.begin(), all.end(), [&](const CallbackRequest& c) { return c.id == id; });
            if (it == all.end()) throw NotFound("no callback request " + std::to_string(id));
            const json out = callback_view(*it, ctx_.config, clock, now);
            ctx_.hub.publish_desks("callback", out);
            reply(res, 200, out);
        });
    });
}

}  // namespace gastvrij
