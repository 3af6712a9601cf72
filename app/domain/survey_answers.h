#pragma once
// The exit survey's answers as the office keeps them: a valid score or
// nothing, the hour only, and at most one comment per answer, given soon
// after it. New answers are published (SurveyChange). Thread-safe.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/changes.h"
#include "domain/store.h"
#include "domain/survey.h"

namespace gastvrij {

// A comment may follow its answer this long (a visitor still at the kiosk or
// on the phone page); later, nobody could still be adding it.
constexpr Timestamp kCommentWindowSeconds = 3 * 3600;

// An answer the survey cannot hold (a score outside 1 … 10).
class InvalidSurvey : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

class SurveyAnswers {
public:
    SurveyAnswers(Store& store, const Clock& clock, const ChangeFeed& feed)
        : store_(store), clock_(clock), feed_(feed) {}

    // Keeps staff, topic, score, one_go, language and comment of `r`, at the
    // hour of now (never the caller's moment). Throws InvalidSurvey.
    SurveyResponse answer(const SurveyResponse& r);
    // The comment of a recent answer, once: of two kiosks or services (also in
    // two processes) adding one to the same answer, exactly one is kept.
    CommentOutcome add_comment(std::int64_t id, const std::string& comment);

    // Phone survey links (domain/survey.h): the signing key shared by every
    // service on the store, and answers that spend their link.
    std::string link_key(const std::string& candidate) { return store_.survey_link_key(candidate); }
    bool link_used(const std::string& digest) const { return store_.survey_link_used(digest); }
    // As answer(), and the link is spent in the same commit; nullopt: used before.
    std::optional<SurveyResponse> answer_from_phone(const std::string& link_digest, Timestamp forget_after,
                                                    const SurveyResponse& r);

    std::vector<SurveyResponse> between(Timestamp from, Timestamp to) const { return store_.surveys_between(from, to); }

private:
    SurveyResponse checked(const SurveyResponse& r) const;

    Store& store_;
    const Clock& clock_;
    const ChangeFeed& feed_;
};

}  // namespace gastvrij
