#pragma once
// The office calendar (UTC+1, winter time) with an instant the test thread
// moves while the service's or worker's threads read it.
#include <atomic>

#include "domain/clock.h"

namespace gastvrij::test_support {

class TestClock final : public Clock {
public:
    explicit TestClock(Timestamp start) : now_(start) {}
    Timestamp now() const override { return now_.load(); }
    LocalTime local(Timestamp t) const override { return calendar_.local(t); }
    Timestamp start_of_day(Timestamp t) const override { return calendar_.start_of_day(t); }
    void advance(Timestamp seconds) { now_ += seconds; }
    Timestamp at_local(int y, int mo, int d, int h, int mi) const { return calendar_.at_local(y, mo, d, h, mi); }

private:
    std::atomic<Timestamp> now_;
    FakeClock calendar_{0, 60};
};

}  // namespace gastvrij::test_support
