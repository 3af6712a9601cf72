// The exit survey on the visitor's phone (see survey_page.h). The same three
// questions as the kiosk — a 1–10 mark or five faces, "arranged in one go?",
// a comment — on one page, with big tap targets, in the visitor's language.
#include "service/survey_page.h"

#include "http/http.h"

#include <algorithm>
#include <memory>

#include "domain/survey.h"
#include "service/survey_link.h"

namespace gastvrij {

namespace {

std::string escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

// Cuts at a character boundary, never inside a UTF-8 sequence.
std::string utf8_prefix(const std::string& s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) return s;
    std::size_t n = max_bytes;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
}

constexpr std::size_t kCommentBytes = 2000;  // about 500 characters in any of our scripts


const char* const kFaces[] = {"\xF0\x9F\x98\x9E", "\xF0\x9F\x99\x81", "\xF0\x9F\x98\x90", "\xF0\x9F\x99\x82",
                              "\xF0\x9F\x98\x84"};  // 😞 🙁 😐 🙂 😄

class SurveyPage {
public:
    explicit SurveyPage(const ApiContext& ctx)
        : ctx_(ctx), links_(ctx.reception.surveys(), ctx.reception.clock()) {}

    void get(const http::Request& req, http::Response& res) {
        if (!published(req, res)) return;
        const CheckedSurveyLink checked = links_.check(req.get_param_value("t"));
        if (refused(req, res, checked)) return;
        form(res, 200, checked.link, req.get_param_value("t"), {});
    }

    void post(const http::Request& req, http::Response& res) {
        if (!published(req, res)) return;
        const std::string token = req.get_param_value("t");
        const CheckedSurveyLink checked = links_.check(token);
        if (refused(req, res, checked)) return;
        const SurveyLink& link = checked.link;

        int score = 0;
        const std::string mark = req.get_param_value("score"), face = req.get_param_value("face");
        if (!face.empty() && face.size() == 1 && face[0] >= '1' && face[0] <= '5') score = score_from_face(face[0] - '0');
        else if (mark == "10") score = 10;
        else if (mark.size() == 1 && mark[0] >= '1' && mark[0] <= '9') score = mark[0] - '0';
        std::optional<bool> one_go;
        const std::string og = req.get_param_value("one_go");
        if (og == "yes") one_go = true;
        if (og == "no") one_go = false;
        const std::string comment = utf8_prefix(req.get_param_value("comment"), kCommentBytes);
        if (!valid_score(score)) {
            // Shown again with what was already filled in, and why.
            Filled f{one_go, comment, true};
            form(res, 400, link, token, f);
            return;
        }
        if (!links_.answer(link, score, one_go, comment)) {
            // Sent twice (a double tap, the back button): the first one counts.
            message(res, 410, language(link.language), "survey.phone_used");
            return;
        }
        message(res, 200, language(link.language), "survey.thanks", "survey.anonymous");
    }

private:
    struct Filled {
        std::optional<bool> one_go;
        std::string comment;
        bool missing_score = false;
    };

    std::string language(const std::string& wanted) const {
        const auto& langs = ctx_.config.kiosk.languages;
        if (std::find(langs.begin(), langs.end(), wanted) != langs.end()) return wanted;
        return ctx_.config.kiosk.default_language;
    }

    // Without a trustworthy link, the phone's own preference picks the language.
    std::string language(const http::Request& req) const {
        const std::string accept = req.get_header_value("Accept-Language");
        return language(accept.size() >= 2 ? accept.substr(0, 2) : std::string());
    }

    const std::string& t(const std::string& lang, const std::string& key) const {
        return ctx_.config.texts.text(lang, key);
    }

    bool published(const http::Request& req, http::Response& res) const {
        if (ctx_.config.kiosk.survey_phone_page) return true;
        message(res, 404, language(req), "survey.phone_off");
        return false;
    }

    bool refused(const http::Request& req, http::Response& res, const CheckedSurveyLink& c) const {
        switch (c.status) {
        case SurveyLinkCheck::Ok: return false;
        case SurveyLinkCheck::Unreadable: message(res, 400, language(req), "survey.phone_invalid"); return true;
        case SurveyLinkCheck::Expired: message(res, 410, language(c.link.language), "survey.phone_expired"); return true;
        case SurveyLinkCheck::Used: message(res, 410, language(c.link.language), "survey.phone_used"); return true;
        }
        return true;
    }

    std::string head(const std::string& lang, const std::string& title) const {
        return "<!doctype html>\n<html lang=\"" + escape(lang) + "\" dir=\"" + (lang == "ar" ? "rtl" : "ltr") +
               "\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
               "<meta name=\"referrer\" content=\"no-referrer\">\n"
               "<meta name=\"theme-color\" content=\"#0b5a4a\">\n<title>" +
               escape(title) + "</title>\n<link rel=\"stylesheet\" href=\"/survey.css\">\n</head>\n<body>\n<main>\n";
    }

    static void send(http::Response& res, int status, std::string html) {
        res.status = status;
        // The token is in the address: keep it out of caches and referrers.
        res.set_header("Cache-Control", "no-store");
        res.set_header("Referrer-Policy", "no-referrer");
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("Content-Security-Policy",
                       "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
        res.set_content(std::move(html), "text/html; charset=utf-8");
    }

    void message(http::Response& res, int status, const std::string& lang, const std::string& key,
                 const std::string& second = {}) const {
        std::string html = head(lang, t(lang, "survey.question"));
        html += "<h1>" + escape(t(lang, "survey.question")) + "</h1>\n<p class=\"done\" role=\"status\">" +
                escape(t(lang, key)) + "</p>\n";
        if (!second.empty()) html += "<p class=\"anon\">" + escape(t(lang, second)) + "</p>\n";
        html += "</main>\n</body>\n</html>\n";
        send(res, status, std::move(html));
    }

    static std::string choice(const std::string& name, const std::string& value, const std::string& id, bool checked,
                              const std::string& label_html) {
        return "<div class=\"choice\"><input type=\"radio\" name=\"" + name + "\" id=\"" + id + "\" value=\"" + value + "\"" +
               (checked ? " checked" : "") + "><label for=\"" + id + "\">" + label_html + "</label></div>\n";
    }

    void form(http::Response& res, int status, const SurveyLink& link, const std::string& token, const Filled& f) const {
        const std::string lang = language(link.language);
        std::string html = head(lang, t(lang, "survey.question"));
        if (f.missing_score)
            html += "<p class=\"alert\" role=\"alert\">" + escape(t(lang, "survey.phone_pick_score")) + "</p>\n";
        html += "<h1>" + escape(t(lang, "survey.question")) + "</h1>\n";
        if (!link.topic_id.empty() && ctx_.config.texts.has("nl", "topic." + link.topic_id))
            html += "<p class=\"about\">" + escape(t(lang, "topic." + link.topic_id)) + "</p>\n";
        html += "<form method=\"post\" action=\"/survey\">\n<input type=\"hidden\" name=\"t\" value=\"" + escape(token) + "\">\n";

        html += "<fieldset>\n<legend>" + escape(t(lang, "survey.score")) + "</legend>\n";
        if (ctx_.config.kiosk.survey_faces) {
            html += "<div class=\"choices faces\">\n";
            for (int i = 1; i <= 5; ++i) {
                const std::string n = std::to_string(i);
                html += choice("face", n, "face-" + n, false,
                               std::string("<span class=\"face\" aria-hidden=\"true\">") + kFaces[i - 1] + "</span><span>" +
                                   escape(t(lang, "survey.face_" + n)) + "</span>");
            }
        } else {
            html += "<p class=\"hint\">" + escape(t(lang, "survey.score_hint")) + "</p>\n<div class=\"choices scores\">\n";
            for (int i = 1; i <= 10; ++i) {
                const std::string n = std::to_string(i);
                html += choice("score", n, "score-" + n, false, n);
            }
        }
        html += "</div>\n</fieldset>\n";

        html += "<fieldset>\n<legend>" + escape(t(lang, "survey.one_go")) + "</legend>\n<p class=\"hint\">" +
                escape(t(lang, "survey.phone_optional")) + "</p>\n<div class=\"choices yesno\">\n";
        html += choice("one_go", "yes", "one-go-yes", f.one_go == true, escape(t(lang, "survey.yes")));
        html += choice("one_go", "no", "one-go-no", f.one_go == false, escape(t(lang, "survey.no")));
        html += "</div>\n</fieldset>\n";

        html += "<label class=\"question\" for=\"comment\">" + escape(t(lang, "survey.comment_question")) +
                "</label>\n<p class=\"hint\">" + escape(t(lang, "survey.phone_optional")) +
                "</p>\n<textarea id=\"comment\" name=\"comment\" maxlength=\"500\" rows=\"4\">" + escape(f.comment) +
                "</textarea>\n";
        html += "<p class=\"anon\">" + escape(t(lang, "survey.anonymous")) + "</p>\n";
        html += "<button type=\"submit\">" + escape(t(lang, "survey.send")) + "</button>\n</form>\n</main>\n</body>\n</html>\n";
        send(res, status, std::move(html));
    }

    const ApiContext& ctx_;
    mutable SurveyLinks links_;
};

}  // namespace

void add_survey_page(http::Router& svr, const ApiContext& ctx) {
    auto page = std::make_shared<SurveyPage>(ctx);
    auto guarded = [](http::Response& res, const auto& f) {
        try {
            f();
        } catch (const StoreError&) {
            // Answers wait for the store to come back; nothing is half-saved.
            res.status = 503;
            res.set_header("Retry-After", "30");
            res.set_content("<!doctype html><meta charset=utf-8><p>Even geduld / one moment — try again in a minute.</p>",
                            "text/html; charset=utf-8");
        }
    };
    svr.get("/survey", [page, guarded](const http::Request& req, http::Response& res) {
        guarded(res, [&] { page->get(req, res); });
    });
    svr.post("/survey", [page, guarded](const http::Request& req, http::Response& res) {
        guarded(res, [&] { page->post(req, res); });
    });
}

}  // namespace gastvrij
