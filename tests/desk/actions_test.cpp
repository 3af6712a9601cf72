// What the receptionist does at the desk reaches the store: a walk-in, the
// visit actions, presence, "send again", pairing a phone — clicked through
// the real window; and a refused action is explained in plain Dutch.
#include "client/token_file.h"
#include "desk_fixture.h"

namespace gastvrij::desk_test {
namespace {

using namespace std::chrono_literals;

std::optional<Visit> stored(Office& office, VisitId id) { return office.store.visit(id); }

TEST(DeskActions, AWalkInEnteredAtTheDeskIsCheckedInAndRouted) {
    Office office;
    Desk desk(office, office.desk_token());
    ASSERT_TRUE(desk.online());
    ASSERT_TRUE(desk.until([&] { return desk.region("walkin/topic/repair") != nullptr; }));
    ASSERT_TRUE(desk.driver->tap("walkin/topic/repair"));
    desk.app->walk_in().name = "Zeynep";  // typed on the desk's keyboard
    ASSERT_TRUE(desk.driver->tap("walkin/submit"));

    ASSERT_TRUE(eventually([&] { return office.store.open_visits().size() == 1; }));
    const Visit v = office.store.open_visits().front();
    EXPECT_EQ(v.topic_id, "repair");
    EXPECT_EQ(v.visitor_name, "Zeynep");
    EXPECT_EQ(v.kiosk_id.rfind("desk:", 0), 0u) << v.kiosk_id;
    EXPECT_EQ(v.team_id, "wijk") << "routed as a kiosk check-in would be";
    EXPECT_EQ(v.state, VisitState::HostNotified);

    ASSERT_TRUE(desk.until([&] { return desk.region(Desk::row(v.id)) != nullptr; }));
    ASSERT_TRUE(desk.until([&] { return desk.region("message/ok") != nullptr; }));
    EXPECT_NE(desk.region("message/ok")->label.find("Aangemeld: Zeynep"), std::string::npos);
    EXPECT_TRUE(desk.app->walk_in().name.empty()) << "the form is ready for the next person";
}

TEST(DeskActions, VisitPanelActionsReachTheStore) {
    Office office;
    Desk desk(office, office.desk_token());
    ASSERT_TRUE(desk.online());
    const Visit v = office.check_in("rent", "Ayşe");
    ASSERT_TRUE(desk.until([&] { return desk.region(Desk::row(v.id)) != nullptr; }));

    // "Fatma is coming, in 5 minutes" — said at the desk on her behalf.
    ASSERT_TRUE(desk.driver->tap(Desk::row(v.id)));
    ASSERT_TRUE(desk.region("visit/ack/5"));
    const Timestamp now = office.clock.now();
    ASSERT_TRUE(desk.driver->tap("visit/ack/5"));
    ASSERT_TRUE(eventually([&] { return stored(office, v.id)->state == VisitState::Acknowledged; }));
    EXPECT_EQ(stored(office, v.id)->promised_at, now + 5 * 60);
    ASSERT_TRUE(desk.until([&] { return desk.model().board().row(v.id)->view.visit.state == VisitState::Acknowledged; }));
    EXPECT_FALSE(desk.region("visit/ack/5")) << "an answered visit is not answered twice";

    ASSERT_TRUE(desk.driver->tap("visit/start"));
    ASSERT_TRUE(eventually([&] { return stored(office, v.id)->state == VisitState::InConversation; }));
    ASSERT_TRUE(desk.until([&] { return desk.region("visit/finish") != nullptr; }));
    ASSERT_TRUE(desk.driver->tap("visit/finish"));
    ASSERT_TRUE(eventually([&] { return stored(office, v.id)->state == VisitState::Finished; }));
    EXPECT_TRUE(desk.until([&] { return desk.region(Desk::row(v.id)) == nullptr; })) << "a finished visit leaves the board";
}

TEST(DeskActions, ReassignAndCancelReachTheStore) {
    Office office;
    Desk desk(office, office.desk_token());
    ASSERT_TRUE(desk.online());
    const Visit a = office.check_in("rent", "Piotr");
    const Visit b = office.check_in("rent", "Noor");
    ASSERT_TRUE(desk.until([&] { return desk.region(Desk::row(b.id)) != nullptr; }));

    // Send Piotr to Agnieszka (the list's choice, then the button).
    ASSERT_TRUE(desk.driver->tap(Desk::row(a.id)));
    ASSERT_TRUE(desk.driver->tap("visit/reassign"));
    ASSERT_TRUE(desk.driver->tap("visit/reassign/1044"));
    ASSERT_TRUE(desk.driver->tap("visit/reassign/send"));
    ASSERT_TRUE(eventually([&] { return stored(office, a.id)->host_id == "1044"; }));
    EXPECT_EQ(stored(office, a.id)->state, VisitState::Reassigned);
    ASSERT_TRUE(desk.until([&] { return desk.model().board().row(a.id)->view.host_name == "Agnieszka Śliwa"; }));

    // Noor left without waiting: cancel, then confirm "left".
    ASSERT_TRUE(desk.driver->tap(Desk::row(b.id)));
    ASSERT_TRUE(desk.driver->tap("visit/cancel"));
    ASSERT_TRUE(desk.region("visit/cancel/left")) << "cancelling asks first";
    EXPECT_EQ(stored(office, b.id)->state, VisitState::HostNotified);
    ASSERT_TRUE(desk.driver->tap("visit/cancel/left"));
    ASSERT_TRUE(eventually([&] { return stored(office, b.id)->state == VisitState::Left; }));
    EXPECT_TRUE(desk.until([&] { return desk.region(Desk::row(b.id)) == nullptr; }));
}

TEST(DeskActions, AVisitThatChangedMeanwhileIsExplainedAndTheBoardCatchesUp) {
    Office office;
    Desk desk(office, office.desk_token());
    ASSERT_TRUE(desk.online());
    const Visit v = office.check_in("rent", "Ayşe");
    ASSERT_TRUE(desk.until([&] { return desk.region(Desk::row(v.id)) != nullptr; }));

    // Fatma's phone starts the conversation; the desk, not yet aware, answers
    // on her behalf.
    office.service->reception().start(v.id, "staff:1042");
    desk.session->acknowledge(v.id, 5);
    ASSERT_TRUE(desk.until([&] { return desk.region("message/error") != nullptr; }));
    const std::string words = desk.region("message/error")->label;
    EXPECT_NE(words.find("intussen veranderd"), std::string::npos) << words;
    EXPECT_EQ(words.find("HTTP"), std::string::npos) << "plain words, not protocol: " << words;
    EXPECT_TRUE(desk.until([&] { return desk.model().board().row(v.id)->view.visit.state == VisitState::InConversation; }));
    EXPECT_EQ(stored(office, v.id)->state, VisitState::InConversation);

    ASSERT_TRUE(desk.driver->tap("message/close"));
    EXPECT_FALSE(desk.region("message/error"));
}

TEST(DeskActions, PresenceEditedAtTheDeskIsWhatRoutingUses) {
    Office office;
    Desk desk(office, office.desk_token());
    ASSERT_TRUE(desk.online());
    ASSERT_TRUE(desk.driver->tap("tab/presence"));
    ASSERT_TRUE(desk.until([&] { return desk.region("presence/1042/lunch") != nullptr; }));
    ASSERT_TRUE(desk.driver->tap("presence/1042/lunch"));
    const std::string today = office.clock.local_now().date_iso();
    ASSERT_TRUE(eventually([&] {
        auto p = office.store.presence(today);
        return p.count("1042") && p.at("1042") == Presence::Lunch;
    }));
    // Fatma is at lunch: a rent visitor now goes to Jan.
    const Visit v = office.check_in("rent", "Piotr");
    EXPECT_EQ(v.host_id, "1043");
    ASSERT_TRUE(desk.until([&] {
        for (const auto& p : desk.model().presence().list())
            if (p.staff_id == "1042") return p.presence == Presence::Lunch && !p.available;
        return false;
    }));
}

TEST(DeskActions, ADeadLetterIsListedAndSentAgain) {
    Office office;
    const Visit v = office.check_in("rent", "Ayşe");
    std::int64_t email = 0;
    for (const OutboxMessage& m : office.store.due_messages(office.clock.now() + 1, 50))
        if (m.channel == Channel::Email) email = m.id;
    ASSERT_NE(email, 0) << "Fatma has an e-mail address in the test office";
    office.store.mark_dead(email, "550 mailbox unavailable", office.clock.now());

    Desk desk(office, office.desk_token());
    ASSERT_TRUE(desk.online());
    ASSERT_TRUE(desk.driver->tap("tab/dead"));
    const std::string retry = "dead/" + std::to_string(email) + "/retry";
    ASSERT_TRUE(desk.until([&] { return desk.region(retry) != nullptr; }));
    EXPECT_EQ(desk.region("tab/dead")->label, "Niet bezorgd (1)");
    ASSERT_TRUE(desk.driver->tap(retry));
    ASSERT_TRUE(eventually([&] { return office.store.dead_letters().empty(); }));
    EXPECT_TRUE(desk.until([&] { return desk.region("dead/none") != nullptr; }));
    (void)v;
}

TEST(DeskActions, PairingAPhoneShowsAScannableCodeThatWorksOnce) {
    Office office;
    Desk desk(office, office.desk_token());
    ASSERT_TRUE(desk.online());
    // Someone waiting tells the desk the service's time (the test clock is
    // hours away from this machine's): the code's minutes can be counted.
    const Visit v = office.check_in("rent", "Ayşe");
    ASSERT_TRUE(desk.until([&] { return desk.model().board().row(v.id) != nullptr; }));
    ASSERT_TRUE(desk.driver->tap("tab/pairing"));
    ASSERT_TRUE(desk.until([&] { return desk.region("pairing/staff/1042") != nullptr; }));
    EXPECT_FALSE(desk.region("pairing/staff/1043")) << "Jan has no phone page";
    ASSERT_TRUE(desk.driver->tap("pairing/staff/1042"));
    ASSERT_TRUE(desk.driver->tap("pairing/create"));
    ASSERT_TRUE(desk.until([&] { return desk.region("pairing/qr") != nullptr; }));
    const ui::WidgetInfo* qr = desk.region("pairing/qr");
    EXPECT_GE(qr->rect.w, 280) << "large enough to scan from arm's length";
    EXPECT_NE(qr->label.find("/phone#pair="), std::string::npos) << qr->label;
    const std::string left = desk.region("pairing/expiry")->label;
    EXPECT_TRUE(left == "5" || left == "4") << left << " minutes left; the service gives 5";
    const std::string code = desk.region("pairing/code")->label;
    const PairedDevice phone = ServiceClient::pair(office.url(), code, "Telefoon Fatma");
    EXPECT_EQ(phone.device.kind, DeviceKind::Phone);
    EXPECT_EQ(phone.device.staff_id, "1042");
    EXPECT_THROW(ServiceClient::pair(office.url(), code, "again"), ServiceError);
}

TEST(DeskActions, ADeskWithoutTokenPairsFromItsWindowAndKeepsTheTokenPrivate) {
    Office office;
    TempDir home;
    const std::string file = home.file("config/gastvrij/desk-token");
    Desk desk(office, "", false, file);
    ASSERT_TRUE(desk.until([&] { return desk.region("link/title") != nullptr; }));
    EXPECT_EQ(desk.model().connection().state(), desk::Connection::Unpaired);

    desk.app->link().code = "WRONG123";
    ASSERT_TRUE(desk.driver->tap("link/pair"));
    ASSERT_TRUE(desk.until([&] { return desk.region("message/error") != nullptr; }));
    EXPECT_NE(desk.region("message/error")->label.find("koppelcode"), std::string::npos);

    const PairingTicket t = office.service->pairing().create_code(DeviceKind::Desk, "");
    desk.app->link().code = t.code.substr(0, 4) + " " + t.code.substr(4);  // typed as shown
    ASSERT_TRUE(desk.driver->tap("link/pair"));
    ASSERT_TRUE(desk.until([&] { return desk.model().connection().state() == desk::Connection::Online; }));
    EXPECT_TRUE(desk.until([&] { return desk.region("tab/board") != nullptr; }));

    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    const std::string token = load_token(file);
    ASSERT_FALSE(token.empty());
    ServiceClient again(office.url(), token);
    EXPECT_EQ(again.me().kind, DeviceKind::Desk);
}

}  // namespace
}  // namespace gastvrij::desk_test
