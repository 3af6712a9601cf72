#pragma once
// The reception in this process behind a gate, as a service on another
// machine would be: the calls a visitor waits for (check-in, callback, survey
// answer and comment, the survey's faces) stop at the gate until the test
// opens it, or fail there. The calls a kiosk never waits for (clock,
// availability, presence, health, the change listeners) pass straight through.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>

#include "domain/kiosk_port.h"

namespace gastvrij::kiosk_test {

class GatedPort final : public KioskPort {
public:
    explicit GatedPort(Reception& r) : inner_(r) {}
    ~GatedPort() override { open(); }

    void open() { set(State::Open); }
    void hold() { set(State::Held); }
    void fail(const std::string& why) {
        std::lock_guard lock(mutex_);
        why_ = why;
        state_ = State::Failing;
        cv_.notify_all();
    }
    // Waits (up to a few seconds) until `n` calls stand at the gate: the
    // kiosk made them and they are under way on a thread of their own.
    bool held_calls(int n) {
        std::unique_lock lock(mutex_);
        return cv_.wait_for(lock, std::chrono::seconds(5), [&] { return at_gate_ == n; });
    }

    const Clock& clock() const override { return inner_.clock(); }
    Visit check_in(const CheckInRequest& r) override { return gate([&] { return inner_.check_in(r); }); }
    std::string survey_link(const Visit& v) override { return inner_.survey_link(v); }
    PresenceBoard presence_today() override { return inner_.presence_today(); }
    Availability availability(const std::string& topic_id, const std::string& chosen_host) override {
        return inner_.availability(topic_id, chosen_host);
    }
    std::vector<std::string> recent_helpers() override { return gate([&] { return inner_.recent_helpers(); }); }
    void add_callback(const CallbackRequest& c) override { gate([&] { inner_.add_callback(c); }); }
    std::int64_t add_survey(const SurveyResponse& r) override { return gate([&] { return inner_.add_survey(r); }); }
    void set_survey_comment(std::int64_t id, const std::string& comment) override {
        gate([&] { inner_.set_survey_comment(id, comment); });
    }
    ReceptionHealth health() override { return inner_.health(); }
    int subscribe(Reception::Listener l) override { return inner_.subscribe(std::move(l)); }
    void unsubscribe(int handle) override { inner_.unsubscribe(handle); }

private:
    enum class State { Held, Open, Failing };
    void set(State s) {
        std::lock_guard lock(mutex_);
        state_ = s;
        cv_.notify_all();
    }
    template <class F>
    auto gate(F call) -> decltype(call()) {
        {
            std::unique_lock lock(mutex_);
            ++at_gate_;
            cv_.notify_all();
            // A kiosk that made this call on its UI thread would hang here for
            // good: give up after a while so that the test fails instead.
            const bool passed = cv_.wait_for(lock, std::chrono::seconds(10), [&] { return state_ != State::Held; });
            --at_gate_;
            cv_.notify_all();
            if (!passed) throw std::runtime_error("nobody opened the gate");
            if (state_ == State::Failing) throw std::runtime_error(why_);
        }
        return call();
    }

    LocalKioskPort inner_;
    std::mutex mutex_;
    std::condition_variable cv_;
    State state_ = State::Held;
    std::string why_;
    int at_gate_ = 0;
};

}  // namespace gastvrij::kiosk_test
