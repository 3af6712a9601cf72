// A browser page's device: paired into an HttpOnly cookie it never sees,
// accepted for a change only from the service's own pages, forgotten on the
// service when the page logs out — and the pages' files with their headers.
#include <gtest/gtest.h>

#include "service_fixture.h"

namespace gastvrij::service_test {
namespace {

using nlohmann::json;

// The value of the session cookie a Set-Cookie header hands out.
std::string cookie_of(const httplib::Result& r) {
    const std::string set = r->get_header_value("Set-Cookie");
    const std::string name = "__Host-gastvrij=";
    if (set.rfind(name, 0) != 0) return {};
    return set.substr(name.size(), set.find(';') - name.size());
}

httplib::Headers with_cookie(const std::string& token, const std::string& origin = {}) {
    httplib::Headers h{{"Cookie", "theme=dark; __Host-gastvrij=" + token}};
    if (!origin.empty()) h.emplace("Origin", origin);
    return h;
}

struct BrowserDesk {
    Harness h;
    std::string own_origin() const { return "http://127.0.0.1:" + std::to_string(h.service.port()); }
    httplib::Result pair(DeviceKind kind, const std::string& page_kind) {
        const PairingTicket t = h.service.pairing().create_code(kind, "");
        code = t.code;
        return h.http().Post("/pair", {{"Origin", own_origin()}},
                             json{{"code", t.code}, {"name", "Balie (browser)"}, {"kind", page_kind}, {"session", "cookie"}}.dump(),
                             "application/json");
    }
    std::string code;
};

TEST(BrowserSession, PairingSetsAPrivateCookieAndNeverShowsTheToken) {
    BrowserDesk b;
    auto r = b.pair(DeviceKind::Desk, "desk");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 201) << r->body;
    const std::string set = r->get_header_value("Set-Cookie");
    for (const char* attribute : {"; Path=/", "; Secure", "; HttpOnly", "; SameSite=Strict"})
        EXPECT_NE(set.find(attribute), std::string::npos) << attribute << " missing in " << set;
    const std::string token = cookie_of(r);
    ASSERT_EQ(token.size(), 64u);
    EXPECT_EQ(r->body.find(token), std::string::npos) << "the token is in the body";
    EXPECT_FALSE(json::parse(r->body).contains("token"));
    EXPECT_EQ(json::parse(r->body).at("device").at("kind"), "desk");

    // The cookie alone is the device from now on.
    auto me = b.h.http().Get("/api/v1/me", with_cookie(token));
    ASSERT_TRUE(me);
    EXPECT_EQ(me->status, 200) << me->body;
    EXPECT_EQ(me->body.find(token), std::string::npos);
    EXPECT_EQ(json::parse(me->body).at("name"), "Balie (browser)");
}

TEST(BrowserSession, ACodeForAnotherKindIsRefusedAndStaysUsable) {
    BrowserDesk b;
    auto wrong = b.pair(DeviceKind::Phone, "desk");
    ASSERT_TRUE(wrong);
    EXPECT_EQ(wrong->status, 409) << wrong->body;
    EXPECT_EQ(json::parse(wrong->body).at("reason"), "kind");
    EXPECT_TRUE(wrong->get_header_value("Set-Cookie").empty());
    // The phone the code was made for still pairs with it.
    auto phone = b.h.http().Post("/pair", json{{"code", b.code}, {"name", "telefoon"}}.dump(), "application/json");
    ASSERT_TRUE(phone);
    EXPECT_EQ(phone->status, 201) << phone->body;
}

TEST(BrowserSession, ChangesByCookieComeOnlyFromTheServicesOwnPages) {
    BrowserDesk b;
    auto r = b.pair(DeviceKind::Desk, "desk");
    ASSERT_TRUE(r && r->status == 201);
    const std::string token = cookie_of(r);
    const std::string walk_in = json{{"topic", "repair"}, {"name", "Zeynep"}}.dump();

    auto foreign = b.h.http().Post("/api/v1/visits", with_cookie(token, "https://evil.example"), walk_in, "application/json");
    ASSERT_TRUE(foreign);
    EXPECT_EQ(foreign->status, 403);
    EXPECT_EQ(json::parse(foreign->body).at("reason"), "origin");
    auto no_origin = b.h.http().Post("/api/v1/visits", with_cookie(token), walk_in, "application/json");
    ASSERT_TRUE(no_origin);
    EXPECT_EQ(no_origin->status, 403);
    // Another port on the same host is another site.
    auto other_port = b.h.http().Post("/api/v1/visits", with_cookie(token, "http://127.0.0.1:1"), walk_in,
                                      "application/json");
    ASSERT_TRUE(other_port);
    EXPECT_EQ(other_port->status, 403);
    auto sibling = with_cookie(token, b.own_origin());
    sibling.emplace("Sec-Fetch-Site", "same-site");
    auto same_site = b.h.http().Post("/api/v1/visits", sibling, walk_in, "application/json");
    ASSERT_TRUE(same_site);
    EXPECT_EQ(same_site->status, 403);
    // Nothing was checked in by any of them.
    auto list = b.h.http().Get("/api/v1/visits", with_cookie(token));
    ASSERT_TRUE(list);
    EXPECT_TRUE(json::parse(list->body).at("visits").empty()) << list->body;

    auto own = b.h.http().Post("/api/v1/visits", with_cookie(token, b.own_origin()), walk_in, "application/json");
    ASSERT_TRUE(own);
    EXPECT_EQ(own->status, 201) << own->body;

    // A foreign page is refused even with a program's bearer token.
    const std::string desk = b.h.pair(DeviceKind::Desk);
    auto headers = Harness::auth(desk);
    headers.emplace("Origin", "https://evil.example");
    auto bearer = b.h.http().Post("/api/v1/visits", headers, walk_in, "application/json");
    ASSERT_TRUE(bearer);
    EXPECT_EQ(bearer->status, 403);
    // And may not plant a cookie of its own choosing either.
    const PairingTicket t = b.h.service.pairing().create_code(DeviceKind::Desk, "");
    auto planted = b.h.http().Post("/pair", {{"Origin", "https://evil.example"}},
                                   json{{"code", t.code}, {"session", "cookie"}}.dump(), "application/json");
    ASSERT_TRUE(planted);
    EXPECT_EQ(planted->status, 403);
}

TEST(BrowserSession, LoggingOutForgetsTheDeviceOnTheService) {
    BrowserDesk b;
    auto r = b.pair(DeviceKind::Desk, "desk");
    ASSERT_TRUE(r && r->status == 201);
    const std::string token = cookie_of(r);
    EventReader stream(b.h.service.port(), token);
    ASSERT_TRUE(stream.wait_for([](auto& f) { return !f.empty(); }));

    auto out = b.h.http().Post("/api/v1/logout", with_cookie(token, b.own_origin()), "", "application/json");
    ASSERT_TRUE(out);
    EXPECT_EQ(out->status, 204);
    EXPECT_NE(out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
    EXPECT_TRUE(eventually([&] { return stream.ended(); }));

    // A copy of the cookie is worth nothing now, and the browser is told to drop it.
    auto after = b.h.http().Get("/api/v1/me", with_cookie(token));
    ASSERT_TRUE(after);
    EXPECT_EQ(after->status, 401);
    EXPECT_EQ(json::parse(after->body).at("reason"), "revoked");
    EXPECT_NE(after->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
    auto never = b.h.http().Get("/api/v1/me");
    ASSERT_TRUE(never);
    EXPECT_EQ(json::parse(never->body).at("reason"), "unpaired");
}

TEST(BrowserSession, APhonePairedByAnEarlierPageTradesItsTokenForTheCookie) {
    Harness h;
    const std::string old = h.pair(DeviceKind::Phone, "1042", "telefoon");
    auto r = h.http().Post("/api/v1/session", Harness::auth(old), "", "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 204);
    EXPECT_EQ(cookie_of(r), old);
    auto me = h.http().Get("/api/v1/me", with_cookie(old));
    ASSERT_TRUE(me);
    EXPECT_EQ(me->status, 200);
    // The event stream no longer takes a token in its address, where proxies log it.
    auto in_url = h.http().Get(("/api/v1/events?token=" + old).c_str());
    ASSERT_TRUE(in_url);
    EXPECT_EQ(in_url->status, 401);
}

TEST(WebPages, EveryPageAndFileComesWithItsTypeAndTheSecurityHeaders) {
    Harness h;
    const std::pair<const char*, const char*> files[] = {
        {"/desk", "text/html"}, {"/phone", "text/html"}, {"/kiosk", "text/html"},
        {"/desk.js", "text/javascript"}, {"/phone.js", "text/javascript"}, {"/phone.css", "text/css"},
        {"/survey.css", "text/css"}, {"/icon.svg", "image/svg+xml"}};
    for (const auto& [path, type] : files) {
        auto r = h.http().Get(path);
        ASSERT_TRUE(r) << path;
        EXPECT_EQ(r->status, 200) << path;
        EXPECT_EQ(r->get_header_value("Content-Type").rfind(type, 0), 0u) << path;
        const std::string csp = r->get_header_value("Content-Security-Policy");
        EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << path;
        EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path;
        EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path;
        EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << path;
        EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer") << path;
    }
    // The pages' HTML runs no inline script and has no inline style.
    for (const char* page : {"/desk", "/phone", "/kiosk"}) {
        const std::string html = h.http().Get(page)->body;
        EXPECT_EQ(html.find("<script>"), std::string::npos) << page;
        EXPECT_EQ(html.find("<style"), std::string::npos) << page;
        EXPECT_EQ(html.find(" style="), std::string::npos) << page;
    }
    // Plain HTTP on loopback: the companion knows no browser warned on the way.
    EXPECT_NE(h.http().Get("/desk")->body.find("data-certificate=\"none\""), std::string::npos);
    // Only compiled-in files: no path reaches the disk.
    for (const char* path : {"/nothing.js", "/../CMakeLists.txt", "/%2e%2e/etc/passwd.css", "/embed.cmake"}) {
        auto r = h.http().Get(path);
        ASSERT_TRUE(r) << path;
        EXPECT_EQ(r->status, 404) << path;
    }
    auto icon = h.http().Get("/favicon.ico");
    ASSERT_TRUE(icon);
    EXPECT_EQ(icon->status, 301);
    EXPECT_EQ(icon->get_header_value("Location"), "/icon.svg");
    // Errors of the API carry the headers too.
    auto err = h.http().Get("/api/v1/me");
    EXPECT_EQ(err->get_header_value("X-Content-Type-Options"), "nosniff");
}

}  // namespace
}  // namespace gastvrij::service_test
