#include "wire/callback.h"

#include "wire/fields.h"

namespace gastvrij {

using namespace wire;

void to_json(json& j, const CallbackView& v) {
    const CallbackRequest& c = v.request;
    j = {{"id", c.id},
         {"phone", c.phone},
         {"topic", c.topic_id},
         {"topic_label", v.topic_label},
         {"part", to_string(c.part)},
         {"language", c.language},
         {"state", to_string(c.state)},
         {"created_at", c.created_at},
         {"created_date", v.created_date},
         {"created_hhmm", v.created_hhmm},
         {"due_at", c.due_at},
         {"due_date", v.due_date},
         {"due_hhmm", v.due_hhmm},
         {"handled_at", c.handled_at},
         {"overdue", v.overdue}};
    if (v.team) j["team"] = *v.team;
}

void from_json(const json& j, CallbackView& v) {
    CallbackRequest& c = v.request;
    c.id = int64_at(j, "id");
    c.phone = string_at(j, "phone");
    c.topic_id = string_at(j, "topic");
    v.topic_label = string_at(j, "topic_label");
    c.part = enum_at(j, "part", part_of_day_from);
    c.language = string_at(j, "language");
    c.state = enum_at(j, "state", callback_state_from);
    c.created_at = int64_at(j, "created_at");
    v.created_date = string_at(j, "created_date");
    v.created_hhmm = string_at(j, "created_hhmm");
    c.due_at = int64_at(j, "due_at");
    v.due_date = string_at(j, "due_date");
    v.due_hhmm = string_at(j, "due_hhmm");
    c.handled_at = int64_at(j, "handled_at");
    v.overdue = bool_at(j, "overdue");
    v.team = j.contains("team") ? std::optional<std::string>(string_at(j, "team")) : std::nullopt;
}

void to_json(json& j, const CallbackList& l) { j = {{"callbacks", l.callbacks}, {"now", l.now}, {"today", l.today}}; }

void from_json(const json& j, CallbackList& l) {
    l.callbacks = list_at<CallbackView>(j, "callbacks");
    l.now = int64_at(j, "now");
    l.today = string_at(j, "today");
}

}  // namespace gastvrij
