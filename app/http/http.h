#pragma once
// The service's HTTP vocabulary: a request as the routes read it, the answer
// they write, a long-lived body (an event stream) and the router. The server
// underneath (server.h) is event-driven; routes never see it.
#include <any>
#include <functional>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace gastvrij::http {

// Header names compare without regard to case (RFC 9110 §5.1).
struct NoCase {
    bool operator()(const std::string& a, const std::string& b) const;
};
using Headers = std::multimap<std::string, std::string, NoCase>;
using Params = std::multimap<std::string, std::string>;

struct Request {
    std::string method;       // "GET", "POST", …
    std::string path;         // decoded, without the query
    std::string remote_addr;  // "192.0.2.7" or "2001:db8::1"
    Headers headers;
    Params params;            // the query, and a form body's fields
    std::string body;
    std::smatch matches;      // the route's groups, matched against `path`
    std::any context;         // what the gate learnt (the device), for the handler

    bool has_header(const std::string& name) const { return headers.count(name) > 0; }
    std::string get_header_value(const std::string& name) const;
    bool has_param(const std::string& name) const { return params.count(name) > 0; }
    std::string get_param_value(const std::string& name) const;
};

// A body that is written as it comes (Server-Sent Events). The server pulls
// from the thread that owns the connection and never waits on it: when pull()
// has nothing, the connection sleeps until the source calls its waker.
class BodySource {
public:
    virtual ~BodySource() = default;
    enum class Pull { Data, Empty, End };
    // Appends what is ready to `out`; End when the body is complete.
    virtual Pull pull(std::string& out) = 0;
    // Called once, before the first pull(): the source calls `wake` (from any
    // thread) whenever pull() has something new or the body ended.
    virtual void set_waker(std::function<void()> wake) = 0;
    // The connection is gone (the client left, or the server stops). Called
    // once, from the server's thread; no pull() follows.
    virtual void finished() = 0;
};

struct Response {
    int status = 200;
    std::string body;
    Headers headers;
    std::shared_ptr<BodySource> stream;  // when set, the body comes from here

    void set_header(const std::string& name, const std::string& value);
    void set_content(std::string content, const std::string& type);
    void set_redirect(const std::string& location, int code = 302);
};

using Handler = std::function<void(const Request&, Response&)>;

// Routes by method and a regular expression that must match the whole path.
class Router {
public:
    void get(const std::string& pattern, Handler h) { add("GET", pattern, std::move(h)); }
    void post(const std::string& pattern, Handler h) { add("POST", pattern, std::move(h)); }
    void put(const std::string& pattern, Handler h) { add("PUT", pattern, std::move(h)); }
    void del(const std::string& pattern, Handler h) { add("DELETE", pattern, std::move(h)); }
    void add(std::string method, const std::string& pattern, Handler h);

    // 404 when no route has the path, 405 when none has it for this method:
    // then `res` is untouched and the status is returned. Otherwise runs the
    // handler (filling req.matches) and returns 0. HEAD runs the GET route.
    int dispatch(Request& req, Response& res) const;

private:
    struct Route {
        std::string method;
        std::regex pattern;
        Handler handler;
    };
    std::vector<Route> routes_;
};

// application/x-www-form-urlencoded → fields ('+' is a space, %XX decoded).
// Stops at `max_fields`; a field that does not decode is kept as sent.
void parse_form(const std::string& body, Params& into, std::size_t max_fields = 64);
std::string url_decode(const std::string& s, bool plus_is_space);

}  // namespace gastvrij::http
