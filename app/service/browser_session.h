#pragma once
// How a browser page (the companion at /desk, the phone page) holds its
// device: the token in an HttpOnly cookie the page's script never sees, sent
// only to this origin, and requests that change something accepted only from
// this origin's own pages.
#include <string>

#include "http/http.h"

namespace gastvrij {

// __Host-: the browser keeps it only when set over HTTPS, for this host alone
// and the whole site — no subdomain or path can plant or read another.
inline constexpr const char* kSessionCookie = "__Host-gastvrij";

// The Set-Cookie value that hands the page its token; kept a year, like a pairing.
std::string session_cookie(const std::string& token);
// The Set-Cookie value that makes the browser forget it.
std::string cleared_session_cookie();

// The token of "Authorization: Bearer <token>" (programs), or "".
std::string bearer_token(const http::Request& req);

// The token in the request's cookie, or "".
std::string cookie_token(const http::Request& req);

// Whether a request may change something on the strength of a cookie: it
// comes from a page of this service (its Origin names the host it was sent
// to). `proxy_host` is the host a trusted proxy in front was asked for, if any.
bool from_own_page(const http::Request& req, const std::string& proxy_host);

// Whether the request carries an Origin that is not this service's: a page
// elsewhere trying its luck, refused whatever credentials it brings.
bool from_foreign_page(const http::Request& req, const std::string& proxy_host);

// The headers every answer carries: the pages load only their own files and
// run no inline script, nothing may frame them, and no address leaks.
void set_security_headers(http::Response& res);

}  // namespace gastvrij
