#include "service/survey_link.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>
#include <vector>

#include "service/crypto.h"

namespace gastvrij {

namespace {

// "1" names this layout; a later one can be told apart and refused cleanly.
constexpr char kVersion[] = "1";
constexpr char kSep = '|';
// 128 of HMAC-SHA256's 256 bits: beyond guessing, and the QR code stays small
// enough for an old phone's camera.
constexpr std::size_t kMacBytes = 16;

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string b64url(const unsigned char* p, std::size_t n) {
    std::string out;
    std::uint32_t acc = 0;
    int bits = 0;
    for (std::size_t i = 0; i < n; ++i) {
        acc = (acc << 8) | p[i];
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += kB64[(acc >> bits) & 0x3F];
        }
    }
    if (bits > 0) out += kB64[(acc << (6 - bits)) & 0x3F];
    return out;
}

std::string b64url(const std::string& s) { return b64url(reinterpret_cast<const unsigned char*>(s.data()), s.size()); }

std::optional<std::string> from_b64url(const std::string& s) {
    std::string out;
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : s) {
        const char* at = std::char_traits<char>::find(kB64, 64, c);
        if (!at) return std::nullopt;
        acc = (acc << 6) | std::uint32_t(at - kB64);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFF);
        }
    }
    return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> parts(1);
    for (char c : s) {
        if (c == sep) parts.emplace_back();
        else parts.back() += c;
    }
    return parts;
}

bool plain_field(const std::string& s) {
    for (unsigned char c : s)
        if (c == kSep || c < 0x20) return false;
    return true;
}

}  // namespace

SurveyLinks::SurveyLinks(SurveyAnswers& answers, const Clock& clock, std::chrono::hours valid_for)
    : answers_(answers), clock_(clock), valid_for_(valid_for) {}

const std::string& SurveyLinks::key() {
    // Called with mutex_ held. A fresh random candidate is offered; the store
    // keeps whichever key was there first.
    if (key_.empty()) key_ = answers_.link_key(new_token());
    return key_;
}

std::string SurveyLinks::sign(const std::string& payload) {
    std::lock_guard lock(mutex_);
    const std::string& k = key();
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!HMAC(EVP_sha256(), k.data(), static_cast<int>(k.size()), reinterpret_cast<const unsigned char*>(payload.data()),
              payload.size(), mac, &len) ||
        len < kMacBytes)
        throw std::runtime_error("signing a survey link failed");
    return b64url(mac, kMacBytes);
}

std::string SurveyLinks::issue(const Visit& v) {
    SurveyLink link;
    link.topic_id = v.topic_id;
    link.staff_id = v.host_id;
    link.language = v.language;
    link.expires_at = clock_.now() + std::chrono::duration_cast<std::chrono::seconds>(valid_for_).count();
    return issue(link);
}

std::string SurveyLinks::issue(const SurveyLink& given) {
    SurveyLink link = given;
    if (link.nonce.empty()) link.nonce = new_token().substr(0, 16);
    for (const std::string* f : {&link.topic_id, &link.staff_id, &link.language, &link.nonce})
        if (!plain_field(*f)) throw std::invalid_argument("a survey link field holds '|' or a control character");
    const std::string payload = b64url(std::string(kVersion) + kSep + std::to_string(link.expires_at) + kSep + link.language +
                                       kSep + link.topic_id + kSep + link.staff_id + kSep + link.nonce);
    return payload + "." + sign(payload);
}

std::string SurveyLinks::url(const std::string& public_url, const std::string& token) {
    if (public_url.empty() || token.empty()) return {};
    std::string base = public_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    // The token is base64url plus '.': nothing in it needs escaping.
    return base + "/survey?t=" + token;
}

CheckedSurveyLink SurveyLinks::check(const std::string& token) {
    CheckedSurveyLink out;
    if (token.empty() || token.size() > 512) return out;
    const auto dot = token.find('.');
    if (dot == std::string::npos || token.find('.', dot + 1) != std::string::npos) return out;
    const std::string payload = token.substr(0, dot);
    // The signature is checked before anything in the payload is believed.
    if (!constant_time_equal(sign(payload), token.substr(dot + 1))) return out;
    const auto text = from_b64url(payload);
    if (!text) return out;
    const auto f = split(*text, kSep);
    if (f.size() != 6 || f[0] != kVersion || f[5].empty()) return out;
    SurveyLink link;
    try {
        std::size_t used = 0;
        link.expires_at = std::stoll(f[1], &used);
        if (used != f[1].size()) return out;
    } catch (const std::exception&) {
        return out;
    }
    link.language = f[2];
    link.topic_id = f[3];
    link.staff_id = f[4];
    link.nonce = f[5];
    out.link = link;
    if (clock_.now() >= link.expires_at) out.status = SurveyLinkCheck::Expired;
    else if (answers_.link_used(digest(link))) out.status = SurveyLinkCheck::Used;
    else out.status = SurveyLinkCheck::Ok;
    return out;
}

std::optional<SurveyResponse> SurveyLinks::answer(const SurveyLink& link, int score, std::optional<bool> one_go,
                                                  const std::string& comment) {
    SurveyResponse r;
    r.staff_id = link.staff_id;
    r.topic_id = link.topic_id;
    r.score = score;
    r.one_go = one_go;
    r.comment = comment;
    r.language = link.language;
    return answers_.answer_from_phone(digest(link), link.expires_at, r);
}

std::string SurveyLinks::digest(const SurveyLink& link) { return sha256_hex("survey-link:" + link.nonce); }

std::function<std::string(const Visit&)> phone_survey_links(SurveyAnswers& answers, const Clock& clock, const Config& config,
                                                            std::function<std::string()> public_url) {
    if (!config.kiosk.survey_phone_page) return {};
    auto links = std::make_shared<SurveyLinks>(answers, clock);
    return [links, public_url = std::move(public_url)](const Visit& v) {
        const std::string base = public_url ? public_url() : std::string();
        return base.empty() ? std::string() : SurveyLinks::url(base, links->issue(v));
    };
}

}  // namespace gastvrij
