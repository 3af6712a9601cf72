#pragma once
// Notifications the outbox gave up on, newest first, as last asked for (no
// event tells of new ones).
#include <vector>

#include "client/client.h"
#include "desk/service_time.h"

namespace gastvrij::desk {

class DeadLettersModel {
public:
    explicit DeadLettersModel(const DeskClock& clock) : clock_(clock) {}

    void set(std::vector<DeadLetter> d);
    const std::vector<DeadLetter>& list() const { return list_; }
    double loaded_at() const { return loaded_at_; }  // desk wall-clock seconds, 0 = never

private:
    const DeskClock& clock_;
    std::vector<DeadLetter> list_;
    double loaded_at_ = 0;
};

}  // namespace gastvrij::desk
