// A receptionist starts "Gastvrij Balie" from the menu on a new PC: the
// companion knows no service yet, takes the pairing link, pins the service's
// certificate, and later starts on that service alone. A service showing
// another certificate is refused in words a receptionist can act on.
#include "client/token_file.h"
#include "desk_fixture.h"

namespace gastvrij::desk_test {
namespace {

TEST(DeskPinnedPairing, ANewDeskPairsFromThePastedLinkAndKeepsServiceAndPin) {
    Office office(/*https=*/true);
    TempDir home;
    const std::string file = home.file("config/gastvrij/desk-token");
    Desk desk(office, "", false, file, std::string());
    ASSERT_TRUE(desk.until([&] { return desk.region("link/title") != nullptr; }));

    // A bare code means nothing without a service.
    desk.app->link().code = "ABCD2345";
    ASSERT_TRUE(desk.driver->tap("link/pair"));
    ASSERT_TRUE(desk.until([&] { return desk.region("message/error") != nullptr; }));
    EXPECT_NE(desk.region("message/error")->label.find("koppellink"), std::string::npos)
        << desk.region("message/error")->label;

    desk.app->link().code = office.desk_link();
    ASSERT_TRUE(desk.driver->tap("link/pair"));
    ASSERT_TRUE(desk.online()) << "the desk did not connect over HTTPS with the pinned certificate";

    const DevicePairing kept = load_pairing(file);
    EXPECT_FALSE(kept.token.empty());
    EXPECT_EQ(kept.server, office.url());
    EXPECT_EQ(kept.fingerprint, office.fingerprint);
}

TEST(DeskPinnedPairing, ALinkWithAnotherCertificatesFingerprintIsRefusedInPlainWords) {
    Office office(/*https=*/true);
    Office impostor(/*https=*/true);
    TempDir home;
    Desk desk(office, "", false, home.file("desk-token"), std::string());
    ASSERT_TRUE(desk.until([&] { return desk.region("link/title") != nullptr; }));

    // The real office's link, but the impostor answers at that address.
    const auto real = parse_pairing_link(office.desk_link());
    ASSERT_TRUE(real);
    desk.app->link().code = pairing_link(impostor.url(), DeviceKind::Desk, real->code, real->fingerprint);
    ASSERT_TRUE(desk.driver->tap("link/pair"));
    ASSERT_TRUE(desk.until([&] { return desk.region("message/error") != nullptr; }));
    const std::string said = desk.region("message/error")->label;
    EXPECT_NE(said.find("ander certificaat"), std::string::npos) << said;
    EXPECT_NE(said.find("Er is niets verstuurd"), std::string::npos) << said;
    EXPECT_EQ(desk.model().connection().state(), desk::Connection::Unpaired);
    EXPECT_TRUE(impostor.devices.devices(true).empty()) << "the code reached the impostor";
}

}  // namespace
}  // namespace gastvrij::desk_test
