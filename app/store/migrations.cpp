#include "store/migrations.h"

#include <ctime>
#include <stdexcept>

#include "store/office_rows.h"

namespace gastvrij::sqlite {

namespace {

// Step 1: what a kiosk must keep — visits with their append-only event log,
// today's presence, callback requests and the anonymous surveys.
constexpr const char* kStep1 = R"sql(
CREATE TABLE visits (
    id               INTEGER PRIMARY KEY,
    kiosk_id         TEXT    NOT NULL DEFAULT '',
    topic_id         TEXT    NOT NULL DEFAULT '',
    host_id          TEXT    NOT NULL DEFAULT '',
    team_id          TEXT    NOT NULL DEFAULT '',
    visitor_name     TEXT    NOT NULL DEFAULT '',  -- first name only; erased by retention
    language         TEXT    NOT NULL DEFAULT 'nl',
    state            TEXT    NOT NULL,
    escalation_level INTEGER NOT NULL DEFAULT 0,
    tried_hosts      TEXT    NOT NULL DEFAULT '',  -- staff ids, one per line
    arrived_at       INTEGER NOT NULL,
    ack_deadline     INTEGER NOT NULL DEFAULT 0,
    acknowledged_at  INTEGER NOT NULL DEFAULT 0,
    promised_at      INTEGER NOT NULL DEFAULT 0,
    started_at       INTEGER NOT NULL DEFAULT 0,
    finished_at      INTEGER NOT NULL DEFAULT 0,
    closed_at        INTEGER NOT NULL DEFAULT 0,
    -- First escalation, copied from the event log as it is written, so the
    -- reports need not join a month of events ("escalated at least once").
    escalated_at     INTEGER NOT NULL DEFAULT 0
);

-- One row per transition, never changed afterwards: the history the desk and
-- the reports rely on. Events name staff and states, never the visitor.
CREATE TABLE visit_events (
    id         INTEGER PRIMARY KEY,
    visit_id   INTEGER NOT NULL REFERENCES visits(id),
    at         INTEGER NOT NULL,
    from_state TEXT    NOT NULL,
    to_state   TEXT    NOT NULL,
    actor      TEXT    NOT NULL DEFAULT '',
    detail     TEXT    NOT NULL DEFAULT ''
);
CREATE TRIGGER visit_events_no_update BEFORE UPDATE ON visit_events
BEGIN SELECT RAISE(ABORT, 'visit events are append-only'); END;
CREATE TRIGGER visit_events_no_delete BEFORE DELETE ON visit_events
BEGIN SELECT RAISE(ABORT, 'visit events are append-only'); END;

CREATE TABLE presence (
    date     TEXT NOT NULL,  -- local date, "2026-11-23"
    staff_id TEXT NOT NULL,
    presence TEXT NOT NULL,
    PRIMARY KEY (date, staff_id)
) WITHOUT ROWID;

CREATE TABLE callbacks (
    id         INTEGER PRIMARY KEY,
    phone      TEXT    NOT NULL DEFAULT '',  -- erased by retention once handled
    topic_id   TEXT    NOT NULL DEFAULT '',
    part       TEXT    NOT NULL DEFAULT 'any',
    language   TEXT    NOT NULL DEFAULT 'nl',
    state      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    due_at     INTEGER NOT NULL DEFAULT 0,
    handled_at INTEGER NOT NULL DEFAULT 0
);

-- Anonymous by construction: no visit id, and the moment only to the hour.
CREATE TABLE surveys (
    id       INTEGER PRIMARY KEY,
    hour     INTEGER NOT NULL,
    staff_id TEXT    NOT NULL DEFAULT '',
    topic_id TEXT    NOT NULL DEFAULT '',
    score    INTEGER NOT NULL CHECK (score BETWEEN 1 AND 10),
    one_go   INTEGER CHECK (one_go IN (0, 1)),  -- NULL: not answered
    comment  TEXT    NOT NULL DEFAULT '',
    language TEXT    NOT NULL DEFAULT 'nl'
);
)sql";

// Step 2: the notification outbox, written in the same transaction as the
// visit change that causes a message, and the indexes the desk, the outbox
// worker and the reports need.
constexpr const char* kStep2 = R"sql(
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    idempotency_key TEXT    NOT NULL UNIQUE,  -- a replayed intent is never queued twice
    kind            TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    visit_id        INTEGER REFERENCES visits(id),
    recipient       TEXT    NOT NULL DEFAULT '',
    state           TEXT    NOT NULL DEFAULT 'pending',  -- pending | sent | dead
    attempts        INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    sent_at         INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_dead ON outbox(id) WHERE state = 'dead';
-- No index on outbox(visit_id): visits are never deleted or renumbered, so the
-- foreign key never searches it, and each index is one more page to write
-- (and fsync) per check-in.

CREATE INDEX visit_events_by_visit ON visit_events(visit_id, id);
-- Covers everything the period report reads from a visit, so a month's report
-- scans this index alone instead of the table.
CREATE INDEX visits_by_arrival
    ON visits(arrived_at, state, escalated_at, acknowledged_at, started_at);
CREATE INDEX visits_open ON visits(arrived_at)
    WHERE state NOT IN ('finished', 'cancelled', 'left');
CREATE INDEX visits_named ON visits(arrived_at) WHERE visitor_name <> '';
CREATE INDEX surveys_by_hour ON surveys(hour);
CREATE INDEX callbacks_by_created ON callbacks(created_at);
CREATE INDEX callbacks_open ON callbacks(created_at) WHERE state <> 'done';
)sql";

// Step 3 (added by the service layer): devices paired with the service API
// (desk companions, colleagues' phones, kiosks) and the one-time pairing codes
// they redeem. Only SHA-256 hashes of tokens and codes are kept, so a copy of
// the data file grants no access. Read and written by SqliteDeviceStore.
constexpr const char* kStep3 = R"sql(
CREATE TABLE devices (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL DEFAULT '',
    kind       TEXT    NOT NULL CHECK (kind IN ('desk', 'phone', 'kiosk')),
    staff_id   TEXT    NOT NULL DEFAULT '',  -- the colleague a phone belongs to
    token_hash TEXT    NOT NULL UNIQUE,      -- SHA-256 of the bearer token, hex
    created_at INTEGER NOT NULL,
    revoked_at INTEGER NOT NULL DEFAULT 0    -- 0 = allowed
);
CREATE TABLE pairing_codes (
    code_hash  TEXT    PRIMARY KEY,          -- SHA-256 of the code, hex
    kind       TEXT    NOT NULL CHECK (kind IN ('desk', 'phone', 'kiosk')),
    staff_id   TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER NOT NULL DEFAULT 0,   -- codes work once
    device_id  INTEGER REFERENCES devices(id)
) WITHOUT ROWID;
)sql";

// Step 4 (added for the KPI report): the report splits a period per topic and
// team. This index covers every column the period reports read from a visit,
// topic and team included, so a year's report scans one stretch of the index
// and never the table. It holds all of visits_by_arrival's columns, which is
// dropped: a check-in writes one report index, as before.
constexpr const char* kStep4 = R"sql(
CREATE INDEX visits_for_kpis
    ON visits(arrived_at, topic_id, team_id, state, escalated_at, acknowledged_at, started_at);
DROP INDEX visits_by_arrival;
)sql";

// Step 5: the same for surveys. The report reads a year's answers (35,000 in
// a busy office) per topic and colleague; covering them saves fetching each
// row from the table. surveys_between() still finds its range by hour.
constexpr const char* kStep5 = R"sql(
CREATE INDEX surveys_for_kpis ON surveys(hour, topic_id, staff_id, score, one_go);
DROP INDEX surveys_by_hour;
)sql";

// Step 6: survey links for the visitor's phone. The key that signs them lives
// here so every service on one store accepts the links the others issued. A
// used link leaves only a hash of its random part, with a day after which it
// can be forgotten (its expiry rounded up to whole days, so it does not give
// away the moment of the visit). Nothing ties it to the survey it produced:
// no survey id, no insertion order (WITHOUT ROWID sorts by the hash).
constexpr const char* kStep6 = R"sql(
CREATE TABLE survey_link_key (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    secret TEXT    NOT NULL
);
CREATE TABLE survey_links_used (
    digest       TEXT    PRIMARY KEY,  -- SHA-256 of the link's nonce, hex
    forget_after INTEGER NOT NULL      -- a whole UTC day
) WITHOUT ROWID;
)sql";

// Step 7: which outbox worker claimed a message for sending, so a restarted
// kiosk or service takes back its own claims at once instead of waiting for
// them to run out (another worker's claims it leaves alone).
constexpr const char* kStep7 = R"sql(
ALTER TABLE outbox ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
)sql";

// Step 8: one row the service rewrites now and then, to learn that the data
// file still takes writes while nobody checks in (GET /health).
constexpr const char* kStep8 = R"sql(
CREATE TABLE write_probe (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    at INTEGER NOT NULL  -- when the service last wrote it, UTC seconds
);
)sql";

constexpr const char* kStep9 = R"sql(
CREATE TABLE kept_answers (
    scope       TEXT    NOT NULL,  -- the device that asked ("device:12")
    key         TEXT    NOT NULL,  -- its Idempotency-Key
    fingerprint TEXT    NOT NULL,  -- method, path and a digest of the body
    status      INTEGER NOT NULL DEFAULT 0,  -- 0 while the first request is handled
    body        TEXT    NOT NULL DEFAULT '',
    at          INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX kept_answers_at ON kept_answers (at);
)sql";

// Step 10: offices. Several offices may share one database (PostgreSQL; the
// same schema here, so `migrate-store` copies one to one): every visit,
// callback, survey answer, notice, paired device and presence mark names its
// office, and each index an office reads by starts with it, so one office's
// board and reports never wade through another's rows. Rows written before
// this step have office '' until the first office opens the store and takes
// them (store/office_rows.h).
constexpr const char* kStep10 = R"sql(
CREATE TABLE offices (
    id        TEXT    PRIMARY KEY,
    opened_at INTEGER NOT NULL  -- when a program first opened the store for it
) WITHOUT ROWID;
ALTER TABLE visits ADD COLUMN office TEXT NOT NULL DEFAULT '';
ALTER TABLE callbacks ADD COLUMN office TEXT NOT NULL DEFAULT '';
ALTER TABLE surveys ADD COLUMN office TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN office TEXT NOT NULL DEFAULT '';
ALTER TABLE devices ADD COLUMN office TEXT NOT NULL DEFAULT '';
ALTER TABLE pairing_codes ADD COLUMN office TEXT NOT NULL DEFAULT '';

CREATE TABLE presence_by_office (
    office   TEXT NOT NULL DEFAULT '',
    date     TEXT NOT NULL,
    staff_id TEXT NOT NULL,
    presence TEXT NOT NULL,
    PRIMARY KEY (office, date, staff_id)
) WITHOUT ROWID;
INSERT INTO presence_by_office (office, date, staff_id, presence) SELECT '', date, staff_id, presence FROM presence;
DROP TABLE presence;
ALTER TABLE presence_by_office RENAME TO presence;

DROP INDEX visits_for_kpis;
CREATE INDEX visits_for_kpis
    ON visits(office, arrived_at, topic_id, team_id, state, escalated_at, acknowledged_at, started_at);
DROP INDEX visits_open;
CREATE INDEX visits_open ON visits(office, arrived_at) WHERE state NOT IN ('finished', 'cancelled', 'left');
DROP INDEX visits_named;
CREATE INDEX visits_named ON visits(office, arrived_at) WHERE visitor_name <> '';
DROP INDEX surveys_for_kpis;
CREATE INDEX surveys_for_kpis ON surveys(office, hour, topic_id, staff_id, score, one_go);
DROP INDEX callbacks_by_created;
CREATE INDEX callbacks_by_created ON callbacks(office, created_at);
DROP INDEX callbacks_open;
CREATE INDEX callbacks_open ON callbacks(office, created_at) WHERE state <> 'done';
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox(office, next_attempt_at) WHERE state = 'pending';
DROP INDEX outbox_dead;
CREATE INDEX outbox_dead ON outbox(office, id) WHERE state = 'dead';
)sql";

}  // namespace

const std::vector<Migration>& schema_migrations() {
    // Append new steps at the END of this list with the next number. Never
    // edit or reorder a step that has shipped: kiosks in the field are at
    // every earlier version. Each step runs inside its own transaction, where
    // PRAGMA foreign_keys cannot change: a step that rebuilds a table starts
    // with PRAGMA defer_foreign_keys = ON so the check waits for its commit.
    static const std::vector<Migration> steps = {
        {1, "visits, visit events, presence, callbacks and surveys", kStep1},
        {2, "notification outbox and the indexes for the desk and reports", kStep2},
        {3, "paired devices and pairing codes for the service API", kStep3},
        {4, "an index for the KPI report per topic and team", kStep4},
        {5, "a covering index for the survey figures of the KPI report", kStep5},
        {6, "the signing key and used links of the phone survey", kStep6},
        {7, "the worker that claimed an outbox message", kStep7},
        {8, "a row that shows the data file takes writes", kStep8},
        {9, "the first answers to requests a device may send again", kStep9},
        {10, "offices: which office each visit, callback, answer, notice and device belongs to", kStep10},
    };
    return steps;
}

int latest_schema_version() { return last_version_of(schema_migrations()); }

void prepare(Writer& w) {
    if (w.prepared) return;
    // journal_mode is the first read of the file, so a file that is no
    // database fails here.
    w.db.query_text("PRAGMA journal_mode = WAL");
    w.db.exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;",
              "opening " + w.db.path());
    migrate(w.db);
    w.prepared = true;
}

void open_office(Database& db, const std::string& office) {
    {
        Statement known(db, "SELECT 1 FROM offices WHERE id = ?1");
        known.bind(1, office);
        if (known.step()) return;  // the usual case: no write at all
    }
    const std::string doing = "entering the office '" + office + "' in " + db.path();
    Transaction tx(db, doing.c_str());
    if (db.query_int("SELECT NOT EXISTS (SELECT 1 FROM offices)") != 0) {
        for (const char* table : office_rows::kTables) {
            Statement take(db, std::string("UPDATE ") + table + " SET office = ?1 WHERE office = ''");
            take.bind(1, office);
            take.run();
        }
    }
    Statement add(db, "INSERT OR IGNORE INTO offices (id, opened_at) VALUES (?1, ?2)");
    add.bind(1, office).bind(2, static_cast<std::int64_t>(std::time(nullptr)));
    add.run();
    tx.commit();
}

int last_version_of(const std::vector<Migration>& steps) {
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (steps[i].version != static_cast<int>(i) + 1)
            throw std::logic_error("schema steps must be numbered 1, 2, 3, … in order");
    }
    return static_cast<int>(steps.size());
}

void apply_migration(Database& db, const Migration& m) {
    const std::string doing = "upgrading the data file to version " + std::to_string(m.version) +
                              " (" + m.summary + ")";
    Transaction tx(db, doing.c_str());
    // Read again under the write lock: two programs may open the file at once.
    if (db.query_int("PRAGMA user_version") >= m.version) return;
    db.exec(m.sql, doing);
    // user_version lives in the database header, so it commits or rolls back
    // together with the step.
    db.exec("PRAGMA user_version = " + std::to_string(m.version), doing);
    tx.commit();
}

void migrate(Database& db) {
    const int latest = latest_schema_version();
    const auto have = db.query_int("PRAGMA user_version");
    if (have > latest) {
        throw StoreError(StoreError::Kind::Other,
                         db.path() + " was written by a newer version of Gastvrij (data version " +
                             std::to_string(have) + "; this program knows up to " +
                             std::to_string(latest) +
                             ") — install that newer Gastvrij, or restore a backup made by this version");
    }
    for (const auto& m : schema_migrations()) {
        if (m.version > have) apply_migration(db, m);
    }
}

}  // namespace gastvrij::sqlite
