// A companion's pairing QR code carries the service address and the one-time
// code (issue 4), and `gastvrij desk --server LINK` pairs from it as it is.
#include "domain/devices.h"
#include "client/client.h"
#include "service_fixture.h"

namespace gastvrij::service_test {
namespace {

TEST(DeskPairingLink, TheCodeForACompanionComesAsALinkThatPairsFromItsParts) {
    Harness h;
    const std::string desk = h.pair(DeviceKind::Desk);
    auto r = h.http().Post("/api/v1/pairing", Harness::auth(desk), json{{"kind", "desk"}}.dump(), "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 201) << r->body;
    const json p = json::parse(r->body);
    const std::string code = p.at("code");
    EXPECT_EQ(p.at("url"), "http://phones.example.test:8470/desk#pair=" + code);

    // What `gastvrij desk --server LINK` does with it: address and code apart.
    const auto parts = parse_pairing_link(p.at("url"));
    ASSERT_TRUE(parts);
    EXPECT_EQ(parts->service_url, "http://phones.example.test:8470");
    EXPECT_EQ(parts->code, code);
    // The public address is not this test's; the code pairs with the local one.
    const PairedDevice paired = ServiceClient::pair(h.url(), parts->code, "Balie rechts");
    EXPECT_EQ(paired.device.kind, DeviceKind::Desk);

    // A browser that opens the link gets the browser companion, which pairs with it.
    auto page = h.http().Get("/desk");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("/desk.js"), std::string::npos);
}

TEST(DeskPairingLink, PlainAddressesAndBrokenLinksAreNoPairingLinks) {
    EXPECT_FALSE(parse_pairing_link("http://kiosk.local:8470"));
    EXPECT_FALSE(parse_pairing_link("http://kiosk.local:8470/desk#pair="));
    EXPECT_FALSE(parse_pairing_link("#pair=ABCD2345"));
    const auto phone = parse_pairing_link(pairing_link("https://k.example:8470", DeviceKind::Phone, "ABCD2345"));
    ASSERT_TRUE(phone);
    EXPECT_EQ(phone->service_url, "https://k.example:8470");
    EXPECT_EQ(phone->code, "ABCD2345");
}

}  // namespace
}  // namespace gastvrij::service_test
