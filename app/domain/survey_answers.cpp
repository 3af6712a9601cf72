#include "domain/survey_answers.h"

namespace gastvrij {

SurveyResponse SurveyAnswers::checked(const SurveyResponse& r) const {
    if (!valid_score(r.score)) throw InvalidSurvey("a survey score must be 1 to 10, not " + std::to_string(r.score));
    SurveyResponse kept = r;
    kept.id = 0;
    kept.hour = round_to_hour(clock_.now());
    return kept;
}

SurveyResponse SurveyAnswers::answer(const SurveyResponse& r) {
    const SurveyResponse kept = store_.add_survey(checked(r));
    feed_.publish(SurveyChange{kept});
    return kept;
}

std::optional<SurveyResponse> SurveyAnswers::answer_from_phone(const std::string& link_digest, Timestamp forget_after,
                                                               const SurveyResponse& r) {
    auto kept = store_.add_phone_survey(link_digest, forget_after, checked(r));
    if (kept) feed_.publish(SurveyChange{*kept});
    return kept;
}

CommentOutcome SurveyAnswers::add_comment(std::int64_t id, const std::string& comment) {
    if (comment.empty()) throw InvalidSurvey("a survey comment must not be empty");
    // `hour` is rounded down: an answer whose hour began more than the window
    // plus an hour ago was certainly given too long ago.
    const Timestamp hour_from = clock_.now() - kCommentWindowSeconds - 3600 + 1;
    return store_.set_survey_comment_once(id, comment, hour_from);
}

}  // namespace gastvrij
