#include "domain/callback_requests.h"

namespace gastvrij {

CallbackRequest CallbackRequests::request(const CallbackRequest& asked) {
    std::string why;
    const auto phone = normalise_dutch_phone(asked.phone, &why);
    if (!phone) throw std::invalid_argument(why);
    CallbackRequest c;
    c.phone = *phone;
    c.topic_id = asked.topic_id;
    c.part = asked.part;
    c.language = asked.language;
    c.state = CallbackState::Open;
    c.created_at = clock_.now();
    c.due_at = callback_due(c.created_at, c.part, rules_, clock_);
    const CallbackRequest kept = store_.add_callback(c);
    feed_.publish(CallbackChange{kept});
    return kept;
}

CallbackRequest CallbackRequests::set_state(std::int64_t id, CallbackState s) {
    const auto current = store_.callback(id);
    if (!current) throw UnknownCallback("no callback request " + std::to_string(id));
    CallbackRequest next = with_state(*current, s, clock_.now());
    erase_number_if_handled(next, rules_);
    const auto kept = store_.update_callback(next);
    if (!kept) throw UnknownCallback("no callback request " + std::to_string(id));
    feed_.publish(CallbackChange{*kept});
    return *kept;
}

}  // namespace gastvrij
