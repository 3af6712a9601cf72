#pragma once
// An event-driven HTTP/1.1 server (GNU libmicrohttpd) that a slow or hostile
// device on the office network cannot stop:
//   - a few event loops serve every connection; a connection that waits (for
//     its headers, or an event stream between events) holds no thread;
//   - a request's headers must be complete within `header_deadline` of the
//     connection opening (or of its previous answer, on a kept connection),
//     its body within `body_deadline` of the headers, however slowly the
//     bytes trickle in; then the connection is closed (a kept connection
//     that stays silent that long is closed the same way);
//   - at most `per_address_limit` connections from one address, and
//     `connection_limit` in all;
//   - an event stream whose client closes the connection ends at once, even
//     while it waits for its next event.
// Why this layer and not a thread per connection: README, "The HTTP layer".
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/http.h"

namespace gastvrij::http {

struct ServerOptions {
    std::string listen = "127.0.0.1";  // an address of this machine; "0.0.0.0" / "::" = all
    int port = 8470;                   // 0 = any free port (tests); see Server::port()
    unsigned threads = 4;              // event loops; a handler runs on one while it works
    unsigned connection_limit = 4000;  // beyond this new connections are closed at once
    unsigned per_address_limit = 64;   // connections from one client address
    std::chrono::milliseconds header_deadline{10000};
    std::chrono::milliseconds body_deadline{30000};
    std::chrono::seconds idle_timeout{30};  // nothing sent or received for this long: closed
    std::size_t payload_max = 64 * 1024;    // a larger body is refused with 413
    std::size_t headers_max = 100;          // more header lines: 431
    std::size_t header_memory = 32 * 1024;  // request line + headers beyond this: 431 / 414
    std::string tls_cert_pem;  // with tls_key_pem: HTTPS only
    std::string tls_key_pem;
};

struct ServerHooks {
    // Runs once the headers are in and before the body is read, on the
    // connection's thread. False refuses: `res` is sent and the body is
    // never read. May leave what it learnt in req.context.
    std::function<bool(Request&, Response&)> gate;
    // Runs just before the handler, on the handler's thread.
    std::function<void(const Request&)> enter;
    // When set, runs in the handler's place and calls `handle` to run it (or
    // answers by itself): e.g. a repeated request gets its first answer.
    std::function<void(const Request&, Response&, const std::function<void()>& handle)> around;
    // Fills `res` for the server's own refusals (400, 404, 405, 413, 431).
    std::function<void(Response&, int status, const std::string& message)> refuse;
    // Fills `res` for an exception that escaped a handler (inside a catch).
    std::function<void(Response&)> failed;
};

class Server {
public:
    Server(ServerOptions options, const Router& router, ServerHooks hooks);
    ~Server();  // stop()
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and starts the event loops. Throws std::runtime_error naming the
    // address when it cannot listen (in use, not this machine's, bad TLS key).
    void start();
    // Ends every event stream cleanly, then closes every connection.
    void stop();
    bool running() const;
    int port() const;  // the bound port (after start)
    bool tls() const;

    struct Stats {
        std::size_t connections = 0;        // open now
        std::size_t streams = 0;            // event streams open now
        std::uint64_t closed_too_slow = 0;  // by the header or body deadline (or silent that long), since start
    };
    Stats stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gastvrij::http
