#include "http/http.h"

#include <algorithm>
#include <cctype>
#include <strings.h>

namespace gastvrij::http {

bool NoCase::operator()(const std::string& a, const std::string& b) const {
    return strcasecmp(a.c_str(), b.c_str()) < 0;
}

std::string Request::get_header_value(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

std::string Request::get_param_value(const std::string& name) const {
    auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
}

void Response::set_header(const std::string& name, const std::string& value) {
    // A header value never carries a line break: it would start a header of its own.
    if (value.find_first_of("\r\n") != std::string::npos || name.find_first_of("\r\n:") != std::string::npos) return;
    auto it = headers.find(name);
    if (it != headers.end())
        it->second = value;
    else
        headers.emplace(name, value);
}

void Response::set_content(std::string content, const std::string& type) {
    body = std::move(content);
    set_header("Content-Type", type);
}

void Response::set_redirect(const std::string& location, int code) {
    status = code;
    set_header("Location", location);
}

void Router::add(std::string method, const std::string& pattern, Handler h) {
    routes_.push_back({std::move(method), std::regex(pattern, std::regex::ECMAScript | std::regex::optimize), std::move(h)});
}

int Router::dispatch(Request& req, Response& res) const {
    const std::string& wanted = req.method == "HEAD" ? std::string("GET") : req.method;
    bool path_known = false;
    for (const Route& r : routes_) {
        std::smatch m;
        if (!std::regex_match(req.path, m, r.pattern)) continue;
        path_known = true;
        if (r.method != wanted) continue;
        req.matches = std::move(m);
        r.handler(req, res);
        return 0;
    }
    return path_known ? 405 : 404;
}

namespace {
int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
}  // namespace

std::string url_decode(const std::string& s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '+' && plus_is_space) {
            out += ' ';
        } else if (c == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

void parse_form(const std::string& body, Params& into, std::size_t max_fields) {
    std::size_t fields = 0, start = 0;
    while (start <= body.size() && fields < max_fields) {
        std::size_t end = body.find('&', start);
        if (end == std::string::npos) end = body.size();
        const std::string pair = body.substr(start, end - start);
        if (!pair.empty()) {
            const std::size_t eq = pair.find('=');
            const std::string key = url_decode(pair.substr(0, eq), true);
            const std::string value = eq == std::string::npos ? std::string() : url_decode(pair.substr(eq + 1), true);
            into.emplace(key, value);
            ++fields;
        }
        start = end + 1;
    }
}

}  // namespace gastvrij::http
