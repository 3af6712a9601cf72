// When the store cannot commit a check-in — the file is locked by another
// program, or the disk is full — the visitor is told honestly and sent to the
// desk, and nothing half-written is left behind.
#include <gtest/gtest.h>

#include "kiosk/kiosk_fixture.h"

namespace gastvrij {
namespace {

using kiosk_test::KioskSetup;

struct Counts {
    std::int64_t visits, events, outbox;
    bool operator==(const Counts& o) const { return visits == o.visits && events == o.events && outbox == o.outbox; }
};

Counts counts(const std::string& file) {
    sqlite::Database db(file, 2000);
    return {db.query_int("SELECT count(*) FROM visits"), db.query_int("SELECT count(*) FROM visit_events"),
            db.query_int("SELECT count(*) FROM outbox")};
}

std::ostream& operator<<(std::ostream& o, const Counts& c) {
    return o << c.visits << " visits, " << c.events << " events, " << c.outbox << " messages";
}

// Fills the file up to its page limit: first with long rows, then with
// check-ins like the kiosk's own, until three in a row are refused.
void fill_up(kiosk_test::Kiosk& k) {
    int refused = 0;
    for (int i = 0; i < 20000 && refused < 3; ++i) {
        try {
            if (i < 400 && refused == 0) {
                Visit v;
                v.kiosk_id = "kiosk:filler";
                v.topic_id = "repair";
                v.team_id = "onderhoud";
                v.host_id = "1001";
                v.visitor_name = std::string(200, char('a' + i % 26));
                v.state = VisitState::HostNotified;
                v.arrived_at = k.clock.now();
                VisitEvent e;
                e.at = v.arrived_at;
                e.actor = "filler";
                e.detail = std::string(500, '.');
                k.store->create_visit(v, {e}, {});
            } else {
                k.reception->check_in({"repair", "", "", "nl", "kiosk:filler"});
                refused = 0;
            }
        } catch (const StoreError& e) {
            ASSERT_EQ(e.kind, StoreError::Kind::Full) << e.what();
            ++refused;
        }
    }
    ASSERT_EQ(refused, 3) << "the page limit was never reached";
}

class StoreRefusal : public ::testing::TestWithParam<std::string> {};

TEST_P(StoreRefusal, TheVisitorIsSentToTheDeskAndNothingIsHalfWritten) {
    const bool locked = GetParam() == "locked";
    KioskSetup setup;
    if (locked) setup.store.busy_timeout_ms = 200;
    else setup.store.max_pages = 60;
    NEW_KIOSK(k, setup);

    ASSERT_TRUE(k.taps({"lang/en", "welcome/start", "topic/repair"}));
    ASSERT_EQ(k.screen(), "name");
    ASSERT_TRUE(k.driver->type("ida"));

    std::unique_ptr<sqlite::Database> other;
    if (locked) {
        other = std::make_unique<sqlite::Database>(k.db_file, 0);
        other->exec("BEGIN EXCLUSIVE", "holding the file like another program would");
    } else {
        fill_up(k);
    }
    const Counts before = counts(k.db_file);

    ASSERT_TRUE(k.taps({"name/done"}));
    ASSERT_EQ(k.screen(), "store_error");
    EXPECT_EQ(k.label("title"), k.config().texts.text("en", "error.store"));
    EXPECT_FALSE(k.session().visit) << "no visit may be shown as confirmed";
    EXPECT_FALSE(k.session().store_error.empty());
    EXPECT_EQ(k.find("confirm/headline"), nullptr);
    EXPECT_EQ(counts(k.db_file), before) << "a refused check-in left rows behind";
    EXPECT_NE(k.find("nav/home"), nullptr) << "the visitor can always start again";

    if (!locked) {
        // A full disk stays full: the visitor starts again or goes to the desk.
        ASSERT_TRUE(k.taps({"nav/home"}));
        EXPECT_EQ(k.screen(), "welcome");
        EXPECT_EQ(k.session().name, "");
        EXPECT_EQ(counts(k.db_file), before);
        return;
    }
    // Once the file is free again, going back and trying once more works.
    other->exec("COMMIT", "releasing the file");
    ASSERT_TRUE(k.taps({"nav/back"}));
    ASSERT_EQ(k.screen(), "name");
    EXPECT_EQ(k.session().name, "Ida");
    ASSERT_TRUE(k.taps({"name/done"}));
    ASSERT_EQ(k.screen(), "confirmation");
    const Counts after = counts(k.db_file);
    EXPECT_EQ(after.visits, before.visits + 1);
    EXPECT_EQ(after.events, before.events + 2);
    EXPECT_GT(after.outbox, before.outbox);
}

INSTANTIATE_TEST_SUITE_P(Kinds, StoreRefusal, ::testing::Values("locked", "full"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gastvrij
