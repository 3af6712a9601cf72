#pragma once
// Fans visit changes out to every connected event stream (desk boards, phones).
//
// The durable event log is the source: a wake() (Reception's listener calls it
// after each commit) or a periodic look makes the hub's pump read
// store.events_since(cursor) and queue one frame per event on every stream that
// may see it. So each frame carries the event id of the log, a stream resumed
// with Last-Event-ID replays exactly what it missed, and changes written by
// another process on the same store (a second kiosk, another office's service)
// arrive too: at the next poll, or at once when the store says so (on_change:
// PostgreSQL's NOTIFY).
//
// Each stream has its own bounded queue; a stream whose queue is full (a phone
// on a bad network) is dropped, never waited for, so one slow client cannot
// hold the others back. It reconnects and resumes from its last id.
//
// Streams hold no thread: the HTTP layer takes a stream's frames when its
// waker says there are some. One device holds at most a few streams (a newer
// one replaces its oldest), and phones and kiosks never take the slots kept
// for reception desks.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/devices.h"
#include "domain/store.h"
#include "service/json_views.h"

namespace gastvrij {

class SseHub {
public:
    struct Options {
        std::size_t queue_limit = 1024;  // frames a stream may lag behind before it is dropped
        std::size_t max_streams = 1000;  // beyond this new streams are refused
        std::size_t per_device = 4;      // a device's newer stream ends its oldest beyond this
        std::size_t desk_reserve = 50;   // slots only reception desks may take
        std::chrono::milliseconds heartbeat{15000};  // comment frame that keeps proxies and NATs open
        std::chrono::milliseconds poll{1000};        // look at the log for other processes' changes
        int replay_limit = 1000;         // more missed events than this: the client reloads instead
        int retry_ms = 2000;             // EventSource reconnection delay sent to browsers
    };

    // One connected client. Opaque to callers: pass it back to take()/close().
    struct Stream {
        std::int64_t device_id = 0;
        DeviceKind kind = DeviceKind::Desk;
        std::string staff_id;  // a phone sees only this colleague's visits
        std::string actor;     // a kiosk sees only the visits it created (Visit::kiosk_id)
        std::deque<std::shared_ptr<const std::string>> queue;
        std::function<void()> waker;  // called (under the hub's lock) when frames came or the stream ended
        std::chrono::steady_clock::time_point last_frame;  // for the heartbeat
        bool closed = false;   // dropped, revoked, replaced, or the hub stopped
        std::string why;       // for the log
    };
    using StreamPtr = std::shared_ptr<Stream>;

    SseHub(Store& store, ViewContext view, Options options);
    SseHub(Store& store, ViewContext view) : SseHub(store, view, Options{}) {}
    ~SseHub();
    SseHub(const SseHub&) = delete;
    SseHub& operator=(const SseHub&) = delete;

    void start();  // reads the current end of the log and starts the pump
    void stop();   // ends every stream and the pump

    // Something was committed: look at the log now.
    void wake();

    // A new stream for `device`. With `last_event_id` the events after it are
    // queued first (or a "reset" frame when too many were missed). nullptr when
    // the hub is full (for this kind of device) or stopped.
    StreamPtr open(const Device& device, std::optional<std::int64_t> last_event_id);
    // Whom to tell that `s` has frames or ended. The waker must not call back
    // into the hub (it runs under the hub's lock).
    void set_waker(Stream& s, std::function<void()> waker);
    // Never waits: appends the frames queued on `s` to `out`.
    enum class Take { Frames, Nothing, Ended };
    Take take(Stream& s, std::string& out);
    // The client left: the stream's slot is free at once.
    void close(const StreamPtr& s);

    // Presence changed (not in the event log): every desk stream and the
    // phone of that colleague hear it.
    void publish_presence(const std::string& staff_id, const nlohmann::json& data);
    // A notification for `recipient` ("desk" = every desk stream, else the
    // phones of that colleague). Returns how many streams it was queued on.
    int publish_notification(const std::string& recipient, const nlohmann::json& data);
    // Something only reception desks show changed (a callback request): every
    // desk stream hears `event` with `data`. Not in the event log, so a desk
    // that reconnects reloads such lists instead of replaying them.
    void publish_desks(const std::string& event, const nlohmann::json& data);
    // Ends the streams of a revoked device.
    void drop_device(std::int64_t device_id);
    // Ends every stream now (the HTTP server is shutting down); the pump goes on.
    void end_streams(const std::string& why);

    std::size_t stream_count() const;
    std::int64_t cursor() const;
    // Streams ended because their queue was full, since start.
    std::uint64_t dropped_slow() const;

    // One SSE frame: "id: …\nevent: …\ndata: …\n\n" (id omitted when 0).
    static std::string frame(std::int64_t id, const std::string& event, const std::string& data);

private:
    void pump();
    void pump_once();
    bool sees(const Stream& s, const Visit& v) const;
    void push_locked(Stream& s, std::shared_ptr<const std::string> f);
    void end_locked(Stream& s, const std::string& why);
    void heartbeat_locked();

    Store& store_;
    ViewContext view_;
    Options options_;

    mutable std::mutex mutex_;  // streams, their queues, cursor
    std::condition_variable pump_cv_;
    std::vector<StreamPtr> streams_;
    std::int64_t cursor_ = 0;    // last event id queued on the streams
    bool woken_ = false;
    bool running_ = false;
    bool stopping_ = false;
    std::uint64_t dropped_slow_ = 0;
    std::thread pump_thread_;
};

}  // namespace gastvrij
