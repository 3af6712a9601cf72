#pragma once
// Delivers the persisted outbox. A visit change and its outbox rows are
// committed together (Reception); this worker then sends each due message on
// its channel and records the outcome, so a dead mail server or a crash loses
// nothing: pending messages are simply sent when the worker next runs.
//
// Delivery is at least once. The worker marks a message sent right after its
// channel accepted it, but a crash (or a store failure) between the two leaves
// it pending and it is sent again after restart. That window cannot be closed
// from this side, so every copy carries the message's idempotency key — the
// e-mail Message-ID and X-Gastvrij-Idempotency-Key, the webhook
// Idempotency-Key header — for the receiver to drop the duplicate.
//
// The worker sleeps on a condition variable until the earliest retry is due,
// a wake() (Reception listeners call it after a commit), a stop(), or at the
// latest `Options::rescan` so rows written by another process are picked up.
// It never polls in a loop.
//
// Several workers may serve one store (two kiosks, a standalone service): each
// claims a message before sending it (Store::claim_message), so one of them
// sends it. A worker that dies mid-delivery leaves its claim: restarted under
// the same name it takes the claim back at once; otherwise any worker sends
// the message after `Options::lease`.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "config/config.h"
#include "domain/store.h"
#include "notify/channel.h"

namespace gastvrij {

class OutboxWorker {
public:
    struct Options {
        int batch = 20;          // deliveries between two looks at the outbox
        int scan_limit = 1000;   // pending rows read per look
        std::chrono::seconds rescan{60};
        std::chrono::seconds store_backoff{2};  // after a StoreError (disk full, locked)
        // How long a claimed message is left to its worker: longer than the
        // slowest channel's time-out (e-mail 30 s), so a slow send is not doubled.
        std::chrono::seconds lease{90};
        // Who claims messages, the same after a restart; "" = worker_name("outbox").
        std::string worker;
        // The phone page link in a notice; default phone_link(public_url, visit id).
        std::function<std::string(const Config&, const Visit&)> link;
    };

    // Outcome of one delivery attempt, after it was recorded in the store.
    using ResultListener = std::function<void(const OutboxMessage&, const DeliveryResult&)>;

    // The store is used from the worker's thread: pass a connection of its own
    // unless the store is safe to share between threads.
    OutboxWorker(Store& store, const Clock& clock, Config config);
    OutboxWorker(Store& store, const Clock& clock, Config config, Options options);
    ~OutboxWorker();  // stop()
    OutboxWorker(const OutboxWorker&) = delete;
    OutboxWorker& operator=(const OutboxWorker&) = delete;

    // Registers the sender for its channel, replacing an earlier one. Messages
    // for channels without a sender stay pending (another process may serve them).
    void add_sender(std::shared_ptr<ChannelSender> sender);
    void remove_sender(Channel c);
    // Whether messages on `c` are sent here (a sender is registered for it).
    bool serves(Channel c) const;
    // A reloaded configuration: names, texts and links of later notices.
    void set_config(Config config);
    void on_result(ResultListener listener);

    void start();
    void stop();   // finishes the delivery in progress, then joins the thread
    // Something may be due now. The service subscribes it to Reception:
    //   reception.subscribe([&](const VisitChange&) { worker.wake(); });
    void wake();

    // One synchronous pass over what is due now (the CLI and tests use it).
    // Returns the number of delivery attempts made; throws StoreError.
    int run_once();

    struct Stats {
        std::uint64_t delivered = 0;
        std::uint64_t failed = 0;     // attempts that failed (retryable or permanent)
        std::uint64_t scans = 0;      // looks at the outbox begun
        std::uint64_t passes = 0;     // looks at the outbox finished, deliveries included
        Timestamp last_pass_at = 0;   // the clock's time the last finished look went by
    };
    Stats stats() const;

private:
    struct Pass {
        int attempts = 0;
        bool more_due = false;               // a batch was full: look again at once
        std::optional<Timestamp> next_due;   // earliest future attempt with a sender
    };
    Pass pass(bool stoppable);
    void deliver_one(const OutboxMessage& m, const std::shared_ptr<ChannelSender>& sender,
                     const std::shared_ptr<const Config>& config);
    void loop();

    Store& store_;
    const Clock& clock_;
    Options options_;

    mutable std::mutex mutex_;  // senders, config, listener, stats, flags
    std::condition_variable cv_;
    std::map<Channel, std::shared_ptr<ChannelSender>> senders_;
    std::shared_ptr<const Config> config_;
    ResultListener listener_;
    Stats stats_;
    bool stop_ = false;
    bool woken_ = false;

    std::mutex pass_mutex_;  // one pass at a time (thread and run_once)
    std::thread thread_;
};

// "role@host": a worker's name that survives restarts and tells a kiosk's
// worker from a `gastvrij serve` on the same machine.
std::string worker_name(const std::string& role);

// The e-mail and webhook senders the configuration asks for (none when it has
// no SMTP server and no webhooks).
std::vector<std::shared_ptr<ChannelSender>> configured_senders(const KioskSettings& kiosk);

}  // namespace gastvrij
