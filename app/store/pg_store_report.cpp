// PgStore: the KPI tally, retention and health — the parts that look at many
// rows at once.
#include "domain/report_tally.h"
#include "store/pg_migrations.h"
#include "store/pg_store_impl.h"

namespace gastvrij {

using pg::Params;
using pg::Result;

KpiTally PgStore::kpi_tally_of(const std::string& office, Timestamp from, Timestamp to, Timestamp now) const {
    // A connection of the report's own: a year's report must not hold up the
    // check-ins that share this store's connection, and the offices of a
    // corporation-wide report are tallied side by side.
    pg::Connection db(impl_->url);
    {
        const std::string doing = "reading the KPI report";
        KpiTallyBuilder tally(from, to, now);
        // One snapshot, so the three reads see the same moment while kiosks
        // in several offices go on checking visitors in.
        pg::Transaction tx(db, doing);
        db.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", doing);
        const Result visits = db.exec(
            "SELECT topic_id, team_id, state, escalated_at, acknowledged_at, started_at, arrived_at FROM visits "
            "WHERE office = $3 AND arrived_at >= $1 AND arrived_at < $2 ORDER BY arrived_at",
            Params().add(from).add(to).add(office), doing);
        for (int i = 0; i < visits.rows(); ++i) {
            const std::string state = visits.text(i, 2);
            const auto s = visit_state_from(state);
            if (!s) pg_rows::unreadable(label(), "visit state", state);
            tally.add_visit(visits.view(i, 0), visits.view(i, 1), *s, visits.integer(i, 6), visits.integer(i, 3),
                            visits.integer(i, 4), visits.integer(i, 5));
        }
        const Result surveys = db.exec(
            "SELECT topic_id, staff_id, score, one_go FROM surveys WHERE office = $3 AND hour >= $1 AND hour < $2",
            Params().add(from).add(to).add(office), doing);
        for (int i = 0; i < surveys.rows(); ++i) {
            const std::optional<bool> one_go =
                surveys.is_null(i, 3) ? std::nullopt : std::optional<bool>(surveys.boolean(i, 3));
            tally.add_survey(surveys.text(i, 0), surveys.text(i, 1), static_cast<int>(surveys.integer(i, 2)), one_go);
        }
        const Result callbacks = db.exec(
            "SELECT topic_id, state, due_at, handled_at FROM callbacks "
            "WHERE office = $3 AND created_at >= $1 AND created_at < $2",
            Params().add(from).add(to).add(office), doing);
        for (int i = 0; i < callbacks.rows(); ++i) {
            const std::string state = callbacks.text(i, 1);
            const auto s = callback_state_from(state);
            if (!s) pg_rows::unreadable(label(), "callback state", state);
            tally.add_callback(callbacks.text(i, 0), *s, callbacks.integer(i, 2), callbacks.integer(i, 3));
        }
        tx.commit();
        return tally.finish();
    }
}

PurgeResult PgStore::purge(const RetentionPolicy& p, Timestamp now, Timestamp local_midnight_today) {
    std::lock_guard lock(impl_->mutex);
    auto& db = impl_->db;
    constexpr Timestamp kDay = 86'400;
    const std::string doing = "erasing names and phone numbers past their time";
    PurgeResult result;
    pg::Transaction tx(db, doing);
    // Keep 0 days = erase at the end of the day of the visit.
    result.names_erased =
        db.exec("UPDATE visits SET visitor_name = '' WHERE office = $2 AND visitor_name <> '' AND arrived_at < $1",
                Params()
                    .add(local_midnight_today - static_cast<Timestamp>(p.name_keep_days) * kDay)
                    .add(impl_->office),
                doing)
            .affected();
    result.phones_erased =
        db.exec("UPDATE callbacks SET phone = '' WHERE office = $3 AND phone <> '' AND state = $2 AND handled_at <= $1",
                Params()
                    .add(now - static_cast<Timestamp>(p.callback_keep_days) * kDay)
                    .add(to_string(CallbackState::Done))
                    .add(impl_->office),
                doing)
            .affected();
    // A used survey link past its expiry can no longer be presented, so its
    // hash has nothing left to guard.
    db.exec("DELETE FROM survey_links_used WHERE forget_after < $1", Params().add(now), doing);
    // First answers kept for repeated requests may hold a first name: none
    // outlives the day (the service drops them after an hour).
    db.exec("DELETE FROM kept_answers WHERE at < $1", Params().add(local_midnight_today), doing);
    tx.commit();
    return result;
}

StoreHealth PgStore::health() const {
    std::lock_guard lock(impl_->mutex);
    auto& db = impl_->db;
    StoreHealth h;
    std::vector<std::string> problems;
    try {
        impl_->read([&] {
            const int version = pg::schema_version(db);
            if (version != pg::latest_schema_version()) {
                problems.push_back("the database is at version " + std::to_string(version) +
                                   ", this program expects " + std::to_string(pg::latest_schema_version()) +
                                   " — update Gastvrij in every office that uses " + label());
            }
            if (db.exec("SELECT pg_is_in_recovery()", "checking the database server").boolean(0, 0)) {
                problems.push_back(label() +
                                   " is a standby that takes no changes — point the address at the primary, "
                                   "e.g. with target_session_attrs=read-write");
            }
            return 0;
        });
        if (!db.write_failure().empty())
            problems.push_back("the last change could not be saved (" + db.write_failure() + ")");
    } catch (const StoreError& e) {
        problems.emplace_back(e.what());
        h.level = StoreHealth::Level::Down;
    }
    if (problems.empty()) return h;
    if (h.level == StoreHealth::Level::Ok) h.level = StoreHealth::Level::Degraded;
    h.detail.clear();
    for (const auto& p : problems) h.detail += (h.detail.empty() ? "" : "; ") + p;
    return h;
}

void PgStore::probe_write(Timestamp now) {
    std::lock_guard lock(impl_->mutex);
    auto& db = impl_->db;
    const std::string doing = "checking that the database takes changes";
    pg::Transaction tx(db, doing);
    // A probe that waits long tells nothing: a held lock is news by itself.
    db.exec("SET LOCAL lock_timeout = '2s'", doing);
    db.exec("INSERT INTO write_probe (id, at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET at = excluded.at",
            Params().add(now), doing);
    tx.commit();
}

}  // namespace gastvrij
