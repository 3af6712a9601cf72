// The reception's services over a real SQLite file, with no HTTP anywhere:
// presence, callback requests and survey answers follow the domain's rules,
// and each change is announced to subscribers once it is on disk.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "domain/kiosk_port.h"
#include "domain/office.h"
#include "domain/reception.h"
#include "support/engines.h"
#include "store/open_store.h"
#include "support/temp_dir.h"

using namespace gastvrij;

namespace {

using TempDir = test_support::TempDir;

ReceptionRules callbacks_within(int hours, int keep_days = 0) {
    ReceptionRules r;
    r.callbacks.due_hours = hours;
    r.callbacks.keep_days = keep_days;
    return r;
}

using test_support::Engine;

class ReceptionServices : public ::testing::TestWithParam<Engine> {
protected:
    TempDir dir;
    const std::string file = test_support::store_url_on(GetParam(), dir);  // a file or a database
    Directory office = fixture::office();
    FakeClock clock{FakeClock{}.at_local(2026, 11, 23, 10, 0)};  // Monday 10:00
    std::unique_ptr<Store> opened = open_store(file);
    Store& store = *opened;
    Reception reception{office, store, clock, callbacks_within(4)};
    std::vector<Change> heard;
    int handle = reception.changes().subscribe([this](const Change& c) { heard.push_back(c); });
};

CallbackRequest asked(const std::string& phone, PartOfDay part) {
    CallbackRequest c;
    c.phone = phone;
    c.topic_id = "rent";
    c.part = part;
    c.language = "pl";
    return c;
}

}  // namespace

TEST_P(ReceptionServices, APresenceChangeIsAnnouncedByTheReceptionOnceKept) {
    const std::string someone = office.staff.front().id;
    std::map<std::string, Presence> on_disk;
    reception.changes().subscribe([&](const Change& c) {
        if (std::holds_alternative<PresenceChange>(c))
            on_disk = open_store(file)->presence(clock.local_now().date_iso());  // another connection
    });
    reception.set_presence(someone, Presence::Lunch);

    ASSERT_EQ(heard.size(), 1u);
    const auto* p = std::get_if<PresenceChange>(&heard[0]);
    ASSERT_NE(p, nullptr) << "heard something other than a presence change";
    EXPECT_EQ(p->staff_id, someone);
    EXPECT_EQ(p->presence, Presence::Lunch);
    EXPECT_EQ(p->date, "2026-11-23");
    EXPECT_EQ(on_disk[someone], Presence::Lunch);
    EXPECT_EQ(reception.presence_today().at(someone), Presence::Lunch);

    EXPECT_THROW(reception.set_presence("nobody", Presence::In), UnknownName);
    EXPECT_EQ(heard.size(), 1u) << "a refused change is not announced";
}

TEST_P(ReceptionServices, ACallbackRequestIsDueByTheOfficesRulesAndAnnounced) {
    const CallbackRequest kept = reception.callbacks().request(asked("06 1234 5678", PartOfDay::Morning));
    EXPECT_GT(kept.id, 0);
    EXPECT_EQ(kept.phone, "+31612345678");
    EXPECT_EQ(kept.state, CallbackState::Open);
    EXPECT_EQ(kept.created_at, clock.now());
    // 14:00 is past this morning: by noon tomorrow.
    EXPECT_EQ(kept.due_at, clock.at_local(2026, 11, 24, 12, 0));
    EXPECT_EQ(store.callback(kept.id)->due_at, kept.due_at);

    ASSERT_EQ(heard.size(), 1u);
    const auto* c = std::get_if<CallbackChange>(&heard[0]);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->callback.id, kept.id);
    EXPECT_EQ(c->callback.due_at, kept.due_at);

    EXPECT_THROW(reception.callbacks().request(asked("06 123", PartOfDay::Any)), std::invalid_argument);
    EXPECT_EQ(store.callbacks(false).size(), 1u);
}

TEST_P(ReceptionServices, AHandledRequestLosesItsNumberInTheSameWrite) {
    const auto a = reception.callbacks().request(asked("0612345678", PartOfDay::Any));
    clock.advance(600);
    EXPECT_EQ(reception.callbacks().set_state(a.id, CallbackState::Called).phone, "+31612345678");
    clock.advance(600);
    const CallbackRequest done = reception.callbacks().set_state(a.id, CallbackState::Done);
    EXPECT_EQ(done.handled_at, clock.now());
    EXPECT_EQ(done.phone, "");
    EXPECT_EQ(store.callback(a.id)->phone, "") << "gone from the file, not just from the screen";
    const auto* last = std::get_if<CallbackChange>(&heard.back());
    ASSERT_NE(last, nullptr);
    EXPECT_EQ(last->callback.phone, "");
    EXPECT_EQ(last->callback.state, CallbackState::Done);

    // An office that keeps numbers for a few days leaves it to retention.
    Reception keeping(office, store, clock, callbacks_within(4, 3));
    const auto b = keeping.callbacks().request(asked("0612345679", PartOfDay::Any));
    EXPECT_EQ(keeping.callbacks().set_state(b.id, CallbackState::Done).phone, "+31612345679");

    EXPECT_THROW(reception.callbacks().set_state(98765, CallbackState::Done), UnknownCallback);
}

TEST_P(ReceptionServices, SurveyScoresAreCheckedAndTheHourIsTheReceptions) {
    SurveyResponse r;
    r.score = 11;
    EXPECT_THROW(reception.surveys().answer(r), InvalidSurvey);
    r.score = 0;
    EXPECT_THROW(reception.surveys().answer(r), InvalidSurvey);
    EXPECT_TRUE(heard.empty());
    EXPECT_TRUE(store.surveys_between(0, clock.now() + 86'400).empty());

    clock.advance(25 * 60);
    r.score = 8;
    r.hour = 12345;  // a caller's moment is not kept
    const SurveyResponse kept = reception.surveys().answer(r);
    EXPECT_EQ(kept.hour, round_to_hour(clock.now()));
    ASSERT_EQ(heard.size(), 1u);
    EXPECT_TRUE(std::holds_alternative<SurveyChange>(heard[0]));

    EXPECT_EQ(reception.surveys().add_comment(kept.id, "Fijn"), CommentOutcome::Set);
    EXPECT_EQ(reception.surveys().add_comment(kept.id, "Nog eens"), CommentOutcome::AlreadySet);
    clock.advance(5 * 3600);
    const auto later = reception.surveys().answer(r);
    clock.advance(kCommentWindowSeconds + 3600);
    EXPECT_EQ(reception.surveys().add_comment(later.id, "Te laat"), CommentOutcome::NotFound);
}

// Two kiosks in two processes on one data file add a comment to the same
// answer at the same moment: exactly one is kept, the other kiosk is told so.
TEST_P(ReceptionServices, OfTwoProcessesCommentingOnOneAnswerExactlyOneWins) {
    SurveyResponse r;
    r.score = 9;
    const std::int64_t id = reception.surveys().answer(r).id;

    for (int round = 0; round < 10; ++round) {
        const std::int64_t target = round == 0 ? id : reception.surveys().answer(r).id;
        int go[2];
        ASSERT_EQ(pipe(go), 0);
        std::vector<pid_t> kids;
        std::vector<int> answers;
        for (int k = 0; k < 2; ++k) {
            int out[2];
            ASSERT_EQ(pipe(out), 0);
            const pid_t pid = fork();
            ASSERT_GE(pid, 0);
            if (pid == 0) {
                close(go[1]);
                close(out[0]);
                std::string said = "ok";
                try {
                    const auto own = open_store(file);  // its own connection, as a kiosk process has
                    Reception kiosk(office, *own, clock);
                    LocalKioskPort port(kiosk);
                    char start = 0;
                    if (read(go[0], &start, 1) != 1) _exit(3);  // all set: race
                    port.set_survey_comment(target, "kiosk " + std::to_string(k));
                } catch (const std::exception& e) {
                    said = e.what();
                }
                if (write(out[1], said.data(), said.size()) < 0) _exit(4);
                _exit(0);
            }
            close(out[1]);
            kids.push_back(pid);
            answers.push_back(out[0]);
        }
        close(go[0]);
        const char release[2] = {'x', 'x'};
        ASSERT_EQ(write(go[1], release, 2), 2);  // both children start at once
        close(go[1]);

        std::vector<std::string> said;
        for (std::size_t k = 0; k < kids.size(); ++k) {
            int status = 0;
            ASSERT_EQ(waitpid(kids[k], &status, 0), kids[k]);
            ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "round " << round;
            std::string text;
            char buf[256];
            for (ssize_t n; (n = read(answers[k], buf, sizeof buf)) > 0;) text.append(buf, std::size_t(n));
            close(answers[k]);
            said.push_back(text);
        }
        const int won = int(std::count(said.begin(), said.end(), "ok"));
        ASSERT_EQ(won, 1) << "round " << round << ": " << said[0] << " | " << said[1];
        const std::string& refused = said[0] == "ok" ? said[1] : said[0];
        EXPECT_EQ(refused, "survey " + std::to_string(target) + " has a comment already") << "round " << round;

        std::string kept;
        for (const auto& s : store.surveys_between(0, clock.now() + 3600))
            if (s.id == target) kept = s.comment;
        EXPECT_TRUE(kept == "kiosk 0" || kept == "kiosk 1") << "round " << round << ": " << kept;
    }
}

// Whoever checks a visitor in — a kiosk in this process, the API, a remote
// kiosk — the reception keeps only a name: markup, controls and digits are
// refused before anything is written, and nobody hears of a visit.
TEST_P(ReceptionServices, ACheckInWithSomethingOtherThanANameKeepsNothing) {
    for (const std::string name : {"*Jan* [klik](https://x.example)", "Jan\r\nBcc: x@y.nl", "Jan 2", "\u202Enaj"}) {
        CheckInRequest r;
        r.topic_id = "rent";
        r.visitor_name = name;
        EXPECT_THROW(reception.check_in(r), std::invalid_argument) << name;
    }
    EXPECT_TRUE(store.open_visits().empty());
    EXPECT_TRUE(heard.empty());
    CheckInRequest ok;
    ok.topic_id = "rent";
    ok.visitor_name = "Łucja";
    EXPECT_EQ(reception.check_in(ok).visitor_name, "Łucja");
}

INSTANTIATE_TEST_SUITE_P(Engines, ReceptionServices, test_support::both_engines(), test_support::engine_name);
