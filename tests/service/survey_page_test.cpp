// The exit survey on the visitor's phone, against a real service on
// 127.0.0.1 over a real SQLite file: a link made at check-in answers once,
// in the visitor's language; altered, expired or reused links get a clear
// page; and the stored answer names neither the visit nor the visitor.
#include <gtest/gtest.h>

#include "service/service_fixture.h"
#include "service/survey_link.h"
#include "store/sqlite_db.h"
#include "support/raw_store.h"
#include "store/sqlite_devices.h"
#include "store/sqlite_store.h"

namespace gastvrij {
namespace {

using namespace service_test;

// The demo office's texts (every language) on the test office.
Config survey_config(bool faces = false, bool published = true) {
    Config c = office_config();
    LoadResult demo = load_config(GASTVRIJ_SOURCE_DIR "/kiosk-config");
    if (!demo.config) throw std::runtime_error("the demo configuration does not load");
    c.texts = demo.config->texts;
    c.kiosk.survey_phone_page = published;
    c.kiosk.survey_faces = faces;
    return c;
}

struct SurveyHarness : Harness {
    explicit SurveyHarness(Config c = survey_config()) : Harness(test_options(), std::move(c)) {}

    // A visitor checks in; the kiosk gets the survey link for their phone.
    std::string check_in_link(const std::string& language = "nl", const std::string& name = "Fatma") {
        CheckInRequest r;
        r.topic_id = "repair";
        r.visitor_name = name;
        r.language = language;
        visit = service.reception().check_in(r);
        auto make = phone_survey_links(service.reception().surveys(), clock, service.config(), [this] { return service.public_url(); });
        if (!make) throw std::runtime_error("the survey page is not published");
        const std::string url = make(visit);
        const std::string prefix = service.public_url() + "/survey?t=";
        if (url.rfind(prefix, 0) != 0) throw std::runtime_error("unexpected survey URL " + url);
        return url.substr(prefix.size());
    }

    httplib::Result get(const std::string& token) { return http().Get(("/survey?t=" + token).c_str()); }
    httplib::Result post(const std::string& token, const std::string& score, const std::string& one_go = "yes",
                         const std::string& comment = "") {
        httplib::Params form{{"t", token}, {"score", score}, {"one_go", one_go}, {"comment", comment}};
        return http().Post("/survey", form);
    }
    std::vector<SurveyResponse> answers() { return store.surveys_between(0, clock.now() + 400 * 86'400); }
    const std::string& text(const std::string& lang, const std::string& key) const {
        return service.config().texts.text(lang, key);
    }

    Visit visit;
};

TEST(PhoneSurveyPage, AnswerIsSavedOnceWithTopicAndHostButNoVisitOrName) {
    SurveyHarness h;
    const std::string token = h.check_in_link("nl", "Fatma");

    auto page = h.get(token);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("<html lang=\"nl\" dir=\"ltr\">"), std::string::npos);
    EXPECT_NE(page->body.find(h.text("nl", "survey.question")), std::string::npos);
    EXPECT_NE(page->body.find("name=\"score\" id=\"score-10\""), std::string::npos) << "the 1–10 marks";
    EXPECT_NE(page->body.find(h.text("nl", "survey.one_go")), std::string::npos);
    EXPECT_EQ(page->body.find("Fatma"), std::string::npos) << "the phone page never shows the visitor's name";
    EXPECT_EQ(page->body.find("<script"), std::string::npos) << "plain HTML, nothing to load";
    EXPECT_EQ(page->get_header_value("Cache-Control"), "no-store");

    h.clock.advance(3 * 3600 + 17);
    auto sent = h.post(token, "8", "yes", "Snel geholpen");
    ASSERT_TRUE(sent);
    EXPECT_EQ(sent->status, 200);
    EXPECT_NE(sent->body.find(h.text("nl", "survey.thanks")), std::string::npos);

    const auto rows = h.answers();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].score, 8);
    EXPECT_EQ(rows[0].topic_id, "repair");
    EXPECT_EQ(rows[0].staff_id, h.visit.host_id) << "who helped: the colleague the kiosk promised";
    EXPECT_FALSE(h.visit.host_id.empty());
    EXPECT_EQ(rows[0].one_go, std::optional<bool>(true));
    EXPECT_EQ(rows[0].comment, "Snel geholpen");
    EXPECT_EQ(rows[0].language, "nl");
    EXPECT_EQ(rows[0].hour % 3600, 0);

    // Read the store itself: the answer's row holds no visit id and no name,
    // and no table besides the visit's own holds the name at all.
    for (const auto& c : test_support::raw_columns(h.data, "surveys")) {
        EXPECT_EQ(c.find("visit"), std::string::npos) << c;
        EXPECT_EQ(c.find("name"), std::string::npos) << c;
    }
    const auto tables = test_support::raw_tables(h.data);
    EXPECT_GT(tables.size(), 5u);
    for (const auto& t : tables) {
        if (t == "visits") continue;
        for (const auto& row : test_support::raw_rows(h.data, t))
            EXPECT_EQ(row.find("Fatma"), std::string::npos) << "the name appears in " << t;
    }
    EXPECT_EQ(test_support::raw_rows(h.data, "survey_links_used").size(), 1u);
    for (const auto& c : test_support::raw_columns(h.data, "survey_links_used")) {
        EXPECT_EQ(c.find("survey"), std::string::npos) << "nothing ties a used link to its answer: " << c;
        EXPECT_EQ(c.find("visit"), std::string::npos) << "nothing ties a used link to the visit: " << c;
    }
}

TEST(PhoneSurveyPage, SecondAnswerWithTheSameLinkIsThankedAndRefused) {
    SurveyHarness h;
    const std::string token = h.check_in_link();
    ASSERT_EQ(h.post(token, "9")->status, 200);

    auto again = h.post(token, "1", "no");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 410);
    EXPECT_NE(again->body.find(h.text("nl", "survey.phone_used")), std::string::npos);
    auto reopened = h.get(token);
    EXPECT_EQ(reopened->status, 410) << "opening the used link again says so at once";
    EXPECT_NE(reopened->body.find(h.text("nl", "survey.phone_used")), std::string::npos);

    const auto rows = h.answers();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].score, 9) << "the first answer stands";
}

TEST(PhoneSurveyPage, AlteredOrForeignLinksAreRefusedWithAClearPage) {
    SurveyHarness h;
    const std::string token = h.check_in_link();
    const auto dot = token.find('.');
    ASSERT_NE(dot, std::string::npos);

    // Another topic or colleague written into the link, the signature kept.
    std::string changed = token;
    changed[dot / 2] = changed[dot / 2] == 'A' ? 'B' : 'A';
    // A link signed by another office's key (its own store).
    TempDir other_dir;
    SqliteStore other_store(other_dir.file("other.db"));
    ChangeFeed other_feed;
    SurveyAnswers other_answers(other_store, h.clock, other_feed);
    SurveyLinks other(other_answers, h.clock);
    const std::string foreign = other.issue(h.visit);

    for (const std::string& bad : {changed, foreign, token.substr(0, dot), std::string("not-a-link"), std::string(),
                                   token + "x", std::string(600, 'A') + "." + token.substr(dot + 1)}) {
        SCOPED_TRACE(bad);
        auto page = h.get(bad);
        ASSERT_TRUE(page);
        EXPECT_EQ(page->status, 400);
        EXPECT_NE(page->body.find(h.text("nl", "survey.phone_invalid")), std::string::npos);
        auto sent = h.post(bad, "10");
        ASSERT_TRUE(sent);
        EXPECT_EQ(sent->status, 400);
    }
    EXPECT_TRUE(h.answers().empty());
    EXPECT_EQ(h.post(token, "7")->status, 200) << "the real link still works";
}

TEST(PhoneSurveyPage, ExpiredLinkIsRefused) {
    SurveyHarness h;
    const std::string token = h.check_in_link("tr");
    h.clock.advance(49 * 3600);
    auto page = h.get(token);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 410);
    EXPECT_NE(page->body.find(h.text("tr", "survey.phone_expired")), std::string::npos) << "in the visitor's language";
    EXPECT_EQ(h.post(token, "8")->status, 410);
    EXPECT_TRUE(h.answers().empty());
}

TEST(PhoneSurveyPage, ArabicPageIsRightToLeft) {
    SurveyHarness h;
    const std::string token = h.check_in_link("ar");
    auto page = h.get(token);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("<html lang=\"ar\" dir=\"rtl\">"), std::string::npos);
    EXPECT_NE(page->body.find(h.text("ar", "survey.question")), std::string::npos);
    EXPECT_NE(page->body.find(h.text("ar", "survey.send")), std::string::npos);
    ASSERT_EQ(h.post(token, "10")->status, 200);
    EXPECT_EQ(h.answers().at(0).language, "ar");
}

TEST(PhoneSurveyPage, FormWithoutAScoreIsShownAgainAndTheLinkStaysUsable) {
    SurveyHarness h;
    const std::string token = h.check_in_link();
    auto sent = h.post(token, "", "no", "Te lang gewacht <b>echt</b>");
    ASSERT_TRUE(sent);
    EXPECT_EQ(sent->status, 400);
    EXPECT_NE(sent->body.find(h.text("nl", "survey.phone_pick_score")), std::string::npos);
    EXPECT_NE(sent->body.find("Te lang gewacht &lt;b&gt;echt&lt;/b&gt;"), std::string::npos) << "kept, and escaped";
    EXPECT_NE(sent->body.find("value=\"no\" checked"), std::string::npos);
    for (const char* bad : {"0", "11", "8.5", "-3", "abc"}) EXPECT_EQ(h.post(token, bad)->status, 400) << bad;
    EXPECT_TRUE(h.answers().empty());
    EXPECT_EQ(h.post(token, "6", "no")->status, 200);
    EXPECT_EQ(h.answers().at(0).one_go, std::optional<bool>(false));
}

TEST(PhoneSurveyPage, FiveFacesMapOntoTheScale) {
    SurveyHarness h(survey_config(/*faces=*/true));
    const std::string token = h.check_in_link("pl");
    auto page = h.get(token);
    ASSERT_TRUE(page);
    EXPECT_NE(page->body.find("name=\"face\" id=\"face-5\""), std::string::npos);
    EXPECT_EQ(page->body.find("name=\"score\""), std::string::npos);
    EXPECT_NE(page->body.find(h.text("pl", "survey.face_5")), std::string::npos);
    auto sent = h.http().Post("/survey", httplib::Params{{"t", token}, {"face", "4"}});
    ASSERT_TRUE(sent);
    EXPECT_EQ(sent->status, 200);
    EXPECT_EQ(h.answers().at(0).score, 8);
    EXPECT_EQ(h.answers().at(0).one_go, std::nullopt) << "not answered, not guessed";
}

TEST(PhoneSurveyPage, NotPublishedMeansNoPageAndNoLink) {
    SurveyHarness h(survey_config(false, /*published=*/false));
    EXPECT_FALSE(phone_survey_links(h.service.reception().surveys(), h.clock, h.service.config(),
                                    [] { return std::string("https://x"); }));
    SurveyLinks links(h.service.reception().surveys(), h.clock);
    CheckInRequest r;
    r.topic_id = "repair";
    const std::string token = links.issue(h.service.reception().check_in(r));
    auto page = h.get(token);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 404);
    EXPECT_NE(page->body.find(h.text("nl", "survey.phone_off")), std::string::npos);
    EXPECT_EQ(h.post(token, "8")->status, 404);
    EXPECT_TRUE(h.answers().empty());
}

// Several services on one store (kiosks of one office, a central server):
// a link one of them made is answered at another.
TEST(PhoneSurveyPage, ALinkFromOneServiceIsAnsweredAtAnotherOnTheSameStore) {
    SurveyHarness h;
    const std::string token = h.check_in_link();
    const auto store2 = open_store(h.data);
    const auto devices2 = open_device_store(h.data);
    Service second(survey_config(), *store2, *devices2, h.clock, test_options());
    second.start();
    httplib::Client c("127.0.0.1", second.port());
    auto sent = c.Post("/survey", httplib::Params{{"t", token}, {"score", "7"}});
    ASSERT_TRUE(sent);
    EXPECT_EQ(sent->status, 200);
    EXPECT_EQ(h.post(token, "7")->status, 410) << "and is spent for the first one too";
    EXPECT_EQ(h.answers().size(), 1u);
}

}  // namespace
}  // namespace gastvrij
