// Offices on one store, as a corporation runs them on one PostgreSQL database
// (and as a single office's SQLite file holds one): each office sees, changes
// and tallies its own visits, callbacks, answers, notices, presence and
// devices only; the reports add them up.
#include <gtest/gtest.h>

#include <memory>

#include "domain/report.h"
#include "domain/store.h"
#include "store/migrations.h"
#include "store/open_store.h"
#include "store/store_fixture.h"
#include "support/engines.h"

namespace gastvrij {
namespace {

using store_test::check_in;
using test_support::Engine;
using test_support::TempDir;

constexpr Timestamp kNow = 1'795'000'000;

class Offices : public ::testing::TestWithParam<Engine> {
protected:
    TempDir dir;
    const std::string url = test_support::store_url_on(GetParam(), dir);
    std::unique_ptr<Store> zuid = open_store(url, "zuid");
    std::unique_ptr<Store> noord = open_store(url, "noord");
};

INSTANTIATE_TEST_SUITE_P(Engines, Offices, test_support::both_engines(), test_support::engine_name);

CallbackRequest callback_at(Timestamp at) {
    CallbackRequest c;
    c.phone = "+31612345678";
    c.topic_id = "rent";
    c.part = PartOfDay::Afternoon;
    c.created_at = at;
    c.due_at = at + 86'400;
    return c;
}

SurveyResponse answer_at(Timestamp at, int score) {
    SurveyResponse r;
    r.hour = at;
    r.score = score;
    r.staff_id = "1042";
    return r;
}

TEST_P(Offices, EachOfficeSeesOnlyItsOwnVisitsAndTheirEvents) {
    auto c = check_in(kNow, "Zeynep");
    const StoredVisit here = zuid->create_visit(c.visit, c.events, c.outbox);

    EXPECT_EQ(zuid->open_visits().size(), 1u);
    EXPECT_EQ(zuid->events(here.visit.id).size(), 2u);
    EXPECT_EQ(zuid->events_since(0, 100).size(), 2u);
    EXPECT_EQ(zuid->visits_between(kNow - 60, kNow + 60).size(), 1u);

    // Another office's desk neither sees the visitor nor can act on the visit.
    EXPECT_TRUE(noord->open_visits().empty());
    EXPECT_FALSE(noord->visit(here.visit.id));
    EXPECT_TRUE(noord->events(here.visit.id).empty());
    EXPECT_TRUE(noord->events_since(0, 100).empty());
    EXPECT_TRUE(noord->visits_between(kNow - 60, kNow + 60).empty());
    EXPECT_THROW(noord->apply(acknowledge(here.visit, 3, kNow + 30, "staff:2001"), {}), TransitionError);
    EXPECT_EQ(zuid->visit(here.visit.id)->state, VisitState::HostNotified);

    // Its own visits follow the other's in the one event log, and its reader
    // passes the other office's events by.
    auto other = check_in(kNow + 5, "Piotr", "2001");
    const StoredVisit there = noord->create_visit(other.visit, other.events, other.outbox);
    const auto seen = noord->events_since(0, 1);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].visit_id, there.visit.id);
    EXPECT_GE(noord->latest_event_id(), there.events.back().id);
}

TEST_P(Offices, NoticesAndDeadLettersStayWithTheirOffice) {
    auto c = check_in(kNow);
    zuid->create_visit(c.visit, c.events, c.outbox);
    const auto due = zuid->due_messages(kNow, 10);
    ASSERT_EQ(due.size(), 2u);
    EXPECT_TRUE(noord->due_messages(kNow, 10).empty());  // noord's worker does not send zuid's notices

    zuid->mark_dead(due[0].id, "550 no such mailbox", kNow);
    EXPECT_EQ(zuid->dead_letters().size(), 1u);
    EXPECT_TRUE(noord->dead_letters().empty());
    noord->retry_dead(due[0].id, kNow + 1);  // another office's desk cannot send it again
    EXPECT_EQ(zuid->dead_letters().size(), 1u);
    zuid->retry_dead(due[0].id, kNow + 1);
    EXPECT_TRUE(zuid->dead_letters().empty());
}

TEST_P(Offices, CallbacksSurveysAndPresenceStayWithTheirOffice) {
    const auto cb = zuid->add_callback(callback_at(kNow));
    EXPECT_EQ(zuid->callbacks(true).size(), 1u);
    EXPECT_TRUE(noord->callbacks(false).empty());
    EXPECT_FALSE(noord->callback(cb.id));
    EXPECT_FALSE(noord->update_callback(with_state(cb, CallbackState::Done, kNow + 60)));
    EXPECT_EQ(zuid->callback(cb.id)->state, CallbackState::Open);

    const auto answer = zuid->add_survey(answer_at(kNow, 9));
    EXPECT_EQ(zuid->surveys_between(kNow - 3600, kNow + 3600).size(), 1u);
    EXPECT_TRUE(noord->surveys_between(kNow - 3600, kNow + 3600).empty());
    EXPECT_EQ(noord->set_survey_comment_once(answer.id, "Van een ander kantoor", kNow - 3600),
              CommentOutcome::NotFound);
    EXPECT_EQ(zuid->set_survey_comment_once(answer.id, "Fijn geholpen", kNow - 3600), CommentOutcome::Set);

    // A colleague who works at both offices is present at one of them.
    zuid->set_presence("2026-11-23", "1042", Presence::In);
    noord->set_presence("2026-11-23", "1042", Presence::Out);
    EXPECT_EQ(zuid->presence("2026-11-23").at("1042"), Presence::In);
    EXPECT_EQ(noord->presence("2026-11-23").at("1042"), Presence::Out);
}

TEST_P(Offices, ADeviceWorksAtTheOfficeThatPairedIt) {
    const auto zuid_devices = open_device_store(url, "zuid");
    const auto noord_devices = open_device_store(url, "noord");
    PairingCode code;
    code.code_hash = "code-zuid";
    code.kind = DeviceKind::Desk;
    code.created_at = kNow;
    code.expires_at = kNow + 600;
    zuid_devices->add_pairing_code(code);

    // A code shown at one office's desk does not pair a device at another.
    EXPECT_EQ(noord_devices->redeem_pairing_code("code-zuid", "Balie", "token-1", kNow + 1).outcome,
              RedeemOutcome::Unknown);
    const auto paired = zuid_devices->redeem_pairing_code("code-zuid", "Balie", "token-1", kNow + 1);
    ASSERT_EQ(paired.outcome, RedeemOutcome::Paired);

    EXPECT_TRUE(zuid_devices->device_by_token_hash("token-1"));
    EXPECT_FALSE(noord_devices->device_by_token_hash("token-1"));  // its token is unknown there
    EXPECT_FALSE(noord_devices->device(paired.device->id));
    EXPECT_TRUE(noord_devices->devices(true).empty());
    EXPECT_FALSE(noord_devices->revoke_device(paired.device->id, kNow + 2));
    EXPECT_TRUE(zuid_devices->device_by_token_hash("token-1"));
}

TEST_P(Offices, EachOfficeTalliesItsOwnAndTheReportAddsThemUp) {
    for (int i = 0; i < 2; ++i) {
        auto c = check_in(kNow + i);
        zuid->create_visit(c.visit, c.events, {});
    }
    for (int i = 0; i < 3; ++i) {
        auto c = check_in(kNow + i, "Anna", "2001");
        noord->create_visit(c.visit, c.events, {});
    }
    zuid->add_survey(answer_at(kNow, 9));
    noord->add_survey(answer_at(kNow, 4));
    noord->add_callback(callback_at(kNow));

    EXPECT_EQ(zuid->offices(), (std::vector<std::string>{"noord", "zuid"}));
    EXPECT_EQ(noord->offices(), zuid->offices());

    FakeClock clock(kNow + 3600);
    const Directory nobody;
    const OfficesReport r = offices_report(*zuid, zuid->offices(), nobody, clock, kNow - 3600, kNow + 3600);
    ASSERT_EQ(r.offices.size(), 2u);
    EXPECT_EQ(r.offices[0].office, "noord");
    EXPECT_EQ(r.offices[0].figures.visits, 3);
    EXPECT_EQ(r.offices[0].figures.surveys, 1);
    EXPECT_EQ(r.offices[0].figures.callbacks, 1);
    EXPECT_EQ(r.offices[1].office, "zuid");
    EXPECT_EQ(r.offices[1].figures.visits, 2);
    EXPECT_EQ(r.offices[1].figures.scores_8_or_more, 1);
    EXPECT_EQ(r.together.overall.visits, 5);
    EXPECT_EQ(r.together.overall.surveys, 2);
    EXPECT_EQ(r.together.overall.scores_8_or_more, 1);
    EXPECT_EQ(r.together.overall.callbacks, 1);
    int per_hour = 0;
    for (int n : r.together.per_hour) per_hour += n;
    EXPECT_EQ(per_hour, 5);

    // An office's own report is its own.
    EXPECT_EQ(kpi_report(*noord, nobody, clock, kNow - 3600, kNow + 3600).overall.visits, 3);
}

TEST_P(Offices, EachOfficeErasesItsOwnNamesByItsOwnRule) {
    auto a = check_in(kNow - 3 * 86'400, "Zeynep");
    auto b = check_in(kNow - 3 * 86'400, "Piotr");
    const VisitId za = zuid->create_visit(a.visit, a.events, {}).visit.id;
    const VisitId nb = noord->create_visit(b.visit, b.events, {}).visit.id;
    RetentionPolicy same_day;
    zuid->purge(same_day, kNow, kNow - 3600);
    EXPECT_EQ(zuid->visit(za)->visitor_name, "");
    EXPECT_EQ(noord->visit(nb)->visitor_name, "Piotr");  // noord keeps names a week, and purges itself
    RetentionPolicy week;
    week.name_keep_days = 7;
    EXPECT_EQ(noord->purge(week, kNow, kNow - 3600).names_erased, 0);
    EXPECT_EQ(noord->purge(same_day, kNow, kNow - 3600).names_erased, 1);
}

TEST_P(Offices, AnOfficeIdThatCouldNotBeWrittenSafelyIsRefused) {
    for (const char* bad : {"", "zuid west", "zuid;drop", "kantoor/1", "ß", "0123456789012345678901234567890123456789x"}) {
        try {
            open_store(url, bad);
            ADD_FAILURE() << "accepted '" << bad << "'";
        } catch (const StoreError& e) {
            EXPECT_NE(std::string(e.what()).find("[office] id"), std::string::npos) << e.what();
        }
    }
    EXPECT_EQ(zuid->offices().size(), 2u);  // nothing was entered
}

// A file from before offices existed: its rows become the first office's to
// open it, and a later office starts empty.
TEST(OfficesUpgrade, RowsFromBeforeOfficesBelongToTheFirstOfficeThatOpensTheFile) {
    TempDir dir;
    const std::string file = dir.file("gastvrij.db");
    {
        sqlite::Database db(file, 1000);
        for (const auto& m : sqlite::schema_migrations())
            if (m.version <= 9) sqlite::apply_migration(db, m);
        db.exec("INSERT INTO visits (kiosk_id, state, arrived_at, visitor_name) "
                "VALUES ('kiosk:entrance', 'host_notified', 1795000000, 'Fatma');"
                "INSERT INTO visit_events (visit_id, at, from_state, to_state) "
                "VALUES (1, 1795000000, 'arrived', 'host_notified');"
                "INSERT INTO presence (date, staff_id, presence) VALUES ('2026-11-23', '1042', 'in');"
                "INSERT INTO callbacks (phone, state, created_at) VALUES ('0612345678', 'open', 1795000000);",
                "making an older file");
    }
    const auto first = open_store(file, "zuid");
    ASSERT_EQ(first->open_visits().size(), 1u);
    EXPECT_EQ(first->open_visits()[0].visitor_name, "Fatma");
    EXPECT_EQ(first->events_since(0, 10).size(), 1u);
    EXPECT_EQ(first->presence("2026-11-23").size(), 1u);
    EXPECT_EQ(first->callbacks(true).size(), 1u);

    const auto later = open_store(file, "noord");
    EXPECT_TRUE(later->open_visits().empty());
    EXPECT_TRUE(later->callbacks(false).empty());
    EXPECT_EQ(later->offices(), (std::vector<std::string>{"noord", "zuid"}));
}

}  // namespace
}  // namespace gastvrij
