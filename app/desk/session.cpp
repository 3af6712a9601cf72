#include "desk/session.h"

#include <algorithm>
#include <cstdio>

#include "client/token_file.h"
#include "desk/words.h"

namespace gastvrij::desk {

namespace {
// Undelivered messages have no event of their own: look again with the
// visit traffic that causes them, at most this often.
constexpr double kDeadLetterRefreshSeconds = 60;
// Callback requests arrive as "callback" events; looking again now and then
// is the safety net should one ever be missed.
constexpr double kCallbackRefreshSeconds = 300;
}  // namespace

DeskSession::DeskSession(SessionOptions options, std::function<void()> wake, std::function<double()> wall)
    : options_(std::move(options)), model_(std::move(wall)), queue_(std::move(wake)) {}

DeskSession::~DeskSession() {
    if (client_) client_->stop_listening();
}

void DeskSession::start() { connect(options_.token); }

bool DeskSession::pump() {
    const bool changed = queue_.drain() > 0;
    // The slow fallback for requests made by another process on the same file.
    const double now = model_.clock().wall();
    if (model_.connection().state() == Connection::Online &&
        now - std::max(model_.callbacks().loaded_at(), callbacks_asked_at_) > kCallbackRefreshSeconds) {
        callbacks_asked_at_ = now;
        load_callbacks();
    }
    return model_.board().check_promises() > 0 || changed;
}

ServiceClient::Listener DeskSession::listener() {
    // These run on the listener's thread: hand everything to the UI thread.
    ServiceClient::Listener l;
    l.on_visit = [this](const VisitView& v, const VisitEvent& e) {
        queue_.deliver([this, v, e] {
            model_.board().apply_visit(v, &e);
            if (model_.clock().wall() - model_.dead_letters().loaded_at() > kDeadLetterRefreshSeconds) load_dead_letters();
        });
    };
    l.on_presence = [this](const PresenceView& p) { queue_.deliver([this, p] { model_.presence().update(p); }); };
    l.on_notification = [this](const NotificationView& n) {
        if (n.kind != NotificationKind::PromiseBroken) return;  // the board shows the rest by itself
        queue_.deliver([this, n] { model_.board().promise_broken(n.visit); });
    };
    l.on_callback = [this](const CallbackView& c) { queue_.deliver([this, c] { model_.callbacks().update(c); }); };
    l.on_reset = [this] { queue_.deliver([this] { reload(); }); };
    l.on_connection = [this](bool online) {
        queue_.deliver([this, online] {
            model_.connection().set(online ? Connection::Online : Connection::Offline);
            if (online) reload();  // what happened while away, and a restarted service's clock
        });
    };
    l.on_unauthorized = [this] {
        queue_.deliver([this] {
            model_.connection().set(Connection::Unpaired);
            model_.message().warn("De service herkent deze balie niet meer (ontkoppeld?). Koppel opnieuw met een nieuwe code.");
        });
    };
    return l;
}

void DeskSession::connect(const std::string& token) {
    if (client_) client_->stop_listening();
    client_.reset();
    options_.token = token;
    if (token.empty()) {
        model_.connection().set(Connection::Unpaired);
        return;
    }
    model_.connection().set(Connection::Connecting);
    client_ = std::make_shared<ServiceClient>(options_.server, token, options_.client);
    client_->listen(listener());
    // The stream only reports a connection it once had: ask once now, so an
    // unreachable service or a refused token shows at once, not never.
    auto client = client_;
    queue_.post([this, client]() -> ui::TaskQueue::Continuation {
        try {
            const Device me = client->me();
            return [this, client, me] {
                if (client == client_) model_.pairing().set_own_device(me);
            };
        } catch (const ServiceError& e) {
            const int status = e.status;
            return [this, client, status] {
                if (client != client_) return;  // connected anew meanwhile
                if (status == 401) {
                    model_.connection().set(Connection::Unpaired);
                    model_.message().warn("De service herkent deze balie niet (meer). Koppel opnieuw met een nieuwe code.");
                } else if (model_.connection().state() == Connection::Connecting) {
                    model_.connection().set(Connection::Offline);
                }
            };
        }
    });
}

void DeskSession::call(const std::string& doing, Job job, Done done) {
    auto client = client_;
    if (!client) {
        model_.message().warn(doing + " lukte niet: deze balie is nog niet gekoppeld.");
        if (done) done(false);
        return;
    }
    queue_.post([this, client, doing, job = std::move(job), done]() -> ui::TaskQueue::Continuation {
        try {
            ui::TaskQueue::Continuation c = job(*client);
            return [c = std::move(c), done] {
                if (c) c();
                if (done) done(true);
            };
        } catch (const ServiceError& e) {
            const std::string words = error_words(doing, e);
            const int status = e.status;
            return [this, words, status, done] {
                model_.message().warn(words);
                // The board was out of date: bring it up to date at once.
                if (status == 409 || status == 404) reload();
                if (done) done(false);
            };
        } catch (const std::exception& e) {
            const std::string words = doing + " lukte niet: " + e.what();
            return [this, words, done] {
                model_.message().warn(words);
                if (done) done(false);
            };
        }
    });
}

void DeskSession::visit_call(const std::string& doing, std::function<VisitView(ServiceClient&)> f,
                             std::function<std::string(const VisitView&)> told, Done done) {
    call(doing, [this, f = std::move(f), told = std::move(told)](ServiceClient& c) -> ui::TaskQueue::Continuation {
        const VisitView v = f(c);
        return [this, v, told] {
            model_.board().apply_visit(v, nullptr);
            model_.message().tell(told(v));
        };
    }, std::move(done));
}

std::string DeskSession::who(VisitId id) const {
    const BoardRow* r = model_.board().row(id);
    return r ? " (" + visitor_label(r->view) + ")" : std::string();
}

void DeskSession::check_in(const std::string& topic, const std::string& host, const std::string& name, Done done) {
    visit_call("Aanmelden", [=](ServiceClient& c) { return c.check_in(topic, host, name, "nl"); },
               [](const VisitView& v) {
                   return "Aangemeld: " + visitor_label(v) + " voor " + v.topic_label + " — " + v.host_name +
                          " is gevraagd.";
               },
               std::move(done));
}

void DeskSession::acknowledge(VisitId id, int minutes, Done done) {
    visit_call("\"Komt eraan\" doorgeven" + who(id), [=](ServiceClient& c) { return c.acknowledge(id, minutes); },
               [minutes](const VisitView& v) {
                   return v.host_name + " komt eraan voor " + visitor_label(v) + " (over " + std::to_string(minutes) +
                          " min).";
               },
               std::move(done));
}

void DeskSession::start_visit(VisitId id, Done done) {
    visit_call("Gesprek starten" + who(id), [=](ServiceClient& c) { return c.start(id); },
               [](const VisitView& v) { return "In gesprek: " + visitor_label(v) + " met " + v.host_name + "."; },
               std::move(done));
}

void DeskSession::finish(VisitId id, Done done) {
    visit_call("Afronden" + who(id), [=](ServiceClient& c) { return c.finish(id); },
               [](const VisitView& v) { return "Afgerond: " + visitor_label(v) + "."; }, std::move(done));
}

void DeskSession::reassign(VisitId id, const std::string& host, Done done) {
    visit_call("Doorsturen" + who(id), [=](ServiceClient& c) { return c.reassign(id, host); },
               [](const VisitView& v) {
                   return visitor_label(v) + " is doorgestuurd naar " + v.host_name + ".";
               },
               std::move(done));
}

void DeskSession::cancel(VisitId id, bool visitor_left, Done done) {
    visit_call(std::string(visitor_left ? "Afmelden als weggegaan" : "Annuleren") + who(id),
               [=](ServiceClient& c) { return c.cancel(id, visitor_left); },
               [visitor_left](const VisitView& v) {
                   return visitor_label(v) + (visitor_left ? " is afgemeld: weggegaan." : " is geannuleerd.");
               },
               std::move(done));
}

void DeskSession::set_presence(const std::string& staff_id, Presence p, Done done) {
    call("Aanwezigheid wijzigen", [this, staff_id, p](ServiceClient& c) -> ui::TaskQueue::Continuation {
        const PresenceView v = c.set_presence(staff_id, p);
        return [this, v] {
            model_.presence().update(v);
            model_.message().tell(v.name + ": " + presence_words(v.presence) + ".");
        };
    }, std::move(done));
}

void DeskSession::load_dead_letters() {
    call("Niet-bezorgde berichten ophalen", [this](ServiceClient& c) -> ui::TaskQueue::Continuation {
        auto dead = c.dead_letters();
        return [this, dead = std::move(dead)]() mutable { model_.dead_letters().set(std::move(dead)); };
    }, {});
}

void DeskSession::retry_dead_letter(std::int64_t message_id, Done done) {
    call("Opnieuw versturen", [this, message_id](ServiceClient& c) -> ui::TaskQueue::Continuation {
        c.retry_dead_letter(message_id);
        auto dead = c.dead_letters();
        return [this, dead = std::move(dead)]() mutable {
            model_.dead_letters().set(std::move(dead));
            model_.message().tell("Het bericht wordt opnieuw verstuurd.");
        };
    }, std::move(done));
}

void DeskSession::create_pairing(DeviceKind kind, const std::string& staff_id, Done done) {
    call("Koppelcode maken", [this, kind, staff_id](ServiceClient& c) -> ui::TaskQueue::Continuation {
        const PairingView p = c.create_pairing(kind, staff_id);
        return [this, p] { model_.pairing().set_code(p); };
    }, std::move(done));
}

void DeskSession::load_devices() {
    call("Gekoppelde apparaten ophalen", [this](ServiceClient& c) -> ui::TaskQueue::Continuation {
        auto list = c.devices(false);
        return [this, list = std::move(list)]() mutable { model_.pairing().set_devices(std::move(list)); };
    }, {});
}

void DeskSession::revoke_device(std::int64_t id, Done done) {
    std::string what = "dit apparaat";
    for (const Device& d : model_.pairing().devices())
        if (d.id == id) what = model_.pairing().device_label(d);
    call("Intrekken (" + what + ")", [this, id, what](ServiceClient& c) -> ui::TaskQueue::Continuation {
        bool already = false;
        try {
            c.revoke_device(id);
        } catch (const ServiceError& e) {
            if (e.status != 404) throw;
            already = true;  // another desk was first: the outcome the receptionist wanted
        }
        // The list afresh in the same job: the row goes and nothing else is stale.
        std::optional<std::vector<Device>> list;
        try {
            list = c.devices(false);
        } catch (const ServiceError&) {
            // Withdrawn all the same; the row goes, the next look brings the rest.
        }
        return [this, id, what, already, list = std::move(list)]() mutable {
            model_.pairing().device_revoked(id);
            if (list) model_.pairing().set_devices(std::move(*list));
            model_.message().tell(already ? what + " was al ingetrokken." : what + " is ingetrokken.");
        };
    }, std::move(done));
}

void DeskSession::pair(const std::string& code_or_link, Done done) {
    std::string server = options_.server, code = code_or_link;
    ClientOptions copts = options_.client;
    if (const auto link = parse_pairing_link(code_or_link)) {
        server = link->service_url;
        code = link->code;
        copts.pinned_fingerprint = link->fingerprint;
    } else if (server.empty()) {
        model_.message().warn("Plak de hele koppellink (https://…/desk#pair=…): deze balie weet nog niet welke service het is.");
        if (done) done(false);
        return;
    }
    const std::string name = options_.device_name, file = options_.token_file;
    queue_.post([this, server, name, file, copts, code, done]() -> ui::TaskQueue::Continuation {
        try {
            const PairedDevice p = ServiceClient::pair(server, code, name, copts);
            if (!file.empty()) save_pairing(file, {p.token, server, copts.pinned_fingerprint});
            return [this, p, server, copts, done] {
                options_.server = server;
                options_.client = copts;
                connect(p.token);
                model_.message().tell("Deze balie is gekoppeld als \"" + p.device.name + "\".");
                if (done) done(true);
            };
        } catch (const ServiceError& e) {
            const std::string words = error_words("Koppelen", e);
            return [this, words, done] {
                model_.message().warn(words);
                if (done) done(false);
            };
        } catch (const std::exception& e) {
            const std::string words = std::string("Koppelen lukte niet: ") + e.what();
            return [this, words, done] {
                model_.message().warn(words);
                if (done) done(false);
            };
        }
    });
}

void DeskSession::load_callbacks() {
    call("Terugbelverzoeken ophalen", [this](ServiceClient& c) -> ui::TaskQueue::Continuation {
        auto list = c.callbacks();
        return [this, list = std::move(list)]() mutable { model_.callbacks().set(std::move(list)); };
    }, {});
}

void DeskSession::set_callback_state(std::int64_t id, CallbackState state, Done done) {
    const char* doing = state == CallbackState::Done     ? "Terugbelverzoek afhandelen"
                        : state == CallbackState::Called ? "\"Gebeld, geen gehoor\" vastleggen"
                                                         : "Terugbelverzoek heropenen";
    call(doing, [this, id, state](ServiceClient& c) -> ui::TaskQueue::Continuation {
        const CallbackView v = c.set_callback_state(id, state);
        return [this, v, state] {
            model_.callbacks().update(v);
            const std::string about = v.topic_label.empty() ? std::string() : " (" + v.topic_label + ")";
            model_.message().tell(state == CallbackState::Done     ? "Terugbelverzoek" + about + " afgehandeld; het nummer is gewist."
                        : state == CallbackState::Called ? "Vastgelegd: gebeld, geen gehoor" + about + ". Probeer het later opnieuw."
                                                         : "Terugbelverzoek" + about + " staat weer open.");
        };
    }, std::move(done));
}

namespace {
std::string shift_date(const std::string& iso, int days) {
    int y = 0, m = 0, d = 0;
    if (std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return iso;
    civil_from_days(days_from_civil(y, m, d) + days, y, m, d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}
}  // namespace

void DeskSession::load_report() {
    const ReportModel::Span span = model_.report().span();
    const std::string to = model_.clock().service_today();
    const std::string from = shift_date(to, span == ReportModel::Span::Today  ? 0
                                            : span == ReportModel::Span::Week ? -6
                                                                                  : -29);
    const std::string month = shift_date(to, -29);
    call("Cijfers ophalen", [this, span, from, to, month](ServiceClient& c) -> ui::TaskQueue::Continuation {
        ReportView r = c.report(from, to);
        ReportView trend = from == month ? r : c.report(month, to);
        return [this, span, r = std::move(r), trend = std::move(trend)]() mutable {
            model_.report().set(span, std::move(r));
            model_.report().set_trend(std::move(trend));
        };
    }, {});
}

void DeskSession::reload() {
    const std::uint64_t seq = model_.board().reload_seq();
    call("Het bord verversen", [this, seq](ServiceClient& c) -> ui::TaskQueue::Continuation {
        auto visits = c.visits();
        auto presence = c.presence();
        auto directory = c.directory();
        auto dead = c.dead_letters();
        // The board must not depend on the callback list: a service from
        // before callback requests answers 404, and a failed reload would be
        // retried (404 → reload) for ever.
        std::optional<CallbackList> callbacks;
        try {
            callbacks = c.callbacks();
        } catch (const ServiceError& e) {
            if (e.status == 0) throw;  // the service went away: the whole reload failed
        }
        return [this, seq, visits = std::move(visits), presence = std::move(presence),
                directory = std::move(directory), dead = std::move(dead),
                callbacks = std::move(callbacks)]() mutable {
            model_.board().replace_visits(visits, seq);
            model_.presence().set(std::move(presence));
            model_.directory().set(std::move(directory));
            model_.dead_letters().set(std::move(dead));
            if (callbacks) model_.callbacks().set(std::move(*callbacks));
        };
    }, {});
}

}  // namespace gastvrij::desk
