// Pairing: codes expire, work once, and the tokens they give are stored only
// as hashes.

#include "service/crypto.h"
#include "service_fixture.h"
#include "support/raw_store.h"
#include "store/sqlite_devices.h"
#include "store/sqlite_store.h"

namespace gastvrij::service_test {
namespace {

json pairing_for(Harness& h, const std::string& desk, const json& body, int expect = 201) {
    auto r = h.http().Post("/api/v1/pairing", Harness::auth(desk), body.dump(), "application/json");
    if (!r) throw std::runtime_error("no answer");
    EXPECT_EQ(r->status, expect) << r->body;
    return json::parse(r->body);
}

httplib::Result redeem(Harness& h, const std::string& code, const std::string& name = "telefoon") {
    return h.http().Post("/pair", json{{"code", code}, {"name", name}}.dump(), "application/json");
}

TEST(Pairing, PhoneCodeGivesAPhoneTokenForThatColleague) {
    Harness h;
    const std::string desk = h.pair(DeviceKind::Desk);
    const json p = pairing_for(h, desk, {{"kind", "phone"}, {"staff_id", "1042"}});
    const std::string code = p.at("code");
    EXPECT_EQ(code.size(), 8u);
    EXPECT_EQ(p.at("url"), "http://phones.example.test:8470/phone#pair=" + code);
    EXPECT_EQ(p.at("staff_name"), "Fatma Yılmaz");
    EXPECT_EQ(p.at("expires_at").get<Timestamp>(), h.clock.now() + 5 * 60);
    const std::string svg = p.at("qr_svg");
    EXPECT_EQ(svg.rfind("<svg", 0), 0u);
    EXPECT_NE(svg.find("<path"), std::string::npos);

    // Typed in lower case with a dash, as people do.
    auto r = redeem(h, code.substr(0, 4) + "-" + code.substr(4));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 201) << r->body;
    const json paired = json::parse(r->body);
    const std::string token = paired.at("token");
    EXPECT_EQ(token.size(), 64u);
    auto me = h.http().Get("/api/v1/me", Harness::auth(token));
    ASSERT_TRUE(me);
    const json device = json::parse(me->body);
    EXPECT_EQ(device.at("kind"), "phone");
    EXPECT_EQ(device.at("staff_id"), "1042");
    EXPECT_EQ(device.at("name"), "telefoon");
}

TEST(Pairing, ExpiredCodeIsRefusedWith410) {
    Harness h;
    const std::string desk = h.pair(DeviceKind::Desk);
    const std::string code = pairing_for(h, desk, {{"kind", "phone"}, {"staff_id", "1042"}}).at("code");
    h.clock.advance(5 * 60);  // exactly at the end: too late
    auto r = redeem(h, code);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 410);
    EXPECT_EQ(json::parse(r->body).at("reason"), "expired");
    EXPECT_EQ(h.devices.devices(true).size(), 1u);  // only the desk

    const std::string fresh = pairing_for(h, desk, {{"kind", "phone"}, {"staff_id", "1042"}}).at("code");
    h.clock.advance(5 * 60 - 1);  // one second left
    auto ok = redeem(h, fresh);
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 201);
}

TEST(Pairing, CodeWorksOnceEvenWhenRacedFor) {
    Harness h;
    const std::string desk = h.pair(DeviceKind::Desk);
    const std::string code = pairing_for(h, desk, {{"kind", "phone"}, {"staff_id", "1042"}}).at("code");
    std::atomic<int> paired{0}, gone{0}, other{0};
    std::vector<std::thread> racers;
    for (int i = 0; i < 8; ++i) {
        racers.emplace_back([&, i] {
            auto r = redeem(h, code, "racer " + std::to_string(i));
            if (r && r->status == 201) ++paired;
            else if (r && r->status == 410 && json::parse(r->body).at("reason") == "used") ++gone;
            else ++other;
        });
    }
    for (auto& t : racers) t.join();
    EXPECT_EQ(paired.load(), 1);
    EXPECT_EQ(gone.load(), 7);
    EXPECT_EQ(other.load(), 0);
    auto again = redeem(h, code);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 410);
    EXPECT_EQ(json::parse(again->body).at("reason"), "used");
}

TEST(Pairing, UnknownCodeIs401) {
    Harness h;
    auto r = redeem(h, "ZZZZZZZZ");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(json::parse(r->body).at("reason"), "unknown");
    auto empty = h.http().Post("/pair", R"({"code":""})", "application/json");
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->status, 400);
    EXPECT_EQ(json::parse(empty->body).at("field"), "code");
}

TEST(Pairing, OnlyColleaguesWithAPhonePageGetPhoneCodes) {
    Harness h;
    const std::string desk = h.pair(DeviceKind::Desk);
    json j = pairing_for(h, desk, {{"kind", "phone"}, {"staff_id", "1043"}}, 400);
    EXPECT_EQ(j.at("field"), "staff_id");
    j = pairing_for(h, desk, {{"kind", "phone"}, {"staff_id", "0000"}}, 400);
    EXPECT_EQ(j.at("field"), "staff_id");
    j = pairing_for(h, desk, {{"kind", "printer"}}, 400);
    EXPECT_EQ(j.at("field"), "kind");
    j = pairing_for(h, desk, {{"kind", "desk"}});
    EXPECT_EQ(j.at("url"), "http://phones.example.test:8470/desk#pair=" + j.at("code").get<std::string>());
}

TEST(Pairing, TheDataFileHoldsNoTokenOrCode) {
    Harness h;
    const std::string desk = h.pair(DeviceKind::Desk);
    const std::string code = pairing_for(h, desk, {{"kind", "phone"}, {"staff_id", "1042"}}).at("code");
    auto r = redeem(h, code);
    ASSERT_TRUE(r);
    const std::string phone = json::parse(r->body).at("token");

    // Read every cell of both tables straight from the store.
    std::string all;
    for (const char* table : {"devices", "pairing_codes"})
        for (const auto& row : test_support::raw_rows(h.data, table)) all += row;
    EXPECT_NE(all.find("phone"), std::string::npos) << "the rows were read";
    EXPECT_EQ(all.find(desk), std::string::npos);
    EXPECT_EQ(all.find(phone), std::string::npos);
    EXPECT_EQ(all.find(code), std::string::npos);
    EXPECT_NE(all.find(sha256_hex(phone)), std::string::npos);
}

TEST(Pairing, DevicesSurviveARestartOfTheService) {
    TempDir dir;
    TestClock clock(monday_1042());
    std::string token;
    {
        SqliteStore store(dir.file("g.db"));
        SqliteDeviceStore devices(dir.file("g.db"));
        Service s(office_config(), store, devices, clock, test_options());
        s.start();
        token = s.pairing().redeem(s.pairing().create_code(DeviceKind::Desk, "").code, "desk").token;
    }
    SqliteDeviceStore devices(dir.file("g.db"));  // opened first this time: it migrates the file itself
    SqliteStore store(dir.file("g.db"));
    Service s(office_config(), store, devices, clock, test_options());
    s.start();
    httplib::Client c("127.0.0.1", s.port());
    auto r = c.Get("/api/v1/me", Harness::auth(token));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(json::parse(r->body).at("name"), "desk");
}

}  // namespace
}  // namespace gastvrij::service_test
