#pragma once
// Survey links for the visitor's phone: "<public_url>/survey?t=<token>", shown
// as a QR code on the kiosk's confirmation screen.
//
// The token carries what the survey needs — topic, the colleague who was
// to help, the visitor's language, an expiry and a random nonce — signed with
// HMAC-SHA256 under a key kept in the store, so every service on one store
// accepts every other's links. It carries no visit id and no name, and the
// store keeps no list of issued links: once used, only a hash of the nonce
// remains (to refuse a second answer), never tied to the answer it produced.
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "config/config.h"
#include "domain/clock.h"
#include "domain/survey.h"
#include "domain/survey_answers.h"
#include "domain/visit.h"

namespace gastvrij {

struct SurveyLink {
    std::string topic_id;
    std::string staff_id;     // "who helped": the host the visitor was promised
    std::string language = "nl";
    Timestamp expires_at = 0;
    std::string nonce;        // 16 hex digits, fresh per link
};

enum class SurveyLinkCheck {
    Ok,
    Unreadable,  // not a token this service made, or altered on the way
    Expired,
    Used,        // answered before
};

struct CheckedSurveyLink {
    SurveyLinkCheck status = SurveyLinkCheck::Unreadable;
    SurveyLink link;          // filled for Ok, Expired and Used
};

class SurveyLinks {
public:
    // `answers` keep the signing key (made on first use) and the used links.
    SurveyLinks(SurveyAnswers& answers, const Clock& clock, std::chrono::hours valid_for = std::chrono::hours(48));

    // A new token for a visit that just checked in.
    std::string issue(const Visit& v);
    std::string issue(const SurveyLink& link);  // fills nonce when empty
    // "<public_url>/survey?t=<token>"; "" without a public URL.
    static std::string url(const std::string& public_url, const std::string& token);

    CheckedSurveyLink check(const std::string& token);
    // Saves the answer (topic, staff and language from the link; the hour of
    // now) and spends the link, in one transaction. nullopt: used before.
    std::optional<SurveyResponse> answer(const SurveyLink& link, int score, std::optional<bool> one_go,
                                         const std::string& comment);

    // What the store remembers of a used link: SHA-256 of its nonce.
    static std::string digest(const SurveyLink& link);

private:
    const std::string& key();
    std::string sign(const std::string& payload);

    SurveyAnswers& answers_;
    const Clock& clock_;
    std::chrono::hours valid_for_;
    std::mutex mutex_;
    std::string key_;  // loaded from the store on first use
};

// What the kiosk's confirmation screen needs: the survey URL of a visit that
// just checked in. An empty function when [survey] phone_page is off; "" when
// no public address is known. `answers`, `clock` and `config` outlive it.
std::function<std::string(const Visit&)> phone_survey_links(SurveyAnswers& answers, const Clock& clock, const Config& config,
                                                            std::function<std::string()> public_url);

}  // namespace gastvrij
