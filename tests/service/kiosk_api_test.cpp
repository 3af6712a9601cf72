// What a kiosk on another machine needs from the service, against a real
// service on 127.0.0.1 over a real SQLite file: the survey link on its
// confirmation screen, the faces of "who helped you?", the survey answer and
// its comment, callback requests that desks see at once, the undelivered
// count in /health, and a pairing link that starts `gastvrij kiosk --server`.
#include <algorithm>

#include "domain/devices.h"
#include "domain/kiosk_port.h"
#include "client/client.h"
#include "service_fixture.h"

namespace gastvrij {
namespace {

using namespace service_test;

// The test office with the demo office's texts (the survey page needs them).
Config kiosk_config(bool survey_page) {
    Config c = office_config();
    LoadResult demo = load_config(GASTVRIJ_SOURCE_DIR "/kiosk-config");
    if (!demo.config) throw std::runtime_error("the demo configuration does not load");
    c.texts = demo.config->texts;
    for (const auto& [id, label] : std::vector<std::pair<std::string, std::string>>{
             {"repair", "Reparatie"}, {"rent", "Huur en betalen"}})
        c.texts.set("nl", "topic." + id, Text{label, label});
    c.kiosk.survey_phone_page = survey_page;
    c.kiosk.callback_due_hours = 4;
    return c;
}

json body_of(const httplib::Result& r) { return r ? json::parse(r->body) : json(); }

// The refusal a call got: its status and the field the service named.
template <class F>
std::pair<int, std::string> refusal(F&& call) {
    try {
        call();
    } catch (const ServiceError& e) {
        return {e.status, e.field};
    }
    return {0, "accepted"};
}

// A visit that a colleague saw through to the end, finished at the clock's now.
void helped(Harness& h, const std::string& host) {
    Reception& r = h.service.reception();
    CheckInRequest in;
    in.topic_id = "appointment";
    in.chosen_host = host;
    const Visit v = r.check_in(in);
    r.acknowledge(v.id, 2, "staff:" + host);
    r.start(v.id, "staff:" + host);
    r.finish(v.id, "staff:" + host);
}

std::vector<SurveyResponse> surveys(Harness& h) { return h.store.surveys_between(0, h.clock.now() + 86'400); }

TEST(KioskApi, AKiosksCheckInCarriesASurveyLinkThatOpensTheSurveyOnAPhone) {
    Harness h(test_options(), kiosk_config(true));
    ServiceClient kiosk(h.url(), h.pair(DeviceKind::Kiosk, "", "Kiosk hal"));

    const VisitView v = kiosk.check_in("repair", "", "Ayşe", "tr");
    const std::string prefix = "http://phones.example.test:8470/survey?t=";
    ASSERT_EQ(v.survey_url.rfind(prefix, 0), 0u) << v.survey_url;
    const std::string token = v.survey_url.substr(prefix.size());
    ASSERT_FALSE(token.empty());

    // The visitor's phone opens it: the questions, in their language.
    auto page = h.http().Get(("/survey?t=" + token).c_str());
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("<html lang=\"tr\""), std::string::npos);
    EXPECT_NE(page->body.find(h.service.config().texts.text("tr", "survey.question")), std::string::npos);
    EXPECT_EQ(page->body.find("Ayşe"), std::string::npos) << "the link carries no name";

    // A desk's walk-in gets no link: the visitor is not at the kiosk's screen.
    const std::string desk = h.pair(DeviceKind::Desk);
    auto r = h.http().Post("/api/v1/visits", Harness::auth(desk), R"({"topic":"repair"})", "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 201);
    EXPECT_FALSE(body_of(r).contains("survey_url"));
    EXPECT_EQ(ServiceClient(h.url(), desk).check_in("rent").survey_url, "");
}

TEST(KioskApi, NoSurveyLinkWhileThePhonePageIsOff) {
    Harness h(test_options(), kiosk_config(false));
    const std::string token = h.pair(DeviceKind::Kiosk);
    auto r = h.http().Post("/api/v1/visits", Harness::auth(token), R"({"topic":"repair","language":"nl"})",
                           "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 201);
    EXPECT_FALSE(body_of(r).contains("survey_url"));
    EXPECT_EQ(h.store.open_visits().size(), 1u) << "the visitor is checked in all the same";
}

TEST(KioskApi, WhoHelpedAreThoseWhoFinishedInTheLastHourLatestFirst) {
    Harness h(test_options(), kiosk_config(false));
    ServiceClient kiosk(h.url(), h.pair(DeviceKind::Kiosk));

    helped(h, "2001");  // Ahmed, 10:42 — long gone by the time the survey is filled in
    h.clock.advance(61 * 60);
    helped(h, "1043");  // Jan, 11:43
    h.clock.advance(9 * 60);
    helped(h, "1042");  // Fatma, 11:52
    EXPECT_EQ(kiosk.survey_helpers(), (std::vector<std::string>{"1042", "1043"})) << "the last to finish first";
    h.clock.advance(10 * 60);
    helped(h, "1043");  // Jan again, 12:02: once, and first now
    {
        CheckInRequest busy;  // Agnieszka is still talking: not a helper yet
        busy.topic_id = "appointment";
        busy.chosen_host = "1044";
        const Visit v = h.service.reception().check_in(busy);
        h.service.reception().start(v.id, "staff:1044");
    }
    EXPECT_EQ(kiosk.survey_helpers(), (std::vector<std::string>{"1043", "1042"}));

    h.clock.advance(51 * 60);  // 12:53: Fatma finished 61 minutes ago
    EXPECT_EQ(kiosk.survey_helpers(), (std::vector<std::string>{"1043"}));
    h.clock.advance(10 * 60);  // 13:03: nobody within the hour
    EXPECT_TRUE(kiosk.survey_helpers().empty());

    // A desk may ask too; a colleague's phone has no business with it.
    EXPECT_TRUE(ServiceClient(h.url(), h.pair(DeviceKind::Desk)).survey_helpers().empty());
    ServiceClient phone(h.url(), h.pair(DeviceKind::Phone, "1042"));
    EXPECT_EQ(refusal([&] { phone.survey_helpers(); }).first, 403);
}

TEST(KioskApi, ASurveyIsKeptWithTheServicesHourAndNeverTheKiosksTime) {
    Harness h(test_options(), kiosk_config(false));
    const std::string token = h.pair(DeviceKind::Kiosk);
    ServiceClient kiosk(h.url(), token);

    const std::int64_t id = kiosk.add_survey("1042", 9, true, "tr", "rent");
    EXPECT_GT(id, 0);
    // A kiosk that sends a moment anyway: it is not kept.
    auto r = h.http().Post("/api/v1/surveys", Harness::auth(token),
                           R"({"staff":"","score":6,"one_go":null,"language":"nl","hour":12345,"at":12345})",
                           "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 201) << r->body;
    const std::int64_t second = body_of(r).at("id");

    const auto rows = surveys(h);
    ASSERT_EQ(rows.size(), 2u);
    const Timestamp ten_o_clock = h.clock.at_local(2026, 11, 23, 10, 0);
    EXPECT_EQ(rows[0].id, id);
    EXPECT_EQ(rows[0].hour, ten_o_clock) << "10:42 kept as 10:00, the service's clock";
    EXPECT_EQ(rows[0].staff_id, "1042");
    EXPECT_EQ(rows[0].score, 9);
    EXPECT_EQ(rows[0].one_go, std::optional<bool>(true));
    EXPECT_EQ(rows[0].language, "tr");
    EXPECT_EQ(rows[0].topic_id, "rent");
    EXPECT_EQ(rows[1].id, second);
    EXPECT_EQ(rows[1].hour, ten_o_clock);
    EXPECT_EQ(rows[1].staff_id, "");
    EXPECT_FALSE(rows[1].one_go.has_value()) << "the one-go question skipped";

    // The desk may enter a paper survey; a phone may not.
    EXPECT_GT(ServiceClient(h.url(), h.pair(DeviceKind::Desk)).add_survey("", 8, false, "nl"), 0);
    ServiceClient phone(h.url(), h.pair(DeviceKind::Phone, "1042"));
    EXPECT_EQ(refusal([&] { phone.add_survey("1042", 10, true, "nl"); }).first, 403);
    EXPECT_EQ(surveys(h).size(), 3u);
}

TEST(KioskApi, AWrongSurveyAnswerIsRefusedNamingTheField) {
    Harness h(test_options(), kiosk_config(false));
    const std::string token = h.pair(DeviceKind::Kiosk);
    const std::pair<const char*, const char*> cases[] = {
        {R"({"staff":"9999","score":8,"language":"nl"})", "staff"},
        {R"({"staff":"","score":0,"language":"nl"})", "score"},
        {R"({"staff":"","score":11,"language":"nl"})", "score"},
        {R"({"staff":"","score":"8","language":"nl"})", "score"},
        {R"({"staff":"","language":"nl"})", "score"},
        {R"({"staff":"","score":8,"language":"de"})", "language"},
        {R"({"staff":"","score":8,"language":"nl","topic":"parking"})", "topic"},
        {R"({"staff":"","score":8,"language":"nl","one_go":"yes"})", "one_go"},
    };
    for (const auto& [body, field] : cases) {
        auto r = h.http().Post("/api/v1/surveys", Harness::auth(token), body, "application/json");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 400) << body;
        EXPECT_EQ(body_of(r).value("field", ""), field) << body;
    }
    ServiceClient kiosk(h.url(), token);
    EXPECT_EQ(refusal([&] { kiosk.add_survey("1042", 12, true, "nl"); }), std::make_pair(400, std::string("score")));
    EXPECT_TRUE(surveys(h).empty());
}

TEST(KioskApi, AVisitorCommentsOnceOnTheirOwnRecentAnswer) {
    Harness h(test_options(), kiosk_config(false));
    ServiceClient kiosk(h.url(), h.pair(DeviceKind::Kiosk));
    ServiceClient desk(h.url(), h.pair(DeviceKind::Desk));
    ServiceClient phone(h.url(), h.pair(DeviceKind::Phone, "1042"));
    const std::int64_t id = kiosk.add_survey("1042", 7, false, "nl");

    // Staff never write visitors' words.
    EXPECT_EQ(refusal([&] { desk.set_survey_comment(id, "Prima"); }).first, 403);
    EXPECT_EQ(refusal([&] { phone.set_survey_comment(id, "Prima"); }).first, 403);
    EXPECT_EQ(refusal([&] { kiosk.set_survey_comment(id, "   "); }), std::make_pair(400, std::string("comment")));
    EXPECT_EQ(refusal([&] { kiosk.set_survey_comment(id, std::string(201, 'a')); }),
              std::make_pair(400, std::string("comment")));
    EXPECT_EQ(surveys(h).at(0).comment, "");

    h.clock.advance(2 * 3600 + 50 * 60);  // 13:32, under three hours later
    const std::string words = "Wachttijd was kort, dank u Fatma! ë";
    kiosk.set_survey_comment(id, words);
    EXPECT_EQ(surveys(h).at(0).comment, words);
    // Once: a second comment (another kiosk, a retried tap) changes nothing.
    EXPECT_EQ(refusal([&] { kiosk.set_survey_comment(id, "Iets anders"); }).first, 409);
    EXPECT_EQ(surveys(h).at(0).comment, words);

    // 200 letters fit even when each takes two bytes.
    std::string long_words;
    for (int i = 0; i < 200; ++i) long_words += "ë";
    const std::int64_t later = kiosk.add_survey("", 8, std::nullopt, "nl");
    kiosk.set_survey_comment(later, long_words);
    EXPECT_EQ(surveys(h).back().comment, long_words);

    // An answer from four hours ago is no longer this visitor's.
    const std::int64_t old = kiosk.add_survey("", 5, true, "nl");
    h.clock.advance(4 * 3600);
    try {
        kiosk.set_survey_comment(old, "Te laat");
        FAIL() << "an old answer took a comment";
    } catch (const ServiceError& e) {
        EXPECT_EQ(e.status, 404);
        EXPECT_NE(std::string(e.what()).find("no recent survey " + std::to_string(old)), std::string::npos) << e.what();
    }
    EXPECT_EQ(refusal([&] { kiosk.set_survey_comment(987654, "Hallo"); }).first, 404);
    EXPECT_EQ(surveys(h).back().comment, "");
}

// A kiosk beside the service (its screens on LocalKioskPort, no HTTP of its
// own): its request reaches a desk's event stream as it is kept.
TEST(KioskApi, ALocalKiosksCallbackRequestReachesTheDesksStreamLive) {
    Harness h(test_options(), kiosk_config(false));  // callback_due_hours = 4
    EventReader desk_stream(h.service.port(), h.pair(DeviceKind::Desk, "", "balie"));
    ASSERT_TRUE(desk_stream.wait_for([](auto& f) { return !f.empty(); }));
    LocalKioskPort kiosk(h.service.reception());
    CallbackRequest c;
    c.phone = "06 1234 5678";
    c.topic_id = "rent";
    c.part = PartOfDay::Any;
    kiosk.add_callback(c);

    ASSERT_TRUE(desk_stream.wait_for([](auto& f) {
        return std::any_of(f.begin(), f.end(), [](auto& x) { return x.event == "callback"; });
    }));
    const json live = json::parse(desk_stream.frames("callback").at(0).data);
    EXPECT_EQ(live.at("phone"), "+31612345678");
    EXPECT_EQ(live.at("topic"), "rent");
    EXPECT_EQ(live.at("due_at"), h.clock.now() + 4 * 3600);
    EXPECT_EQ(live.at("id"), h.store.callbacks(true).at(0).id);
}

TEST(KioskApi, ACallbackRequestIsKeptNormalisedWithTheOfficesPromiseAndDesksSeeItAtOnce) {
    Harness h(test_options(), kiosk_config(false));  // callback_due_hours = 4
    EventReader desk_stream(h.service.port(), h.pair(DeviceKind::Desk, "", "balie"));
    ASSERT_TRUE(desk_stream.wait_for([](auto& f) { return !f.empty(); }));
    ServiceClient kiosk(h.url(), h.pair(DeviceKind::Kiosk));
    const Timestamp now = h.clock.now();

    const CallbackView c = kiosk.add_callback("06 1234 5678", "rent", PartOfDay::Afternoon, "pl");
    EXPECT_GT(c.request.id, 0);
    EXPECT_EQ(c.request.phone, "+31612345678");
    EXPECT_EQ(c.request.state, CallbackState::Open);
    EXPECT_EQ(c.request.created_at, now);
    EXPECT_EQ(c.request.due_at, now + 4 * 3600);
    EXPECT_EQ(c.due_hhmm, "14:42");
    EXPECT_EQ(c.topic_label, "Huur en betalen");

    const auto stored = h.store.callbacks(true);
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].phone, "+31612345678");
    EXPECT_EQ(stored[0].topic_id, "rent");
    EXPECT_EQ(stored[0].part, PartOfDay::Afternoon);
    EXPECT_EQ(stored[0].language, "pl");
    EXPECT_EQ(stored[0].due_at, now + 4 * 3600);

    // The desk's list shows it without waiting for its next poll.
    ASSERT_TRUE(desk_stream.wait_for([](auto& f) {
        return std::any_of(f.begin(), f.end(), [](auto& x) { return x.event == "callback"; });
    }));
    const json live = json::parse(desk_stream.frames("callback").at(0).data);
    EXPECT_EQ(live.at("id"), c.request.id);
    EXPECT_EQ(live.at("phone"), "+31612345678");

    // A number nobody can call back: the kiosk learns which reason to show.
    try {
        kiosk.add_callback("06 1234", "rent", PartOfDay::Any, "nl");
        FAIL() << "a short number was taken";
    } catch (const ServiceError& e) {
        EXPECT_EQ(e.status, 400);
        EXPECT_EQ(e.field, "phone");
        EXPECT_NE(std::string(e.what()).find("phone.too_short"), std::string::npos) << e.what();
    }
    const std::string token = h.pair(DeviceKind::Kiosk);
    for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
             {R"({"topic":"rent","part":"any","language":"nl"})", "phone"},
             {R"({"phone":"+44 20 7946 0000","topic":"rent","part":"any","language":"nl"})", "phone"},
             {R"({"phone":"0612345678","topic":"parking","part":"any","language":"nl"})", "topic"},
             {R"({"phone":"0612345678","topic":"rent","part":"night","language":"nl"})", "part"},
             {R"({"phone":"0612345678","topic":"rent","part":"any","language":"xx"})", "language"}}) {
        auto r = h.http().Post("/api/v1/callbacks", Harness::auth(token), body, "application/json");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 400) << body;
        EXPECT_EQ(body_of(r).value("field", ""), field) << body;
    }
    ServiceClient phone(h.url(), h.pair(DeviceKind::Phone, "1042"));
    EXPECT_EQ(refusal([&] { phone.add_callback("0612345678", "rent", PartOfDay::Any, "nl"); }).first, 403);
    EXPECT_EQ(h.store.callbacks(true).size(), 1u) << "nothing refused was kept";

    // The desk may take a request on the phone of the office itself.
    ServiceClient desk(h.url(), h.pair(DeviceKind::Desk));
    EXPECT_EQ(desk.add_callback("020-123 4567", "", PartOfDay::Morning, "nl").request.phone, "+31201234567");
    EXPECT_EQ(desk.callbacks().callbacks.size(), 2u);
}

TEST(KioskApi, HealthCountsTheMessagesThatWereNotDelivered) {
    ServiceOptions o = test_options();
    o.deliver_outbox = false;  // the test plays the outbox worker's failures itself
    Harness h(o, kiosk_config(false));
    ServiceClient kiosk(h.url(), h.pair(DeviceKind::Kiosk));

    ServiceHealth before = kiosk.health();
    EXPECT_EQ(before.status, "ok");
    EXPECT_EQ(before.undelivered, 0);

    kiosk.check_in("rent", "", "Ayşe");
    kiosk.check_in("repair");
    const auto due = h.store.due_messages(h.clock.now(), 100);
    ASSERT_GE(due.size(), 2u);
    h.store.mark_dead(due[0].id, "550 mailbox unavailable", h.clock.now());
    h.store.mark_dead(due[1].id, "webhook 404", h.clock.now());

    const ServiceHealth after = kiosk.health();
    EXPECT_EQ(after.status, "ok");
    EXPECT_EQ(after.undelivered, 2);
    EXPECT_EQ(after.undelivered, int(h.store.dead_letters().size()));
    auto raw = h.http().Get("/health");  // no token needed, as for any monitor
    ASSERT_TRUE(raw);
    EXPECT_EQ(raw->status, 200);
    // A stranger hears whether it works, not the counts.
    EXPECT_EQ(body_of(raw), nlohmann::json({{"status", "ok"}}));

    ClientOptions quick;
    quick.connect_timeout = std::chrono::milliseconds(300);
    ServiceClient nowhere("http://127.0.0.1:1", "", quick);
    EXPECT_EQ(refusal([&] { nowhere.health(); }).first, 0);
}

TEST(KioskApi, AKiosksPairingLinkOpensThePageWithItsCommandAndPairsAKiosk) {
    Harness h(test_options(), kiosk_config(false));
    ServiceClient desk(h.url(), h.pair(DeviceKind::Desk));
    const PairingView p = desk.create_pairing(DeviceKind::Kiosk);
    EXPECT_EQ(p.url, "http://phones.example.test:8470/kiosk#pair=" + p.code);

    const auto parts = parse_pairing_link(p.url);
    ASSERT_TRUE(parts);
    EXPECT_EQ(parts->service_url, "http://phones.example.test:8470");
    EXPECT_EQ(parts->code, p.code);
    const PairedDevice paired = ServiceClient::pair(h.url(), parts->code, "Kiosk hal");
    EXPECT_EQ(paired.device.kind, DeviceKind::Kiosk);
    EXPECT_EQ(ServiceClient(h.url(), paired.token).me().kind, DeviceKind::Kiosk);

    // A phone camera that opens the link: the command for that computer.
    auto page = h.http().Get("/kiosk");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_NE(page->get_header_value("Content-Type").find("text/html"), std::string::npos);
    EXPECT_NE(page->body.find("gastvrij kiosk --server"), std::string::npos);
    EXPECT_NE(page->body.find("bezoekerskiosk"), std::string::npos);
    EXPECT_EQ(page->body.find("gastvrij desk"), std::string::npos);
    // The companion's link opens the browser companion instead.
    auto desk_page = h.http().Get("/desk");
    ASSERT_TRUE(desk_page);
    EXPECT_NE(desk_page->body.find("/desk.js"), std::string::npos);

    const auto local = parse_pairing_link(pairing_link("https://k.example:8470", DeviceKind::Kiosk, "ABCD2345"));
    ASSERT_TRUE(local);
    EXPECT_EQ(local->service_url, "https://k.example:8470");
    EXPECT_EQ(local->code, "ABCD2345");
}

}  // namespace
}  // namespace gastvrij

namespace gastvrij {
namespace {

// A kiosk stands in the public hall with its token on the machine: it sees the
// visitors it checked in itself (for their confirmation screen), not the
// first names of everyone else waiting — in the list, by id, or live.
TEST(KioskApi, AKioskSeesOnlyTheVisitorsItCheckedIn) {
    Harness h(test_options(), kiosk_config(false));
    const std::string hall_token = h.pair(DeviceKind::Kiosk, "", "Kiosk hal");
    ServiceClient hall(h.url(), hall_token);
    ServiceClient side(h.url(), h.pair(DeviceKind::Kiosk, "", "Kiosk zij-ingang"));
    ServiceClient desk(h.url(), h.pair(DeviceKind::Desk, "", "Balie"));
    EventReader hall_events(h.service.port(), hall_token);
    ASSERT_TRUE(hall_events.wait_for([](const auto& f) { return !f.empty(); }));

    const VisitId mine = hall.check_in("repair", "", "Ayşe").visit.id;
    const VisitId theirs = side.check_in("rent", "", "Piotr").visit.id;
    const VisitId walk_in = desk.check_in("rent", "", "Zeynep").visit.id;
    const VisitId mine_too = hall.check_in("rent", "", "Noor").visit.id;

    std::vector<VisitId> listed;
    for (const VisitView& v : hall.visits()) listed.push_back(v.visit.id);
    EXPECT_EQ(listed, (std::vector<VisitId>{mine, mine_too}));
    EXPECT_EQ(refusal([&] { hall.visit(theirs); }).first, 404);
    EXPECT_EQ(refusal([&] { hall.visit(walk_in); }).first, 404);
    EXPECT_EQ(hall.visit(mine).visit.visitor_name, "Ayşe");
    EXPECT_EQ(desk.visits().size(), 4u) << "the desk still sees everyone";

    // Live: the hall's own visits arrive; the others, written in between, never do.
    ASSERT_TRUE(hall_events.wait_for([&](const auto&) {
        for (const json& v : hall_events.visits())
            if (v["visit"]["id"] == mine_too) return true;
        return false;
    }));
    for (const json& v : hall_events.visits()) {
        EXPECT_NE(v["visit"]["id"], theirs);
        EXPECT_NE(v["visit"]["id"], walk_in);
        EXPECT_EQ(hall_events.raw().find("Piotr"), std::string::npos);
        EXPECT_EQ(hall_events.raw().find("Zeynep"), std::string::npos);
    }
}

}  // namespace
}  // namespace gastvrij
