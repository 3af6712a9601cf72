#pragma once
// The whole reception service in one object: Reception (the domain), the
// outbox worker with every channel (e-mail, webhooks, companion board, phones),
// the escalation timer and the HTTP API with its event streams. `gastvrij
// serve` runs one; the kiosk embeds one by default and checks visitors in
// through reception(), so the desk and the phones hear of them at once.
//
// Threads: the HTTP workers, the event pump, the outbox worker and the
// escalation timer. The timer sleeps on a condition variable between ticks;
// nothing polls in a busy loop.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "config/config.h"
#include "domain/devices.h"
#include "domain/reception.h"
#include "notify/outbox_worker.h"
#include "service/api_server.h"
#include "service/tls_identity.h"
#include "service/pairing.h"
#include "service/sse_hub.h"
#include "service/tls_identity.h"

namespace gastvrij {

struct ServiceOptions {
    ApiOptions api;
    SseHub::Options events;
    OutboxWorker::Options outbox;
    int pairing_minutes = 5;                       // a pairing code is valid this long
    std::chrono::milliseconds tick_interval{5000}; // escalation check: promises are minutes, this is ample
    std::chrono::milliseconds write_probe_interval{60000};  // /health learns a read-only or full disk this soon
    bool deliver_outbox = true;                    // false when another process serves the outbox

    // listen address, port and public URL from kiosk.toml.
    static ServiceOptions from(const KioskSettings& kiosk);
};

// HTTPS as kiosk.toml's [service] says: the office's certificate, or the
// service's own, made in `state_dir` on first start and kept there. Fills
// o.api's TLS fields and returns the identity; nullopt when tls = false.
// Throws TlsError naming the file and what to do.
std::optional<TlsIdentity> use_configured_tls(ServiceOptions& o, const KioskSettings& kiosk, const std::string& state_dir);

class Service {
public:
    // `store` and `devices` must be safe to use from several threads (the
    // SQLite implementations are) and outlive the service.
    Service(Config config, Store& store, DeviceStore& devices, const Clock& clock, ServiceOptions options);
    ~Service();  // stop()
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    // Starts the event pump, the outbox worker, the HTTP server (unless
    // `listen` is false: a kiosk that only sends) and the timer.
    // Throws std::runtime_error when the port cannot be bound.
    void start(bool listen = true);
    // Stops in reverse order; the delivery in progress finishes first.
    void stop();

    Reception& reception() { return reception_; }
    Pairing& pairing() { return pairing_; }
    SseHub& hub() { return hub_; }
    OutboxWorker& outbox() { return outbox_; }
    const Config& config() const { return *config_; }

    int port() const { return api_.port(); }
    std::string local_url() const { return api_.local_url(); }
    std::string public_url() const { return api_.public_url(); }
    std::string pairing_link(DeviceKind kind, const std::string& code) const { return api_.pairing_link(kind, code); }

    // Runs an escalation tick now and waits for it (tests with a FakeClock,
    // or after the clock jumped). Returns false when the timer is not running.
    bool tick_now(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    std::uint64_t ticks() const;
    // How long ago the background loop (escalation, retention, the write
    // probe) last finished a round; a supervisor takes a long silence for a
    // hung loop. Counts from start() until the first round.
    std::chrono::steady_clock::duration since_last_tick() const;
    std::chrono::milliseconds tick_interval() const { return options_.tick_interval; }
    // For the supervision tests only: the loop stops ticking, as if one round
    // never returned, until stop().
    void hang_loop_for_test();

private:
    void timer_loop();
    void run_retention();
    void on_change(const Change& c);

    std::unique_ptr<const Config> config_;  // stable address: Reception keeps a reference
    const Clock& clock_;
    ServiceOptions options_;
    Store& store_;  // retention, the write probe and kept answers; everything else goes through reception_
    std::chrono::steady_clock::time_point probed_at_{};
    Reception reception_;
    Pairing pairing_;
    SseHub hub_;
    OutboxWorker outbox_;
    RequestReplay replay_;
    std::chrono::steady_clock::time_point answers_forgotten_at_{};
    ApiServer api_;
    int listener_ = 0;

    mutable std::mutex timer_mutex_;
    std::condition_variable timer_cv_;
    std::condition_variable tick_done_cv_;
    bool timer_stop_ = false;
    bool tick_requested_ = false;
    bool timer_running_ = false;
    bool ticking_ = false;
    bool hang_for_test_ = false;
    std::uint64_t ticks_ = 0;
    std::chrono::steady_clock::time_point ticked_at_{};
    std::string last_purge_date_;  // local date of the last retention run
    std::thread timer_;
    bool started_ = false;
};

}  // namespace gastvrij
