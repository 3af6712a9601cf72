#pragma once
// The proof a supervisor needs that the service is serving: one real request
// to its own GET /health, made as any client makes it, through the socket it
// listens on. The URL's scheme follows the listener (http, or https when TLS
// is on); the certificate is not verified, since the check talks to its own
// socket and only asks whether it answers.
#include <chrono>
#include <string>

namespace gastvrij {

struct SelfCheck {
    bool answered = false;  // an HTTP answer came (200, or 503 while the store is down)
    int status = 0;         // its HTTP status
    std::string detail;     // why not, or the body's "status" field ("ok", "degraded", "down")
};

// `base_url` as Service::local_url() gives it; `timeout` covers connect and answer.
SelfCheck check_own_health(const std::string& base_url, std::chrono::milliseconds timeout);

}  // namespace gastvrij
