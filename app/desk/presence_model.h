#pragma once
// Today's presence that routing uses, as the presence tab lists it.
#include <vector>

#include "client/client.h"

namespace gastvrij::desk {

class PresenceModel {
public:
    // The whole list, sorted by team and then name.
    void set(std::vector<PresenceView> p);
    // One colleague's change (this desk's reply or another desk's event).
    void update(const PresenceView& p);
    const std::vector<PresenceView>& list() const { return list_; }

private:
    std::vector<PresenceView> list_;
};

}  // namespace gastvrij::desk
