#include "domain/callback.h"

namespace gastvrij {

const char* to_string(CallbackState s) {
    switch (s) {
        case CallbackState::Open: return "open";
        case CallbackState::Called: return "called";
        case CallbackState::Done: return "done";
    }
    return "open";
}

std::optional<CallbackState> callback_state_from(const std::string& s) {
    if (s == "open") return CallbackState::Open;
    if (s == "called") return CallbackState::Called;
    if (s == "done") return CallbackState::Done;
    return std::nullopt;
}

const char* to_string(PartOfDay p) {
    switch (p) {
        case PartOfDay::Morning: return "morning";
        case PartOfDay::Afternoon: return "afternoon";
        case PartOfDay::Evening: return "evening";
        case PartOfDay::Any: return "any";
    }
    return "any";
}

std::optional<PartOfDay> part_of_day_from(const std::string& s) {
    if (s == "morning") return PartOfDay::Morning;
    if (s == "afternoon") return PartOfDay::Afternoon;
    if (s == "evening") return PartOfDay::Evening;
    if (s == "any") return PartOfDay::Any;
    return std::nullopt;
}

namespace {

std::optional<std::string> fail(std::string* why, const char* key) {
    if (why) *why = key;
    return std::nullopt;
}

}  // namespace

std::optional<std::string> normalise_dutch_phone(const std::string& typed, std::string* why) {
    // Keep digits and a leading plus; the separators people type are dropped.
    std::string s;
    for (char c : typed) {
        if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\t') continue;
        if (c == '+' && s.empty()) {
            s += c;
            continue;
        }
        if (c < '0' || c > '9') return fail(why, "phone.bad_char");
        s += c;
    }

    std::string national;
    std::string rest;
    if (s.rfind("+31", 0) == 0) rest = s.substr(3);
    else if (s.rfind("0031", 0) == 0) rest = s.substr(4);
    else if (s.rfind("+", 0) == 0 || s.rfind("00", 0) == 0) return fail(why, "phone.not_dutch");

    if (!rest.empty() || s.rfind("+31", 0) == 0 || s.rfind("0031", 0) == 0) {
        // "+31 (0)6 …" writes the trunk zero as well; accept it once.
        if (!rest.empty() && rest[0] == '0') rest.erase(0, 1);
        national = "0" + rest;
    } else {
        national = s;
    }

    if (national.size() < 10) return fail(why, "phone.too_short");
    if (national.size() > 10) return fail(why, "phone.too_long");
    if (national[0] != '0') return fail(why, "phone.not_dutch");
    if (why) why->clear();
    return "+31" + national.substr(1);
}

std::string group_dutch_phone(const std::string& normalised) {
    std::string national = normalised;
    if (national.rfind("+31", 0) == 0) national = "0" + national.substr(3);
    if (national.size() != 10) return national;  // not ours to regroup
    const bool mobile = national.rfind("06", 0) == 0;
    const int groups[2][5] = {{2, 2, 2, 2, 2}, {3, 3, 2, 2, 0}};
    std::string out;
    std::size_t at = 0;
    for (int n : groups[mobile ? 0 : 1]) {
        if (n == 0) break;
        if (!out.empty()) out += ' ';
        out += national.substr(at, static_cast<std::size_t>(n));
        at += static_cast<std::size_t>(n);
    }
    return out;
}

std::pair<int, int> part_of_day_minutes(PartOfDay p) {
    switch (p) {
        case PartOfDay::Morning: return {8 * 60, 12 * 60};
        case PartOfDay::Afternoon: return {12 * 60, 17 * 60};
        case PartOfDay::Evening: return {17 * 60, 21 * 60};
        case PartOfDay::Any: break;
    }
    return {0, 24 * 60};
}

Timestamp callback_due(Timestamp asked_at, PartOfDay part, const CallbackRules& rules, const Clock& clock) {
    const Timestamp promise = asked_at + Timestamp(rules.due_hours) * 3600;
    if (part == PartOfDay::Any) return promise;
    const auto [begin_min, end_min] = part_of_day_minutes(part);
    Timestamp day = clock.start_of_day(promise);
    // A week of days is ample: every part of the day comes round daily.
    for (int i = 0; i < 8; ++i) {
        const Timestamp begin = day + Timestamp(begin_min) * 60, end = day + Timestamp(end_min) * 60;
        if (promise < end) return promise >= begin ? promise : end;
        day = clock.start_of_day(day + 36 * 3600);  // the next local day, also across a DST switch
    }
    return promise;
}

CallbackRequest with_state(CallbackRequest c, CallbackState s, Timestamp now) {
    if (s != CallbackState::Done) c.handled_at = 0;
    else if (c.state != CallbackState::Done) c.handled_at = now;
    c.state = s;
    return c;
}

bool erase_number_if_handled(CallbackRequest& c, const CallbackRules& rules) {
    if (c.state != CallbackState::Done || rules.keep_days > 0 || c.phone.empty()) return false;
    c.phone.clear();
    return true;
}

}  // namespace gastvrij
