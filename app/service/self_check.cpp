#include "service/self_check.h"

#include <nlohmann/json.hpp>

#include "notify/curl_support.h"

namespace gastvrij {

namespace {

std::size_t keep_body(char* data, std::size_t size, std::size_t count, void* out) {
    auto* body = static_cast<std::string*>(out);
    if (body->size() < 4096) body->append(data, size * count);  // /health is small; stop hoarding past that
    return size * count;
}

}  // namespace

SelfCheck check_own_health(const std::string& base_url, std::chrono::milliseconds timeout) {
    SelfCheck out;
    curl::Easy easy;
    try {
        easy = curl::make_easy();
    } catch (const std::exception& e) {
        out.detail = e.what();
        return out;
    }
    CURL* c = easy.get();
    const std::string url = base_url + "/health";
    std::string body;
    char error[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, long(timeout.count()));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, long(timeout.count()));
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");  // an office's proxy setting must not reroute a loopback call
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    // Its own socket: whatever certificate it shows, the question is only
    // whether it answers.
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &keep_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    const CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
        out.detail = curl::describe(rc, error);
        return out;
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    out.status = int(status);
    out.answered = status == 200 || status == 503;
    const nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_object() && j.contains("status") && j["status"].is_string()) out.detail = j["status"].get<std::string>();
    else if (!out.answered) out.detail = "HTTP " + std::to_string(status);
    return out;
}

}  // namespace gastvrij
