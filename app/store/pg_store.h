#pragma once
// The Store port on PostgreSQL: several offices' services (and their kiosks)
// on the one database a corporation's IT already runs, backs up and
// replicates. One connection per store, guarded by a mutex; the server
// serialises what several processes write. A connection the server dropped
// (a restart, a failover) is made again by the next call: a read is retried
// once, a write reports StoreError (Io) so nothing is done twice.
#include <memory>
#include <string>

#include "domain/office_id.h"
#include "domain/store.h"

namespace gastvrij {

class PgStore final : public Store {
public:
    // Connects (libpq URI or conninfo) for `office` and brings the schema up
    // to date. Throws StoreError naming the server (never its password) and
    // what to do.
    // `enter_office`: see StoreUse in open_store.h.
    explicit PgStore(const std::string& url, const std::string& office = kDefaultOffice, bool enter_office = true);
    ~PgStore() override;

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

    void on_change(std::function<void()> wake) override;

    // pg_store_report.cpp
    std::optional<KeptAnswer> reserve_answer(const std::string& scope, const std::string& key,
                                             const std::string& fingerprint, Timestamp now,
                                             Timestamp stale_before) override;
    void keep_answer(const std::string& scope, const std::string& key, int status, const std::string& body) override;
    void forget_answer(const std::string& scope, const std::string& key) override;
    int forget_answers_before(Timestamp before) override;

    PurgeResult purge(const RetentionPolicy& p, Timestamp now, Timestamp local_midnight_today) override;
    KpiTally kpi_tally_of(const std::string& office, Timestamp from, Timestamp to, Timestamp now) const override;
    const std::string& office() const override;
    std::vector<std::string> offices() const override;
    StoreHealth health() const override;
    void probe_write(Timestamp now) override;

    // The address with its password hidden.
    const std::string& label() const;
    int schema_version() const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace gastvrij
