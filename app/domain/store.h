#pragma once
// The store port. The domain states what must be kept and in which units of
// work; app/store implements it on SQLite and on PostgreSQL. Every mutating
// call is one transaction: it either happens completely or not at all, and
// returns only once durable.
//
// A store is opened for one office (domain/office_id.h): what it writes is filed
// under that office, and what it reads — visits, events, presence, callbacks,
// surveys, notices — is that office's only. Only the reports look across
// offices (offices(), kpi_tally_of()).
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/callback.h"
#include "domain/directory.h"
#include "domain/notification.h"
#include "domain/report.h"
#include "domain/survey.h"
#include "domain/visit.h"

namespace gastvrij {

class StoreError : public std::runtime_error {
public:
    enum class Kind { Full, Busy, ReadOnly, Corrupt, Io, Other };
    StoreError(Kind k, const std::string& what) : std::runtime_error(what), kind(k) {}
    Kind kind;
};

struct RetentionPolicy {
    int name_keep_days = 0;  // 0 = erase first names at the end of the day of the visit
    int callback_keep_days = 0;  // handled callbacks: number erased this many days after
    int event_keep_days = 400;   // visit event details (anonymous) kept this long
};

// The first answer to a request that a device may send again with the same
// Idempotency-Key (a kiosk whose check-in timed out asks again): kept a while
// so the retry gets that answer instead of checking the visitor in twice.
struct KeptAnswer {
    std::string fingerprint;  // what was asked: method, path and a digest of the body
    int status = 0;           // the HTTP status; 0 while the first request is still being handled
    std::string body;
    Timestamp at = 0;  // when the first request came
};

struct PurgeResult {
    int names_erased = 0;
    int phones_erased = 0;
};

// What create_visit kept: the visit with its id, and its events with theirs.
struct StoredVisit {
    Visit visit;
    std::vector<VisitEvent> events;
};

// How set_survey_comment_once went.
enum class CommentOutcome {
    Set,         // the comment is kept
    AlreadySet,  // the answer had a comment: the first one stays
    NotFound,    // no such answer, or given before the window the caller allows
};

// Ok; Degraded: it reads, but the last change could not be saved, the file
// is damaged or the disk nearly full; Down: it cannot be read at all.
struct StoreHealth {
    enum class Level { Ok, Degraded, Down };
    Level level = Level::Ok;
    std::string detail = "ok";  // what is wrong and what to do; may name paths
};
inline const char* to_string(StoreHealth::Level level) {
    switch (level) {
        case StoreHealth::Level::Ok: return "ok";
        case StoreHealth::Level::Degraded: return "degraded";
        case StoreHealth::Level::Down: return "down";
    }
    return "down";
}

class Store {
public:
    virtual ~Store() = default;

    // Visits. create_visit assigns the ids (of the visit, its events, and the
    // visit id in the messages) and commits visit + events + outbox rows together.
    virtual StoredVisit create_visit(const Visit& v, const std::vector<VisitEvent>& events,
                                     std::vector<OutboxMessage> outbox) = 0;
    // Applies a transition: the visit row, its event and outbox rows in one
    // transaction, and returns the event as kept (with its id). Throws
    // StoreError; a stale `from` state is refused (TransitionError).
    virtual VisitEvent apply(const Transition& t, std::vector<OutboxMessage> outbox) = 0;
    virtual std::optional<Visit> visit(VisitId id) const = 0;
    virtual std::vector<Visit> open_visits() const = 0;   // not terminal
    virtual std::vector<Visit> visits_between(Timestamp from, Timestamp to) const = 0;
    virtual std::vector<VisitEvent> events(VisitId id) const = 0;
    virtual std::vector<VisitEvent> events_since(std::int64_t after_event_id, int limit) const = 0;
    // The id of the newest event in the log; 0 when there is none.
    virtual std::int64_t latest_event_id() const = 0;

    // Presence for one local date ("2026-11-23").
    virtual void set_presence(const std::string& date, const std::string& staff_id, Presence p) = 0;
    virtual std::map<std::string, Presence> presence(const std::string& date) const = 0;

    // Callbacks. The domain decides state, handled_at and the number
    // (domain/callback.h); the store keeps what it is given.
    virtual CallbackRequest add_callback(const CallbackRequest& c) = 0;
    // Writes state, handled_at and phone of request c.id; returns it as kept,
    // nullopt when there is no such request.
    virtual std::optional<CallbackRequest> update_callback(const CallbackRequest& c) = 0;
    virtual std::optional<CallbackRequest> callback(std::int64_t id) const = 0;
    virtual std::vector<CallbackRequest> callbacks(bool only_open) const = 0;

    // Surveys (anonymous; the hour is kept rounded down whatever the caller gives).
    virtual SurveyResponse add_survey(const SurveyResponse& r) = 0;
    // The optional comment, given after the three taps that already saved the
    // answer: set only while the answer has none and its hour is at or after
    // `hour_from`, as one atomic step, so of two kiosks or services on one
    // store (even in two processes) exactly one comment is kept.
    virtual CommentOutcome set_survey_comment_once(std::int64_t id, const std::string& comment,
                                                   Timestamp hour_from) = 0;
    virtual std::vector<SurveyResponse> surveys_between(Timestamp from, Timestamp to) const = 0;

    // Phone survey links (domain/survey.h). The key that signs them, shared by
    // every service on this store: keeps `candidate` when there is none yet
    // and returns the one kept, so two services starting at once agree.
    virtual std::string survey_link_key(const std::string& candidate) = 0;
    // Saves a phone survey answer and marks its link used, in one transaction.
    // `link_digest` names the link only (a hash of its random part) and is
    // kept apart from the answer until `forget_after`. nullopt: used before.
    virtual std::optional<SurveyResponse> add_phone_survey(const std::string& link_digest, Timestamp forget_after,
                                                           const SurveyResponse& r) = 0;
    virtual bool survey_link_used(const std::string& link_digest) const = 0;

    // Outbox.
    virtual std::vector<OutboxMessage> due_messages(Timestamp now, int limit) const = 0;
    // Takes a due message for one delivery attempt: its next attempt moves to
    // `lease_until`, but only while it is still pending and still due at
    // `seen_next_attempt` — so of several kiosks and services sharing one store,
    // exactly one sends it. False: another worker took it (or it was handled).
    // `worker` names the claimant, stable across restarts (host and role).
    virtual bool claim_message(std::int64_t message_id, Timestamp seen_next_attempt, Timestamp lease_until,
                               const std::string& worker) = 0;
    // A worker starting up takes back what its previous run claimed and never
    // finished (it crashed mid-send): those messages are due again at `now`.
    // Returns how many.
    virtual int release_claims(const std::string& worker, Timestamp now) = 0;
    virtual void mark_sent(std::int64_t message_id, Timestamp now) = 0;
    // Records a failed attempt as the domain decided it (after_failed_attempt),
    // only while the message is pending after `attempts_before` attempts: a
    // replayed or racing record changes nothing. False when it did not apply.
    virtual bool record_failure(std::int64_t message_id, int attempts_before, const FailedAttempt& f,
                                const std::string& error) = 0;
    // A failure no retry can fix: straight to the dead letters.
    virtual void mark_dead(std::int64_t message_id, const std::string& error, Timestamp now) = 0;
    virtual std::vector<OutboxMessage> dead_letters() const = 0;
    virtual void retry_dead(std::int64_t message_id, Timestamp now) = 0;

    // Idempotency keys. Reserves `key` of `scope` (a device) for the request
    // being handled now and returns nullopt, or returns what is there already:
    // the first answer, or a twin still being handled. A reservation made
    // before `stale_before` whose answer never came (its handler died) is
    // taken over. One atomic step, so of two services exactly one handles it.
    virtual std::optional<KeptAnswer> reserve_answer(const std::string& scope, const std::string& key,
                                                     const std::string& fingerprint, Timestamp now,
                                                     Timestamp stale_before) = 0;
    // The answer to a reserved request, for its retries.
    virtual void keep_answer(const std::string& scope, const std::string& key, int status,
                             const std::string& body) = 0;
    // Drops a reservation whose request changed nothing (it failed), so a
    // retry is handled afresh.
    virtual void forget_answer(const std::string& scope, const std::string& key) = 0;
    // Drops answers of requests made before `before`: they may hold a
    // visitor's first name, and a retry comes within minutes. Returns how many.
    virtual int forget_answers_before(Timestamp before) = 0;

    // Retention: erase this office's first names and handled callback numbers
    // past their time (each office keeps them as its own kiosk.toml says).
    // `local_midnight_today` is the start of the current local day.
    virtual PurgeResult purge(const RetentionPolicy& p, Timestamp now, Timestamp local_midnight_today) = 0;

    // The counts behind the KPI report (domain/report.h) for [from, to) of
    // `office`: callbacks not done by `now` and past their promise count as
    // overdue. Tallies of several offices add up (concatenate them). Safe to
    // call from several threads at once: each call reads on its own.
    virtual KpiTally kpi_tally_of(const std::string& office, Timestamp from, Timestamp to, Timestamp now) const = 0;
    KpiTally kpi_tally(Timestamp from, Timestamp to, Timestamp now) const {
        return kpi_tally_of(office(), from, to, now);
    }

    // The office this store was opened for.
    virtual const std::string& office() const = 0;
    // Every office that has opened this store, sorted by id.
    virtual std::vector<std::string> offices() const = 0;

    // Calls `wake` (on a thread of the store's own) whenever another process
    // may have added to the event log, so a reader need not wait for its next
    // look. A store that cannot tell (SQLite) never calls it: readers poll.
    // Replaces an earlier function; an empty one stops the calls, and once
    // this returns no call of the earlier function is under way.
    virtual void on_change(std::function<void()> wake) { (void)wake; }

    // How the store is, for /health, the kiosk's admin screen and monitors.
    virtual StoreHealth health() const = 0;
    // Writes and commits one small record: throws StoreError when the store
    // takes no writes (read-only, full disk, file gone). The service calls it
    // now and then, so health() knows even when nobody checks in.
    virtual void probe_write(Timestamp now) = 0;
};

}  // namespace gastvrij
