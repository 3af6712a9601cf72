#include "service/service.h"

#include "service/json_views.h"

#include <unistd.h>

#include <cstdio>

#include "notify/notice.h"
#include "service/channel_senders.h"
#include "log/log.h"

namespace gastvrij {

ServiceOptions ServiceOptions::from(const KioskSettings& kiosk) {
    ServiceOptions o;
    o.api.listen = kiosk.service_listen;
    o.api.port = kiosk.service_port;
    o.api.public_url = kiosk.public_url;
    return o;
}

std::optional<TlsIdentity> use_configured_tls(ServiceOptions& o, const KioskSettings& k, const std::string& state_dir) {
    if (!k.service_tls) {
        const std::string& at = o.api.listen;
        if (!(at == "localhost" || at == "::1" || at.rfind("127.", 0) == 0))
            throw TlsError("tls = false, but the service would listen on " + at +
                           ": plain HTTP is for a TLS proxy on this machine only — listen on 127.0.0.1, or remove tls = false");
        // `validate` allows this on loopback only: a proxy on this machine
        // carries every client's connections, so it limits per client itself.
        o.api.behind_proxy = true;
        o.api.connections_per_address = o.api.connection_limit;
        return std::nullopt;
    }
    TlsIdentity id;
    if (!k.tls_cert.empty()) {
        id = load_tls_identity(k.tls_cert, k.tls_key);
    } else {
        // The name phones and desks use for us goes into the certificate.
        std::string host;
        const std::string& url = o.api.public_url.empty() ? k.public_url : o.api.public_url;
        if (const auto scheme = url.find("://"); scheme != std::string::npos) {
            host = url.substr(scheme + 3);
            host = host.substr(0, host.find_first_of(":/"));
        }
        if (host.empty()) {
            char name[256] = {};
            if (gethostname(name, sizeof name - 1) == 0) host = name;
        }
        id = self_made_tls_identity(state_dir, host);
    }
    o.api.tls_cert_pem = id.cert_pem;
    o.api.tls_key_pem = id.key_pem;
    o.api.tls_fingerprint = id.fingerprint;
    o.api.tls_self_made = id.self_made;
    return id;
}

namespace {
ViewContext view_of(const Config& c, const Clock& clock) { return ViewContext{c.directory, c.texts, clock, {}}; }

ReceptionRules rules_of(const KioskSettings& k) {
    ReceptionRules r;
    r.callbacks.due_hours = k.callback_due_hours;
    r.callbacks.keep_days = k.retention.callback_keep_days;
    return r;
}
}  // namespace

Service::Service(Config config, Store& store, DeviceStore& devices, const Clock& clock, ServiceOptions options)
    : config_(std::make_unique<const Config>(std::move(config))),
      clock_(clock),
      options_(std::move(options)),
      store_(store),
      reception_(config_->directory, store, clock, rules_of(config_->kiosk)),
      pairing_(devices, clock, options_.pairing_minutes),
      hub_(store, view_of(*config_, clock), options_.events),
      outbox_(store, clock, *config_,
              [this] {
                  OutboxWorker::Options o = options_.outbox;
                  // Links in e-mails and chat messages lead to the phone page
                  // at the address this service is really reachable on.
                  if (!o.link)
                      o.link = [this](const Config&, const Visit& v) { return phone_link(api_.public_url(), v.id); };
                  return o;
              }()),
      replay_(store, clock),
      api_(ApiContext{reception_, pairing_, hub_, *config_, [this] { outbox_.wake(); }, replay_}, options_.api) {
    for (auto& sender : configured_senders(config_->kiosk)) outbox_.add_sender(sender);
    outbox_.add_sender(std::make_shared<CompanionSender>(hub_, view_of(*config_, clock)));
    outbox_.add_sender(std::make_shared<PhoneSender>(hub_, view_of(*config_, clock)));
}

Service::~Service() { stop(); }

void Service::start(bool listen) {
    if (started_) return;
    // Every durable change reaches the streams at once: a visit wakes the
    // event pump (which reads the log) and the outbox; callbacks and presence,
    // which the log does not hold, go to the streams as they are. The pump and
    // the outbox also look by themselves now and then for other processes' changes.
    listener_ = reception_.changes().subscribe([this](const Change& c) { on_change(c); });
    hub_.start();
    if (options_.deliver_outbox) outbox_.start();
    try {
        if (listen) api_.start();
    } catch (...) {
        outbox_.stop();
        hub_.stop();
        reception_.changes().unsubscribe(listener_);
        throw;
    }
    {
        std::lock_guard lock(timer_mutex_);
        timer_stop_ = false;
        timer_running_ = true;
        ticked_at_ = std::chrono::steady_clock::now();
    }
    timer_ = std::thread([this] { timer_loop(); });
    started_ = true;
}

void Service::stop() {
    if (!started_) return;
    started_ = false;
    {
        std::lock_guard lock(timer_mutex_);
        timer_stop_ = true;
    }
    timer_cv_.notify_all();
    if (timer_.joinable()) timer_.join();
    api_.stop();
    outbox_.stop();
    hub_.stop();
    reception_.changes().unsubscribe(listener_);
}

void Service::on_change(const Change& c) {
    if (std::holds_alternative<VisitChange>(c)) {
        hub_.wake();
        outbox_.wake();
    } else if (const auto* cb = std::get_if<CallbackChange>(&c)) {
        hub_.publish_desks("callback", callback_view(cb->callback, *config_, clock_, clock_.now()));
    } else if (const auto* p = std::get_if<PresenceChange>(&c)) {
        if (const Staff* s = config_->directory.person(p->staff_id))
            hub_.publish_presence(p->staff_id, presence_view(*s, p->presence, clock_.local_now()));
    }
}

void Service::timer_loop() {
    std::unique_lock lock(timer_mutex_);
    while (!timer_stop_) {
        timer_cv_.wait_for(lock, options_.tick_interval, [&] { return timer_stop_ || tick_requested_ || hang_for_test_; });
        if (timer_stop_) break;
        if (hang_for_test_) {
            timer_cv_.wait(lock, [&] { return timer_stop_; });
            break;
        }
        tick_requested_ = false;
        ticking_ = true;
        lock.unlock();
        try {
            reception_.tick();
        } catch (const std::exception& e) {
            // A full disk or a locked file: the next tick tries again, and the
            // visits stay on the desk board meanwhile.
            log::format(log::Level::Error, "gastvrij: escalation check failed: %s", e.what());
        }
        run_retention();
        if (std::chrono::steady_clock::now() - answers_forgotten_at_ >= std::chrono::minutes(5)) {
            answers_forgotten_at_ = std::chrono::steady_clock::now();
            try {
                store_.forget_answers_before(clock_.now() - RequestReplay::kKeepSeconds);
            } catch (const StoreError&) {
                // The next round tries again; /health tells of a store that takes no writes.
            }
        }
        if (std::chrono::steady_clock::now() - probed_at_ >= options_.write_probe_interval) {
            probed_at_ = std::chrono::steady_clock::now();
            try {
                store_.probe_write(clock_.now());
            } catch (const StoreError&) {
                // The store keeps the failure for /health until a write succeeds.
            }
        }
        lock.lock();
        ticking_ = false;
        ++ticks_;
        ticked_at_ = std::chrono::steady_clock::now();
        tick_done_cv_.notify_all();
    }
    timer_running_ = false;
    tick_done_cv_.notify_all();
}

// Retention runs by itself: at start and at the first tick of every new local
// day, names of earlier days and handled callback numbers are erased.
void Service::run_retention() {
    const Timestamp now = clock_.now();
    const LocalTime local = clock_.local(now);
    const std::string today = local.date_iso();
    if (today == last_purge_date_) return;
    const Timestamp midnight = clock_.start_of_day(now);
    try {
        const auto closed = reception_.close_earlier_days(midnight);
        if (!closed.empty())
            log::format(log::Level::Notice, "gastvrij: %zu visits of earlier days were still open and are closed", closed.size());
        const PurgeResult r = store_.purge(config_->kiosk.retention, now, midnight);
        last_purge_date_ = today;
        if (r.names_erased || r.phones_erased)
            log::format(log::Level::Info, "gastvrij: retention erased %d first names and %d phone numbers", r.names_erased,
                         r.phones_erased);
    } catch (const std::exception& e) {
        log::format(log::Level::Error, "gastvrij: retention failed, will try again: %s", e.what());
    }
}

bool Service::tick_now(std::chrono::milliseconds timeout) {
    std::unique_lock lock(timer_mutex_);
    if (!timer_running_ || timer_stop_) return false;
    // A tick already running may have read the clock before the caller moved
    // it: then wait for the one after it.
    const std::uint64_t target = ticks_ + (ticking_ ? 2 : 1);
    tick_requested_ = true;
    timer_cv_.notify_all();
    tick_done_cv_.wait_for(lock, timeout, [&] { return ticks_ >= target || !timer_running_; });
    return ticks_ >= target;
}

std::uint64_t Service::ticks() const {
    std::lock_guard lock(timer_mutex_);
    return ticks_;
}

std::chrono::steady_clock::duration Service::since_last_tick() const {
    std::lock_guard lock(timer_mutex_);
    return std::chrono::steady_clock::now() - ticked_at_;
}

void Service::hang_loop_for_test() {
    {
        std::lock_guard lock(timer_mutex_);
        hang_for_test_ = true;
    }
    timer_cv_.notify_all();
}

}  // namespace gastvrij
