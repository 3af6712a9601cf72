// The pairing tab's list of paired devices, against a real service: a
// colleague's phone, a kiosk and another desk are listed in the office's words
// with the date they were paired; this desk's own row is marked and cannot be
// withdrawn from here; withdrawing a phone takes two taps, after which the
// service refuses its token and the row is gone.
#include <httplib.h>

#include "desk_fixture.h"

namespace gastvrij::desk_test {
namespace {

struct Paired {
    std::int64_t id = 0;
    std::string token;
};

Paired pair_device(Office& office, DeviceKind kind, const std::string& staff_id, const std::string& name) {
    const PairingTicket t = office.service->pairing().create_code(kind, staff_id);
    const PairedDevice p = ServiceClient::pair(office.url(), t.code, name);
    return Paired{p.device.id, p.token};
}

const Staff& colleague_with_phone(Office& office) {
    for (const Staff& s : office.service->config().directory.staff)
        if (s.phone_page) return s;
    throw std::runtime_error("the test office has nobody with a phone page");
}

// What the service answers a device holding `token`: 200, or 401 once withdrawn.
int me_status(Office& office, const std::string& token) {
    httplib::Client http("127.0.0.1", office.port);
    auto r = http.Get("/api/v1/me", {{"Authorization", "Bearer " + token}});
    return r ? r->status : 0;
}

std::string id_of(std::int64_t id) { return std::to_string(id); }

// The desk paired first (its own token), then a phone, a kiosk and a second desk.
struct PairedOffice {
    Office office;
    Paired own = pair_device(office, DeviceKind::Desk, "", "Balie test");
    Paired phone = pair_device(office, DeviceKind::Phone, colleague_with_phone(office).id, "Telefoon werk");
    Paired kiosk = pair_device(office, DeviceKind::Kiosk, "", "Entree");
    Paired other_desk = pair_device(office, DeviceKind::Desk, "", "Receptie links");
};

bool listed(Desk& desk, std::int64_t id) { return desk.region("devices/row/" + id_of(id)) != nullptr; }

void open_tab(Desk& desk, const PairedOffice& o) {
    ASSERT_TRUE(desk.online());
    ASSERT_TRUE(desk.driver->tap("tab/pairing"));
    ASSERT_TRUE(desk.until([&] {
        return listed(desk, o.phone.id) && listed(desk, o.kiosk.id) && listed(desk, o.other_desk.id) &&
               listed(desk, o.own.id) && desk.model().pairing().own_device() == o.own.id;
    })) << "the pairing tab lists the paired devices when it opens";
}

TEST(DeskDevices, ListsPhoneKioskAndDesksInWordsAndMarksThisDesk) {
    PairedOffice o;
    Desk desk(o.office, o.own.token);
    open_tab(desk, o);

    const std::string fatma = colleague_with_phone(o.office).display_name();
    EXPECT_EQ(desk.region("devices/kind/" + id_of(o.phone.id))->label, "Telefoon van " + fatma);
    EXPECT_EQ(desk.region("devices/kind/" + id_of(o.kiosk.id))->label, "Kiosk \"Entree\"");
    EXPECT_EQ(desk.region("devices/kind/" + id_of(o.other_desk.id))->label, "Balie \"Receptie links\"");
    // Paired "today" on the office's clock: 23-11-2026.
    const ui::WidgetInfo* since = desk.region("devices/since/" + id_of(o.phone.id));
    ASSERT_NE(since, nullptr);
    EXPECT_EQ(since->label, "sinds 23-11-2026");

    // Only this desk's row says so, and withdrawing it is left to another desk.
    ASSERT_NE(desk.region("devices/own/" + id_of(o.own.id)), nullptr);
    EXPECT_NE(desk.region("devices/own/" + id_of(o.own.id))->label.find("deze balie"), std::string::npos);
    EXPECT_EQ(desk.region("devices/own/" + id_of(o.other_desk.id)), nullptr);
    ASSERT_TRUE(desk.driver->tap("devices/revoke/" + id_of(o.own.id)));
    desk.driver->frames(3);
    EXPECT_EQ(desk.region("devices/confirm/" + id_of(o.own.id)), nullptr) << "this desk cannot lock itself out";
    EXPECT_EQ(me_status(o.office, o.own.token), 200);
    EXPECT_EQ(desk.model().connection().state(), desk::Connection::Online);

    // The phone and kiosk still work: nothing was withdrawn by looking.
    EXPECT_EQ(me_status(o.office, o.phone.token), 200);
    EXPECT_EQ(me_status(o.office, o.kiosk.token), 200);
}

TEST(DeskDevices, WithdrawingAPhoneTakesTwoTapsThenTheServiceRefusesIt) {
    PairedOffice o;
    Desk desk(o.office, o.own.token);
    open_tab(desk, o);
    const std::string phone = id_of(o.phone.id);
    ASSERT_EQ(me_status(o.office, o.phone.token), 200);

    // One tap asks; "Nee" changes nothing.
    ASSERT_TRUE(desk.driver->tap("devices/revoke/" + phone));
    ASSERT_TRUE(desk.until([&] { return desk.region("devices/confirm/" + phone) != nullptr; }));
    ASSERT_TRUE(desk.until([&] { return desk.session->busy() == 0; }));  // nothing on its way to the service
    EXPECT_TRUE(o.office.devices.device(o.phone.id)->active()) << "one tap withdrew the phone";
    EXPECT_EQ(me_status(o.office, o.phone.token), 200);
    ASSERT_TRUE(desk.driver->tap("devices/confirm/no"));
    ASSERT_TRUE(desk.until([&] { return desk.region("devices/confirm/" + phone) == nullptr; }));
    desk.driver->frames(3);
    EXPECT_TRUE(o.office.devices.device(o.phone.id)->active());
    EXPECT_TRUE(listed(desk, o.phone.id));

    // Asked again and confirmed: gone for the service and from the list.
    ASSERT_TRUE(desk.driver->tap("devices/revoke/" + phone));
    ASSERT_TRUE(desk.until([&] { return desk.region("devices/confirm/" + phone) != nullptr; }));
    ASSERT_TRUE(desk.driver->tap("devices/confirm/" + phone));
    ASSERT_TRUE(eventually([&] { return !o.office.devices.device(o.phone.id)->active(); }));
    EXPECT_EQ(me_status(o.office, o.phone.token), 401) << "a withdrawn phone still gets visitors";
    ASSERT_TRUE(desk.until([&] { return !listed(desk, o.phone.id) && desk.region("message/ok") != nullptr; }));
    EXPECT_EQ(desk.region("message/ok")->label,
              "Telefoon van " + colleague_with_phone(o.office).display_name() + " is ingetrokken.");
    EXPECT_TRUE(listed(desk, o.kiosk.id) && listed(desk, o.other_desk.id) && listed(desk, o.own.id))
        << "only the phone was withdrawn";
    EXPECT_EQ(me_status(o.office, o.kiosk.token), 200);
    EXPECT_EQ(desk.model().connection().state(), desk::Connection::Online) << "this desk stays paired";
}

TEST(DeskDevices, AKioskPairedWhileTheTabIsOpenAppearsOnVernieuwen) {
    PairedOffice o;
    Desk desk(o.office, o.own.token);
    open_tab(desk, o);
    const Paired late = pair_device(o.office, DeviceKind::Kiosk, "", "Wijkwinkel");
    desk.driver->frames(3);
    EXPECT_FALSE(listed(desk, late.id)) << "no event tells the desk of a new device";
    ASSERT_TRUE(desk.driver->tap("devices/refresh"));
    ASSERT_TRUE(desk.until([&] { return listed(desk, late.id); }));
    EXPECT_EQ(desk.region("devices/kind/" + id_of(late.id))->label, "Kiosk \"Wijkwinkel\"");
}

TEST(DeskDevices, ADeviceAnotherDeskWithdrewFirstLeavesTheListWithoutAnError) {
    PairedOffice o;
    Desk desk(o.office, o.own.token);
    open_tab(desk, o);
    const std::string kiosk = id_of(o.kiosk.id);
    ASSERT_TRUE(o.office.devices.revoke_device(o.kiosk.id, o.office.clock.now()));  // the other desk was quicker
    ASSERT_TRUE(desk.driver->tap("devices/revoke/" + kiosk));
    ASSERT_TRUE(desk.until([&] { return desk.region("devices/confirm/" + kiosk) != nullptr; }));
    ASSERT_TRUE(desk.driver->tap("devices/confirm/" + kiosk));
    ASSERT_TRUE(desk.until([&] { return !listed(desk, o.kiosk.id) && desk.region("message/ok") != nullptr; }));
    EXPECT_EQ(desk.region("message/ok")->label, "Kiosk \"Entree\" was al ingetrokken.");
    EXPECT_EQ(desk.region("message/error"), nullptr);
}

}  // namespace
}  // namespace gastvrij::desk_test
