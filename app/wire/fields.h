#pragma once
// Reading API v1's JSON strictly: every from_json of app/wire goes through
// these, so a reply that lacks a field or has the wrong type for it is refused
// with a WireError that names the field, instead of becoming a visit with
// id 0 or a crash further on.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace gastvrij {

class WireError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

namespace wire {

using nlohmann::json;

// The value at `key` of object `j`; throws WireError when `j` is no object or
// the key is missing.
const json& field(const json& j, const char* key);

// The list at `key`; throws WireError when it is missing or no list.
const json& list_field(const json& j, const char* key);

std::string string_at(const json& j, const char* key);
std::int64_t int64_at(const json& j, const char* key);
int int_at(const json& j, const char* key);
double number_at(const json& j, const char* key);
bool bool_at(const json& j, const char* key);
std::vector<std::string> strings_at(const json& j, const char* key);

// Fields that only some replies carry: "" / nullopt when absent, and still
// refused when present with the wrong type.
std::string optional_string_at(const json& j, const char* key);
std::optional<std::int64_t> optional_int64_at(const json& j, const char* key);

// An enum sent as its to_string() word; `parse` is the domain's *_from.
template <class E>
E enum_at(const json& j, const char* key, std::optional<E> (*parse)(const std::string&)) {
    const std::string word = string_at(j, key);
    if (const auto e = parse(word)) return *e;
    throw WireError("\"" + std::string(key) + "\" has an unknown value \"" + word + "\"");
}

// A list of T at `key`, each element read with T's from_json.
template <class T>
std::vector<T> list_at(const json& j, const char* key) {
    const json& a = list_field(j, key);
    std::vector<T> out;
    out.reserve(a.size());
    for (const json& item : a) out.push_back(item.get<T>());
    return out;
}

}  // namespace wire

// Parses a reply's text into T; malformed JSON is a WireError too.
template <class T>
T decode(const std::string& text) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw WireError(std::string("not JSON: ") + e.what());
    }
    return j.get<T>();
}

}  // namespace gastvrij
