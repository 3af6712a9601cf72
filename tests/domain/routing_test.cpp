#include <gtest/gtest.h>

#include "domain/routing.h"
#include "office.h"

using namespace gastvrij;

namespace {

class Routing : public ::testing::Test {
protected:
    Directory dir = fixture::office();
    PresenceBoard presence;
    OpenLoad load;
    FakeClock clock{FakeClock{}.at_local(2026, 11, 23, 10, 0)};  // Monday 10:00

    RouteResult at(int weekday_offset, int hour, int minute, const std::string& topic,
                   const std::string& chosen = "") {
        const LocalTime t = clock.local(clock.at_local(2026, 11, 23 + weekday_offset, hour, minute));
        RoutingContext ctx{dir, presence, load, t};
        return route(ctx, *dir.topic(topic), chosen);
    }
    RouteResult now(const std::string& topic, const std::string& chosen = "") {
        return at(0, 10, 0, topic, chosen);
    }
};

}  // namespace

TEST_F(Routing, ChosenColleagueWhoIsInGetsTheVisitor) {
    RouteResult r = now("appointment", "1042");
    EXPECT_EQ(r.host_id, "1042");
    EXPECT_EQ(r.team_id, "verhuur");
    EXPECT_EQ(r.level, 0);
    EXPECT_EQ(r.reason, "chosen");
}

TEST_F(Routing, AbsentColleagueHandsToTheirBackup) {
    for (Presence p : {Presence::Out, Presence::Lunch}) {
        presence["1042"] = p;
        RouteResult r = now("appointment", "1042");
        EXPECT_EQ(r.host_id, "1043") << to_string(p);
        EXPECT_EQ(r.level, 1);
        EXPECT_EQ(r.reason, "backup of 1042");
    }
}

TEST_F(Routing, BackupAbsentToo_LeastBusyTeamMember) {
    presence["1042"] = Presence::Out;
    presence["1043"] = Presence::Lunch;
    RouteResult r = now("appointment", "1042");
    EXPECT_EQ(r.host_id, "1044");
    EXPECT_EQ(r.team_id, "verhuur");
    EXPECT_EQ(r.level, 2);
    EXPECT_EQ(r.reason, "team verhuur");
}

TEST_F(Routing, TeamTopicPicksLeastLoadedThenDirectoryOrder) {
    // Everybody free: the first in the directory.
    EXPECT_EQ(now("rent").host_id, "1042");
    EXPECT_EQ(now("rent").level, 0);
    load["1042"] = 2;
    load["1043"] = 1;
    load["1044"] = 1;
    EXPECT_EQ(now("rent").host_id, "1043");  // tie 1043/1044 → directory order
    load["1043"] = 3;
    EXPECT_EQ(now("rent").host_id, "1044");
    presence["1044"] = Presence::Out;
    EXPECT_EQ(now("rent").host_id, "1042");  // busy but present beats absent
}

TEST_F(Routing, WorkingHoursDecideWhenNobodyMarkedPresence) {
    // 08:45: Fatma starts at 08:30, Jan and Agnieszka at 09:00.
    EXPECT_EQ(at(0, 8, 45, "rent").host_id, "1042");
    presence["1042"] = Presence::Out;
    EXPECT_EQ(at(0, 8, 45, "rent").host_id, "2001");  // backup team wijk starts at 08:00
    EXPECT_EQ(at(0, 8, 45, "rent").level, 2);
    EXPECT_EQ(at(0, 8, 45, "rent").reason, "backup team wijk");
    // Friday: Agnieszka does not work, so with Fatma and Jan out → wijk.
    presence["1043"] = Presence::Out;
    EXPECT_EQ(at(4, 10, 0, "rent").host_id, "2001");
    EXPECT_EQ(at(3, 10, 0, "rent").host_id, "1044");  // Thursday she does
}

TEST_F(Routing, OutsideWorkingHoursOnlyThoseMarkedInCount) {
    EXPECT_TRUE(at(0, 18, 0, "rent").is_desk());
    EXPECT_TRUE(at(5, 10, 0, "appointment", "1042").is_desk());  // Saturday
    presence["1044"] = Presence::In;  // stayed late and said so
    RouteResult r = at(0, 18, 0, "rent");
    EXPECT_EQ(r.host_id, "1044");
    EXPECT_EQ(r.level, 0);
}

TEST_F(Routing, WholeTeamAbsentGoesToBackupTeam) {
    for (const char* id : {"1042", "1043", "1044"}) presence[id] = Presence::Out;
    load["2001"] = 1;
    RouteResult r = now("appointment", "1043");
    EXPECT_EQ(r.host_id, "2002");
    EXPECT_EQ(r.team_id, "wijk");
    EXPECT_EQ(r.level, 2);
}

TEST_F(Routing, NobodyAvailableMeansTheDesk) {
    for (const auto& s : dir.staff) presence[s.id] = Presence::Out;
    RouteResult r = now("appointment", "1042");
    EXPECT_TRUE(r.is_desk());
    EXPECT_EQ(r.team_id, "receptie");
    EXPECT_EQ(r.level, 3);
    EXPECT_EQ(r.reason, "desk: nobody available");
    EXPECT_TRUE(now("repair").is_desk());
}

TEST_F(Routing, DeskTopicGoesStraightToTheDesk) {
    RouteResult r = now("talk");
    EXPECT_TRUE(r.is_desk());
    EXPECT_EQ(r.team_id, "receptie");
    EXPECT_EQ(r.level, 3);
}

TEST_F(Routing, UnknownChosenColleagueFallsBackToTopicTeam) {
    RouteResult r = now("rent", "9999");
    EXPECT_EQ(r.host_id, "1042");
    EXPECT_EQ(r.team_id, "verhuur");
}

TEST_F(Routing, BackupTeamCycleEndsAtTheDesk) {
    dir.teams[1].backup_team = "verhuur";  // wijk → verhuur → wijk …
    for (const auto& s : dir.staff) presence[s.id] = Presence::Out;
    EXPECT_TRUE(now("rent").is_desk());
}

TEST(Availability, PresenceOverridesHours) {
    Staff s = fixture::person("1", "A", "B", "t", fixture::weekdays(9, 0, 17, 0));
    FakeClock c;
    const LocalTime monday_noon = c.local(c.at_local(2026, 11, 23, 12, 0));
    const LocalTime monday_night = c.local(c.at_local(2026, 11, 23, 22, 0));
    const LocalTime five_pm = c.local(c.at_local(2026, 11, 23, 17, 0));
    EXPECT_TRUE(is_available(s, Presence::Unknown, monday_noon));
    EXPECT_FALSE(is_available(s, Presence::Unknown, monday_night));
    EXPECT_FALSE(is_available(s, Presence::Unknown, five_pm));  // end is exclusive
    EXPECT_TRUE(is_available(s, Presence::In, monday_night));
    EXPECT_FALSE(is_available(s, Presence::Out, monday_noon));
    EXPECT_FALSE(is_available(s, Presence::Lunch, monday_noon));
}
