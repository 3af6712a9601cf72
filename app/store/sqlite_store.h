#pragma once
// The Store port on an embedded SQLite file: one office's kiosk on its own.
// WAL journal with synchronous=FULL, so a check-in the visitor saw confirmed
// survives a crash or a power cut. One connection, guarded by a mutex, serves
// every thread of the process; other processes wait on the file lock.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "domain/office_id.h"
#include "domain/store.h"

namespace gastvrij {

struct SqliteOptions {
    int busy_timeout_ms = 3000;  // how long a write waits for another program's lock
    // Upper bound on the file size in pages (0 = SQLite's own limit). Caps how
    // much of a small kiosk disk the data may take; tests use it to provoke a
    // full disk.
    std::int64_t max_pages = 0;
};

class SqliteStore final : public Store {
public:
    // Opens or creates the file (and its parent folders) for `office` and
    // brings its schema up to date. Throws StoreError saying which file and
    // what to do.
    explicit SqliteStore(const std::string& path);
    // `enter_office`: see StoreUse in open_store.h.
    SqliteStore(const std::string& path, const SqliteOptions& options, const std::string& office = kDefaultOffice,
                bool enter_office = true);
    ~SqliteStore() override;

    StoredVisit create_visit(const Visit& v, const std::vector<VisitEvent>& events,
                             std::vector<OutboxMessage> outbox) override;
    VisitEvent apply(const Transition& t, std::vector<OutboxMessage> outbox) override;
    std::optional<Visit> visit(VisitId id) const override;
    std::vector<Visit> open_visits() const override;
    std::vector<Visit> visits_between(Timestamp from, Timestamp to) const override;
    std::vector<VisitEvent> events(VisitId id) const override;
    std::vector<VisitEvent> events_since(std::int64_t after_event_id, int limit) const override;
    std::int64_t latest_event_id() const override;

    void set_presence(const std::string& date, const std::string& staff_id, Presence p) override;
    std::map<std::string, Presence> presence(const std::string& date) const override;

    CallbackRequest add_callback(const CallbackRequest& c) override;
    std::optional<CallbackRequest> update_callback(const CallbackRequest& c) override;
    std::optional<CallbackRequest> callback(std::int64_t id) const override;
    std::vector<CallbackRequest> callbacks(bool only_open) const override;

    SurveyResponse add_survey(const SurveyResponse& r) override;
    CommentOutcome set_survey_comment_once(std::int64_t id, const std::string& comment, Timestamp hour_from) override;
    std::vector<SurveyResponse> surveys_between(Timestamp from, Timestamp to) const override;
    std::string survey_link_key(const std::string& candidate) override;
    std::optional<SurveyResponse> add_phone_survey(const std::string& link_digest, Timestamp forget_after,
                                                   const SurveyResponse& r) override;
    bool survey_link_used(const std::string& link_digest) const override;

    std::vector<OutboxMessage> due_messages(Timestamp now, int limit) const override;
    bool claim_message(std::int64_t message_id, Timestamp seen_next_attempt, Timestamp lease_until,
                       const std::string& worker) override;
    int release_claims(const std::string& worker, Timestamp now) override;
    void mark_sent(std::int64_t message_id, Timestamp now) override;
    bool record_failure(std::int64_t message_id, int attempts_before, const FailedAttempt& f,
                        const std::string& error) override;
    void mark_dead(std::int64_t message_id, const std::string& error, Timestamp now) override;
    std::vector<OutboxMessage> dead_letters() const override;
    void retry_dead(std::int64_t message_id, Timestamp now) override;

    std::optional<KeptAnswer> reserve_answer(const std::string& scope, const std::string& key,
                                             const std::string& fingerprint, Timestamp now,
                                             Timestamp stale_before) override;
    void keep_answer(const std::string& scope, const std::string& key, int status, const std::string& body) override;
    void forget_answer(const std::string& scope, const std::string& key) override;
    int forget_answers_before(Timestamp before) override;

    PurgeResult purge(const RetentionPolicy& p, Timestamp now, Timestamp local_midnight_today) override;
    KpiTally kpi_tally_of(const std::string& office, Timestamp from, Timestamp to,
                          Timestamp now) const override;  // sqlite_report.cpp
    const std::string& office() const override;
    std::vector<std::string> offices() const override;
    StoreHealth health() const override;
    void probe_write(Timestamp now) override;

    // Not part of the port: for `bench store` and load tests. Inserts `count`
    // rows made by `make(i)` in one transaction (no events, no outbox).
    void bulk_insert_visits(std::int64_t count, const std::function<Visit(std::int64_t)>& make);
    void bulk_insert_surveys(std::int64_t count, const std::function<SurveyResponse(std::int64_t)>& make);
    void bulk_insert_callbacks(std::int64_t count, const std::function<CallbackRequest(std::int64_t)>& make);
    // For `seed`: `count` past visits, each with its event log, in one
    // transaction; the first escalation is taken from the events, as
    // create_visit does. Visit and event ids are assigned here. (sqlite_report.cpp)
    struct VisitWithEvents {
        Visit visit;
        std::vector<VisitEvent> events;
    };
    void bulk_insert_history(std::int64_t count, const std::function<VisitWithEvents(std::int64_t)>& make);

    const std::string& path() const;
    int schema_version() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gastvrij
