// The browser pages (app/web/, compiled in): the companion at /desk, the
// colleague's phone page at /phone, and their files. Plain files with no
// outside resources (the office network may have no internet), under a
// Content-Security-Policy that allows no inline script or style.
#include <string>

#include "http/http.h"
#include "service/api_server.h"
#include "service/api_support.h"
#include "service/web_assets.h"

namespace gastvrij {

const WebAsset* web_asset(std::string_view name) {
    for (const WebAsset& a : web_assets())
        if (a.name == name) return &a;
    return nullptr;
}

const char* web_content_type(std::string_view name) {
    auto ends = [&](std::string_view ext) {
        return name.size() >= ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
    };
    if (ends(".html")) return "text/html; charset=utf-8";
    if (ends(".css")) return "text/css; charset=utf-8";
    if (ends(".js")) return "text/javascript; charset=utf-8";
    if (ends(".svg")) return "image/svg+xml";
    return "application/octet-stream";
}

namespace {

void serve_asset(http::Response& res, const WebAsset& a, std::string body) {
    // Revalidated on every load: after an upgrade a page never runs last
    // version's script against this version's API.
    res.set_header("Cache-Control", "no-cache");
    res.set_content(std::move(body), web_content_type(a.name));
}

}  // namespace

const char* ApiServer::certificate_kind() const {
    if (options_.behind_proxy) return "proxy";
    if (options_.tls_cert_pem.empty()) return "none";
    return options_.tls_self_made ? "self-made" : "office";
}

void ApiServer::add_page_routes() {
    auto& svr = router_;
    // The companion says so when browsers cannot trust this service's own
    // certificate: the page works, but every desk met a warning to get here.
    svr.get("/desk", [this](const http::Request&, http::Response& res) {
        const WebAsset* a = web_asset("desk.html");
        if (!a) throw std::logic_error("desk.html is not compiled in");
        std::string html(a->body);
        const std::string mark = "data-certificate=\"unknown\"";
        if (const auto at = html.find(mark); at != std::string::npos)
            html.replace(at, mark.size(), std::string("data-certificate=\"") + certificate_kind() + "\"");
        serve_asset(res, *a, std::move(html));
    });
    svr.get("/phone", [](const http::Request&, http::Response& res) {
        const WebAsset* a = web_asset("phone.html");
        if (!a) throw std::logic_error("phone.html is not compiled in");
        serve_asset(res, *a, std::string(a->body));
    });
    svr.get("/kiosk", [](const http::Request&, http::Response& res) {
        const WebAsset* a = web_asset("kiosk.html");
        if (!a) throw std::logic_error("kiosk.html is not compiled in");
        serve_asset(res, *a, std::string(a->body));
    });
    svr.get("/favicon.ico", [](const http::Request&, http::Response& res) { res.set_redirect("/icon.svg", 301); });
    // Only the compiled-in files exist: no path reaches the file system.
    svr.get(R"(/([a-z0-9-]+\.(css|js|svg)))", [](const http::Request& req, http::Response& res) {
        const WebAsset* a = web_asset(req.matches[1].str());
        if (!a) {
            api::reply_error(res, 404, "no such file");
            return;
        }
        serve_asset(res, *a, std::string(a->body));
    });
    svr.get("/", [](const http::Request&, http::Response& res) { res.set_redirect("/phone"); });
}

}  // namespace gastvrij
