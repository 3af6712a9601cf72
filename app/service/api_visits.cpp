// Routes for visits, presence, the directory and the outbox's dead letters.
#include "http/http.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "service/api_server.h"
#include "service/api_support.h"
#include "service/survey_link.h"
#include "log/log.h"

namespace gastvrij {

using nlohmann::json;
using namespace api;

namespace {


std::string actor_of(const Device& d) { return device_actor(d); }

// A phone sees its colleague's visits, a kiosk (in the public hall) only the
// visitors it checked in itself, a desk all.
bool may_see(const Device& d, const Visit& v) {
    switch (d.kind) {
        case DeviceKind::Phone: return v.host_id == d.staff_id;
        case DeviceKind::Kiosk: return v.kiosk_id == device_actor(d);
        case DeviceKind::Desk: return true;
    }
    return false;
}

void require_desk(const Device& d, const char* what) {
    if (d.kind != DeviceKind::Desk) throw Forbidden(std::string("only a reception desk may ") + what);
}

}  // namespace

void ApiServer::add_visit_routes() {
    auto& svr = router_;
    auto view = [this] { return ViewContext{ctx_.config.directory, ctx_.config.texts, ctx_.reception.clock(), {}}; };
    // A kiosk on another machine shows the same survey QR code as one beside
    // the service: the link is signed here, with the store's key.
    survey_link_ = phone_survey_links(ctx_.reception.surveys(), ctx_.reception.clock(), ctx_.config,
                                      [this] { return public_url(); });

    // The visit `id` as the calling device may touch it: a phone only its
    // colleague's current visits, a kiosk none.
    auto visit_for = [this](std::int64_t id, const Device& d) {
        auto v = ctx_.reception.records().visit(id);
        if (!v) throw NotFound("no visit " + std::to_string(id));
        if (d.kind == DeviceKind::Phone && v->host_id != d.staff_id)
            throw Forbidden("visit " + std::to_string(id) + " is not waiting for this phone's colleague");
        if (d.kind == DeviceKind::Kiosk) throw Forbidden("a kiosk cannot change visits");
        return *v;
    };

    svr.get("/api/v1/visits", [this, view](const http::Request&, http::Response& res) {
        guarded(res, [&] {
            const Device& d = device_or_throw();
            auto visits = ctx_.reception.records().open_visits();
            std::sort(visits.begin(), visits.end(), [](const Visit& a, const Visit& b) { return a.arrived_at < b.arrived_at; });
            const Timestamp now = ctx_.reception.clock().now();
            const ViewContext vc = view();
            VisitList list{now, ctx_.hub.cursor(), {}};
            for (const Visit& v : visits)
                if (may_see(d, v)) list.visits.push_back(visit_view(v, vc, now));
            reply(res, 200, list);
        });
    });

    svr.post("/api/v1/visits", [this, view](const http::Request& req, http::Response& res) {
        guarded(res, [&] {
            const Device& d = device_or_throw();
            if (d.kind == DeviceKind::Phone) throw Forbidden("a phone cannot register walk-ins");
            const json body = parse_object(req);
            const Directory& dir = ctx_.config.directory;
            CheckInRequest r;
            r.topic_id = known_topic(body, dir, true);
            r.chosen_host = known_staff(body, "host", dir);
            r.visitor_name = visitor_name(body);
            r.language = known_language(body, ctx_.config);
            r.source = actor_of(d);
            const Visit v = ctx_.reception.check_in(r);
            VisitView out = visit_view(v, view(), ctx_.reception.clock().now());
            if (d.kind == DeviceKind::Kiosk && survey_link_) {
                // The visitor is checked in whatever happens here: a link that
                // cannot be made only means no QR code on the kiosk.
                try {
                    out.survey_url = survey_link_(v);
                } catch (const std::exception& e) {
                    log::format(log::Level::Warning, "gastvrij: no survey link for visit %lld: %s",
                                 static_cast<long long>(v.id), e.what());
                }
            }
            reply(res, 201, out);
        });
    });

    svr.get(R"(/api/v1/visits/(\d+))", [this, view, visit_for](const http::Request& req, http::Response& res) {
        guarded(res, [&] {
            const Device& d = device_or_throw();
            auto v = ctx_.reception.records().visit(path_id(req));
            if (!v || !may_see(d, *v))
                throw NotFound("no visit " + std::to_string(path_id(req)));
            reply(res, 200,
                  VisitHistory{visit_view(*v, view(), ctx_.reception.clock().now()), ctx_.reception.records().events(v->id)});
        });
    });

    // The visit actions share one shape: check the device, parse, act, answer
    // with the visit as it is now.
    using Action = std::function<Visit(const Visit&, const json&, const Device&)>;
    auto action = [this, view, visit_for, &svr](const std::string& name, Action act) {
        svr.post(R"(/api/v1/visits/(\d+)/)" + name, [this, view, visit_for, act](const http::Request& req,
                                                                                  http::Response& res) {
            guarded(res, [&] {
                const Device& d = device_or_throw();
                const Visit current = visit_for(path_id(req), d);
                const json body = parse_object(req);
                const Visit v = act(current, body, d);
                reply(res, 200, visit_view(v, view(), ctx_.reception.clock().now()));
            });
        });
    };
    action("acknowledge", [this](const Visit& v, const json& body, const Device& d) {
        const int minutes = required_int(body, "minutes", 1, 120);
        return ctx_.reception.acknowledge(v.id, minutes, actor_of(d));
    });
    action("start", [this](const Visit& v, const json&, const Device& d) { return ctx_.reception.start(v.id, actor_of(d)); });
    action("finish", [this](const Visit& v, const json&, const Device& d) { return ctx_.reception.finish(v.id, actor_of(d)); });
    action("reassign", [this](const Visit& v, const json& body, const Device& d) {
        require_desk(d, "reassign a visit");
        if (!body.contains("host")) throw FieldError("host", "\"host\" is required (a staff id, or \"\" for the desk)");
        const std::string host = optional_string(body, "host", 64);
        if (!host.empty() && !ctx_.config.directory.person(host))
            throw FieldError("host", "unknown colleague \"" + host + "\"");
        return ctx_.reception.reassign(v.id, host, actor_of(d));
    });
    action("escalate", [this](const Visit& v, const json&, const Device& d) {
        require_desk(d, "pass a visit on");
        return ctx_.reception.escalate_now(v.id, actor_of(d));
    });
    action("cancel", [this](const Visit& v, const json& body, const Device& d) {
        require_desk(d, "cancel a visit");
        return ctx_.reception.cancel(v.id, actor_of(d), optional_bool(body, "left", false));
    });

    svr.get("/api/v1/directory", [this](const http::Request&, http::Response& res) {
        guarded(res, [&] { reply(res, 200, directory_view(ctx_.config)); });
    });

    svr.get(R"(/api/v1/photos/([A-Za-z0-9_.\-]+))", [this](const http::Request& req, http::Response& res) {
        guarded(res, [&] {
            const Staff* s = ctx_.config.directory.person(req.matches[1].str());
            if (!s || s->photo.empty()) throw NotFound("no photo for this colleague");
            // The file name comes from staff.csv, never from the request, and
            // no link leads out of the photos folder.
            std::string why;
            const auto path = photo_file(ctx_.config.photos_dir, s->photo, &why);
            if (!path) throw NotFound("photo " + s->photo + " " + why);
            const std::filesystem::path file = *path;
            std::ifstream in(file, std::ios::binary);
            if (!in) throw NotFound("photo file " + s->photo + " cannot be read");
            std::ostringstream data;
            data << in.rdbuf();
            std::string ext = file.extension().string();
            std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
            const char* type = ext == ".png" ? "image/png" : ext == ".webp" ? "image/webp" : "image/jpeg";
            res.set_header("Cache-Control", "private, max-age=3600");
            res.set_content(data.str(), type);
        });
    });

    svr.get("/api/v1/outbox/dead", [this](const http::Request&, http::Response& res) {
        guarded(res, [&] {
            require_desk(device_or_throw(), "see undelivered messages");
            DeadLetterList list;
            for (const auto& m : ctx_.reception.records().dead_letters()) list.messages.push_back(dead_letter(m, ctx_.config.directory));
            reply(res, 200, list);
        });
    });

    svr.post(R"(/api/v1/outbox/dead/(\d+)/retry)", [this](const http::Request& req, http::Response& res) {
        guarded(res, [&] {
            require_desk(device_or_throw(), "send messages again");
            const std::int64_t id = path_id(req);
            const auto dead = ctx_.reception.records().dead_letters();
            if (std::none_of(dead.begin(), dead.end(), [&](const OutboxMessage& m) { return m.id == id; }))
                throw NotFound("message " + std::to_string(id) + " is not among the undelivered messages");
            ctx_.reception.retry_dead_letter(id);
            if (ctx_.outbox_changed) ctx_.outbox_changed();
            reply(res, 200, {{"id", id}, {"state", "pending"}});
        });
    });
}

void ApiServer::add_presence_routes() {
    auto& svr = router_;
    svr.get("/api/v1/presence", [this](const http::Request&, http::Response& res) {
        guarded(res, [&] {
            const LocalTime now = ctx_.reception.clock().local_now();
            reply(res, 200, presence_list(ctx_.config.directory, ctx_.reception.presence_today(), now));
        });
    });
    svr.put("/api/v1/presence", [this](const http::Request& req, http::Response& res) {
        guarded(res, [&] {
            const Device& d = device_or_throw();
            if (d.kind == DeviceKind::Kiosk) throw Forbidden("a kiosk cannot change presence");
            const json body = parse_object(req);
            const std::string staff_id =
                d.kind == DeviceKind::Phone ? optional_string(body, "staff_id", 64, d.staff_id)
                                            : required_string(body, "staff_id", 64);
            if (d.kind == DeviceKind::Phone && staff_id != d.staff_id)
                throw Forbidden("a phone can only change its own colleague's presence");
            const Staff* s = ctx_.config.directory.person(staff_id);
            if (!s) throw FieldError("staff_id", "unknown colleague \"" + staff_id + "\"");
            const std::string raw = required_string(body, "presence", 16);
            const auto p = presence_from(raw);
            if (!p) throw FieldError("presence", "\"presence\" must be one of: in, out, lunch, unknown");
            // Streams hear it from the reception's change feed (Service).
            ctx_.reception.set_presence(staff_id, *p);
            reply(res, 200, presence_view(*s, *p, ctx_.reception.clock().local_now()));
        });
    });
}

}  // namespace gastvrij
