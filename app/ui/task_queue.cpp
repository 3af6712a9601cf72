#include "ui/task_queue.h"

namespace gastvrij::ui {

TaskQueue::TaskQueue(std::function<void()> wake) : wake_(std::move(wake)) {
    worker_ = std::thread([this] { run(); });
}

TaskQueue::~TaskQueue() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        jobs_.clear();
    }
    cv_.notify_all();
    if (worker_.joinable()) worker_.join();
}

void TaskQueue::post(Job job) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(job));
        ++in_flight_;
    }
    cv_.notify_one();
}

void TaskQueue::deliver(Continuation c) {
    {
        std::lock_guard lock(mutex_);
        done_.push_back(std::move(c));
    }
    if (wake_) wake_();
}

int TaskQueue::drain() {
    std::deque<Continuation> got;
    {
        std::lock_guard lock(mutex_);
        got.swap(done_);
    }
    for (auto& c : got)
        if (c) c();
    return int(got.size());
}

int TaskQueue::busy() const {
    std::lock_guard lock(mutex_);
    return in_flight_;
}

void TaskQueue::run() {
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            cv_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
            if (stop_) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        Continuation c;
        try {
            c = job();
        } catch (...) {
            // A job reports its own failures as a continuation; anything else
            // must not take the worker (and every later action) down with it.
        }
        {
            std::lock_guard lock(mutex_);
            --in_flight_;
            done_.push_back(std::move(c));
        }
        if (wake_) wake_();
    }
}

}  // namespace gastvrij::ui
