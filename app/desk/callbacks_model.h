#pragma once
// Callback requests left at the kiosk, as the callbacks tab lists them: open,
// called without answer, done; overdue ones counted on the service's clock.
#include <string>
#include <vector>

#include "client/client.h"
#include "desk/service_time.h"

namespace gastvrij::desk {

class CallbacksModel {
public:
    // The list's answer also tells the service's time and date (DeskClock).
    explicit CallbacksModel(DeskClock& clock) : clock_(clock) {}

    void set(CallbackList list);
    // One request as a desk changed it (the reply, or another desk's event).
    void update(const CallbackView& c);
    const std::vector<CallbackView>& list() const { return list_; }
    bool loaded() const { return loaded_at_ > 0; }
    double loaded_at() const { return loaded_at_; }  // desk wall-clock seconds
    // Past its promised moment and not done, on the service's clock now.
    bool overdue(const CallbackView& c) const;
    int to_do() const;    // open or called
    int overdue_count() const;

    // A request turns red (and its tab says "te laat") the moment its promise passes.
    void until_change(NextChange& next) const;

private:
    DeskClock& clock_;
    std::vector<CallbackView> list_;
    double loaded_at_ = 0;
};

}  // namespace gastvrij::desk
