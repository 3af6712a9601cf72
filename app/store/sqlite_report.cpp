// SqliteStore: the KPI tally, retention and health — the parts that look
// at many rows at once.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <tuple>

#include "domain/report_tally.h"
#include "store/migrations.h"
#include "store/sqlite_store.h"
#include "store/sqlite_store_impl.h"

namespace gastvrij {

namespace {

KpiTally tally_on(sqlite::Database& db, const std::string& file, const std::string& office, Timestamp from,
                  Timestamp to, Timestamp now) {
    KpiTallyBuilder tally(from, to, now);
    // One read transaction, so the three queries see the same moment even
    // while a kiosk is checking visitors in.
    db.exec("BEGIN", "reading the KPI report");
    struct EndRead {
        sqlite::Database& db;
        ~EndRead() {
            try {
                db.exec("COMMIT", "ending the KPI report's read");
            } catch (const StoreError&) {  // a read has nothing to lose
            }
        }
    } end_read{db};

    // One pass over the office's stretch of the covering index
    // visits_for_kpis; the domain counts. SQL's GROUP BY sorts every row
    // first: over a year of a busy office (106,000 visits) each grouped
    // query took about 100 ms of CPU, this single pass a fraction of one.
    {
        sqlite::Statement q(db,
                            "SELECT topic_id, team_id, state, escalated_at, acknowledged_at, started_at, arrived_at "
                            "FROM visits WHERE office = ?3 AND arrived_at >= ?1 AND arrived_at < ?2");
        q.bind(1, from).bind(2, to).bind(3, office);
        while (q.step()) {
            const std::string state = q.text(2);
            const auto s = visit_state_from(state);
            if (!s) store_rows::unreadable(file, "visit state", state);
            tally.add_visit(q.text(0), q.text(1), *s, q.integer(6), q.integer(3), q.integer(4), q.integer(5));
        }
    }
    {
        // Also one pass, over the covering index surveys_for_kpis.
        sqlite::Statement q(
            db, "SELECT topic_id, staff_id, score, one_go FROM surveys WHERE office = ?3 AND hour >= ?1 AND hour < ?2");
        q.bind(1, from).bind(2, to).bind(3, office);
        while (q.step()) {
            const std::optional<bool> one_go = q.is_null(3) ? std::nullopt : std::optional<bool>(q.integer(3) != 0);
            tally.add_survey(q.text(0), q.text(1), static_cast<int>(q.integer(2)), one_go);
        }
    }
    {
        sqlite::Statement q(db,
                            "SELECT topic_id, state, due_at, handled_at FROM callbacks "
                            "WHERE office = ?3 AND created_at >= ?1 AND created_at < ?2");
        q.bind(1, from).bind(2, to).bind(3, office);
        while (q.step()) {
            const std::string state = q.text(1);
            const auto s = callback_state_from(state);
            if (!s) store_rows::unreadable(file, "callback state", state);
            tally.add_callback(q.text(0), *s, q.integer(2), q.integer(3));
        }
    }
    return tally.finish();
}

}  // namespace

KpiTally SqliteStore::kpi_tally_of(const std::string& office, Timestamp from, Timestamp to, Timestamp now) const {
    if (path() == ":memory:") {  // a private database: only its own connection sees it
        std::lock_guard lock(impl_->mutex);
        return tally_on(impl_->db, path(), office, from, to, now);
    }
    // A read-only connection of the report's own (WAL lets it read while the
    // kiosk writes): a year's report must not hold up a check-in, and the
    // offices of a report over several are tallied side by side.
    sqlite::Database reader(path(), 3000, /*read_only=*/true);
    return tally_on(reader, path(), office, from, to, now);
}

void SqliteStore::bulk_insert_history(std::int64_t count, const std::function<VisitWithEvents(std::int64_t)>& make) {
    std::lock_guard lock(impl_->mutex);
    auto& im = *impl_;
    sqlite::Transaction tx(im.db, "loading visits with their history");
    // The same columns create_visit writes (sqlite_store.cpp, kInsertVisit).
    auto visit = im.kept(
        "INSERT INTO visits (kiosk_id, topic_id, host_id, team_id, language, state, escalation_level, "
        "tried_hosts, arrived_at, ack_deadline, acknowledged_at, promised_at, started_at, finished_at, "
        "closed_at, visitor_name, escalated_at, office) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)");
    auto event = im.kept(
        "INSERT INTO visit_events (visit_id, at, from_state, to_state, actor, detail) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (std::int64_t i = 0; i < count; ++i) {
        const VisitWithEvents h = make(i);
        const Visit& v = h.visit;
        Timestamp escalated_at = 0;
        for (const auto& e : h.events)
            if (e.to == VisitState::Escalated && escalated_at == 0) escalated_at = e.at;
        std::string tried;  // one staff id per line, each line ended (the desk is "")
        for (const auto& id : v.tried_hosts) tried += id + '\n';
        visit->bind(1, v.kiosk_id).bind(2, v.topic_id).bind(3, v.host_id).bind(4, v.team_id);
        visit->bind(5, v.language).bind(6, to_string(v.state)).bind(7, v.escalation_level);
        visit->bind(8, tried).bind(9, v.arrived_at).bind(10, v.ack_deadline);
        visit->bind(11, v.acknowledged_at).bind(12, v.promised_at).bind(13, v.started_at);
        visit->bind(14, v.finished_at).bind(15, v.closed_at).bind(16, v.visitor_name).bind(17, escalated_at);
        visit->bind(18, im.office);
        visit->run();
        visit->reset();
        const VisitId id = im.db.last_insert_id();
        for (const auto& e : h.events) {
            event->bind(1, id).bind(2, e.at).bind(3, to_string(e.from)).bind(4, to_string(e.to));
            event->bind(5, e.actor).bind(6, e.detail);
            event->run();
            event->reset();
        }
    }
    tx.commit();
}

PurgeResult SqliteStore::purge(const RetentionPolicy& p, Timestamp now, Timestamp local_midnight_today) {
    std::lock_guard lock(impl_->mutex);
    auto& im = *impl_;
    constexpr Timestamp kDay = 86'400;
    PurgeResult result;
    {
        sqlite::Transaction tx(im.db, "erasing names and phone numbers past their time");
        {
            // Keep 0 days = erase at the end of the day of the visit.
            auto q = im.kept("UPDATE visits SET visitor_name = '' "
                             "WHERE office = ?2 AND visitor_name <> '' AND arrived_at < ?1");
            q->bind(1, local_midnight_today - static_cast<Timestamp>(p.name_keep_days) * kDay).bind(2, im.office);
            q->run();
            result.names_erased = im.db.changes();
        }
        {
            auto q = im.kept(
                "UPDATE callbacks SET phone = '' WHERE office = ?3 AND phone <> '' AND state = ?2 AND handled_at <= ?1");
            q->bind(3, im.office);
            q->bind(1, now - static_cast<Timestamp>(p.callback_keep_days) * kDay);
            q->bind(2, to_string(CallbackState::Done));
            q->run();
            result.phones_erased = im.db.changes();
        }
        {
            // A used survey link past its expiry can no longer be presented,
            // so its hash has nothing left to guard.
            auto q = im.kept("DELETE FROM survey_links_used WHERE forget_after < ?1");
            q->bind(1, now);
            q->run();
        }
        {
            // First answers kept for repeated requests may hold a first name:
            // none outlives the day (the service drops them after an hour).
            auto q = im.kept("DELETE FROM kept_answers WHERE at < ?1");
            q->bind(1, local_midnight_today);
            q->run();
        }
        tx.commit();
    }
    if (result.names_erased + result.phones_erased > 0) {
        // secure_delete zeroes the old bytes in the database pages; the WAL
        // still holds the old page images until a checkpoint resets it.
        // A reader elsewhere can make it partial; the next purge tries again.
        im.db.query_int("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    return result;
}

StoreHealth SqliteStore::health() const {
    auto& im = *impl_;
    std::vector<std::string> problems;
    StoreHealth h;
    const bool memory = path() == ":memory:";
    try {
        std::lock_guard lock(im.mutex);
        // Reading the schema touches the header and the first page: a file that
        // vanished, became unreadable or is no database fails here, cheaply.
        im.db.query_int("SELECT count(*) FROM sqlite_schema");
        const auto version = im.db.query_int("PRAGMA user_version");
        if (version != sqlite::latest_schema_version()) {
            problems.push_back("the data file is at version " + std::to_string(version) + ", this program expects " +
                               std::to_string(sqlite::latest_schema_version()) + " — restart Gastvrij");
        }
        if (!im.db.write_failure().empty())
            problems.push_back("the last change could not be saved (" + im.db.write_failure() +
                               ") — check that the disk has space and that Gastvrij may write " + path());
        if (memory) {
            const auto check = im.db.query_text("PRAGMA quick_check(1)");  // small by nature
            std::lock_guard check_lock(im.check_mutex);
            im.last_check = check;
        }
    } catch (const StoreError& e) {
        problems.emplace_back(e.what());
        h.level = StoreHealth::Level::Down;  // not even the schema reads
    }
    if (!memory) {
        // A full check reads the whole file (0.5 s for 140 MB, a million
        // visits): at most hourly, on its own read connection so check-ins
        // never wait for it.
        std::lock_guard lock(im.check_mutex);
        const auto now = std::chrono::steady_clock::now();
        if (!im.checked_at || now - *im.checked_at > std::chrono::hours(1)) {
            try {
                sqlite::Database reader(path(), 3000, /*read_only=*/true);  // never recreate a vanished file
                im.last_check = reader.query_text("PRAGMA quick_check(1)");
            } catch (const StoreError& e) {
                im.last_check = e.what();
            }
            im.checked_at = now;
        }
        std::error_code ec;
        const auto folder = std::filesystem::absolute(path(), ec).parent_path();
        const auto space = std::filesystem::space(folder, ec);
        constexpr std::uintmax_t kLow = 100u << 20;  // a year of a busy office is ~50 MB
        if (!ec && space.available < kLow) {
            problems.push_back("only " + std::to_string(space.available >> 20) + " MB free on the disk holding " +
                               path() + " — free space before it fills up and check-ins fail");
        }
    }
    {
        std::lock_guard lock(im.check_mutex);
        if (!im.last_check.empty() && im.last_check != "ok") {
            problems.push_back("the data file is damaged (" + im.last_check + ") — stop Gastvrij, move " +
                               path() + " aside and restore the latest backup");
        }
    }
    if (problems.empty()) return h;
    if (h.level == StoreHealth::Level::Ok) h.level = StoreHealth::Level::Degraded;
    h.detail.clear();
    for (const auto& p : problems) h.detail += (h.detail.empty() ? "" : "; ") + p;
    return h;
}

void SqliteStore::probe_write(Timestamp now) {
    auto& im = *impl_;
    std::lock_guard lock(im.mutex);
    sqlite::Transaction tx(im.db, "checking that the data file takes writes");
    im.kept("INSERT INTO write_probe (id, at) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET at = excluded.at")
        ->bind(1, now)
        .run();
    tx.commit();
}


}  // namespace gastvrij
