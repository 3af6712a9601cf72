// A visitor's two main journeys, tapped through the real screens with a finger
// and with a mouse: a topic tile → skip the name → confirmed, and "I have an
// appointment" → a few letters → the colleague's card. What the visitor is told
// must match what the store holds.
#include <gtest/gtest.h>

#include "domain/directory.h"
#include "kiosk/kiosk_fixture.h"

namespace gastvrij {
namespace {

using kiosk_test::Kiosk;
using kiosk_test::KioskSetup;

std::string with_input(bool finger) { return finger ? "finger" : "mouse"; }

class CheckIn : public ::testing::TestWithParam<bool> {};

// What a committed check-in must leave in the file: the visit, its two events
// and one outbox message per channel its host has.
void expect_committed(Kiosk& k, const Visit& v, const std::string& host_id) {
    const Staff* host = k.config().directory.person(host_id);
    ASSERT_NE(host, nullptr) << "host " << host_id << " is not in staff.csv";
    auto events = k.store->events(v.id);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].to, VisitState::Arrived);
    EXPECT_EQ(events[1].to, VisitState::HostNotified);
    EXPECT_EQ(events[1].from, VisitState::Arrived);

    std::set<std::string> expected = {"companion"};
    if (!host->email.empty()) expected.insert("email");
    if (!host->webhook.empty()) expected.insert("webhook");
    if (host->phone_page) expected.insert("phone");
    sqlite::Database db(k.db_file, 1000);
    const std::string where = " FROM outbox WHERE visit_id = " + std::to_string(v.id);
    EXPECT_EQ(db.query_int("SELECT count(*)" + where), std::int64_t(expected.size()));
    EXPECT_EQ(db.query_int("SELECT count(*)" + where + " AND recipient = '" + host_id + "' AND state = 'pending'"),
              std::int64_t(expected.size()))
        << "every message goes to the host and waits to be sent";
    std::set<std::string> channels;
    for (const auto& m : k.store->due_messages(k.clock.now() + 1, 100))
        if (m.visit_id == v.id) channels.insert(to_string(m.channel));
    EXPECT_EQ(channels, expected);
}

TEST_P(CheckIn, TopicTileThenSkipTheNameIsStoredAndConfirmedWithTheHostsName) {
    const bool finger = GetParam();
    SCOPED_TRACE(with_input(finger));
    NEW_KIOSK(k, KioskSetup{});
    const Topic* topic = kiosk_test::first_topic(k.config(), RouteKind::Team);
    ASSERT_NE(topic, nullptr);

    ASSERT_TRUE(k.taps({"welcome/start"}, finger));
    EXPECT_EQ(k.screen(), "topic");
    ASSERT_TRUE(k.taps({"topic/" + topic->id}, finger));
    EXPECT_EQ(k.screen(), "name");
    EXPECT_TRUE(k.store->open_visits().empty()) << "nothing is stored before the visitor is done";
    ASSERT_TRUE(k.taps({"name/skip"}, finger));
    ASSERT_EQ(k.screen(), "confirmation");

    auto open = k.store->open_visits();
    ASSERT_EQ(open.size(), 1u);
    const Visit& v = open[0];
    EXPECT_EQ(v.topic_id, topic->id);
    EXPECT_EQ(v.state, VisitState::HostNotified);
    EXPECT_EQ(v.visitor_name, "");
    EXPECT_EQ(v.kiosk_id, "kiosk:" + k.config().kiosk.kiosk_id);
    ASSERT_FALSE(v.host_id.empty()) << "a team member is free on Monday morning, not the desk";
    const Staff* host = k.config().directory.person(v.host_id);
    ASSERT_NE(host, nullptr);
    EXPECT_EQ(host->team, topic->team) << "routed outside the topic's team while its members work";
    EXPECT_EQ(v.team_id, topic->team);
    expect_committed(k, v, v.host_id);

    // The visitor reads who comes, and the session holds the stored visit.
    ASSERT_TRUE(k.session().visit);
    EXPECT_EQ(k.session().visit->id, v.id);
    const std::string headline = k.label("confirm/headline");
    EXPECT_NE(headline.find(host->first_name), std::string::npos) << headline;
    EXPECT_NE(k.find("confirm/done"), nullptr);
}

TEST_P(CheckIn, AppointmentByTypedLettersGoesToThatColleague) {
    const bool finger = GetParam();
    SCOPED_TRACE(with_input(finger));
    NEW_KIOSK(k, KioskSetup{});
    const Topic* appointment = kiosk_test::first_topic(k.config(), RouteKind::ChoosePerson);
    ASSERT_NE(appointment, nullptr);
    ASSERT_TRUE(k.taps({"welcome/start", "topic/" + appointment->id}, finger));
    ASSERT_EQ(k.screen(), "appointment");
    const auto everyone = k.names("person/");
    ASSERT_GT(everyone.size(), 3u) << "the list shows colleagues before anything is typed";

    // "yil" finds Fatma Yılmaz (dotless ı typed as a plain i), nobody else.
    for (const char* letter : {"y", "i", "l"}) ASSERT_TRUE(k.taps({std::string("keyboard/") + letter}, finger));
    EXPECT_EQ(k.session().search, "yil");
    std::set<std::string> expected;
    for (const Staff* s : k.config().directory.search("yil")) expected.insert("person/" + s->id);
    EXPECT_EQ(expected, std::set<std::string>{"person/1011"}) << "demo staff.csv changed; pick other letters";
    EXPECT_EQ(k.names("person/"), expected);
    EXPECT_NE(k.label("appointment/field").find("yil"), std::string::npos);

    ASSERT_TRUE(k.taps({"person/1011"}, finger));
    ASSERT_EQ(k.screen(), "name");
    ASSERT_TRUE(k.taps({"name/skip"}, finger));
    ASSERT_EQ(k.screen(), "confirmation");
    auto open = k.store->open_visits();
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].host_id, "1011");
    EXPECT_EQ(open[0].topic_id, appointment->id);
    expect_committed(k, open[0], "1011");
    EXPECT_NE(k.label("confirm/headline").find("Fatma"), std::string::npos) << k.label("confirm/headline");
}

// The typed name is shown to the visitor and stored, never spoken.
TEST(CheckInName, TypedNameIsStoredShownAndNotInTheSpeech) {
    NEW_KIOSK(k, KioskSetup{});
    const Topic* topic = kiosk_test::first_topic(k.config(), RouteKind::Team);
    ASSERT_TRUE(k.taps({"welcome/start", "topic/" + topic->id}));
    ASSERT_TRUE(k.driver->type("zeynep"));
    EXPECT_EQ(k.session().name, "Zeynep") << "a name starts with a capital by itself";
    EXPECT_EQ(k.label("name/field"), "Zeynep");
    ASSERT_TRUE(k.taps({"name/done"}));
    ASSERT_EQ(k.screen(), "confirmation");
    auto open = k.store->open_visits();
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].visitor_name, "Zeynep");
    EXPECT_NE(k.label("confirm/headline").find("Zeynep"), std::string::npos);
    const std::string said = k.app->screen(kiosk::ScreenId::Confirmation).speech();
    EXPECT_EQ(said.find("Zeynep"), std::string::npos) << said;
    const Staff* host = k.config().directory.person(open[0].host_id);
    ASSERT_NE(host, nullptr);
    EXPECT_NE(said.find(host->first_name), std::string::npos) << "the visitor chose speech: the host is named";
}

INSTANTIATE_TEST_SUITE_P(Input, CheckIn, ::testing::Values(true, false),
                         [](const auto& info) { return with_input(info.param); });

}  // namespace
}  // namespace gastvrij
