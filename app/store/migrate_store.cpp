#include "store/migrate_store.h"

#include <algorithm>
#include <chrono>

#include "store/open_store.h"
#include "store/pg_db.h"
#include "store/pg_store.h"
#include "store/sqlite_db.h"

namespace gastvrij {

namespace {

struct Table {
    const char* name;
    const char* columns;   // the same names on both engines
    bool has_identity;     // an id column whose sequence must continue after the copy
};

// Parents before children, for the foreign keys.
constexpr Table kTables[] = {
    {"visits",
     "id, kiosk_id, topic_id, host_id, team_id, visitor_name, language, state, escalation_level, tried_hosts, "
     "arrived_at, ack_deadline, acknowledged_at, promised_at, started_at, finished_at, closed_at, escalated_at, "
     "office",
     true},
    {"visit_events", "id, visit_id, at, from_state, to_state, actor, detail", true},
    {"presence", "office, date, staff_id, presence", false},
    {"callbacks", "id, phone, topic_id, part, language, state, created_at, due_at, handled_at, office", true},
    {"surveys", "id, hour, staff_id, topic_id, score, one_go, comment, language, office", true},
    {"outbox",
     "id, idempotency_key, kind, channel, visit_id, recipient, state, attempts, created_at, next_attempt_at, "
     "sent_at, last_error, claimed_by, office",
     true},
    {"devices", "id, name, kind, staff_id, token_hash, created_at, revoked_at, office", true},
    {"pairing_codes", "code_hash, kind, staff_id, created_at, expires_at, used_at, device_id, office", false},
    {"survey_link_key", "id, secret", false},
    {"survey_links_used", "digest, forget_after", false},
    {"offices", "id, opened_at", false},
};

std::int64_t count_pg(pg::Connection& c, const std::string& table, const std::string& doing) {
    return c.exec(("SELECT count(*) FROM " + table).c_str(), doing).integer(0, 0);
}

}  // namespace

MigrateResult migrate_store(const std::string& from, const std::string& to, const std::string& office) {
    const auto started = std::chrono::steady_clock::now();
    if (!is_postgresql_url(to))
        throw StoreError(StoreError::Kind::Other, "--to must be a postgresql://… address, not " + store_label(to));
    const std::string file = sqlite_path_of(from);
    if (file == ":memory:") throw StoreError(StoreError::Kind::Other, "--from must be a data file");
    // Both schemas up to date first: the copy assumes the newest columns.
    // The file's rows from before offices existed become `office`'s (or the
    // default office's when none is named).
    const std::string named = office.empty() ? std::string(kDefaultOffice) : office;
    const std::vector<std::string> held = open_store(file, named, {}, StoreUse::Read)->offices();
    if (held.empty()) open_store(file, named);
    PgStore{to, named, /*enter_office=*/false};
    // A file is one office: named otherwise than it was (its kiosk ran
    // without [office] id), all of it moves in under the name given.
    std::string renamed;
    if (!office.empty() && held.size() == 1 && held.front() != office) renamed = held.front();
    if (!office.empty() && held.size() > 1 && std::find(held.begin(), held.end(), office) == held.end()) {
        std::string list;
        for (const auto& o : held) list += (list.empty() ? "" : ", ") + o;
        throw StoreError(StoreError::Kind::Other, file + " holds the offices " + list + ", not '" + office +
                                                      "' — leave out --office to move them in as they are");
    }

    sqlite::Database source(file, 3000, /*read_only=*/true);
    pg::Connection target(to);
    const std::string doing = "copying " + file + " into " + pg::redacted(to);
    MigrateResult result;

    // One read snapshot of the file: a kiosk still running cannot make the
    // copy half old, half new (stop it all the same, or its later check-ins stay behind).
    source.exec("BEGIN", doing);
    pg::Transaction tx(target, doing);
    // Copying years of an office's events is one long statement per table;
    // the 30 s limit that guards a service's statements would cut it off.
    target.exec("SET LOCAL statement_timeout = 0", doing);
    // No other service may write while the office moves in.
    target.exec("LOCK TABLE visits, visit_events, callbacks, surveys, outbox, devices IN EXCLUSIVE MODE", doing);
    for (const Table& t : kTables) {
        const std::string name = t.name;
        if (count_pg(target, t.name, doing) > 0 && name != "survey_link_key" && name != "offices") {
            throw StoreError(StoreError::Kind::Other,
                             pg::redacted(to) + " already holds " + t.name +
                                 " — move an office into an empty database only (create a new one, or "
                                 "empty this one if it holds nothing you need)");
        }
    }
    // A service opened on the target may have made its own survey key; the
    // office's key wins, so links already handed out keep working.
    target.exec("DELETE FROM survey_link_key", doing);
    // Entered by the services that opened the empty database; the file's
    // list takes their place.
    target.exec("DELETE FROM offices", doing);

    for (const Table& t : kTables) {
        sqlite::Statement read(source, std::string("SELECT ") + t.columns + " FROM " + t.name);
        std::int64_t n = 0;
        int columns = 1;
        for (const char* c = t.columns; *c; ++c) columns += *c == ',';
        // Which column names the office, when the office moves in under another name.
        int office_column = -1;
        if (!renamed.empty()) {
            const std::string names = std::string(", ") + t.columns + ", ";
            const std::string wanted = std::string(", ") + (std::string(t.name) == "offices" ? "id" : "office") + ", ";
            const auto at = names.find(wanted);
            if (at != std::string::npos) office_column = static_cast<int>(std::count(names.begin(), names.begin() + at, ','));
        }
        // Sent in pieces of about a megabyte: a busy year's events stay out of memory.
        const auto next_rows = [&](std::string& rows) {
            while (rows.size() < (1u << 20)) {
                if (!read.step()) return false;
                for (int i = 0; i < columns; ++i) {
                    if (i > 0) rows += '\t';
                    const std::string value = i == office_column && read.text(i) == renamed ? office : read.text(i);
                    if (value.find('\0') != std::string::npos) {
                        throw StoreError(StoreError::Kind::Other,
                                         std::string(t.name) + " in " + file +
                                             " holds a text with a NUL character, which PostgreSQL cannot keep — "
                                             "nothing was copied");
                    }
                    rows += read.is_null(i) ? pg::copy_field(nullptr) : pg::copy_field(value.c_str());
                }
                rows += '\n';
                ++n;
            }
            return true;
        };
        target.copy_in(std::string("COPY ") + t.name + " (" + t.columns + ") FROM STDIN", next_rows, doing);
        if (t.has_identity) {
            // The next id continues after the copied ones, as it would have in the file.
            target.exec((std::string("SELECT setval(pg_get_serial_sequence('") + t.name + "', 'id'), " +
                          "coalesce(max(id), 0) + 1, false) FROM " + t.name)
                             .c_str(),
                         doing);
        }
        const std::int64_t kept = count_pg(target, t.name, doing);
        if (kept != n) {
            throw StoreError(StoreError::Kind::Other, std::string(t.name) + ": read " + std::to_string(n) +
                                                          " rows from " + file + " but the database holds " +
                                                          std::to_string(kept) + " — nothing was kept");
        }
        result.tables.push_back({t.name, n});
    }
    tx.commit();
    source.exec("COMMIT", doing);
    // Freshly copied rows have no planner statistics and are not yet marked
    // all-visible, so the reports would read the table behind every index
    // entry until autovacuum came by: do its work now (outside the copy's
    // transaction, as VACUUM must be).
    target.exec("SET statement_timeout = 0", doing);
    target.exec("VACUUM (ANALYZE) visits, visit_events, callbacks, surveys, outbox, devices", doing);
    target.exec("RESET statement_timeout", doing);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace gastvrij
