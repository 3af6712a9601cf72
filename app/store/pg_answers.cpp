// PgStore: the first answers to requests sent with an Idempotency-Key.
#include "store/pg_store.h"
#include "store/pg_store_impl.h"

namespace gastvrij {

using pg::Params;

std::optional<KeptAnswer> PgStore::reserve_answer(const std::string& scope, const std::string& key,
                                                  const std::string& fingerprint, Timestamp now,
                                                  Timestamp stale_before) {
    std::lock_guard lock(impl_->mutex);
    auto& db = impl_->db;
    const std::string doing = "remembering a request";
    // New, or a reservation whose handler died: ours now. One statement, so
    // of two services on the database exactly one gets it.
    const auto taken = db.exec(
        "INSERT INTO kept_answers (scope, key, fingerprint, at) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (scope, key) DO UPDATE SET fingerprint = excluded.fingerprint, at = excluded.at, body = '' "
        "WHERE kept_answers.status = 0 AND kept_answers.at < $5 RETURNING 1",
        Params().add(scope).add(key).add(fingerprint).add(now).add(stale_before), doing);
    if (taken.rows() > 0) return std::nullopt;
    const auto r = impl_->read([&] {
        return db.exec("SELECT fingerprint, status, body, at FROM kept_answers WHERE scope = $1 AND key = $2",
                       Params().add(scope).add(key), doing);
    });
    KeptAnswer a;  // gone meanwhile (its twin failed): "still being handled", ask again
    if (r.rows() > 0) {
        a.fingerprint = r.text(0, 0);
        a.status = static_cast<int>(r.integer(0, 1));
        a.body = r.text(0, 2);
        a.at = r.integer(0, 3);
    }
    return a;
}

void PgStore::keep_answer(const std::string& scope, const std::string& key, int status, const std::string& body) {
    std::lock_guard lock(impl_->mutex);
    impl_->db.exec("UPDATE kept_answers SET status = $3, body = $4 WHERE scope = $1 AND key = $2",
                   Params().add(scope).add(key).add(status).add(body), "keeping an answer");
}

void PgStore::forget_answer(const std::string& scope, const std::string& key) {
    std::lock_guard lock(impl_->mutex);
    impl_->db.exec("DELETE FROM kept_answers WHERE scope = $1 AND key = $2", Params().add(scope).add(key),
                   "forgetting a failed request");
}

int PgStore::forget_answers_before(Timestamp before) {
    std::lock_guard lock(impl_->mutex);
    return impl_->db.exec("DELETE FROM kept_answers WHERE at < $1", Params().add(before), "forgetting old answers")
        .affected();
}

}  // namespace gastvrij
