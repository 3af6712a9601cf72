// Visits left open past their day end by themselves, so the board and every
// check-in's routing look at today's visits only.
#include <gtest/gtest.h>

#include "client/client.h"
#include "service/service_fixture.h"

namespace gastvrij::service_test {
namespace {

TEST(DayEnd, VisitsStillOpenFromYesterdayAreClosedAtTheFirstTickOfTheNewDay) {
    Harness h;  // Monday 10:42
    ServiceClient desk(h.url(), h.pair(DeviceKind::Desk));
    const VisitView waiting = desk.check_in("rent", "", "Ayşe");
    const VisitView talking = desk.check_in("repair");
    desk.start(talking.visit.id);
    const VisitView done = desk.check_in("rent");
    desk.start(done.visit.id);
    desk.finish(done.visit.id);
    ASSERT_TRUE(h.service.tick_now());
    EXPECT_EQ(desk.visits().size(), 2u);  // the same day: nothing closes

    // Tuesday morning: nobody pressed "finished" or "left" last night.
    h.clock.advance(22 * 3600);
    const VisitView today = desk.check_in("rent");
    ASSERT_TRUE(h.service.tick_now());

    const auto open = desk.visits();
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].visit.id, today.visit.id);
    const auto w = h.store.visit(waiting.visit.id);
    const auto t = h.store.visit(talking.visit.id);
    ASSERT_TRUE(w && t);
    EXPECT_EQ(w->state, VisitState::Cancelled);
    EXPECT_EQ(t->state, VisitState::Finished);  // the conversation happened
    // Each says who closed it and why, for the report and the desk.
    const auto events = h.store.events(waiting.visit.id);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back().actor, kDayEndActor);
    EXPECT_EQ(events.back().detail, "still open when its day ended");
    // The finished visit kept its own end.
    EXPECT_NE(h.store.events(done.visit.id).back().actor, kDayEndActor);
}

}  // namespace
}  // namespace gastvrij::service_test
