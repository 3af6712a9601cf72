// A kiosk whose reception answers slowly — as a service on another machine
// does — never stops drawing while a visitor waits: check-in, callback
// request, survey answer and comment show "Een moment…" until the reception
// answered, and the confirmation or thanks appears only once it kept them.
// A reception that refuses sends the visitor to the desk, never thanks them.
// The survey's faces follow when they come, on a screen that keeps drawing.
#include <gtest/gtest.h>

#include "kiosk/gated_port.h"
#include "kiosk/kiosk_fixture.h"

namespace gastvrij {
namespace {

using kiosk_test::GatedPort;
using kiosk_test::Kiosk;
using kiosk_test::KioskSetup;

// The kiosk's setup with its reception behind a gate the test holds.
struct Slow {
    GatedPort* gate = nullptr;
    KioskSetup setup() {
        KioskSetup s;
        s.speech = false;
        s.port = [this](Reception& r) {
            auto p = std::make_unique<GatedPort>(r);
            gate = p.get();
            return p;
        };
        return s;
    }
};

// The tap has returned while its call stands at the gate — so it was not made
// on the UI thread — and the frames that follow show "Een moment…".
::testing::AssertionResult waits_with_frames_drawn(Kiosk& k, GatedPort& gate) {
    if (!gate.held_calls(1)) return ::testing::AssertionFailure() << "no call is under way at the reception";
    k.driver->frames(5);
    if (k.screen() != "waiting") return ::testing::AssertionFailure() << "the " << k.screen() << " screen shows, not \"Een moment…\"";
    if (k.label("title") != k.config().texts.text("nl", "confirm.wait"))
        return ::testing::AssertionFailure() << "the title says \"" << k.label("title") << "\"";
    return ::testing::AssertionSuccess();
}

// Frames until the reception's answer moved the screen on from "Een moment…".
std::string answered(Kiosk& k) {
    k.driver->until([&] { return k.screen() != "waiting"; }, std::chrono::seconds(10));
    return k.screen();
}

std::vector<SurveyResponse> stored(Kiosk& k) { return k.store->surveys_between(k.clock.now() - 24 * 3600, k.clock.now() + 3600); }

// A conversation that ended a few minutes ago: its colleague is offered.
std::string finished_conversation(Kiosk& k) {
    Visit v = k.reception->check_in({"repair", "", "", "nl", "desk"});
    EXPECT_FALSE(v.host_id.empty());
    k.reception->acknowledge(v.id, 3, v.host_id);
    k.reception->start(v.id, v.host_id);
    k.reception->finish(v.id, v.host_id);
    k.clock.advance(5 * 60);
    return v.host_id;
}

TEST(SlowReception, CheckInWaitsOnOneMomentAndConfirmsOnlyWhatWasKept) {
    Slow slow;
    NEW_KIOSK(k, slow.setup());
    ASSERT_TRUE(k.taps({"welcome/start", "topic/repair", "name/skip"}));
    ASSERT_TRUE(waits_with_frames_drawn(k, *slow.gate));
    EXPECT_TRUE(k.store->open_visits().empty());
    EXPECT_FALSE(k.session().visit);
    EXPECT_EQ(k.find("confirm/headline"), nullptr) << "confirmed before the reception kept the visit";

    slow.gate->open();
    ASSERT_EQ(answered(k), "confirmation");
    const auto open = k.store->open_visits();
    ASSERT_EQ(open.size(), 1u);
    ASSERT_TRUE(k.session().visit);
    EXPECT_EQ(k.session().visit->id, open[0].id);
    EXPECT_NE(k.find("confirm/headline"), nullptr);
}

TEST(SlowReception, ARefusedCheckInSendsTheVisitorToTheDeskAndBackLeadsToTheirName) {
    Slow slow;
    NEW_KIOSK(k, slow.setup());
    ASSERT_TRUE(k.taps({"welcome/start", "topic/repair"}));
    ASSERT_TRUE(k.driver->type("ida"));
    ASSERT_TRUE(k.taps({"name/done"}));
    ASSERT_TRUE(waits_with_frames_drawn(k, *slow.gate));
    slow.gate->fail("the service cannot be reached");
    ASSERT_EQ(answered(k), "store_error");
    EXPECT_FALSE(k.session().visit);
    EXPECT_EQ(k.session().store_error, "the service cannot be reached");
    EXPECT_TRUE(k.store->open_visits().empty());
    // "Een moment…" is not a place to go back to.
    ASSERT_TRUE(k.taps({"nav/back"}));
    EXPECT_EQ(k.screen(), "name");
    EXPECT_EQ(k.session().name, "Ida");
}

TEST(SlowReception, AnAnswerThatComesAfterTheVisitorLeftChangesNothingOnScreen) {
    Slow slow;
    NEW_KIOSK(k, slow.setup());
    GatedPort& gate = *slow.gate;
    ASSERT_TRUE(k.taps({"welcome/start", "topic/repair", "name/skip"}));
    ASSERT_TRUE(waits_with_frames_drawn(k, gate));
    // The visitor walks away; the warning runs out.
    const auto& kc = k.config().kiosk;
    k.wait_ms(kc.idle_seconds * 1000.0 + 100);
    ASSERT_TRUE(k.app->timeout_shown());
    k.wait_ms(kc.warning_seconds * 1000.0 + 100);
    ASSERT_EQ(k.screen(), "welcome");
    // The next visitor starts the survey; the port answers in order, so the
    // check-in's answer is in before the faces are.
    ASSERT_TRUE(k.taps({"welcome/survey"}));
    gate.open();
    ASSERT_TRUE(k.driver->until([&] { return k.driver->visible("survey/who/skip"); }));
    EXPECT_EQ(k.screen(), "survey_who") << "the last visitor's confirmation took over the screen";
    EXPECT_FALSE(k.session().visit);
    EXPECT_EQ(k.store->open_visits().size(), 1u) << "kept by the reception all the same: the desk sees it";
}

TEST(SlowReception, CallbackRequestWaitsOnOneMomentAndThanksOnlyOnceKept) {
    Slow slow;
    NEW_KIOSK(k, slow.setup());
    k.app->choose_topic("rent");
    k.app->go(kiosk::ScreenId::Callback);
    for (const char* key : {"0", "6", "1", "2", "3", "4", "5", "6", "7", "8"}) ASSERT_TRUE(k.taps({std::string("keypad/") + key}));
    ASSERT_TRUE(k.taps({"callback/next", "callback/yes", "callback/any"}));
    ASSERT_TRUE(waits_with_frames_drawn(k, *slow.gate));
    EXPECT_TRUE(k.store->callbacks(false).empty());

    slow.gate->open();
    ASSERT_EQ(answered(k), "callback_done");
    const auto kept = k.store->callbacks(false);
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(kept[0].phone, "+31612345678");
    EXPECT_EQ(kept[0].topic_id, "rent");
}

TEST(SlowReception, ARefusedCallbackRequestSendsTheVisitorToTheDesk) {
    Slow slow;
    NEW_KIOSK(k, slow.setup());
    k.app->go(kiosk::ScreenId::Callback);
    for (const char* key : {"0", "6", "1", "2", "3", "4", "5", "6", "7", "8"}) ASSERT_TRUE(k.taps({std::string("keypad/") + key}));
    ASSERT_TRUE(k.taps({"callback/next", "callback/yes", "callback/morning"}));
    ASSERT_TRUE(waits_with_frames_drawn(k, *slow.gate));
    slow.gate->fail("the service cannot be reached");
    ASSERT_EQ(answered(k), "store_error");
    EXPECT_EQ(k.session().store_error, "the service cannot be reached");
    EXPECT_TRUE(k.store->callbacks(false).empty());
}

TEST(SlowReception, SurveyFacesFollowTheirAnswerAndTheAnswerAndCommentAreThankedOnlyOnceKept) {
    Slow slow;
    NEW_KIOSK(k, slow.setup());
    GatedPort& gate = *slow.gate;
    const std::string host = finished_conversation(k);

    // Who helped you: the screen draws while the faces are asked for, with
    // nothing to tap that could move when they come.
    ASSERT_TRUE(k.taps({"welcome/survey"}));
    ASSERT_TRUE(gate.held_calls(1));
    k.driver->frames(5);
    ASSERT_EQ(k.screen(), "survey_who");
    EXPECT_EQ(k.label("survey/who/wait"), k.config().texts.text("nl", "confirm.wait"));
    EXPECT_EQ(k.names("survey/who/"), std::set<std::string>{"survey/who/wait"}) << "no faces, no skip yet";
    gate.open();
    ASSERT_TRUE(k.driver->until([&] { return k.driver->visible("survey/who/" + host); }));
    EXPECT_TRUE(k.driver->visible("survey/who/skip"));
    EXPECT_FALSE(k.driver->visible("survey/who/wait"));

    // The answer.
    gate.hold();
    ASSERT_TRUE(k.taps({"survey/who/" + host, "survey/score/8", "survey/yes"}));
    ASSERT_TRUE(waits_with_frames_drawn(k, gate));
    EXPECT_TRUE(stored(k).empty());
    gate.open();
    ASSERT_EQ(answered(k), "survey_thanks");
    auto got = stored(k);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].staff_id, host);
    EXPECT_EQ(got[0].score, 8);
    ASSERT_TRUE(got[0].one_go.has_value());
    EXPECT_TRUE(*got[0].one_go);

    // The comment, then back to the thanks without a second one offered.
    gate.hold();
    ASSERT_TRUE(k.taps({"survey/comment"}));
    ASSERT_TRUE(k.driver->type("prima"));
    ASSERT_TRUE(k.taps({"survey/send"}));
    ASSERT_TRUE(waits_with_frames_drawn(k, gate));
    EXPECT_EQ(stored(k).at(0).comment, "");
    gate.open();
    ASSERT_EQ(answered(k), "survey_thanks");
    EXPECT_EQ(stored(k).at(0).comment, "Prima");
    EXPECT_FALSE(k.driver->visible("survey/comment")) << "a second comment is offered";
    ASSERT_TRUE(k.taps({"confirm/done"}));
    EXPECT_EQ(k.screen(), "welcome");
}

TEST(SlowReception, WithoutAnAnswerTheSurveyOffersNoFacesAndARefusedAnswerIsNotThanked) {
    Slow slow;
    NEW_KIOSK(k, slow.setup());
    finished_conversation(k);
    slow.gate->fail("the service cannot be reached");
    ASSERT_TRUE(k.taps({"welcome/survey"}));
    ASSERT_TRUE(k.driver->until([&] { return k.driver->visible("survey/who/skip"); }));
    EXPECT_EQ(k.names("survey/who/"), std::set<std::string>{"survey/who/skip"}) << "the visitor can still skip to the mark";
    ASSERT_TRUE(k.taps({"survey/who/skip", "survey/score/7", "survey/no"}));
    ASSERT_EQ(answered(k), "store_error");
    EXPECT_TRUE(stored(k).empty());
    EXPECT_EQ(k.session().survey_id, 0);
}

TEST(SlowReception, ARefusedCommentIsNotThanked) {
    Slow slow;
    NEW_KIOSK(k, slow.setup());
    slow.gate->open();
    ASSERT_TRUE(k.taps({"welcome/survey"}));
    ASSERT_TRUE(k.driver->until([&] { return k.driver->visible("survey/who/skip"); }));
    ASSERT_TRUE(k.taps({"survey/who/skip", "survey/score/6", "survey/yes"}));
    ASSERT_EQ(answered(k), "survey_thanks");
    slow.gate->hold();
    ASSERT_TRUE(k.taps({"survey/comment"}));
    ASSERT_TRUE(k.driver->type("prima"));
    ASSERT_TRUE(k.taps({"survey/send"}));
    ASSERT_TRUE(waits_with_frames_drawn(k, *slow.gate));
    slow.gate->fail("a comment was there already");
    ASSERT_EQ(answered(k), "store_error");
    ASSERT_EQ(stored(k).size(), 1u);
    EXPECT_EQ(stored(k)[0].comment, "");
}

TEST(SlowReception, AVisitorWhoWalksAwayAtTheLastQuestionIsNotWaitedForAndTheMarkIsKept) {
    Slow slow;
    NEW_KIOSK(k, slow.setup());
    GatedPort& gate = *slow.gate;
    gate.open();
    ASSERT_TRUE(k.taps({"welcome/survey"}));
    ASSERT_TRUE(k.driver->until([&] { return k.driver->visible("survey/who/skip"); }));
    ASSERT_TRUE(k.taps({"survey/who/skip", "survey/score/9"}));
    ASSERT_EQ(k.screen(), "survey_one_go");
    gate.hold();
    const auto& kc = k.config().kiosk;
    k.wait_ms(kc.idle_seconds * 1000.0 + 100);
    k.wait_ms(kc.warning_seconds * 1000.0 + 100);
    ASSERT_TRUE(gate.held_calls(1)) << "the mark was not sent";
    EXPECT_EQ(k.screen(), "welcome") << "the next visitor waits for the last one's mark";
    EXPECT_TRUE(stored(k).empty());
    gate.open();
    ASSERT_TRUE(k.driver->until([&] { return stored(k).size() == 1; }));
    EXPECT_EQ(stored(k)[0].score, 9);
    EXPECT_FALSE(stored(k)[0].one_go.has_value());
    EXPECT_EQ(k.screen(), "welcome");
}

}  // namespace
}  // namespace gastvrij
