#pragma once
// Callback requests on the wire: one as the desk lists it, and the list.
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/callback.h"

namespace gastvrij {

// A callback request as the desk lists it. `request.phone` is "" once done.
struct CallbackView {
    CallbackRequest request;
    std::string topic_label;                 // "Huur en betalen"
    // The team of the topic ("" when the topic routes to no team); nullopt
    // when the service knows no such topic, and then not sent.
    std::optional<std::string> team;
    std::string created_date, created_hhmm;  // local, "2026-11-23", "10:42"
    std::string due_date, due_hhmm;
    bool overdue = false;                    // not done and past due, on the service's clock
};

struct CallbackList {
    std::vector<CallbackView> callbacks;     // oldest first
    Timestamp now = 0;                       // the service's clock when it answered
    std::string today;                       // its local date, "2026-11-23"
};

void to_json(nlohmann::json& j, const CallbackView& v);
void from_json(const nlohmann::json& j, CallbackView& v);
void to_json(nlohmann::json& j, const CallbackList& l);
void from_json(const nlohmann::json& j, CallbackList& l);

}  // namespace gastvrij
