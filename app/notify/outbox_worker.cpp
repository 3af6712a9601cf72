#include "notify/outbox_worker.h"

#include <unistd.h>

#include <algorithm>
#include <limits>

#include "notify/email_channel.h"
#include "notify/notice.h"
#include "notify/webhook_channel.h"

namespace gastvrij {

namespace {

// "Due by the end of time": every pending message, to find the next retry.
constexpr Timestamp kEndOfTime = std::numeric_limits<Timestamp>::max() / 2;

}  // namespace

OutboxWorker::OutboxWorker(Store& store, const Clock& clock, Config config)
    : OutboxWorker(store, clock, std::move(config), Options{}) {}

OutboxWorker::OutboxWorker(Store& store, const Clock& clock, Config config, Options options)
    : store_(store),
      clock_(clock),
      options_(std::move(options)),
      config_(std::make_shared<const Config>(std::move(config))) {
    if (!options_.link)
        options_.link = [](const Config& c, const Visit& v) { return phone_link(c.kiosk.public_url, v.id); };
    if (options_.worker.empty()) options_.worker = worker_name("outbox");
    options_.batch = std::max(1, options_.batch);
    options_.scan_limit = std::max(options_.batch, options_.scan_limit);
}

std::string worker_name(const std::string& role) {
    char host[256] = {};
    return role + "@" + (gethostname(host, sizeof host - 1) == 0 && host[0] ? std::string(host) : "localhost");
}

OutboxWorker::~OutboxWorker() { stop(); }

void OutboxWorker::add_sender(std::shared_ptr<ChannelSender> sender) {
    if (!sender) return;
    {
        std::lock_guard lock(mutex_);
        senders_[sender->channel()] = std::move(sender);
    }
    wake();  // messages for that channel may have been waiting for it
}

void OutboxWorker::remove_sender(Channel c) {
    std::lock_guard lock(mutex_);
    senders_.erase(c);
}

bool OutboxWorker::serves(Channel c) const {
    std::lock_guard lock(mutex_);
    return senders_.count(c) > 0;
}

void OutboxWorker::set_config(Config config) {
    auto fresh = std::make_shared<const Config>(std::move(config));
    std::lock_guard lock(mutex_);
    config_ = std::move(fresh);
}

void OutboxWorker::on_result(ResultListener listener) {
    std::lock_guard lock(mutex_);
    listener_ = std::move(listener);
}

OutboxWorker::Stats OutboxWorker::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

void OutboxWorker::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    stop_ = false;
    woken_ = true;  // look at once: messages may be left from before a restart
    thread_ = std::thread([this] { loop(); });
}

void OutboxWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void OutboxWorker::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    cv_.notify_all();
}

int OutboxWorker::run_once() {
    int total = 0;
    for (;;) {
        const Pass p = pass(false);
        total += p.attempts;
        if (!p.more_due) return total;
    }
}

OutboxWorker::Pass OutboxWorker::pass(bool stoppable) {
    std::lock_guard pass_lock(pass_mutex_);
    std::map<Channel, std::shared_ptr<ChannelSender>> senders;
    std::shared_ptr<const Config> config;
    {
        std::lock_guard lock(mutex_);
        senders = senders_;
        config = config_;
        ++stats_.scans;
    }
    const Timestamp now = clock_.now();
    // One read of everything pending: the due ones to send now and the
    // earliest later attempt to sleep until. Messages for channels served
    // elsewhere are passed over here, so they can neither block the batch
    // nor make the worker spin on something it will never send.
    std::vector<OutboxMessage> pending = store_.due_messages(kEndOfTime, options_.scan_limit);
    std::stable_sort(pending.begin(), pending.end(), [](const OutboxMessage& a, const OutboxMessage& b) {
        return a.next_attempt_at != b.next_attempt_at ? a.next_attempt_at < b.next_attempt_at : a.id < b.id;
    });
    Pass result;
    for (const OutboxMessage& m : pending) {
        const auto it = senders.find(m.channel);
        if (it == senders.end()) continue;
        if (m.next_attempt_at > now) {
            if (!result.next_due || m.next_attempt_at < *result.next_due) result.next_due = m.next_attempt_at;
            continue;
        }
        if (result.attempts == options_.batch) {
            result.more_due = true;
            continue;
        }
        if (stoppable) {
            std::lock_guard lock(mutex_);
            if (stop_) break;  // stop() waits for at most the delivery in progress
        }
        // Another kiosk or service on the same store may have taken it meanwhile.
        if (!store_.claim_message(m.id, m.next_attempt_at, now + options_.lease.count(), options_.worker)) continue;
        deliver_one(m, it->second, config);
        ++result.attempts;
    }
    // A full read may have left due rows out: look again while this pass found work.
    if (static_cast<int>(pending.size()) >= options_.scan_limit && result.attempts > 0) result.more_due = true;
    {
        std::lock_guard lock(mutex_);
        ++stats_.passes;
        stats_.last_pass_at = now;
    }
    return result;
}

void OutboxWorker::deliver_one(const OutboxMessage& m, const std::shared_ptr<ChannelSender>& sender,
                               const std::shared_ptr<const Config>& config) {
    const Timestamp now = clock_.now();
    DeliveryResult r;
    try {
        const std::optional<Visit> visit = store_.visit(m.visit_id);
        if (!visit) {
            r = DeliveryResult::permanent("visit " + std::to_string(m.visit_id) + " not found");
        } else {
            const Notice n = make_notice(m, *visit, *config, clock_, now, options_.link(*config, *visit));
            r = sender->deliver(n);
        }
    } catch (const StoreError&) {
        throw;  // the store is the problem, not the message: the caller backs off
    } catch (const std::exception& e) {
        r = DeliveryResult::retryable(std::string("delivery failed: ") + e.what());
    }
    // Recorded at once: the shorter the gap between the receiver accepting the
    // message and this commit, the smaller the chance of a duplicate.
    if (r.is_ok()) {
        store_.mark_sent(m.id, clock_.now());
    } else if (r.status == DeliveryResult::Status::Permanent) {
        // Retrying cannot help (a refused address, an archived channel): the
        // desk sees it in the dead letters at once.
        store_.mark_dead(m.id, "permanent: " + r.message, clock_.now());
    } else {
        store_.record_failure(m.id, m.attempts, after_failed_attempt(m.attempts, clock_.now()), r.message);
    }
    ResultListener listener;
    {
        std::lock_guard lock(mutex_);
        if (r.is_ok()) ++stats_.delivered;
        else ++stats_.failed;
        listener = listener_;
    }
    if (listener) listener(m, r);
}

void OutboxWorker::loop() {
    try {
        // This worker's previous run may have died mid-send: what it claimed is due now.
        store_.release_claims(options_.worker, clock_.now());
    } catch (const std::exception&) {
        // The claims then run out after the lease instead.
    }
    std::unique_lock lock(mutex_);
    while (!stop_) {
        woken_ = false;  // a wake() during the pass below makes another pass
        lock.unlock();
        Pass p;
        std::chrono::milliseconds wait = options_.rescan;
        try {
            p = pass(true);
            if (p.next_due) {
                const Timestamp delta = *p.next_due - clock_.now();
                wait = std::min<std::chrono::milliseconds>(wait, std::chrono::seconds(std::max<Timestamp>(delta, 0)));
            }
        } catch (const std::exception&) {
            // A locked or full store (StoreError) or anything else unexpected:
            // the messages stay pending, so try again shortly instead of dying.
            wait = options_.store_backoff;
        }
        lock.lock();
        if (stop_) break;
        // After sending, look once more: the retry times just recorded (and
        // rows written meanwhile) were not known when this pass read the outbox.
        if (p.more_due || p.attempts > 0) continue;
        if (wait.count() <= 0) continue;  // a retry fell due while sending
        cv_.wait_for(lock, wait, [this] { return stop_ || woken_; });
    }
}

std::vector<std::shared_ptr<ChannelSender>> configured_senders(const KioskSettings& kiosk) {
    std::vector<std::shared_ptr<ChannelSender>> out;
    if (!kiosk.smtp.url.empty()) out.push_back(std::make_shared<EmailChannel>(kiosk.smtp));
    if (!kiosk.webhooks.empty()) out.push_back(std::make_shared<WebhookChannel>(kiosk.webhooks));
    return out;
}

}  // namespace gastvrij
