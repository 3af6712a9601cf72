#include "service/api_support.h"

#include <algorithm>
#include <cstdio>

#include "domain/reception.h"
#include "domain/store.h"
#include "domain/text_rules.h"
#include "log/log.h"

namespace gastvrij::api {

using nlohmann::json;

std::optional<Device>& current_device() {
    thread_local std::optional<Device> device;
    return device;
}

const Device& device_or_throw() {
    auto& d = current_device();
    // The gate runs before every /api/v1 route; reaching here without a device
    // is a wiring mistake, reported as one rather than served unauthenticated.
    if (!d) throw std::logic_error("no authenticated device for this request");
    return *d;
}

void reply(http::Response& res, int status, const json& body) {
    res.status = status;
    // Replace, not append: a handler may answer after an earlier failure was set.
    // A stray byte of invalid UTF-8 (in a parser's message quoting the body,
    // say) becomes U+FFFD instead of turning the answer into a 500.
    res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}

void reply_error(http::Response& res, int status, const std::string& message, const std::string& field) {
    reply(res, status, ApiError{message, field, {}});
}

json parse_object(const http::Request& req) {
    if (req.body.empty()) return json::object();
    json body;
    try {
        body = json::parse(req.body);
    } catch (const json::parse_error& e) {
        // The parser's own words name the byte offset; they quote the body's
        // last token too, which is the sender's text, so it is left out.
        throw FieldError("", "the request body is not valid JSON (UTF-8) at byte " + std::to_string(e.byte));
    }
    if (!body.is_object()) throw FieldError("", "the request body must be a JSON object");
    return body;
}

namespace {

const json* find(const json& body, const char* field) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) return nullptr;
    return &*it;
}

std::string checked_string(const json& v, const char* field, std::size_t max_len, TextKind kind = TextKind::Line) {
    if (!v.is_string()) throw FieldError(field, std::string("\"") + field + "\" must be a string");
    std::string s = v.get<std::string>();
    if (s.size() > max_len)
        throw FieldError(field, std::string("\"") + field + "\" is longer than " + std::to_string(max_len) + " bytes");
    // Whatever is kept reaches a board, a message or a log line.
    if (auto problem = free_text_problem(s, max_len, kind == TextKind::Lines))
        throw FieldError(field, std::string("\"") + field + "\" " + *problem);
    return s;
}

}  // namespace

std::string required_string(const json& body, const char* field, std::size_t max_len, TextKind kind) {
    const json* v = find(body, field);
    if (!v) throw FieldError(field, std::string("\"") + field + "\" is required");
    std::string s = checked_string(*v, field, max_len, kind);
    if (s.empty()) throw FieldError(field, std::string("\"") + field + "\" must not be empty");
    return s;
}

std::string optional_string(const json& body, const char* field, std::size_t max_len, const std::string& fallback) {
    const json* v = find(body, field);
    return v ? checked_string(*v, field, max_len) : fallback;
}

std::string visitor_name(const json& body) {
    const json* v = find(body, "name");
    if (!v) return "";
    const std::string name = checked_string(*v, "name", kMaxVisitorNameChars * 4);
    if (auto problem = visitor_name_problem(name)) throw FieldError("name", "\"name\" " + *problem);
    return name;
}

int required_int(const json& body, const char* field, int min, int max) {
    const json* v = find(body, field);
    const std::string range = std::to_string(min) + " … " + std::to_string(max);
    if (!v) throw FieldError(field, std::string("\"") + field + "\" is required (a whole number " + range + ")");
    if (!v->is_number_integer())
        throw FieldError(field, std::string("\"") + field + "\" must be a whole number " + range);
    const auto n = v->get<std::int64_t>();
    if (n < min || n > max) throw FieldError(field, std::string("\"") + field + "\" must be " + range);
    return static_cast<int>(n);
}

bool optional_bool(const json& body, const char* field, bool fallback) {
    const json* v = find(body, field);
    if (!v) return fallback;
    if (!v->is_boolean()) throw FieldError(field, std::string("\"") + field + "\" must be true or false");
    return v->get<bool>();
}

std::string id_list(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
    return out;
}

std::string known_language(const json& body, const Config& config, const std::string& fallback) {
    const auto& langs = config.kiosk.languages;
    const std::string lang = optional_string(body, "language", 8, fallback);
    if (std::find(langs.begin(), langs.end(), lang) == langs.end())
        throw FieldError("language", "unknown language \"" + lang + "\" — one of: " + id_list(langs));
    return lang;
}

std::string known_topic(const json& body, const Directory& dir, bool required) {
    const std::string topic = required ? required_string(body, "topic", 64) : optional_string(body, "topic", 64);
    if (!topic.empty() && !dir.topic(topic)) {
        std::vector<std::string> ids;
        for (const auto& t : dir.topics) ids.push_back(t.id);
        throw FieldError("topic", "unknown topic \"" + topic + "\" — one of: " + id_list(ids));
    }
    return topic;
}

std::string known_staff(const json& body, const char* field, const Directory& dir) {
    const std::string id = optional_string(body, field, 64);
    if (!id.empty() && !dir.person(id)) throw FieldError(field, "unknown colleague \"" + id + "\"");
    return id;
}

void require_kind(const Device& d, std::initializer_list<DeviceKind> kinds, const char* what) {
    if (std::find(kinds.begin(), kinds.end(), d.kind) != kinds.end()) return;
    std::string allowed;
    for (DeviceKind k : kinds) allowed += std::string(allowed.empty() ? "" : " or ") + "a " + to_string(k);
    throw Forbidden(std::string("a ") + to_string(d.kind) + " may not " + what + " (only " + allowed + ")");
}

std::int64_t path_id(const http::Request& req, std::size_t group) {
    // The route's regex admits only digits; an absurdly long number is no id.
    try {
        return std::stoll(req.matches[group].str());
    } catch (const std::exception&) {
        throw NotFound("no such id");
    }
}

void map_current_exception(http::Response& res) {
    try {
        throw;
    } catch (const FieldError& e) {
        reply_error(res, 400, e.what(), e.field);
    } catch (const Forbidden& e) {
        reply_error(res, 403, e.what());
    } catch (const NotFound& e) {
        reply_error(res, 404, e.what());
    } catch (const UnknownVisit& e) {
        reply_error(res, 404, e.what());
    } catch (const TransitionError& e) {
        // The visit moved on meanwhile (another desk, the host's phone, escalation).
        reply_error(res, 409, e.what());
    } catch (const UnknownName& e) {
        reply_error(res, 400, e.what());
    } catch (const StoreError& e) {
        // Disk full, file locked, …: the request may work later; nothing was half-written.
        res.set_header("Retry-After", "5");
        reply_error(res, 503, e.what());
    } catch (const std::invalid_argument& e) {
        reply_error(res, 400, e.what());
    } catch (const std::exception& e) {
        log::format(log::Level::Error, "gastvrij: internal error in the API: %s", e.what());
        reply_error(res, 500, std::string("internal error: ") + e.what());
    } catch (...) {
        reply_error(res, 500, "internal error");
    }
}

}  // namespace gastvrij::api
