#pragma once
// Shared by the libcurl channels: one-time global initialisation and RAII
// owners for an easy handle and a header list.
#include <memory>
#include <string>

#include <curl/curl.h>

namespace gastvrij::curl {

// curl_global_init exactly once, before the first handle (it is not safe to let
// two threads race into it on every libcurl build).
void ensure_initialised();

struct EasyDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
using Easy = std::unique_ptr<CURL, EasyDeleter>;
Easy make_easy();

struct ListDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
class List {
public:
    void append(const std::string& s) { list_.reset(curl_slist_append(list_.release(), s.c_str())); }
    curl_slist* get() const { return list_.get(); }

private:
    std::unique_ptr<curl_slist, ListDeleter> list_;
};

// True for transport failures that may well pass: refused or reset
// connections, time-outs, name resolution, a relay that hung up.
bool is_transient(CURLcode rc);

// "curl: Couldn't connect to server (Failed to connect to 127.0.0.1 port 2525: Connection refused)"
std::string describe(CURLcode rc, const char* error_buffer);

}  // namespace gastvrij::curl
