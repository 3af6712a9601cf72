// The companion's pairing screen, as a colleague's phone camera reads it:
// the QR code in the rendered frame decodes (Debian's zbarimg) to exactly the
// phone-page address with the one-time code the screen shows, keeps a quiet
// zone of four modules, and the code it carries really pairs a phone — once.
#include <gtest/gtest.h>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "cli/qr_scan.h"
#include "desk/desk_fixture.h"

namespace gastvrij {
namespace {

using desk_test::Desk;
using desk_test::Office;
using json = nlohmann::json;

TEST(DeskPairingQr, DecodesToThePhonePageWithTheCodeShownAndThatCodePairsOnce) {
    if (!qr_test::have_zbarimg()) GTEST_SKIP() << qr_test::kZbarimg << " is missing (Debian package zbar-tools)";
    Office office;
    Desk desk(office, office.desk_token());
    ASSERT_TRUE(desk.online());
    const Staff* colleague = nullptr;
    for (const auto& s : office.service->config().directory.staff)
        if (s.phone_page && !colleague) colleague = &s;
    ASSERT_NE(colleague, nullptr) << "the test office has nobody with a phone page";

    ASSERT_TRUE(desk.driver->tap("tab/pairing"));
    ASSERT_TRUE(desk.until([&] { return desk.region("pairing/staff/" + colleague->id) != nullptr; }));
    ASSERT_TRUE(desk.driver->tap("pairing/staff/" + colleague->id));
    ASSERT_TRUE(desk.driver->tap("pairing/create"));
    ASSERT_TRUE(desk.until([&] { return desk.region("pairing/qr") != nullptr && desk.region("pairing/code") != nullptr; }));

    desk.driver->frames(2, true);
    const ui::WidgetInfo* qr = desk.region("pairing/qr");
    const ui::WidgetInfo* code_shown = desk.region("pairing/code");
    ASSERT_NE(qr, nullptr);
    ASSERT_NE(code_shown, nullptr);
    const std::string code = code_shown->label;
    ASSERT_EQ(code.size(), 8u) << code;
    const std::string expected = office.service->public_url() + "/phone#pair=" + code;

    desk_test::TempDir dir;
    const std::string png = dir.file("pairing.png");
    std::string err;
    ASSERT_TRUE(desk.window->capture_png(png, &err)) << err;
    const std::vector<std::string> decoded = qr_test::zbar_decode(png);
    ASSERT_EQ(decoded.size(), 1u) << "one code on the screen, found by a camera";
    EXPECT_EQ(decoded[0], expected);

    const qr_test::RgbaFrame frame(desk.window->pixels(), desk.window->width(), desk.window->height());
    ASSERT_TRUE(frame.valid());
    const qr_test::QrGeometry g = qr_test::measure_qr(frame, qr->rect.x, qr->rect.y, qr->rect.w, qr->rect.h);
    ASSERT_TRUE(qr_test::crisp_with_quiet_zone(g));
    EXPECT_GE(g.module, 3) << "modules of " << g.module << " px are hard for a phone at arm's length";

    // The phone page takes the code from the address it was opened at.
    const std::string marker = "#pair=";
    const auto at = decoded[0].find(marker);
    ASSERT_NE(at, std::string::npos);
    const std::string scanned = decoded[0].substr(at + marker.size());
    httplib::Client http("127.0.0.1", office.port);
    const std::string body = json{{"code", scanned}, {"name", "Telefoon test"}}.dump();
    auto first = http.Post("/pair", body, "application/json");
    ASSERT_TRUE(first);
    ASSERT_EQ(first->status, 201) << first->body;
    const std::string token = json::parse(first->body).at("token").get<std::string>();
    ASSERT_FALSE(token.empty());
    auto me = http.Get("/api/v1/me", {{"Authorization", "Bearer " + token}});
    ASSERT_TRUE(me);
    ASSERT_EQ(me->status, 200) << me->body;
    const json device = json::parse(me->body);
    EXPECT_EQ(device.value("kind", ""), "phone") << me->body;
    EXPECT_EQ(device.value("staff_id", ""), colleague->id) << "the phone gets another colleague's visitors: " << me->body;

    auto again = http.Post("/pair", body, "application/json");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 410) << "a pairing code works once: " << again->body;
}

}  // namespace
}  // namespace gastvrij
