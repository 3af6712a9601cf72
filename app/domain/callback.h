#pragma once
// Callback requests: when nobody can help now or the office is closed, the
// visitor leaves a phone number and a colleague calls back.
#include <optional>
#include <string>

#include "domain/clock.h"

namespace gastvrij {

enum class CallbackState { Open, Called, Done };
const char* to_string(CallbackState s);
std::optional<CallbackState> callback_state_from(const std::string& s);

enum class PartOfDay { Morning, Afternoon, Evening, Any };
const char* to_string(PartOfDay p);
std::optional<PartOfDay> part_of_day_from(const std::string& s);

struct CallbackRequest {
    std::int64_t id = 0;
    std::string phone;        // normalised "+31612345678"; erased once handled
    std::string topic_id;
    PartOfDay part = PartOfDay::Any;
    std::string language = "nl";
    CallbackState state = CallbackState::Open;
    Timestamp created_at = 0;
    Timestamp due_at = 0;     // promised call-back moment
    Timestamp handled_at = 0; // when it became Done
};

// Dutch phone numbers as visitors type them: 06…, 0xx…, +31…, 0031…, with
// spaces or dashes. Returns "+31…" or nullopt with the reason in `why`
// (a text key: "phone.too_short", "phone.too_long", "phone.not_dutch", "phone.bad_char").
std::optional<std::string> normalise_dutch_phone(const std::string& typed, std::string* why);

}  // namespace gastvrij
