#pragma once
// Internals shared by the api_*.cpp files: the request's device, JSON bodies
// with per-field errors, and the error → status mapping. Not for other layers.
#include "http/http.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <initializer_list>
#include <string>
#include <vector>

#include "config/config.h"
#include "domain/devices.h"
#include "wire/error.h"

namespace gastvrij::api {

// A request field is missing or wrong: 400 {"error": what, "field": name}.
class FieldError : public std::runtime_error {
public:
    FieldError(std::string field, const std::string& what) : std::runtime_error(what), field(std::move(field)) {}
    std::string field;
};

// The device may not do this: 403.
class Forbidden : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A resource that does not exist: 404.
class NotFound : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The device the gate authenticated for the request this thread is handling
// (set just before the handler runs: ApiServer's `enter` hook).
std::optional<Device>& current_device();
const Device& device_or_throw();

void reply(http::Response& res, int status, const nlohmann::json& body);
void reply_error(http::Response& res, int status, const std::string& message,
                 const std::string& field = {});

// The body as a JSON object; an empty body counts as {}. Throws FieldError
// (field "") when it is not an object.
nlohmann::json parse_object(const http::Request& req);

// Typed field readers; each throws FieldError naming the field. Strings hold
// no control character or direction override (domain/text_rules.h); only
// `TextKind::Lines` fields (a comment) may hold line breaks.
enum class TextKind { Line, Lines };
std::string required_string(const nlohmann::json& body, const char* field, std::size_t max_len,
                            TextKind kind = TextKind::Line);
std::string optional_string(const nlohmann::json& body, const char* field, std::size_t max_len,
                            const std::string& fallback = {});
// "name": a visitor's first name as the domain accepts it, or "".
std::string visitor_name(const nlohmann::json& body);
int required_int(const nlohmann::json& body, const char* field, int min, int max);
bool optional_bool(const nlohmann::json& body, const char* field, bool fallback);

// The office's ids as "a, b, c" for an error message.
std::string id_list(const std::vector<std::string>& ids);
// "language": one of kiosk.languages; `fallback` when absent. FieldError names it.
std::string known_language(const nlohmann::json& body, const Config& config, const std::string& fallback = "nl");
// "topic": a topic of the directory; absent or "" is allowed unless `required`.
std::string known_topic(const nlohmann::json& body, const Directory& dir, bool required);
// `field`: a colleague of the directory; absent or "" is allowed (the desk, "someone else").
std::string known_staff(const nlohmann::json& body, const char* field, const Directory& dir);

// The device kinds a route admits; Forbidden ("... may not <what>") for the rest.
void require_kind(const Device& d, std::initializer_list<DeviceKind> kinds, const char* what);

// The id of a path like /api/v1/visits/17/…, matched by the route's (\d+).
std::int64_t path_id(const http::Request& req, std::size_t group = 1);

// Runs a handler and turns the exceptions of the domain, the store and the
// parsers into the API's statuses (400, 403, 404, 409, 503, 500).
template <class F>
void guarded(http::Response& res, F&& f);

void map_current_exception(http::Response& res);

template <class F>
void guarded(http::Response& res, F&& f) {
    try {
        f();
    } catch (...) {
        map_current_exception(res);
    }
}

}  // namespace gastvrij::api
