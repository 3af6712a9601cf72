// The visitor's journey without a window: which screen each command leads to,
// with a port that answers as the test says (a reception elsewhere).
#include <gtest/gtest.h>

#include <stdexcept>

#include "kiosk/journey.h"
#include "kiosk_fixture.h"

namespace gastvrij::kiosk {
namespace {

struct ScriptedPort final : KioskPort {
    FakeClock clock_;
    Availability answer = Availability::Someone;
    std::string asked_topic, asked_host;
    bool refuse = false;
    std::vector<CheckInRequest> kept;
    std::vector<SurveyResponse> surveys;

    const Clock& clock() const override { return clock_; }
    Visit check_in(const CheckInRequest& r) override {
        if (refuse) throw std::runtime_error("the service did not answer in time");
        kept.push_back(r);
        Visit v;
        v.id = VisitId(kept.size());
        v.topic_id = r.topic_id;
        v.host_id = r.chosen_host.empty() ? "1042" : r.chosen_host;
        return v;
    }
    std::string survey_link(const Visit& v) override { return "https://example.org/survey?t=" + std::to_string(v.id); }
    PresenceBoard presence_today() override { return {}; }
    Availability availability(const std::string& topic, const std::string& host) override {
        asked_topic = topic, asked_host = host;
        return answer;
    }
    std::vector<std::string> recent_helpers() override { return {}; }
    void add_callback(const CallbackRequest&) override {}
    std::int64_t add_survey(const SurveyResponse& r) override {
        surveys.push_back(r);
        return std::int64_t(surveys.size());
    }
    void set_survey_comment(std::int64_t, const std::string&) override {}
    ReceptionHealth health() override { return {}; }
    int subscribe(Reception::Listener) override { return 1; }
    void unsubscribe(int) override {}
};

const Topic* topic_routed(RouteKind k) {
    for (const Topic& t : kiosk_test::demo_config().directory.topics)
        if (t.route == k) return &t;
    return nullptr;
}

struct JourneyTest : ::testing::Test {
    ScriptedPort port;
    Journey journey{kiosk_test::demo_config(), port};
    void SetUp() override { port.clock_.set(port.clock_.at_local(2026, 11, 23, 10, 15)); }  // Monday, open
};

TEST_F(JourneyTest, ATeamTopicAsksForANameWhenTheReceptionHasSomeone) {
    const Topic* team = topic_routed(RouteKind::Team);
    ASSERT_TRUE(team);
    EXPECT_EQ(journey.choose_topic(team->id), ScreenId::Name);
    EXPECT_EQ(port.asked_topic, team->id) << "the reception's own routing is asked, not the kiosk's copy";
}

TEST_F(JourneyTest, NobodyThereLeadsToUnavailableBeforeANameIsTyped) {
    const Topic* team = topic_routed(RouteKind::Team);
    ASSERT_TRUE(team);
    port.answer = Availability::Nobody;
    EXPECT_EQ(journey.choose_topic(team->id), ScreenId::Unavailable);
    EXPECT_FALSE(journey.session().closed) << "open, just nobody free";
}

TEST_F(JourneyTest, WhenTheReceptionCannotTellTheCheckInDecides) {
    const Topic* team = topic_routed(RouteKind::Team);
    ASSERT_TRUE(team);
    port.answer = Availability::Unknown;
    EXPECT_EQ(journey.choose_topic(team->id), ScreenId::Name);
}

TEST_F(JourneyTest, ClosedOfficeSaysSoWhateverThePresence) {
    const Topic* team = topic_routed(RouteKind::Team);
    ASSERT_TRUE(team);
    port.clock_.set(port.clock_.at_local(2026, 11, 22, 12, 0));  // Sunday
    EXPECT_EQ(journey.choose_topic(team->id), ScreenId::Unavailable);
    EXPECT_TRUE(journey.session().closed);
}

TEST_F(JourneyTest, AnAppointmentTopicFirstAsksWhoAndThenAsksAboutThatColleague) {
    const Topic* person = topic_routed(RouteKind::ChoosePerson);
    ASSERT_TRUE(person);
    EXPECT_EQ(journey.choose_topic(person->id), ScreenId::Appointment);
    EXPECT_EQ(journey.choose_person("1042"), ScreenId::Name);
    EXPECT_EQ(port.asked_host, "1042");
    port.answer = Availability::Nobody;
    EXPECT_EQ(journey.choose_person("1043"), ScreenId::Unavailable);
}

TEST_F(JourneyTest, AnUnknownTopicLeavesTheVisitorWhereTheyAre) {
    EXPECT_FALSE(journey.choose_topic("no-such-topic").has_value());
    EXPECT_TRUE(journey.session().topic_id.empty());
}

TEST_F(JourneyTest, ConfirmedOnlyWhenThePortKeptTheVisit) {
    const Topic* team = topic_routed(RouteKind::Team);
    ASSERT_TRUE(team);
    journey.choose_topic(team->id);
    journey.session().name = "Zeynep";
    EXPECT_EQ(journey.check_in(), ScreenId::Confirmation);
    ASSERT_EQ(port.kept.size(), 1u);
    EXPECT_EQ(port.kept[0].visitor_name, "Zeynep");
    EXPECT_EQ(port.kept[0].source, "kiosk:" + kiosk_test::demo_config().kiosk.kiosk_id);
    ASSERT_TRUE(journey.session().visit);
    EXPECT_EQ(journey.session().survey_url, "https://example.org/survey?t=1");
}

TEST_F(JourneyTest, ARefusedCheckInSendsTheVisitorToTheDesk) {
    port.refuse = true;
    journey.session().topic_id = topic_routed(RouteKind::Team)->id;
    EXPECT_EQ(journey.check_in(), ScreenId::StoreError);
    EXPECT_FALSE(journey.session().visit) << "never \"we are coming\" for a visit nobody has";
    EXPECT_NE(journey.session().store_error.find("did not answer"), std::string::npos);
}

TEST_F(JourneyTest, AColleaguesAnswerReachesOnlyTheirOwnVisitor) {
    journey.session().topic_id = topic_routed(RouteKind::Team)->id;
    ASSERT_EQ(journey.check_in(), ScreenId::Confirmation);
    Visit other = *journey.session().visit;
    other.id += 100;
    other.host_id = "9999";
    journey.apply({other, {}});
    EXPECT_EQ(journey.session().visit->host_id, "1042");
    Visit mine = *journey.session().visit;
    mine.host_id = "1043";
    journey.apply({mine, {}});
    EXPECT_EQ(journey.session().visit->host_id, "1043");
    EXPECT_EQ(journey.session().previous_host, "1042") << "so the screen can say someone else is coming";
}

TEST_F(JourneyTest, StartingOverForgetsTheVisitorButNotTheOffice) {
    journey.session().language = "ar";
    journey.session().name = "Ayşe";
    journey.session().contrast = true;
    EXPECT_TRUE(journey.settings_changed());
    journey.start_over();
    EXPECT_EQ(journey.session().language, kiosk_test::demo_config().kiosk.default_language);
    EXPECT_TRUE(journey.session().name.empty());
    EXPECT_FALSE(journey.settings_changed());
}

TEST_F(JourneyTest, TheSurveyAnswerIsStoredAnonymously) {
    journey.session().survey_staff = "1042";
    journey.session().survey_score = 9;
    journey.session().name = "Zeynep";
    journey.save_survey(true);
    ASSERT_EQ(port.surveys.size(), 1u);
    EXPECT_EQ(port.surveys[0].score, 9);
    EXPECT_EQ(port.surveys[0].one_go, std::optional<bool>(true));
    EXPECT_EQ(journey.session().survey_id, 1);
}

TEST_F(JourneyTest, TheSurveyAnswerInHalvesThanksOnlyWithTheKeptId) {
    journey.session().survey_staff = "1042";
    journey.session().survey_score = 7;
    journey.session().language = "pl";
    const SurveyResponse r = journey.survey_response(std::nullopt);
    EXPECT_EQ(r.staff_id, "1042");
    EXPECT_EQ(r.score, 7);
    EXPECT_FALSE(r.one_go.has_value()) << "a skipped question is unanswered, not \"no\"";
    EXPECT_EQ(r.language, "pl");
    EXPECT_EQ(journey.session().survey_id, 0) << "nothing is kept before the port answered";
    EXPECT_EQ(journey.survey_kept(12), ScreenId::SurveyThanks);
    EXPECT_EQ(journey.session().survey_id, 12);
}

TEST_F(JourneyTest, ACommentOnceKeptIsNotOfferedAgain) {
    EXPECT_TRUE(journey.session().survey_comment.empty());
    journey.comment_kept("Prima");
    EXPECT_EQ(journey.session().survey_comment, "Prima");
    journey.start_over();
    journey.comment_kept("");  // sent without words: still not offered again
    EXPECT_FALSE(journey.session().survey_comment.empty());
}

TEST_F(JourneyTest, ACallbackRequestIsForTheChosenTopicInTheVisitorsLanguage) {
    const Topic* team = topic_routed(RouteKind::Team);
    ASSERT_TRUE(team);
    journey.session().language = "tr";
    journey.choose_topic(team->id);
    const CallbackRequest c = journey.callback_request("+31612345678", PartOfDay::Morning);
    EXPECT_EQ(c.phone, "+31612345678");
    EXPECT_EQ(c.topic_id, team->id);
    EXPECT_EQ(c.part, PartOfDay::Morning);
    EXPECT_EQ(c.language, "tr");
    EXPECT_EQ(c.created_at, 0) << "the reception stamps when, and by when";
    EXPECT_EQ(journey.callback_kept(), ScreenId::CallbackDone);
}

TEST_F(JourneyTest, ARequestTheReceptionDidNotKeepSendsTheVisitorToTheDesk) {
    EXPECT_EQ(journey.not_kept("the service cannot be reached"), ScreenId::StoreError);
    EXPECT_EQ(journey.session().store_error, "the service cannot be reached");
}

TEST_F(JourneyTest, TextsFollowTheLanguageTheVisitorChose) {
    const Config& c = kiosk_test::demo_config();
    EXPECT_EQ(journey.t("nav.home"), c.texts.text(c.kiosk.default_language, "nav.home"));
    EXPECT_FALSE(journey.rtl());
    journey.session().language = "ar";
    EXPECT_EQ(journey.t("nav.home"), c.texts.text("ar", "nav.home"));
    EXPECT_EQ(journey.say_text("nav.home"), c.texts.say("ar", "nav.home"));
    EXPECT_TRUE(journey.rtl()) << "Arabic reads right to left";
    EXPECT_EQ(journey.topic_label("repair"), c.texts.text("ar", "topic.repair"));
    EXPECT_EQ(journey.t("timeout.countdown", {{"seconds", "30"}}), fill(c.texts.text("ar", "timeout.countdown"), {{"seconds", "30"}}));
    EXPECT_NE(journey.t("timeout.countdown", {{"seconds", "30"}}).find("30"), std::string::npos);
}

}  // namespace
}  // namespace gastvrij::kiosk
