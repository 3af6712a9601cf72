#pragma once
// Callback requests: when nobody can help now or the office is closed, the
// visitor leaves a phone number and a colleague calls back.
#include <optional>
#include <string>
#include <utility>

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

// A normalised number ("+31612345678") as a visitor checks it digit by digit:
// "06 12 34 56 78" for a mobile, "010 123 45 67" otherwise.
std::string group_dutch_phone(const std::string& normalised);

// The office's promise about callbacks (kiosk.toml [callbacks] and [retention]).
struct CallbackRules {
    int due_hours = 24;  // a colleague calls back within this many hours
    int keep_days = 0;   // a handled request's number is kept this long; 0 = erased when handled
};

// The parts of the day a visitor may ask to be called in, as local minutes
// [begin, end): morning 08:00–12:00, afternoon 12:00–17:00, evening 17:00–21:00.
std::pair<int, int> part_of_day_minutes(PartOfDay p);

// The moment promised to a visitor who asked at `asked_at`: the office's
// promise (due_hours later); when the visitor chose a part of the day and the
// promise falls outside it, the end of the first such part after it — never
// earlier than the office promised, and always in the part they chose.
Timestamp callback_due(Timestamp asked_at, PartOfDay part, const CallbackRules& rules, const Clock& clock);

// `c` moved to state `s` at `now`. handled_at is the moment it became Done
// (what "answered in time" and the number's retention count from): kept when
// it was Done already, cleared when it leaves Done.
CallbackRequest with_state(CallbackRequest c, CallbackState s, Timestamp now);

// A handled request whose office keeps no numbers: its number goes with the
// same write that marks it done. True when `c` lost its number.
bool erase_number_if_handled(CallbackRequest& c, const CallbackRules& rules);

}  // namespace gastvrij
