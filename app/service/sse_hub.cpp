#include "service/sse_hub.h"
#include "log/log.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace gastvrij {

using nlohmann::json;

namespace {
constexpr int kPumpBatch = 500;
}  // namespace

std::string SseHub::frame(std::int64_t id, const std::string& event, const std::string& data) {
    std::string f;
    f.reserve(data.size() + event.size() + 32);
    if (id > 0) f += "id: " + std::to_string(id) + "\n";
    f += "event: " + event + "\n";
    // JSON from nlohmann::json::dump() has no raw newlines, so one data line suffices.
    f += "data: " + data + "\n\n";
    return f;
}

SseHub::SseHub(Store& store, ViewContext view, Options options)
    : store_(store), view_(view), options_(options) {}

SseHub::~SseHub() { stop(); }

void SseHub::start() {
    std::lock_guard lock(mutex_);
    if (running_) return;
    // Streams opened from now on start at the end of the log; older events are
    // only replayed to a client that asks with Last-Event-ID.
    cursor_ = store_.latest_event_id();
    running_ = true;
    stopping_ = false;
    pump_thread_ = std::thread([this] { pump(); });
    // Another service on a shared database says when it committed: its
    // check-ins reach these streams at once, not at the next poll.
    store_.on_change([this] { wake(); });
}

void SseHub::stop() {
    {
        std::lock_guard lock(mutex_);
        if (!running_) return;
    }
    store_.on_change({});  // before the pump ends: no wake() on a stopped hub
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        for (auto& s : streams_) end_locked(*s, "service stopping");
        streams_.clear();
    }
    pump_cv_.notify_all();
    if (pump_thread_.joinable()) pump_thread_.join();
    std::lock_guard lock(mutex_);
    running_ = false;
}

void SseHub::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    pump_cv_.notify_one();
}

void SseHub::pump() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        pump_cv_.wait_for(lock, std::min(options_.poll, options_.heartbeat), [&] { return woken_ || stopping_; });
        if (stopping_) break;
        woken_ = false;
        heartbeat_locked();
        lock.unlock();
        try {
            pump_once();
        } catch (const std::exception& e) {
            // The log is read again at the next wake or poll; nothing is lost
            // because the cursor only moves past events that were queued.
            log::format(log::Level::Error, "gastvrij: event stream could not read the event log: %s", e.what());
        }
        lock.lock();
    }
}

bool SseHub::sees(const Stream& s, const Visit& v) const {
    if (s.kind == DeviceKind::Desk) return true;
    // A kiosk stands in the public hall: other visitors' names are not its business.
    if (s.kind == DeviceKind::Kiosk) return v.kiosk_id == s.actor;
    // A phone follows its colleague's visits, including the moment one moves
    // away from them (escalated, reassigned), so the page can drop it.
    if (v.host_id == s.staff_id) return true;
    return std::find(v.tried_hosts.begin(), v.tried_hosts.end(), s.staff_id) != v.tried_hosts.end();
}

void SseHub::push_locked(Stream& s, std::shared_ptr<const std::string> f) {
    if (s.closed) return;
    if (s.queue.size() >= options_.queue_limit) {
        ++dropped_slow_;
        end_locked(s, "too slow: " + std::to_string(s.queue.size()) + " events waiting");
        return;
    }
    s.queue.push_back(std::move(f));
    s.last_frame = std::chrono::steady_clock::now();
    if (s.waker) s.waker();
}

void SseHub::end_locked(Stream& s, const std::string& why) {
    if (s.closed) return;
    s.closed = true;
    s.why = why;
    s.queue.clear();
    if (s.waker) s.waker();
}

void SseHub::heartbeat_locked() {
    // A comment frame on every stream that was quiet for a heartbeat keeps
    // proxies and NAT tables from closing it, and shows a dead client.
    static const auto ping = std::make_shared<const std::string>(": ping\n\n");
    const auto now = std::chrono::steady_clock::now();
    for (auto& s : streams_)
        if (!s->closed && s->queue.empty() && now - s->last_frame >= options_.heartbeat) push_locked(*s, ping);
}

void SseHub::pump_once() {
    for (;;) {
        std::int64_t from;
        {
            std::lock_guard lock(mutex_);
            from = cursor_;
        }
        // Read before the office's events: every event up to `newest` has
        // committed (ids become visible in order), so once a short batch has
        // been handled the cursor may pass the other offices' events too, and
        // the next look starts after them instead of scanning them again.
        const std::int64_t newest = store_.latest_event_id();
        const std::vector<VisitEvent> events = store_.events_since(from, kPumpBatch);
        const bool all_seen = events.size() < static_cast<std::size_t>(kPumpBatch);
        if (events.empty()) {
            std::lock_guard lock(mutex_);
            cursor_ = std::max(cursor_, newest);
            return;
        }
        const Timestamp now = view_.clock.now();
        std::map<VisitId, std::optional<Visit>> visits;
        struct Ready {
            std::int64_t id;
            const Visit* visit;
            std::shared_ptr<const std::string> frame;
        };
        std::vector<Ready> ready;
        ready.reserve(events.size());
        for (const VisitEvent& e : events) {
            auto it = visits.find(e.visit_id);
            if (it == visits.end()) it = visits.emplace(e.visit_id, store_.visit(e.visit_id)).first;
            if (!it->second) {
                ready.push_back({e.id, nullptr, nullptr});  // visit gone: skip, but move on
                continue;
            }
            // The visit as it is now: a client applies frames as "latest state".
            const json data = VisitFrame{visit_view(*it->second, view_, now), e};
            ready.push_back({e.id, &*it->second, std::make_shared<const std::string>(frame(e.id, "visit", data.dump()))});
        }
        {
            std::lock_guard lock(mutex_);
            for (const Ready& r : ready) {
                if (r.id <= cursor_) continue;
                if (r.frame)
                    for (auto& s : streams_)
                        if (sees(*s, *r.visit)) push_locked(*s, r.frame);
                cursor_ = r.id;
            }
            if (all_seen) cursor_ = std::max(cursor_, newest);
            streams_.erase(std::remove_if(streams_.begin(), streams_.end(), [](const StreamPtr& s) { return s->closed; }),
                           streams_.end());
        }
        if (all_seen) return;
    }
}

SseHub::StreamPtr SseHub::open(const Device& device, std::optional<std::int64_t> last_event_id) {
    auto s = std::make_shared<Stream>();
    s->device_id = device.id;
    s->kind = device.kind;
    s->staff_id = device.staff_id;
    s->actor = device_actor(device);

    s->last_frame = std::chrono::steady_clock::now();

    std::lock_guard lock(mutex_);
    if (!running_ || stopping_) return nullptr;
    streams_.erase(std::remove_if(streams_.begin(), streams_.end(), [](const StreamPtr& x) { return x->closed; }),
                   streams_.end());
    // A device that opens more streams than it needs (a phone reloading its
    // page, or a broken one in a loop) loses its oldest, never someone else's.
    std::vector<StreamPtr*> own;
    for (auto& other : streams_)
        if (other->device_id == device.id) own.push_back(&other);
    const bool replaces = own.size() >= options_.per_device;
    const std::size_t limit = device.kind == DeviceKind::Desk
                                  ? options_.max_streams
                                  : options_.max_streams - std::min(options_.desk_reserve, options_.max_streams);
    // A replacing stream takes the slot of the one it ends: refusing it would
    // cost the device its old stream and give it no new one.
    if (!replaces && streams_.size() >= limit) return nullptr;
    if (replaces) {
        end_locked(**own.front(), "replaced by a newer stream of the device");
        streams_.erase(std::remove_if(streams_.begin(), streams_.end(), [](const StreamPtr& x) { return x->closed; }),
                       streams_.end());
    }

    const json hello = StreamHello{cursor_, device_view(device, view_.directory)};
    std::string first = "retry: " + std::to_string(options_.retry_ms) + "\n";
    if (!last_event_id) {
        // A fresh client loads the visit list itself; its stream resumes from here.
        first += frame(cursor_, "hello", hello.dump());
        s->queue.push_back(std::make_shared<const std::string>(std::move(first)));
    } else {
        first += frame(0, "hello", hello.dump());
        s->queue.push_back(std::make_shared<const std::string>(std::move(first)));
        // Replay under the hub's lock: the pump queues events after cursor_ only
        // once this stream is registered, so nothing is missed or sent twice.
        const auto missed = *last_event_id > cursor_
                                ? std::vector<VisitEvent>{}
                                : store_.events_since(*last_event_id, options_.replay_limit + 1);
        if (*last_event_id > cursor_ || missed.size() > static_cast<std::size_t>(options_.replay_limit)) {
            // Too far behind (or from another data file): start over from the list.
            s->queue.push_back(std::make_shared<const std::string>(frame(cursor_, "reset", "{}")));
        } else {
            const Timestamp now = view_.clock.now();
            for (const VisitEvent& e : missed) {
                if (e.id > cursor_) break;
                auto v = store_.visit(e.visit_id);
                if (!v || !sees(*s, *v)) continue;
                const json data = VisitFrame{visit_view(*v, view_, now), e};
                s->queue.push_back(std::make_shared<const std::string>(frame(e.id, "visit", data.dump())));
            }
        }
    }
    streams_.push_back(s);
    return s;
}

void SseHub::set_waker(Stream& s, std::function<void()> waker) {
    std::lock_guard lock(mutex_);
    s.waker = std::move(waker);
}

SseHub::Take SseHub::take(Stream& s, std::string& out) {
    std::lock_guard lock(mutex_);
    if (s.closed) return Take::Ended;
    if (s.queue.empty()) return Take::Nothing;
    // Everything queued goes out in one write.
    while (!s.queue.empty()) {
        out += *s.queue.front();
        s.queue.pop_front();
    }
    return Take::Frames;
}

void SseHub::close(const StreamPtr& s) {
    std::lock_guard lock(mutex_);
    s->closed = true;
    s->waker = nullptr;
    streams_.erase(std::remove(streams_.begin(), streams_.end(), s), streams_.end());
}

void SseHub::publish_presence(const std::string& staff_id, const json& data) {
    auto f = std::make_shared<const std::string>(frame(0, "presence", data.dump()));
    std::lock_guard lock(mutex_);
    for (auto& s : streams_)
        if (s->kind != DeviceKind::Phone || s->staff_id == staff_id) push_locked(*s, f);
}

int SseHub::publish_notification(const std::string& recipient, const json& data) {
    auto f = std::make_shared<const std::string>(frame(0, "notification", data.dump()));
    int reached = 0;
    std::lock_guard lock(mutex_);
    for (auto& s : streams_) {
        const bool wanted = recipient == "desk" ? s->kind == DeviceKind::Desk
                                                : s->kind == DeviceKind::Phone && s->staff_id == recipient;
        if (!wanted || s->closed) continue;
        push_locked(*s, f);
        if (!s->closed) ++reached;
    }
    return reached;
}

void SseHub::publish_desks(const std::string& event, const json& data) {
    auto f = std::make_shared<const std::string>(frame(0, event, data.dump()));
    std::lock_guard lock(mutex_);
    for (auto& s : streams_)
        if (s->kind == DeviceKind::Desk && !s->closed) push_locked(*s, f);
}

void SseHub::drop_device(std::int64_t device_id) {
    std::lock_guard lock(mutex_);
    for (auto& s : streams_)
        if (s->device_id == device_id) end_locked(*s, "device revoked");
    streams_.erase(std::remove_if(streams_.begin(), streams_.end(), [](const StreamPtr& s) { return s->closed; }),
                   streams_.end());
}

void SseHub::end_streams(const std::string& why) {
    std::lock_guard lock(mutex_);
    for (auto& s : streams_) end_locked(*s, why);
    streams_.clear();
}

std::size_t SseHub::stream_count() const {
    std::lock_guard lock(mutex_);
    return static_cast<std::size_t>(
        std::count_if(streams_.begin(), streams_.end(), [](const StreamPtr& s) { return !s->closed; }));
}

std::int64_t SseHub::cursor() const {
    std::lock_guard lock(mutex_);
    return cursor_;
}

std::uint64_t SseHub::dropped_slow() const {
    std::lock_guard lock(mutex_);
    return dropped_slow_;
}

}  // namespace gastvrij
