// A reply that is not what API v1 promises is refused with a WireError that
// names what is wrong — never a visit with id 0, never a crash.
#include <gtest/gtest.h>

#include "wire/callback.h"
#include "wire/fields.h"
#include "wire/notification.h"
#include "wire/report.h"
#include "wire/visit.h"
#include "wire_values.h"

namespace gastvrij::wire_test {
namespace {

using nlohmann::json;

// The error's words, or "" when nothing was thrown.
template <class T>
std::string refusal(const json& j) {
    try {
        (void)j.get<T>();
    } catch (const WireError& e) {
        return e.what();
    }
    return "";
}

json visit_json() { return json(sample_visit_view()); }

TEST(WireMalformed, AMissingFieldIsNamed) {
    json j = visit_json();
    j.erase("state");
    EXPECT_EQ(refusal<VisitView>(j), "\"state\" is missing");
}

TEST(WireMalformed, AWrongTypeIsNamed) {
    json j = visit_json();
    j["id"] = "4711";
    EXPECT_EQ(refusal<VisitView>(j), "\"id\" must be a whole number, not string");
    j = visit_json();
    j["minutes_waiting"] = 2.5;
    EXPECT_EQ(refusal<VisitView>(j), "\"minutes_waiting\" must be a whole number, not number");
    j = visit_json();
    j["waiting"] = 1;
    EXPECT_EQ(refusal<VisitView>(j), "\"waiting\" must be true or false, not number");
    j = visit_json();
    j["tried_hosts"] = {"1042", 1043};
    EXPECT_EQ(refusal<VisitView>(j), "\"tried_hosts\" must be a list of strings, not array");
    j = visit_json();
    j["host_name"] = nullptr;
    EXPECT_EQ(refusal<VisitView>(j), "\"host_name\" must be a string, not null");
}

TEST(WireMalformed, AnUnknownWordIsNamed) {
    json j = visit_json();
    j["promise"] = "maybe";
    EXPECT_EQ(refusal<VisitView>(j), "\"promise\" has an unknown value \"maybe\"");
    json c = json(CallbackView{});
    c["part"] = "night";
    EXPECT_EQ(refusal<CallbackView>(c), "\"part\" has an unknown value \"night\"");
}

TEST(WireMalformed, NotAnObjectOrNotAList) {
    EXPECT_EQ(refusal<VisitView>(json::array({1, 2})), "expected an object with \"id\", not array");
    EXPECT_EQ(refusal<VisitList>(json{{"now", 1}, {"cursor", 2}, {"visits", json::object()}}),
              "\"visits\" must be a list, not object");
    json r = json(ReportView{});
    r["per_hour"] = std::vector<int>(23, 0);
    EXPECT_EQ(refusal<ReportView>(r), "\"per_hour\" must be a list of 24 counts");
}

TEST(WireMalformed, AFaultDeepInsideIsFoundToo) {
    NotificationView n;
    n.visit = sample_visit_view();
    json j = n;
    j["visit"].erase("topic");
    EXPECT_EQ(refusal<NotificationView>(j), "\"topic\" is missing");
    json list = VisitList{1, 2, {sample_visit_view(), sample_visit_view()}};
    list["visits"][1]["arrived_at"] = "yesterday";
    EXPECT_EQ(refusal<VisitList>(list), "\"arrived_at\" must be a whole number, not string");
}

TEST(WireMalformed, TextThatIsNotJson) {
    try {
        (void)decode<VisitView>("<html>502 Bad Gateway</html>");
        FAIL() << "no WireError";
    } catch (const WireError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("not JSON: ", 0), 0u) << e.what();
    }
    EXPECT_THROW((void)decode<VisitView>(""), WireError);
    EXPECT_THROW((void)decode<VisitView>("{\"id\": 1"), WireError);
}

}  // namespace
}  // namespace gastvrij::wire_test
