#include "service/browser_session.h"

#include <strings.h>

namespace gastvrij {

std::string session_cookie(const std::string& token) {
    return std::string(kSessionCookie) + "=" + token + "; Path=/; Max-Age=31536000; Secure; HttpOnly; SameSite=Strict";
}

std::string cleared_session_cookie() {
    return std::string(kSessionCookie) + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict";
}

std::string bearer_token(const http::Request& req) {
    const std::string h = req.get_header_value("Authorization");
    if (h.size() > 7 && (h.compare(0, 7, "Bearer ") == 0 || h.compare(0, 7, "bearer ") == 0)) {
        std::string t = h.substr(7);
        while (!t.empty() && t.back() == ' ') t.pop_back();
        return t;
    }
    return {};
}

std::string cookie_token(const http::Request& req) {
    const std::string name = std::string(kSessionCookie) + "=";
    // Several Cookie headers are possible (HTTP/2 proxies split them).
    auto [from, to] = req.headers.equal_range("Cookie");
    for (auto it = from; it != to; ++it) {
        const std::string& h = it->second;
        std::size_t at = 0;
        while (at < h.size()) {
            while (at < h.size() && (h[at] == ' ' || h[at] == ';')) ++at;
            const std::size_t end = std::min(h.find(';', at), h.size());
            if (h.compare(at, name.size(), name) == 0) return h.substr(at + name.size(), end - at - name.size());
            at = end;
        }
    }
    return {};
}

namespace {

// "https://desk.example:8470" → "desk.example:8470"; "" when not an origin.
std::string authority_of(const std::string& origin) {
    const auto scheme = origin.find("://");
    if (scheme == std::string::npos) return {};
    std::string a = origin.substr(scheme + 3);
    if (a.empty() || a.find('/') != std::string::npos) return {};
    return a;
}

bool same_host(const std::string& a, const std::string& b) {
    return !a.empty() && a.size() == b.size() && strncasecmp(a.c_str(), b.c_str(), a.size()) == 0;
}

bool matches_us(const std::string& origin, const http::Request& req, const std::string& proxy_host) {
    const std::string a = authority_of(origin);
    return same_host(a, req.get_header_value("Host")) || same_host(a, proxy_host);
}

}  // namespace

bool from_own_page(const http::Request& req, const std::string& proxy_host) {
    // Browsers send Origin with every request that is not a GET or HEAD,
    // same-origin ones included; "null" (a sandboxed or file page) is no page of ours.
    const std::string origin = req.get_header_value("Origin");
    if (origin.empty() || !matches_us(origin, req, proxy_host)) return false;
    const std::string site = req.get_header_value("Sec-Fetch-Site");
    return site.empty() || site == "same-origin";
}

bool from_foreign_page(const http::Request& req, const std::string& proxy_host) {
    const std::string origin = req.get_header_value("Origin");
    return !origin.empty() && !matches_us(origin, req, proxy_host);
}

void set_security_headers(http::Response& res) {
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                   "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Frame-Options", "DENY");
}

}  // namespace gastvrij
