// What a device on the office network sends as text is refused with a 400
// naming the field — never a 500, never kept as sent — when it could break a
// board, a message or a log line: markup or digits as a first name, control
// characters, direction overrides, a NUL.
#include "service_fixture.h"

namespace gastvrij::service_test {
namespace {

json error_of(const httplib::Result& r) { return json::parse(r->body); }

TEST(HostileText, AFirstNameIsLettersOfAnyScriptAndNothingElse) {
    Harness h;
    const std::string token = h.pair(DeviceKind::Desk);
    auto c = h.http();
    const std::string refused[] = {"*Jan* [klik](https://phish.example)", "Jan\r\nBcc: x@example.nl",
                                   std::string("Ja\0n", 4), "\u202Enaj", "<script>alert(1)</script>", "Jan 2",
                                   std::string(41, 'a')};
    for (const std::string& name : refused) {
        auto r = c.Post("/api/v1/visits", Harness::auth(token), json{{"topic", "rent"}, {"name", name}}.dump(),
                        "application/json");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 400) << name;
        EXPECT_EQ(error_of(r).at("field"), "name") << r->body;
    }
    EXPECT_TRUE(h.store.open_visits().empty()) << "nothing refused was kept";

    for (const char* name : {"Ayşe", "Łucja", "فاطمة", "Anne-Marie", "O'Brien", "J. de Vries"}) {
        auto r = c.Post("/api/v1/visits", Harness::auth(token), json{{"topic", "rent"}, {"name", name}}.dump(),
                        "application/json");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 201) << name << ": " << r->body;
        EXPECT_EQ(json::parse(r->body).at("visitor_name"), name);
    }
}

TEST(HostileText, InvalidUtf8IsA400NotA500) {
    Harness h;
    const std::string token = h.pair(DeviceKind::Desk);
    auto c = h.http();
    // Raw bytes that are no UTF-8, inside a JSON string.
    const std::string body = std::string(R"({"topic":"rent","name":"Jan)") + "\xFF\xFE" + R"("})";
    auto r = c.Post("/api/v1/visits", Harness::auth(token), body, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << r->body;
    EXPECT_TRUE(h.store.open_visits().empty());
}

TEST(HostileText, ADeviceNameWithControlsIsRefusedAtPairing) {
    Harness h;
    const std::string refused[] = {"Balie\nAdmin", "Balie\x1B[2J", std::string("a\0b", 3), "Balie \u202E2"};
    for (const std::string& name : refused) {
        const PairingTicket t = h.service.pairing().create_code(DeviceKind::Desk, "");
        auto r = h.http().Post("/pair", json{{"code", t.code}, {"name", name}}.dump(), "application/json");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 400) << r->body;
        EXPECT_EQ(error_of(r).at("field"), "name") << r->body;
    }
    EXPECT_NO_THROW(h.pair(DeviceKind::Desk, "", "Balie 2 — kantoor Zuid"));
}

}  // namespace
}  // namespace gastvrij::service_test
