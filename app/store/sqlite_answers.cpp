// SqliteStore: the first answers to requests sent with an Idempotency-Key.
#include "store/sqlite_store.h"
#include "store/sqlite_store_impl.h"

namespace gastvrij {

std::optional<KeptAnswer> SqliteStore::reserve_answer(const std::string& scope, const std::string& key,
                                                      const std::string& fingerprint, Timestamp now,
                                                      Timestamp stale_before) {
    auto& im = *impl_;
    std::lock_guard lock(im.mutex);
    sqlite::Transaction tx(im.db, "remembering a request");
    {
        // New, or a reservation whose handler died: ours now.
        auto q = im.kept(
            "INSERT INTO kept_answers (scope, key, fingerprint, at) VALUES (?1, ?2, ?3, ?4) "
            "ON CONFLICT (scope, key) DO UPDATE SET fingerprint = excluded.fingerprint, at = excluded.at, body = '' "
            "WHERE kept_answers.status = 0 AND kept_answers.at < ?5 RETURNING 1");
        q->bind(1, scope).bind(2, key).bind(3, fingerprint).bind(4, now).bind(5, stale_before);
        if (q->step()) {
            while (q->step()) {
            }
            tx.commit();
            return std::nullopt;
        }
    }
    KeptAnswer a;
    {
        auto q = im.kept("SELECT fingerprint, status, body, at FROM kept_answers WHERE scope = ?1 AND key = ?2");
        q->bind(1, scope).bind(2, key);
        if (q->step()) {
            a.fingerprint = q->text(0);
            a.status = static_cast<int>(q->integer(1));
            a.body = q->text(2);
            a.at = q->integer(3);
        }
    }
    tx.commit();  // changed nothing: the key was taken
    return a;
}

void SqliteStore::keep_answer(const std::string& scope, const std::string& key, int status, const std::string& body) {
    auto& im = *impl_;
    std::lock_guard lock(im.mutex);
    sqlite::Transaction tx(im.db, "keeping an answer");
    im.kept("UPDATE kept_answers SET status = ?3, body = ?4 WHERE scope = ?1 AND key = ?2")
        ->bind(1, scope)
        .bind(2, key)
        .bind(3, status)
        .bind(4, body)
        .run();
    tx.commit();
}

void SqliteStore::forget_answer(const std::string& scope, const std::string& key) {
    auto& im = *impl_;
    std::lock_guard lock(im.mutex);
    sqlite::Transaction tx(im.db, "forgetting a failed request");
    im.kept("DELETE FROM kept_answers WHERE scope = ?1 AND key = ?2")->bind(1, scope).bind(2, key).run();
    tx.commit();
}

int SqliteStore::forget_answers_before(Timestamp before) {
    auto& im = *impl_;
    std::lock_guard lock(im.mutex);
    sqlite::Transaction tx(im.db, "forgetting old answers");
    im.kept("DELETE FROM kept_answers WHERE at < ?1")->bind(1, before).run();
    const int n = im.db.changes();
    tx.commit();
    return n;
}

}  // namespace gastvrij
