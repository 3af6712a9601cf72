#pragma once
// LISTEN on a connection of its own: calls a function whenever another
// process commits a change to the event log (NOTIFY gastvrij_change), so the
// desks of every office's service hear of a check-in at once instead of at
// their next look. NOTIFY is not durable: after every (re)connect it calls
// the function too, so the reader catches up from the log by itself.
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace gastvrij::pg {

// The channel every writer of the event log notifies.
inline constexpr const char* kChangeChannel = "gastvrij_change";

class ChangeListener {
public:
    explicit ChangeListener(std::string url);
    ~ChangeListener();
    ChangeListener(const ChangeListener&) = delete;
    ChangeListener& operator=(const ChangeListener&) = delete;

    // Replaces the function (the thread starts with the first one); an empty
    // one stops the calls. No call of the earlier function runs after this.
    void set(std::function<void()> wake);

private:
    void run();
    void call();

    std::string url_;
    std::mutex call_mutex_;  // held while the function runs, and while it is replaced
    std::function<void()> wake_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace gastvrij::pg
