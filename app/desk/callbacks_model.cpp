#include "desk/callbacks_model.h"

#include <algorithm>

namespace gastvrij::desk {

void CallbacksModel::set(CallbackList list) {
    list_ = std::move(list.callbacks);
    loaded_at_ = clock_.wall();
    if (list.now > 0) clock_.service_at_least(double(list.now));
    if (!list.today.empty()) clock_.set_service_today(list.today);
}

void CallbacksModel::update(const CallbackView& c) {
    for (CallbackView& mine : list_)
        if (mine.request.id == c.request.id) {
            mine = c;
            return;
        }
    list_.push_back(c);  // a request the list had not seen yet
}

bool CallbacksModel::overdue(const CallbackView& c) const {
    if (c.request.state == CallbackState::Done) return false;
    return c.overdue || clock_.service_now() > double(c.request.due_at);
}

int CallbacksModel::to_do() const {
    return int(std::count_if(list_.begin(), list_.end(),
                             [](const CallbackView& c) { return c.request.state != CallbackState::Done; }));
}

int CallbacksModel::overdue_count() const {
    return int(std::count_if(list_.begin(), list_.end(), [&](const CallbackView& c) { return overdue(c); }));
}

void CallbacksModel::until_change(NextChange& next) const {
    const double now = clock_.service_now();
    for (const CallbackView& c : list_)
        if (c.request.state != CallbackState::Done) next.consider(double(c.request.due_at) - now + 0.5);
}

}  // namespace gastvrij::desk
