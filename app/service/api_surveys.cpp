// Routes for the exit survey on a kiosk that talks to the service over the
// network: who may be thanked ("who helped you?"), the three-tap answer and
// its optional comment. Anonymous as on a kiosk beside the service: the
// caller never sends a time (the service keeps the hour only) and nothing
// ties an answer to a visit or a visitor.
#include "http/http.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "domain/kiosk_port.h"
#include "domain/survey.h"
#include "domain/utf8.h"
#include "service/api_server.h"
#include "service/api_support.h"

namespace gastvrij {

using nlohmann::json;
using namespace api;

namespace {

constexpr std::size_t kCommentChars = 200;

bool blank(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::optional<bool> optional_tristate(const json& body, const char* field) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) return std::nullopt;
    if (!it->is_boolean()) throw FieldError(field, std::string("\"") + field + "\" must be true, false or null");
    return it->get<bool>();
}

}  // namespace

void ApiServer::add_survey_routes() {
    auto& svr = router_;

    svr.get("/api/v1/survey/helpers", [this](const http::Request&, http::Response& res) {
        guarded(res, [&] {
            require_kind(device_or_throw(), {DeviceKind::Kiosk, DeviceKind::Desk}, "ask who helped visitors");
            // The same rule as a kiosk in the service's own process.
            json staff = json::array();
            for (const std::string& id : LocalKioskPort(ctx_.reception).recent_helpers())
                if (ctx_.config.directory.person(id)) staff.push_back(id);
            reply(res, 200, {{"staff", staff}});
        });
    });

    svr.post("/api/v1/surveys", [this](const http::Request& req, http::Response& res) {
        guarded(res, [&] {
            require_kind(device_or_throw(), {DeviceKind::Kiosk, DeviceKind::Desk}, "save survey answers");
            const json body = parse_object(req);
            SurveyResponse r;
            r.staff_id = known_staff(body, "staff", ctx_.config.directory);
            r.score = required_int(body, "score", 1, 10);
            r.one_go = optional_tristate(body, "one_go");
            r.language = known_language(body, ctx_.config);
            r.topic_id = known_topic(body, ctx_.config.directory, false);
            // Stored as by a kiosk in the service's own process: only the
            // hour, and the service's (a kiosk's clock or a precise moment
            // could tie the answer to the visit).
            reply(res, 201, {{"id", LocalKioskPort(ctx_.reception).add_survey(r)}});
        });
    });

    svr.post(R"(/api/v1/surveys/(\d+)/comment)", [this](const http::Request& req, http::Response& res) {
        guarded(res, [&] {
            // Visitors' own words: a desk or a colleague's phone must not put
            // words in a visitor's mouth.
            require_kind(device_or_throw(), {DeviceKind::Kiosk}, "write a visitor's survey comment");
            const std::int64_t id = path_id(req);
            const json body = parse_object(req);
            const std::string comment = required_string(body, "comment", kCommentChars * 4, TextKind::Lines);
            if (blank(comment)) throw FieldError("comment", "\"comment\" must not be empty");
            if (utf8_length(comment) > kCommentChars)
                throw FieldError("comment", "\"comment\" is longer than " + std::to_string(kCommentChars) + " characters");

            // Once per answer and only soon after it (SurveyAnswers), also
            // when two kiosks or a retried request race.
            switch (ctx_.reception.surveys().add_comment(id, comment)) {
                case CommentOutcome::Set: break;
                case CommentOutcome::AlreadySet:
                    reply_error(res, 409, "survey " + std::to_string(id) + " has a comment already");
                    return;
                case CommentOutcome::NotFound: throw NotFound("no recent survey " + std::to_string(id));
            }
            reply(res, 200, {{"id", id}});
        });
    });
}

}  // namespace gastvrij
