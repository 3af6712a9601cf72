#include "store/sqlite_store.h"

#include <filesystem>

#include "store/migrations.h"
#include "store/office_rows.h"
#include "store/row_codec.h"
#include "store/sqlite_store_impl.h"

namespace gastvrij {

using sqlite::Statement;
using sqlite::Transaction;

namespace store_rows {

void unreadable(const std::string& file, const std::string& what, const std::string& raw) {
    throw StoreError(StoreError::Kind::Corrupt,
                     file + " holds an unknown " + what + " '" + raw +
                         "' — it was written by another (newer?) program or is damaged; "
                         "restore a backup or use the Gastvrij version that wrote it");
}

}  // namespace store_rows

namespace {

// An enum column's value; an unknown one is reported as damage, naming the store.
template <class E>
E parsed(std::optional<E> value, const std::string& where, const char* what, const std::string& raw) {
    return row_codec::parsed(std::move(value), store_rows::unreadable, where, what, raw);
}

using row_codec::join_lines;
using row_codec::split_lines;

#define VISIT_COLUMNS                                                                  \
    "id, kiosk_id, topic_id, host_id, team_id, visitor_name, language, state, "        \
    "escalation_level, tried_hosts, arrived_at, ack_deadline, acknowledged_at, "       \
    "promised_at, started_at, finished_at, closed_at"

Visit read_visit(const Statement& s, const std::string& file) {
    Visit v;
    v.id = s.integer(0);
    v.kiosk_id = s.text(1);
    v.topic_id = s.text(2);
    v.host_id = s.text(3);
    v.team_id = s.text(4);
    v.visitor_name = s.text(5);
    v.language = s.text(6);
    const std::string state = s.text(7);
    v.state = parsed(visit_state_from(state), file, "visit state", state);
    v.escalation_level = static_cast<int>(s.integer(8));
    v.tried_hosts = split_lines(s.text(9));
    v.arrived_at = s.integer(10);
    v.ack_deadline = s.integer(11);
    v.acknowledged_at = s.integer(12);
    v.promised_at = s.integer(13);
    v.started_at = s.integer(14);
    v.finished_at = s.integer(15);
    v.closed_at = s.integer(16);
    return v;
}

// Binds every column of VISIT_COLUMNS but id and visitor_name, from ?1.
void bind_visit_fields(Statement& s, const Visit& v) {
    s.bind(1, v.kiosk_id).bind(2, v.topic_id).bind(3, v.host_id).bind(4, v.team_id);
    s.bind(5, v.language).bind(6, to_string(v.state)).bind(7, v.escalation_level);
    s.bind(8, join_lines(v.tried_hosts)).bind(9, v.arrived_at).bind(10, v.ack_deadline);
    s.bind(11, v.acknowledged_at).bind(12, v.promised_at).bind(13, v.started_at);
    s.bind(14, v.finished_at).bind(15, v.closed_at);
}

constexpr const char* kInsertVisit =
    "INSERT INTO visits (kiosk_id, topic_id, host_id, team_id, language, state, escalation_level, "
    "tried_hosts, arrived_at, ack_deadline, acknowledged_at, promised_at, started_at, finished_at, "
    "closed_at, visitor_name, escalated_at, office) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";

// The columns only a new visit sets: its first name, the first escalation
// when it was created already escalated, and its office.
void bind_new_visit(Statement& s, const Visit& v, Timestamp escalated_at, const std::string& office) {
    bind_visit_fields(s, v);
    s.bind(16, v.visitor_name).bind(17, escalated_at).bind(18, office);
}

#define EVENT_COLUMNS "id, visit_id, at, from_state, to_state, actor, detail"
// An event is its visit's office's: one primary-key look-up per event, so
// following the log costs the same however many visits there are.
#define EVENT_OF_OFFICE(param) "(SELECT office FROM visits WHERE visits.id = visit_events.visit_id) = " param

VisitEvent read_event(const Statement& s, const std::string& file) {
    VisitEvent e;
    e.id = s.integer(0);
    e.visit_id = s.integer(1);
    e.at = s.integer(2);
    const std::string from = s.text(3), to = s.text(4);
    e.from = parsed(visit_state_from(from), file, "visit state", from);
    e.to = parsed(visit_state_from(to), file, "visit state", to);
    e.actor = s.text(5);
    e.detail = s.text(6);
    return e;
}

#define OUTBOX_COLUMNS                                                                  \
    "id, idempotency_key, kind, channel, visit_id, recipient, state, attempts, "        \
    "created_at, next_attempt_at, last_error"

OutboxMessage read_message(const Statement& s, const std::string& file) {
    OutboxMessage m;
    m.id = s.integer(0);
    m.idempotency_key = s.text(1);
    const std::string kind = s.text(2), channel = s.text(3), state = s.text(6);
    m.kind = parsed(notification_kind_from(kind), file, "notification kind", kind);
    m.channel = parsed(channel_from(channel), file, "channel", channel);
    m.visit_id = s.is_null(4) ? 0 : s.integer(4);
    m.recipient = s.text(5);
    bool known = false;
    for (auto st : {OutboxState::Pending, OutboxState::Sent, OutboxState::Dead}) {
        if (state == to_string(st)) m.state = st, known = true;
    }
    if (!known) store_rows::unreadable(file, "outbox state", state);
    m.attempts = static_cast<int>(s.integer(7));
    m.created_at = s.integer(8);
    m.next_attempt_at = s.integer(9);
    m.last_error = s.text(10);
    return m;
}

#define CALLBACK_COLUMNS "id, phone, topic_id, part, language, state, created_at, due_at, handled_at"

CallbackRequest read_callback(const Statement& s, const std::string& file) {
    CallbackRequest c;
    c.id = s.integer(0);
    c.phone = s.text(1);
    c.topic_id = s.text(2);
    const std::string part = s.text(3), state = s.text(5);
    c.part = parsed(part_of_day_from(part), file, "part of day", part);
    c.language = s.text(4);
    c.state = parsed(callback_state_from(state), file, "callback state", state);
    c.created_at = s.integer(6);
    c.due_at = s.integer(7);
    c.handled_at = s.integer(8);
    return c;
}

constexpr const char* kInsertCallback =
    "INSERT INTO callbacks (phone, topic_id, part, language, state, created_at, due_at, handled_at, office) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

void bind_callback(Statement& s, const CallbackRequest& c, const std::string& office) {
    s.bind(1, c.phone).bind(2, c.topic_id).bind(3, to_string(c.part)).bind(4, c.language);
    s.bind(5, to_string(c.state)).bind(6, c.created_at).bind(7, c.due_at).bind(8, c.handled_at);
    s.bind(9, office);
}

constexpr const char* kInsertSurvey =
    "INSERT INTO surveys (hour, staff_id, topic_id, score, one_go, comment, language, office) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

void bind_survey(Statement& s, const SurveyResponse& r, const std::string& office) {
    s.bind(1, r.hour).bind(2, r.staff_id).bind(3, r.topic_id).bind(4, r.score);
    if (r.one_go) s.bind(5, *r.one_go ? 1 : 0);
    else s.bind_null(5);
    s.bind(6, r.comment).bind(7, r.language).bind(8, office);
}

#define SURVEY_COLUMNS "id, hour, staff_id, topic_id, score, one_go, comment, language"

SurveyResponse read_survey(const Statement& s) {
    SurveyResponse r;
    r.id = s.integer(0);
    r.hour = s.integer(1);
    r.staff_id = s.text(2);
    r.topic_id = s.text(3);
    r.score = static_cast<int>(s.integer(4));
    if (!s.is_null(5)) r.one_go = s.integer(5) != 0;
    r.comment = s.text(6);
    r.language = s.text(7);
    return r;
}

bool in_memory(const std::string& path) { return path.empty() || path == ":memory:"; }

}  // namespace

SqliteStore::SqliteStore(const std::string& path) : SqliteStore(path, SqliteOptions{}) {}

SqliteStore::SqliteStore(const std::string& path, const SqliteOptions& options, const std::string& office,
                         bool enter_office) {
    office_rows::require_valid(office);
    const std::string file = in_memory(path) ? ":memory:" : path;
    if (!in_memory(path)) {
        const auto folder = std::filesystem::path(path).parent_path();
        std::error_code ec;
        if (!folder.empty()) std::filesystem::create_directories(folder, ec);
        if (ec) {
            throw StoreError(StoreError::Kind::Io,
                             "cannot create the folder " + folder.string() + " for the data file " + path +
                                 " (" + ec.message() +
                                 ") — create it with write permission for the user running Gastvrij, "
                                 "or choose another file with --data");
        }
    }
    impl_ = std::make_unique<Impl>(file, options, office);
    std::lock_guard lock(impl_->mutex);  // the connection may already serve another store
    sqlite::prepare(*impl_->writer);
    if (enter_office) sqlite::open_office(impl_->db, office);
    if (options.max_pages > 0)
        impl_->db.query_int("PRAGMA max_page_count = " + std::to_string(options.max_pages));
}

SqliteStore::~SqliteStore() = default;

const std::string& SqliteStore::path() const { return impl_->db.path(); }

const std::string& SqliteStore::office() const { return impl_->office; }

std::vector<std::string> SqliteStore::offices() const {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept("SELECT id FROM offices ORDER BY id");
    std::vector<std::string> out;
    while (q->step()) out.push_back(q->text(0));
    return out;
}

int SqliteStore::schema_version() const {
    std::lock_guard lock(impl_->mutex);
    return static_cast<int>(impl_->db.query_int("PRAGMA user_version"));
}

// ---- visits -----------------------------------------------------------------

namespace {

void insert_event(sqlite::StatementCache& kept, const VisitEvent& e) {
    auto q = kept(
        "INSERT INTO visit_events (visit_id, at, from_state, to_state, actor, detail) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    q->bind(1, e.visit_id).bind(2, e.at).bind(3, to_string(e.from)).bind(4, to_string(e.to));
    q->bind(5, e.actor).bind(6, e.detail);
    q->run();
}

// A message whose key is already queued is dropped: replaying an intent (after
// a crash, or a second tap) must never notify a colleague twice.
void insert_message(sqlite::StatementCache& kept, const OutboxMessage& m, const std::string& office) {
    auto q = kept(
        "INSERT OR IGNORE INTO outbox (idempotency_key, kind, channel, visit_id, recipient, state, "
        "attempts, created_at, next_attempt_at, last_error, office) "
        "VALUES (?1, ?2, ?3, ?4, ?5, 'pending', 0, ?6, ?7, '', ?8)");
    q->bind(1, m.idempotency_key).bind(2, to_string(m.kind)).bind(3, to_string(m.channel));
    if (m.visit_id != 0) q->bind(4, m.visit_id);
    else q->bind_null(4);
    q->bind(5, m.recipient).bind(6, m.created_at);
    q->bind(7, m.next_attempt_at != 0 ? m.next_attempt_at : m.created_at).bind(8, office);
    q->run();
}

}  // namespace

StoredVisit SqliteStore::create_visit(const Visit& v, const std::vector<VisitEvent>& events,
                                      std::vector<OutboxMessage> outbox) {
    std::lock_guard lock(impl_->mutex);
    auto& im = *impl_;
    Transaction tx(im.db, "saving a check-in");
    StoredVisit stored{v, {}};
    Visit& saved = stored.visit;
    {
        Timestamp escalated_at = 0;
        for (const auto& e : events) {
            if (e.to == VisitState::Escalated && escalated_at == 0) escalated_at = e.at;
        }
        auto q = im.kept(kInsertVisit);
        bind_new_visit(*q, v, escalated_at, im.office);
        q->run();
    }
    saved.id = im.db.last_insert_id();
    for (VisitEvent e : events) {
        e.visit_id = saved.id;
        insert_event(im.kept, e);
        e.id = im.db.last_insert_id();
        stored.events.push_back(std::move(e));
    }
    bind_visit_id(outbox, saved.id);  // "visit-0-…" keys become "visit-<id>-…"
    for (const auto& m : outbox) insert_message(im.kept, m, im.office);
    tx.commit();
    return stored;
}

VisitEvent SqliteStore::apply(const Transition& t, std::vector<OutboxMessage> outbox) {
    std::lock_guard lock(impl_->mutex);
    auto& im = *impl_;
    const VisitId id = t.visit.id;
    Transaction tx(im.db, "saving a visit change");
    {
        // Only from the state the transition was computed from: if someone else
        // moved the visit meanwhile (desk and host tapping at once), this
        // changes nothing. The first name is never rewritten here, so retention
        // erasing it during a long visit is not undone by a later transition.
        auto q = im.kept(
            "UPDATE visits SET kiosk_id = ?1, topic_id = ?2, host_id = ?3, team_id = ?4, "
            "language = ?5, state = ?6, escalation_level = ?7, tried_hosts = ?8, arrived_at = ?9, "
            "ack_deadline = ?10, acknowledged_at = ?11, promised_at = ?12, started_at = ?13, "
            "finished_at = ?14, closed_at = ?15, "
            "escalated_at = CASE WHEN escalated_at = 0 THEN ?18 ELSE escalated_at END "
            "WHERE id = ?16 AND state = ?17 AND office = ?19");
        bind_visit_fields(*q, t.visit);
        q->bind(16, id).bind(17, to_string(t.event.from)).bind(19, im.office);
        q->bind(18, t.event.to == VisitState::Escalated ? t.event.at : Timestamp{0});
        q->run();
    }
    if (im.db.changes() == 0) {
        auto q = im.kept("SELECT state FROM visits WHERE id = ?1 AND office = ?2");
        q->bind(1, id).bind(2, im.office);
        if (!q->step()) throw TransitionError("visit " + std::to_string(id) + " does not exist");
        throw TransitionError("visit " + std::to_string(id) + " changed meanwhile (it is now " +
                              q->text(0) + ", not " + to_string(t.event.from) + ")");
    }
    VisitEvent e = t.event;
    e.visit_id = id;
    insert_event(im.kept, e);
    e.id = im.db.last_insert_id();
    bind_visit_id(outbox, id);
    for (const auto& m : outbox) insert_message(im.kept, m, im.office);
    tx.commit();
    return e;
}

std::optional<Visit> SqliteStore::visit(VisitId id) const {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept("SELECT " VISIT_COLUMNS " FROM visits WHERE id = ?1 AND office = ?2");
    q->bind(1, id).bind(2, impl_->office);
    if (!q->step()) return std::nullopt;
    return read_visit(*q, path());
}

std::vector<Visit> SqliteStore::open_visits() const {
    std::lock_guard lock(impl_->mutex);
    // Same condition as the partial index visits_open, so SQLite uses it.
    auto q = impl_->kept("SELECT " VISIT_COLUMNS " FROM visits "
                         "WHERE office = ?1 AND state NOT IN ('finished', 'cancelled', 'left') "
                         "ORDER BY arrived_at, id");
    q->bind(1, impl_->office);
    std::vector<Visit> out;
    while (q->step()) out.push_back(read_visit(*q, path()));
    return out;
}

std::vector<Visit> SqliteStore::visits_between(Timestamp from, Timestamp to) const {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept("SELECT " VISIT_COLUMNS " FROM visits "
                         "WHERE office = ?3 AND arrived_at >= ?1 AND arrived_at < ?2 ORDER BY arrived_at, id");
    q->bind(1, from).bind(2, to).bind(3, impl_->office);
    std::vector<Visit> out;
    while (q->step()) out.push_back(read_visit(*q, path()));
    return out;
}

std::vector<VisitEvent> SqliteStore::events(VisitId id) const {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept("SELECT " EVENT_COLUMNS " FROM visit_events WHERE visit_id = ?1 "
                         "AND " EVENT_OF_OFFICE("?2") " ORDER BY id");
    q->bind(1, id).bind(2, impl_->office);
    std::vector<VisitEvent> out;
    while (q->step()) out.push_back(read_event(*q, path()));
    return out;
}

std::vector<VisitEvent> SqliteStore::events_since(std::int64_t after_event_id, int limit) const {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept("SELECT " EVENT_COLUMNS " FROM visit_events WHERE id > ?1 AND " EVENT_OF_OFFICE("?3")
                         " ORDER BY id LIMIT ?2");
    q->bind(1, after_event_id).bind(2, limit).bind(3, impl_->office);
    std::vector<VisitEvent> out;
    while (q->step()) out.push_back(read_event(*q, path()));
    return out;
}

std::int64_t SqliteStore::latest_event_id() const {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept("SELECT coalesce(max(id), 0) FROM visit_events");
    q->step();
    return q->integer(0);
}

// ---- presence ----------------------------------------------------------------

void SqliteStore::set_presence(const std::string& date, const std::string& staff_id, Presence p) {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept(
        "INSERT INTO presence (office, date, staff_id, presence) VALUES (?4, ?1, ?2, ?3) "
        "ON CONFLICT (office, date, staff_id) DO UPDATE SET presence = excluded.presence");
    q->bind(1, date).bind(2, staff_id).bind(3, to_string(p)).bind(4, impl_->office);
    q->run();
}

std::map<std::string, Presence> SqliteStore::presence(const std::string& date) const {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept("SELECT staff_id, presence FROM presence WHERE office = ?2 AND date = ?1");
    q->bind(1, date).bind(2, impl_->office);
    std::map<std::string, Presence> out;
    while (q->step()) {
        const std::string raw = q->text(1);
        out[q->text(0)] = parsed(presence_from(raw), path(), "presence", raw);
    }
    return out;
}

// ---- callbacks ----------------------------------------------------------------

CallbackRequest SqliteStore::add_callback(const CallbackRequest& c) {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept(kInsertCallback);
    bind_callback(*q, c, impl_->office);
    q->run();
    CallbackRequest saved = c;
    saved.id = impl_->db.last_insert_id();
    return saved;
}

std::optional<CallbackRequest> SqliteStore::update_callback(const CallbackRequest& c) {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept("UPDATE callbacks SET state = ?2, handled_at = ?3, phone = ?4 WHERE id = ?1 AND office = ?5");
    q->bind(1, c.id).bind(2, to_string(c.state)).bind(3, c.handled_at).bind(4, c.phone).bind(5, impl_->office);
    q->run();
    if (impl_->db.changes() == 0) return std::nullopt;
    auto read = impl_->kept("SELECT " CALLBACK_COLUMNS " FROM callbacks WHERE id = ?1 AND office = ?2");
    read->bind(1, c.id).bind(2, impl_->office);
    if (!read->step()) return std::nullopt;
    return read_callback(*read, path());
}

std::optional<CallbackRequest> SqliteStore::callback(std::int64_t id) const {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept("SELECT " CALLBACK_COLUMNS " FROM callbacks WHERE id = ?1 AND office = ?2");
    q->bind(1, id).bind(2, impl_->office);
    if (!q->step()) return std::nullopt;
    return read_callback(*q, path());
}

std::vector<CallbackRequest> SqliteStore::callbacks(bool only_open) const {
    std::lock_guard lock(impl_->mutex);
    auto q = only_open
                 ? impl_->kept("SELECT " CALLBACK_COLUMNS " FROM callbacks WHERE office = ?1 AND state <> 'done' "
                               "ORDER BY created_at, id")
                 : impl_->kept("SELECT " CALLBACK_COLUMNS " FROM callbacks WHERE office = ?1 ORDER BY created_at, id");
    q->bind(1, impl_->office);
    std::vector<CallbackRequest> out;
    while (q->step()) out.push_back(read_callback(*q, path()));
    return out;
}

// ---- surveys -------------------------------------------------------------------

SurveyResponse SqliteStore::add_survey(const SurveyResponse& r) {
    std::lock_guard lock(impl_->mutex);
    SurveyResponse saved = r;
    saved.hour = round_to_hour(r.hour);  // anonymity does not depend on the caller
    auto q = impl_->kept(kInsertSurvey);
    bind_survey(*q, saved, impl_->office);
    q->run();
    saved.id = impl_->db.last_insert_id();
    return saved;
}

CommentOutcome SqliteStore::set_survey_comment_once(std::int64_t id, const std::string& comment,
                                                   Timestamp hour_from) {
    std::lock_guard lock(impl_->mutex);
    // One UPDATE is one atomic check-and-set across processes (WAL
    // serialises writers): the second writer finds the comment there.
    auto q = impl_->kept("UPDATE surveys SET comment = ?2 WHERE id = ?1 AND comment = '' AND hour >= ?3 "
                         "AND office = ?4");
    q->bind(1, id).bind(2, comment).bind(3, hour_from).bind(4, impl_->office);
    q->run();
    if (impl_->db.changes() == 1) return CommentOutcome::Set;
    auto seen = impl_->kept("SELECT comment <> '' FROM surveys WHERE id = ?1 AND hour >= ?2 AND office = ?3");
    seen->bind(1, id).bind(2, hour_from).bind(3, impl_->office);
    if (seen->step() && seen->integer(0) != 0) return CommentOutcome::AlreadySet;
    return CommentOutcome::NotFound;
}

std::vector<SurveyResponse> SqliteStore::surveys_between(Timestamp from, Timestamp to) const {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept("SELECT " SURVEY_COLUMNS " FROM surveys WHERE office = ?3 AND hour >= ?1 AND hour < ?2 "
                         "ORDER BY hour, id");
    q->bind(1, from).bind(2, to).bind(3, impl_->office);
    std::vector<SurveyResponse> out;
    while (q->step()) out.push_back(read_survey(*q));
    return out;
}

// Phone survey links: the signing key and the links already answered (schema step 6).

std::string SqliteStore::survey_link_key(const std::string& candidate) {
    if (candidate.size() < 32)
        throw StoreError(StoreError::Kind::Other, "a survey link key must be at least 32 characters");
    std::lock_guard lock(impl_->mutex);
    {
        // OR IGNORE: a second service that raced us keeps the first one's key.
        auto q = impl_->kept("INSERT OR IGNORE INTO survey_link_key (id, secret) VALUES (1, ?1)");
        q->bind(1, candidate);
        q->run();
    }
    auto q = impl_->kept("SELECT secret FROM survey_link_key WHERE id = 1");
    if (!q->step()) throw StoreError(StoreError::Kind::Corrupt, path() + ": the survey link key vanished");
    return q->text(0);
}

std::optional<SurveyResponse> SqliteStore::add_phone_survey(const std::string& link_digest, Timestamp forget_after,
                                                            const SurveyResponse& r) {
    if (link_digest.empty()) throw StoreError(StoreError::Kind::Other, "a phone survey needs its link's digest");
    std::lock_guard lock(impl_->mutex);
    auto& im = *impl_;
    Transaction tx(im.db, "saving a survey answer from a phone");
    {
        auto q = im.kept("INSERT OR IGNORE INTO survey_links_used (digest, forget_after) VALUES (?1, ?2)");
        constexpr Timestamp kDay = 86'400;
        q->bind(1, link_digest).bind(2, (forget_after + kDay - 1) / kDay * kDay);
        q->run();
        if (im.db.changes() == 0) return std::nullopt;  // answered before: the transaction rolls back
    }
    SurveyResponse saved = r;
    saved.hour = round_to_hour(r.hour);
    auto q = im.kept(kInsertSurvey);
    bind_survey(*q, saved, impl_->office);
    q->run();
    saved.id = im.db.last_insert_id();
    tx.commit();
    return saved;
}

bool SqliteStore::survey_link_used(const std::string& link_digest) const {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept("SELECT 1 FROM survey_links_used WHERE digest = ?1");
    q->bind(1, link_digest);
    return q->step();
}

// ---- outbox ----------------------------------------------------------------------

std::vector<OutboxMessage> SqliteStore::due_messages(Timestamp now, int limit) const {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept("SELECT " OUTBOX_COLUMNS " FROM outbox "
                         "WHERE office = ?3 AND state = 'pending' AND next_attempt_at <= ?1 "
                         "ORDER BY created_at, id LIMIT ?2");
    q->bind(1, now).bind(2, limit).bind(3, impl_->office);
    std::vector<OutboxMessage> out;
    while (q->step()) out.push_back(read_message(*q, path()));
    return out;
}

bool SqliteStore::claim_message(std::int64_t message_id, Timestamp seen_next_attempt, Timestamp lease_until,
                                const std::string& worker) {
    std::lock_guard lock(impl_->mutex);
    // One statement is one atomic compare-and-set across processes (WAL
    // serialises writers): the second of two workers finds the time moved.
    auto q = impl_->kept("UPDATE outbox SET next_attempt_at = ?3, claimed_by = ?4 "
                         "WHERE id = ?1 AND state = 'pending' AND next_attempt_at = ?2");
    q->bind(1, message_id).bind(2, seen_next_attempt).bind(3, lease_until).bind(4, worker);
    q->run();
    return impl_->db.changes() == 1;
}

int SqliteStore::release_claims(const std::string& worker, Timestamp now) {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept("UPDATE outbox SET next_attempt_at = ?2 "
                         "WHERE state = 'pending' AND claimed_by = ?1 AND next_attempt_at > ?2");
    q->bind(1, worker).bind(2, now);
    q->run();
    return impl_->db.changes();
}

void SqliteStore::mark_sent(std::int64_t message_id, Timestamp now) {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept("UPDATE outbox SET state = 'sent', sent_at = ?2, last_error = '' "
                         "WHERE id = ?1 AND state = 'pending'");
    q->bind(1, message_id).bind(2, now);
    q->run();
}

bool SqliteStore::record_failure(std::int64_t message_id, int attempts_before, const FailedAttempt& f,
                                 const std::string& error) {
    std::lock_guard lock(impl_->mutex);
    // The retry time is no claim: a restart of this worker must not hurry it.
    auto q = impl_->kept("UPDATE outbox SET attempts = ?3, last_error = ?4, state = ?5, next_attempt_at = ?6, "
                         "claimed_by = '' WHERE id = ?1 AND state = 'pending' AND attempts = ?2");
    q->bind(1, message_id).bind(2, attempts_before).bind(3, f.attempts).bind(4, error);
    q->bind(5, to_string(f.dead ? OutboxState::Dead : OutboxState::Pending)).bind(6, f.next_attempt_at);
    q->run();
    return impl_->db.changes() == 1;
}

void SqliteStore::mark_dead(std::int64_t message_id, const std::string& error, Timestamp now) {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept("UPDATE outbox SET attempts = attempts + 1, last_error = ?2, state = 'dead', next_attempt_at = ?3 "
                         "WHERE id = ?1 AND state = 'pending'");
    q->bind(1, message_id).bind(2, error).bind(3, now);
    q->run();
}

std::vector<OutboxMessage> SqliteStore::dead_letters() const {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept("SELECT " OUTBOX_COLUMNS " FROM outbox WHERE office = ?1 AND state = 'dead' ORDER BY id");
    q->bind(1, impl_->office);
    std::vector<OutboxMessage> out;
    while (q->step()) out.push_back(read_message(*q, path()));
    return out;
}

void SqliteStore::retry_dead(std::int64_t message_id, Timestamp now) {
    std::lock_guard lock(impl_->mutex);
    // The desk asked for another go: a fresh retry schedule, starting now.
    auto q = impl_->kept("UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?2 "
                         "WHERE id = ?1 AND state = 'dead' AND office = ?3");
    q->bind(1, message_id).bind(2, now).bind(3, impl_->office);
    q->run();
}

// ---- bulk loading (bench and load tests) -------------------------------------------

namespace {
// One transaction, one prepared statement, `count` rows bound by `bind_row(i)`.
template <class Impl, class BindRow>
void bulk_insert(Impl& im, const char* sql, const char* what, std::int64_t count, BindRow bind_row) {
    std::lock_guard lock(im.mutex);
    Transaction tx(im.db, what);
    auto q = im.kept(sql);
    for (std::int64_t i = 0; i < count; ++i) {
        bind_row(*q, i);
        q->run();
        q->reset();
    }
    tx.commit();
}
}  // namespace

void SqliteStore::bulk_insert_visits(std::int64_t count, const std::function<Visit(std::int64_t)>& make) {
    bulk_insert(*impl_, kInsertVisit, "loading visits", count,
                [&](Statement& q, std::int64_t i) { bind_new_visit(q, make(i), 0, impl_->office); });
}

void SqliteStore::bulk_insert_surveys(std::int64_t count,
                                      const std::function<SurveyResponse(std::int64_t)>& make) {
    bulk_insert(*impl_, kInsertSurvey, "loading surveys", count, [&](Statement& q, std::int64_t i) {
        SurveyResponse r = make(i);
        r.hour = round_to_hour(r.hour);  // anonymity does not depend on the caller
        bind_survey(q, r, impl_->office);
    });
}

void SqliteStore::bulk_insert_callbacks(std::int64_t count,
                                        const std::function<CallbackRequest(std::int64_t)>& make) {
    bulk_insert(*impl_, kInsertCallback, "loading callback requests", count,
                [&](Statement& q, std::int64_t i) { bind_callback(q, make(i), impl_->office); });
}

}  // namespace gastvrij
