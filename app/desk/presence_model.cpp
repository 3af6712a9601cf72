#include "desk/presence_model.h"

#include <algorithm>

namespace gastvrij::desk {

void PresenceModel::set(std::vector<PresenceView> p) {
    std::stable_sort(p.begin(), p.end(), [](const PresenceView& a, const PresenceView& b) {
        return a.team != b.team ? a.team < b.team : a.name < b.name;
    });
    list_ = std::move(p);
}

void PresenceModel::update(const PresenceView& p) {
    for (PresenceView& q : list_)
        if (q.staff_id == p.staff_id) {
            q = p;
            return;
        }
    list_.push_back(p);
    set(std::move(list_));
}

}  // namespace gastvrij::desk
