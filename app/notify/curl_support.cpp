#include "notify/curl_support.h"

#include <mutex>
#include <stdexcept>

namespace gastvrij::curl {

void ensure_initialised() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            throw std::runtime_error("libcurl could not be initialised");
    });
}

Easy make_easy() {
    ensure_initialised();
    Easy e(curl_easy_init());
    if (!e) throw std::runtime_error("libcurl could not create a handle");
    // Worker threads must never get SIGALRM from name-resolution time-outs.
    curl_easy_setopt(e.get(), CURLOPT_NOSIGNAL, 1L);
    return e;
}

bool is_transient(CURLcode rc) {
    switch (rc) {
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_CONNECT:
        case CURLE_OPERATION_TIMEDOUT:
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
        case CURLE_WEIRD_SERVER_REPLY:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_AGAIN:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
        case CURLE_LOGIN_DENIED:  // often a relay's temporary auth trouble; a fixed password then works
            return true;
        default:
            return false;
    }
}

std::string describe(CURLcode rc, const char* error_buffer) {
    std::string s = std::string("curl: ") + curl_easy_strerror(rc);
    if (error_buffer && *error_buffer) s += std::string(" (") + error_buffer + ")";
    return s;
}

}  // namespace gastvrij::curl
