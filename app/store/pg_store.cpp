#include "store/pg_store.h"

#include "store/office_rows.h"
#include "store/pg_migrations.h"
#include "store/pg_store_impl.h"
#include "store/row_codec.h"

namespace gastvrij {

using pg::Params;
using pg::Result;
using pg::Transaction;

namespace pg_rows {

void unreadable(const std::string& where, const std::string& what, const std::string& raw) {
    throw StoreError(StoreError::Kind::Corrupt,
                     "the PostgreSQL database " + where + " holds an unknown " + what + " '" + raw +
                         "' — it was written by another (newer?) program; use the Gastvrij version that wrote it");
}

}  // namespace pg_rows

namespace {

// An enum column's value; an unknown one is reported as damage, naming the store.
template <class E>
E parsed(std::optional<E> value, const std::string& where, const char* what, const std::string& raw) {
    return row_codec::parsed(std::move(value), pg_rows::unreadable, where, what, raw);
}

using row_codec::join_lines;
using row_codec::split_lines;

#define VISIT_COLUMNS                                                                  \
    "id, kiosk_id, topic_id, host_id, team_id, visitor_name, language, state, "        \
    "escalation_level, tried_hosts, arrived_at, ack_deadline, acknowledged_at, "       \
    "promised_at, started_at, finished_at, closed_at"

Visit read_visit(const Result& r, int row, const std::string& where) {
    Visit v;
    v.id = r.integer(row, 0);
    v.kiosk_id = r.text(row, 1);
    v.topic_id = r.text(row, 2);
    v.host_id = r.text(row, 3);
    v.team_id = r.text(row, 4);
    v.visitor_name = r.text(row, 5);
    v.language = r.text(row, 6);
    const std::string state = r.text(row, 7);
    v.state = parsed(visit_state_from(state), where, "visit state", state);
    v.escalation_level = static_cast<int>(r.integer(row, 8));
    v.tried_hosts = split_lines(r.text(row, 9));
    v.arrived_at = r.integer(row, 10);
    v.ack_deadline = r.integer(row, 11);
    v.acknowledged_at = r.integer(row, 12);
    v.promised_at = r.integer(row, 13);
    v.started_at = r.integer(row, 14);
    v.finished_at = r.integer(row, 15);
    v.closed_at = r.integer(row, 16);
    return v;
}

std::vector<Visit> read_visits(const Result& r, const std::string& where) {
    std::vector<Visit> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(read_visit(r, i, where));
    return out;
}

// $1 … $15: every column of VISIT_COLUMNS but id and visitor_name.
Params visit_fields(const Visit& v) {
    Params p;
    p.add(v.kiosk_id).add(v.topic_id).add(v.host_id).add(v.team_id).add(v.language).add(to_string(v.state));
    p.add(v.escalation_level).add(join_lines(v.tried_hosts)).add(v.arrived_at).add(v.ack_deadline);
    p.add(v.acknowledged_at).add(v.promised_at).add(v.started_at).add(v.finished_at).add(v.closed_at);
    return p;
}

#define EVENT_COLUMNS "id, visit_id, at, from_state, to_state, actor, detail"
// An event is its visit's office's: one primary-key look-up per event, so
// following the log costs the same however many visits there are.
#define EVENT_OF_OFFICE(param) "(SELECT office FROM visits WHERE visits.id = visit_events.visit_id) = " param

std::vector<VisitEvent> read_events(const Result& r, const std::string& where) {
    std::vector<VisitEvent> out;
    for (int i = 0; i < r.rows(); ++i) {
        VisitEvent e;
        e.id = r.integer(i, 0);
        e.visit_id = r.integer(i, 1);
        e.at = r.integer(i, 2);
        const std::string from = r.text(i, 3), to = r.text(i, 4);
        e.from = parsed(visit_state_from(from), where, "visit state", from);
        e.to = parsed(visit_state_from(to), where, "visit state", to);
        e.actor = r.text(i, 5);
        e.detail = r.text(i, 6);
        out.push_back(std::move(e));
    }
    return out;
}

#define OUTBOX_COLUMNS                                                                  \
    "id, idempotency_key, kind, channel, visit_id, recipient, state, attempts, "        \
    "created_at, next_attempt_at, last_error"

std::vector<OutboxMessage> read_messages(const Result& r, const std::string& where) {
    std::vector<OutboxMessage> out;
    for (int i = 0; i < r.rows(); ++i) {
        OutboxMessage m;
        m.id = r.integer(i, 0);
        m.idempotency_key = r.text(i, 1);
        const std::string kind = r.text(i, 2), channel = r.text(i, 3), state = r.text(i, 6);
        m.kind = parsed(notification_kind_from(kind), where, "notification kind", kind);
        m.channel = parsed(channel_from(channel), where, "channel", channel);
        m.visit_id = r.integer(i, 4);  // NULL reads as 0: no visit
        m.recipient = r.text(i, 5);
        bool known = false;
        for (auto st : {OutboxState::Pending, OutboxState::Sent, OutboxState::Dead}) {
            if (state == to_string(st)) m.state = st, known = true;
        }
        if (!known) pg_rows::unreadable(where, "outbox state", state);
        m.attempts = static_cast<int>(r.integer(i, 7));
        m.created_at = r.integer(i, 8);
        m.next_attempt_at = r.integer(i, 9);
        m.last_error = r.text(i, 10);
        out.push_back(std::move(m));
    }
    return out;
}

#define CALLBACK_COLUMNS "id, phone, topic_id, part, language, state, created_at, due_at, handled_at"

std::vector<CallbackRequest> read_callbacks(const Result& r, const std::string& where) {
    std::vector<CallbackRequest> out;
    for (int i = 0; i < r.rows(); ++i) {
        CallbackRequest c;
        c.id = r.integer(i, 0);
        c.phone = r.text(i, 1);
        c.topic_id = r.text(i, 2);
        const std::string part = r.text(i, 3), state = r.text(i, 5);
        c.part = parsed(part_of_day_from(part), where, "part of day", part);
        c.language = r.text(i, 4);
        c.state = parsed(callback_state_from(state), where, "callback state", state);
        c.created_at = r.integer(i, 6);
        c.due_at = r.integer(i, 7);
        c.handled_at = r.integer(i, 8);
        out.push_back(std::move(c));
    }
    return out;
}

#define SURVEY_COLUMNS "id, hour, staff_id, topic_id, score, one_go, comment, language"

std::vector<SurveyResponse> read_surveys(const Result& r) {
    std::vector<SurveyResponse> out;
    for (int i = 0; i < r.rows(); ++i) {
        SurveyResponse s;
        s.id = r.integer(i, 0);
        s.hour = r.integer(i, 1);
        s.staff_id = r.text(i, 2);
        s.topic_id = r.text(i, 3);
        s.score = static_cast<int>(r.integer(i, 4));
        if (!r.is_null(i, 5)) s.one_go = r.boolean(i, 5);
        s.comment = r.text(i, 6);
        s.language = r.text(i, 7);
        out.push_back(std::move(s));
    }
    return out;
}

// Event ids must become visible in the order they are numbered, or a reader
// following the log (the desk's live board, another office's service) could
// pass id 3 before id 2 commits and never see 2. One lock, held to commit,
// orders every writer of events on the database.
// The NOTIFY rides on the same transaction: listeners hear of it at commit,
// never of a change that was rolled back.
constexpr const char* kEventOrder =
    "SELECT pg_advisory_xact_lock(7412093002), pg_notify('gastvrij_change', '')";

std::int64_t insert_event(pg::Connection& db, const VisitEvent& e, const std::string& doing) {
    return db
        .exec("INSERT INTO visit_events (visit_id, at, from_state, to_state, actor, detail) "
              "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
              Params().add(e.visit_id).add(e.at).add(to_string(e.from)).add(to_string(e.to)).add(e.actor).add(e.detail),
              doing)
        .integer(0, 0);
}

// A message whose key is already queued is dropped: replaying an intent (after
// a crash, or a second tap) must never notify a colleague twice.
void insert_message(pg::Connection& db, const OutboxMessage& m, const std::string& office, const std::string& doing) {
    Params p;
    p.add(m.idempotency_key).add(to_string(m.kind)).add(to_string(m.channel));
    if (m.visit_id != 0) p.add(m.visit_id);
    else p.add_null();
    p.add(m.recipient).add(m.created_at).add(m.next_attempt_at != 0 ? m.next_attempt_at : m.created_at).add(office);
    db.exec("INSERT INTO outbox (idempotency_key, kind, channel, visit_id, recipient, state, attempts, "
            "created_at, next_attempt_at, last_error, office) "
            "VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $7, '', $8) "
            "ON CONFLICT (idempotency_key) DO NOTHING",
            p, doing);
}

Params survey_values(const SurveyResponse& r, const std::string& office) {
    Params p;
    p.add(r.hour).add(r.staff_id).add(r.topic_id).add(r.score);
    if (r.one_go) p.add(*r.one_go);
    else p.add_null();
    p.add(r.comment).add(r.language).add(office);
    return p;
}

constexpr const char* kInsertSurvey =
    "INSERT INTO surveys (hour, staff_id, topic_id, score, one_go, comment, language, office) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";

}  // namespace

PgStore::PgStore(const std::string& url, const std::string& office, bool enter_office) {
    office_rows::require_valid(office);
    impl_ = std::make_unique<Impl>(url, office);
    pg::migrate(impl_->db);
    if (enter_office) pg::open_office(impl_->db, office);
}

const std::string& PgStore::office() const { return impl_->office; }

std::vector<std::string> PgStore::offices() const {
    std::lock_guard lock(impl_->mutex);
    const Result r =
        impl_->read([&] { return impl_->db.exec("SELECT id FROM offices ORDER BY id", "reading the offices"); });
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
    return out;
}

PgStore::~PgStore() = default;

void PgStore::on_change(std::function<void()> wake) { impl_->listener.set(std::move(wake)); }

const std::string& PgStore::label() const { return impl_->db.label(); }

int PgStore::schema_version() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->read([&] { return pg::schema_version(impl_->db); });
}

// ---- visits ---------------------------------------------------------------------

StoredVisit PgStore::create_visit(const Visit& v, const std::vector<VisitEvent>& events,
                                  std::vector<OutboxMessage> outbox) {
    std::lock_guard lock(impl_->mutex);
    auto& db = impl_->db;
    const std::string doing = "saving a check-in";
    Transaction tx(db, doing);
    db.exec(kEventOrder, doing);
    Timestamp escalated_at = 0;
    for (const auto& e : events) {
        if (e.to == VisitState::Escalated && escalated_at == 0) escalated_at = e.at;
    }
    Params p = visit_fields(v);
    p.add(v.visitor_name).add(escalated_at).add(impl_->office);
    StoredVisit stored{v, {}};
    stored.visit.id =
        db.exec("INSERT INTO visits (kiosk_id, topic_id, host_id, team_id, language, state, escalation_level, "
                "tried_hosts, arrived_at, ack_deadline, acknowledged_at, promised_at, started_at, finished_at, "
                "closed_at, visitor_name, escalated_at, office) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) "
                "RETURNING id",
                p, doing)
            .integer(0, 0);
    for (VisitEvent e : events) {
        e.visit_id = stored.visit.id;
        e.id = insert_event(db, e, doing);
        stored.events.push_back(std::move(e));
    }
    bind_visit_id(outbox, stored.visit.id);  // "visit-0-…" keys become "visit-<id>-…"
    for (const auto& m : outbox) insert_message(db, m, impl_->office, doing);
    tx.commit();
    return stored;
}

VisitEvent PgStore::apply(const Transition& t, std::vector<OutboxMessage> outbox) {
    std::lock_guard lock(impl_->mutex);
    auto& db = impl_->db;
    const VisitId id = t.visit.id;
    const std::string doing = "saving a visit change";
    Transaction tx(db, doing);
    db.exec(kEventOrder, doing);
    // Only from the state the transition was computed from: if someone else
    // moved the visit meanwhile (desk and host tapping at once, in two
    // offices' services), this changes nothing. The first name is never
    // rewritten, so retention erasing it during a long visit is not undone.
    Params p = visit_fields(t.visit);
    p.add(id).add(to_string(t.event.from)).add(t.event.to == VisitState::Escalated ? t.event.at : Timestamp{0});
    p.add(impl_->office);
    const Result updated = db.exec(
        "UPDATE visits SET kiosk_id = $1, topic_id = $2, host_id = $3, team_id = $4, language = $5, state = $6, "
        "escalation_level = $7, tried_hosts = $8, arrived_at = $9, ack_deadline = $10, acknowledged_at = $11, "
        "promised_at = $12, started_at = $13, finished_at = $14, closed_at = $15, "
        "escalated_at = CASE WHEN escalated_at = 0 THEN $18 ELSE escalated_at END "
        "WHERE id = $16 AND state = $17 AND office = $19",
        p, doing);
    if (updated.affected() == 0) {
        const Result now =
            db.exec("SELECT state FROM visits WHERE id = $1 AND office = $2", Params().add(id).add(impl_->office), doing);
        if (now.rows() == 0) throw TransitionError("visit " + std::to_string(id) + " does not exist");
        throw TransitionError("visit " + std::to_string(id) + " changed meanwhile (it is now " + now.text(0, 0) +
                              ", not " + to_string(t.event.from) + ")");
    }
    VisitEvent e = t.event;
    e.visit_id = id;
    e.id = insert_event(db, e, doing);
    bind_visit_id(outbox, id);
    for (const auto& m : outbox) insert_message(db, m, impl_->office, doing);
    tx.commit();
    return e;
}

std::optional<Visit> PgStore::visit(VisitId id) const {
    std::lock_guard lock(impl_->mutex);
    const Result r = impl_->read([&] {
        return impl_->db.exec("SELECT " VISIT_COLUMNS " FROM visits WHERE id = $1 AND office = $2",
                              Params().add(id).add(impl_->office), "reading a visit");
    });
    if (r.rows() == 0) return std::nullopt;
    return read_visit(r, 0, label());
}

std::vector<Visit> PgStore::open_visits() const {
    std::lock_guard lock(impl_->mutex);
    // Same condition as the partial index visits_open, so the planner uses it.
    return read_visits(impl_->read([&] {
                           return impl_->db.exec("SELECT " VISIT_COLUMNS " FROM visits WHERE office = $1 AND "
                                                 "state NOT IN ('finished', 'cancelled', 'left') "
                                                 "ORDER BY arrived_at, id",
                                                 Params().add(impl_->office), "reading the open visits");
                       }),
                       label());
}

std::vector<Visit> PgStore::visits_between(Timestamp from, Timestamp to) const {
    std::lock_guard lock(impl_->mutex);
    return read_visits(impl_->read([&] {
                           return impl_->db.exec("SELECT " VISIT_COLUMNS " FROM visits WHERE office = $3 AND "
                                                 "arrived_at >= $1 AND arrived_at < $2 ORDER BY arrived_at, id",
                                                 Params().add(from).add(to).add(impl_->office), "reading visits");
                       }),
                       label());
}

std::vector<VisitEvent> PgStore::events(VisitId id) const {
    std::lock_guard lock(impl_->mutex);
    return read_events(impl_->read([&] {
                           return impl_->db.exec("SELECT " EVENT_COLUMNS
                                                 " FROM visit_events WHERE visit_id = $1 AND " EVENT_OF_OFFICE("$2")
                                                 " ORDER BY id",
                                                 Params().add(id).add(impl_->office), "reading a visit's history");
                       }),
                       label());
}

std::vector<VisitEvent> PgStore::events_since(std::int64_t after_event_id, int limit) const {
    std::lock_guard lock(impl_->mutex);
    return read_events(impl_->read([&] {
                           return impl_->db.exec("SELECT " EVENT_COLUMNS
                                                 " FROM visit_events WHERE id > $1 AND " EVENT_OF_OFFICE("$3")
                                                 " ORDER BY id LIMIT $2",
                                                 Params().add(after_event_id).add(limit).add(impl_->office),
                                                 "reading visit events");
                       }),
                       label());
}

std::int64_t PgStore::latest_event_id() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->read([&] {
        return impl_->db.exec("SELECT coalesce(max(id), 0) FROM visit_events", "reading the newest visit event")
            .integer(0, 0);
    });
}

// ---- presence ----------------------------------------------------------------------

void PgStore::set_presence(const std::string& date, const std::string& staff_id, Presence p) {
    std::lock_guard lock(impl_->mutex);
    const std::string doing = "saving a colleague's presence";
    Transaction tx(impl_->db, doing);
    impl_->db.exec("INSERT INTO presence (office, date, staff_id, presence) VALUES ($4, $1, $2, $3) "
                   "ON CONFLICT (office, date, staff_id) DO UPDATE SET presence = excluded.presence",
                   Params().add(date).add(staff_id).add(to_string(p)).add(impl_->office), doing);
    tx.commit();
}

std::map<std::string, Presence> PgStore::presence(const std::string& date) const {
    std::lock_guard lock(impl_->mutex);
    const Result r = impl_->read([&] {
        return impl_->db.exec("SELECT staff_id, presence FROM presence WHERE office = $2 AND date = $1",
                              Params().add(date).add(impl_->office), "reading today's presence");
    });
    std::map<std::string, Presence> out;
    for (int i = 0; i < r.rows(); ++i) {
        const std::string raw = r.text(i, 1);
        out[r.text(i, 0)] = parsed(presence_from(raw), label(), "presence", raw);
    }
    return out;
}

// ---- callbacks -----------------------------------------------------------------------

CallbackRequest PgStore::add_callback(const CallbackRequest& c) {
    std::lock_guard lock(impl_->mutex);
    const std::string doing = "saving a callback request";
    Transaction tx(impl_->db, doing);
    CallbackRequest saved = c;
    saved.id = impl_->db
                   .exec("INSERT INTO callbacks (phone, topic_id, part, language, state, created_at, due_at, "
                         "handled_at, office) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                         Params()
                             .add(c.phone)
                             .add(c.topic_id)
                             .add(to_string(c.part))
                             .add(c.language)
                             .add(to_string(c.state))
                             .add(c.created_at)
                             .add(c.due_at)
                             .add(c.handled_at)
                             .add(impl_->office),
                         doing)
                   .integer(0, 0);
    tx.commit();
    return saved;
}

std::optional<CallbackRequest> PgStore::update_callback(const CallbackRequest& c) {
    std::lock_guard lock(impl_->mutex);
    const std::string doing = "saving a callback request";
    Transaction tx(impl_->db, doing);
    const Result r = impl_->db.exec(
        "UPDATE callbacks SET state = $2, handled_at = $3, phone = $4 WHERE id = $1 AND office = $5 "
        "RETURNING " CALLBACK_COLUMNS,
        Params().add(c.id).add(to_string(c.state)).add(c.handled_at).add(c.phone).add(impl_->office), doing);
    tx.commit();
    if (r.rows() == 0) return std::nullopt;
    return read_callbacks(r, label()).front();
}

std::optional<CallbackRequest> PgStore::callback(std::int64_t id) const {
    std::lock_guard lock(impl_->mutex);
    auto found = read_callbacks(impl_->read([&] {
                                    return impl_->db.exec("SELECT " CALLBACK_COLUMNS
                                                          " FROM callbacks WHERE id = $1 AND office = $2",
                                                          Params().add(id).add(impl_->office),
                                                          "reading a callback request");
                                }),
                                label());
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<CallbackRequest> PgStore::callbacks(bool only_open) const {
    std::lock_guard lock(impl_->mutex);
    return read_callbacks(impl_->read([&] {
                              return impl_->db.exec(only_open ? "SELECT " CALLBACK_COLUMNS
                                                                " FROM callbacks WHERE office = $1 AND state <> 'done' "
                                                                "ORDER BY created_at, id"
                                                              : "SELECT " CALLBACK_COLUMNS
                                                                " FROM callbacks WHERE office = $1 "
                                                                "ORDER BY created_at, id",
                                                    Params().add(impl_->office), "reading callback requests");
                          }),
                          label());
}

// ---- surveys -----------------------------------------------------------------------------

SurveyResponse PgStore::add_survey(const SurveyResponse& r) {
    std::lock_guard lock(impl_->mutex);
    SurveyResponse saved = r;
    saved.hour = round_to_hour(r.hour);  // anonymity does not depend on the caller
    const std::string doing = "saving a survey answer";
    Transaction tx(impl_->db, doing);
    saved.id = impl_->db.exec(kInsertSurvey, survey_values(saved, impl_->office), doing).integer(0, 0);
    tx.commit();
    return saved;
}

CommentOutcome PgStore::set_survey_comment_once(std::int64_t id, const std::string& comment, Timestamp hour_from) {
    std::lock_guard lock(impl_->mutex);
    auto& db = impl_->db;
    const std::string doing = "saving a survey comment";
    Transaction tx(db, doing);
    // One UPDATE is one check-and-set: a second writer waits for the first's
    // row lock, then finds the comment there and changes nothing.
    const Result set =
        db.exec("UPDATE surveys SET comment = $2 WHERE id = $1 AND comment = '' AND hour >= $3 AND office = $4",
                Params().add(id).add(comment).add(hour_from).add(impl_->office), doing);
    if (set.affected() == 1) {
        tx.commit();
        return CommentOutcome::Set;
    }
    const Result seen = db.exec("SELECT comment <> '' FROM surveys WHERE id = $1 AND hour >= $2 AND office = $3",
                                Params().add(id).add(hour_from).add(impl_->office), doing);
    tx.commit();
    if (seen.rows() == 1 && seen.boolean(0, 0)) return CommentOutcome::AlreadySet;
    return CommentOutcome::NotFound;
}

std::vector<SurveyResponse> PgStore::surveys_between(Timestamp from, Timestamp to) const {
    std::lock_guard lock(impl_->mutex);
    return read_surveys(impl_->read([&] {
        return impl_->db.exec("SELECT " SURVEY_COLUMNS
                              " FROM surveys WHERE office = $3 AND hour >= $1 AND hour < $2 ORDER BY hour, id",
                              Params().add(from).add(to).add(impl_->office), "reading survey answers");
    }));
}

std::string PgStore::survey_link_key(const std::string& candidate) {
    if (candidate.size() < 32)
        throw StoreError(StoreError::Kind::Other, "a survey link key must be at least 32 characters");
    std::lock_guard lock(impl_->mutex);
    auto& db = impl_->db;
    const std::string doing = "keeping the survey link key";
    Transaction tx(db, doing);
    // DO NOTHING: a second service that raced us keeps the first one's key.
    db.exec("INSERT INTO survey_link_key (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING",
            Params().add(candidate), doing);
    const Result r = db.exec("SELECT secret FROM survey_link_key WHERE id = 1", doing);
    tx.commit();
    if (r.rows() == 0) throw StoreError(StoreError::Kind::Corrupt, label() + ": the survey link key vanished");
    return r.text(0, 0);
}

std::optional<SurveyResponse> PgStore::add_phone_survey(const std::string& link_digest, Timestamp forget_after,
                                                        const SurveyResponse& r) {
    if (link_digest.empty()) throw StoreError(StoreError::Kind::Other, "a phone survey needs its link's digest");
    std::lock_guard lock(impl_->mutex);
    auto& db = impl_->db;
    const std::string doing = "saving a survey answer from a phone";
    Transaction tx(db, doing);
    constexpr Timestamp kDay = 86'400;
    const Result used = db.exec(
        "INSERT INTO survey_links_used (digest, forget_after) VALUES ($1, $2) ON CONFLICT (digest) DO NOTHING",
        Params().add(link_digest).add((forget_after + kDay - 1) / kDay * kDay), doing);
    if (used.affected() == 0) return std::nullopt;  // answered before: the transaction rolls back
    SurveyResponse saved = r;
    saved.hour = round_to_hour(r.hour);
    saved.id = db.exec(kInsertSurvey, survey_values(saved, impl_->office), doing).integer(0, 0);
    tx.commit();
    return saved;
}

bool PgStore::survey_link_used(const std::string& link_digest) const {
    std::lock_guard lock(impl_->mutex);
    return impl_->read([&] {
        return impl_->db
                   .exec("SELECT 1 FROM survey_links_used WHERE digest = $1", Params().add(link_digest),
                         "checking a survey link")
                   .rows() > 0;
    });
}

// ---- outbox ----------------------------------------------------------------------------------

namespace {

// One statement that changes rows, in its own transaction so a failure is
// remembered for health(); returns how many rows it changed.
int write(PgStore::Impl& im, const char* sql, const Params& p, const std::string& doing) {
    Transaction tx(im.db, doing);
    const int n = im.db.exec(sql, p, doing).affected();
    tx.commit();
    return n;
}

}  // namespace

std::vector<OutboxMessage> PgStore::due_messages(Timestamp now, int limit) const {
    std::lock_guard lock(impl_->mutex);
    return read_messages(impl_->read([&] {
                             return impl_->db.exec("SELECT " OUTBOX_COLUMNS " FROM outbox WHERE office = $3 AND "
                                                   "state = 'pending' AND next_attempt_at <= $1 "
                                                   "ORDER BY created_at, id LIMIT $2",
                                                   Params().add(now).add(limit).add(impl_->office),
                                                   "reading due notifications");
                         }),
                         label());
}

bool PgStore::claim_message(std::int64_t message_id, Timestamp seen_next_attempt, Timestamp lease_until,
                            const std::string& worker) {
    std::lock_guard lock(impl_->mutex);
    // A compare-and-set: of two services, the second waits for the first's
    // row lock, then re-checks the condition on the new row and finds it moved.
    return write(*impl_,
                 "UPDATE outbox SET next_attempt_at = $3, claimed_by = $4 "
                 "WHERE id = $1 AND state = 'pending' AND next_attempt_at = $2",
                 Params().add(message_id).add(seen_next_attempt).add(lease_until).add(worker),
                 "claiming a notification") == 1;
}

int PgStore::release_claims(const std::string& worker, Timestamp now) {
    std::lock_guard lock(impl_->mutex);
    return write(*impl_,
                 "UPDATE outbox SET next_attempt_at = $2 "
                 "WHERE state = 'pending' AND claimed_by = $1 AND next_attempt_at > $2",
                 Params().add(worker).add(now), "taking back unfinished notifications");
}

void PgStore::mark_sent(std::int64_t message_id, Timestamp now) {
    std::lock_guard lock(impl_->mutex);
    write(*impl_, "UPDATE outbox SET state = 'sent', sent_at = $2, last_error = '' WHERE id = $1 AND state = 'pending'",
          Params().add(message_id).add(now), "recording a sent notification");
}

bool PgStore::record_failure(std::int64_t message_id, int attempts_before, const FailedAttempt& f,
                             const std::string& error) {
    std::lock_guard lock(impl_->mutex);
    // The retry time is no claim: a restart of this worker must not hurry it.
    return write(*impl_,
                 "UPDATE outbox SET attempts = $3, last_error = $4, state = $5, next_attempt_at = $6, "
                 "claimed_by = '' WHERE id = $1 AND state = 'pending' AND attempts = $2",
                 Params()
                     .add(message_id)
                     .add(attempts_before)
                     .add(f.attempts)
                     .add(error)
                     .add(to_string(f.dead ? OutboxState::Dead : OutboxState::Pending))
                     .add(f.next_attempt_at),
                 "recording a failed notification") == 1;
}

void PgStore::mark_dead(std::int64_t message_id, const std::string& error, Timestamp now) {
    std::lock_guard lock(impl_->mutex);
    write(*impl_,
          "UPDATE outbox SET attempts = attempts + 1, last_error = $2, state = 'dead', next_attempt_at = $3 "
          "WHERE id = $1 AND state = 'pending'",
          Params().add(message_id).add(error).add(now), "recording an undeliverable notification");
}

std::vector<OutboxMessage> PgStore::dead_letters() const {
    std::lock_guard lock(impl_->mutex);
    return read_messages(impl_->read([&] {
                             return impl_->db.exec("SELECT " OUTBOX_COLUMNS
                                                   " FROM outbox WHERE office = $1 AND state = 'dead' ORDER BY id",
                                                   Params().add(impl_->office), "reading undeliverable notifications");
                         }),
                         label());
}

void PgStore::retry_dead(std::int64_t message_id, Timestamp now) {
    std::lock_guard lock(impl_->mutex);
    // The desk asked for another go: a fresh retry schedule, starting now.
    write(*impl_,
          "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = $2 "
          "WHERE id = $1 AND state = 'dead' AND office = $3",
          Params().add(message_id).add(now).add(impl_->office), "sending a notification again");
}

}  // namespace gastvrij
