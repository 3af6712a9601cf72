#pragma once
// Service calls block for up to the request timeout, so the companion and a
// kiosk on another machine make them on one worker thread, in the order they
// were asked for. What a call
// brought back — and what the event listener heard on its own thread — comes
// back to the UI thread as a continuation, run in drain(); `wake` (Window::wake)
// gets the loop out of its sleep to do so. The Tracy "run queue" pattern.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace gastvrij::ui {

class TaskQueue {
public:
    using Continuation = std::function<void()>;   // runs on the UI thread
    using Job = std::function<Continuation()>;    // runs on the worker

    explicit TaskQueue(std::function<void()> wake);
    ~TaskQueue();  // finishes the call in progress, drops the rest
    TaskQueue(const TaskQueue&) = delete;
    TaskQueue& operator=(const TaskQueue&) = delete;

    void post(Job job);
    // From any thread: run `c` on the UI thread at the next drain().
    void deliver(Continuation c);
    // UI thread: runs what has come back; returns how many.
    int drain();
    // Jobs posted and not yet come back (the "bezig…" indicator).
    int busy() const;

private:
    void run();

    std::function<void()> wake_;
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<Job> jobs_;
    std::deque<Continuation> done_;
    int in_flight_ = 0;
    bool stop_ = false;
    std::thread worker_;
};

}  // namespace gastvrij::ui
