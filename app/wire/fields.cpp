#include "wire/fields.h"

namespace gastvrij::wire {

namespace {

[[noreturn]] void wrong_type(const char* key, const char* wanted, const json& v) {
    throw WireError("\"" + std::string(key) + "\" must be " + wanted + ", not " + v.type_name());
}

}  // namespace

const json& field(const json& j, const char* key) {
    if (!j.is_object()) throw WireError(std::string("expected an object with \"") + key + "\", not " + j.type_name());
    const auto it = j.find(key);
    if (it == j.end()) throw WireError("\"" + std::string(key) + "\" is missing");
    return *it;
}

const json& list_field(const json& j, const char* key) {
    const json& a = field(j, key);
    if (!a.is_array()) wrong_type(key, "a list", a);
    return a;
}

std::string string_at(const json& j, const char* key) {
    const json& v = field(j, key);
    if (!v.is_string()) wrong_type(key, "a string", v);
    return v.get<std::string>();
}

std::int64_t int64_at(const json& j, const char* key) {
    const json& v = field(j, key);
    if (!v.is_number_integer()) wrong_type(key, "a whole number", v);
    return v.get<std::int64_t>();
}

int int_at(const json& j, const char* key) {
    const std::int64_t v = int64_at(j, key);
    if (v < INT32_MIN || v > INT32_MAX) throw WireError("\"" + std::string(key) + "\" is out of range");
    return static_cast<int>(v);
}

double number_at(const json& j, const char* key) {
    const json& v = field(j, key);
    if (!v.is_number()) wrong_type(key, "a number", v);
    return v.get<double>();
}

bool bool_at(const json& j, const char* key) {
    const json& v = field(j, key);
    if (!v.is_boolean()) wrong_type(key, "true or false", v);
    return v.get<bool>();
}

std::vector<std::string> strings_at(const json& j, const char* key) {
    const json& a = list_field(j, key);
    std::vector<std::string> out;
    for (const json& s : a) {
        if (!s.is_string()) wrong_type(key, "a list of strings", a);
        out.push_back(s.get<std::string>());
    }
    return out;
}

std::string optional_string_at(const json& j, const char* key) {
    return j.is_object() && j.contains(key) ? string_at(j, key) : std::string();
}

std::optional<std::int64_t> optional_int64_at(const json& j, const char* key) {
    if (j.is_object() && j.contains(key)) return int64_at(j, key);
    return std::nullopt;
}

}  // namespace gastvrij::wire
