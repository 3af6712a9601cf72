#include "store/sqlite_devices.h"

#include <filesystem>
#include <mutex>

#include "store/migrations.h"
#include "store/office_rows.h"
#include "store/sqlite_db.h"

namespace gastvrij {

using sqlite::Transaction;

struct SqliteDeviceStore::Impl {
    Impl(const std::string& path, int busy_timeout_ms, std::string office_id)
        : writer(sqlite::writer_for(path, busy_timeout_ms)),
          db(writer->db),
          kept(writer->kept),
          mutex(writer->mutex),
          office(std::move(office_id)) {}

    // Changes go through the process's one writing connection to the file,
    // shared with the SqliteStore beside it (see sqlite::Writer) …
    std::shared_ptr<sqlite::Writer> writer;
    sqlite::Database& db;
    sqlite::StatementCache& kept;
    std::mutex& mutex;
    const std::string office;  // devices paired here belong to it; others' tokens are unknown here

    // … while token checks read on a read-only connection of their own, so a
    // request never waits behind a long report on the writer.
    std::unique_ptr<sqlite::Database> reader;
    std::unique_ptr<sqlite::StatementCache> reader_kept;  // after reader: finalised first
    std::mutex reader_mutex;
};

namespace {

#define DEVICE_COLUMNS "id, name, kind, staff_id, token_hash, created_at, revoked_at"

Device read_device(const sqlite::Statement& s, const std::string& file) {
    Device d;
    d.id = s.integer(0);
    d.name = s.text(1);
    const std::string kind = s.text(2);
    auto k = device_kind_from(kind);
    if (!k) {
        throw StoreError(StoreError::Kind::Corrupt,
                         file + " holds an unknown device kind '" + kind +
                             "' — it was written by another (newer?) program or is damaged");
    }
    d.kind = *k;
    d.staff_id = s.text(3);
    d.token_hash = s.text(4);
    d.created_at = s.integer(5);
    d.revoked_at = s.integer(6);
    return d;
}

}  // namespace

SqliteDeviceStore::SqliteDeviceStore(const std::string& path, int busy_timeout_ms, const std::string& office) {
    office_rows::require_valid(office);
    if (path.empty() || path == ":memory:") {
        // A private in-memory database would hold devices no Store can see.
        throw StoreError(StoreError::Kind::Other,
                         "paired devices need a data file shared with the visits — pass a file, not :memory:");
    }
    const auto folder = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!folder.empty()) std::filesystem::create_directories(folder, ec);
    impl_ = std::make_unique<Impl>(path, busy_timeout_ms, office);
    {
        std::lock_guard lock(impl_->mutex);
        sqlite::prepare(*impl_->writer);
        sqlite::open_office(impl_->db, office);
    }
    impl_->reader = std::make_unique<sqlite::Database>(path, busy_timeout_ms, /*read_only=*/true);
    impl_->reader_kept = std::make_unique<sqlite::StatementCache>(*impl_->reader);
}

SqliteDeviceStore::~SqliteDeviceStore() = default;

void SqliteDeviceStore::add_pairing_code(const PairingCode& c) {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept(
        "INSERT INTO pairing_codes (code_hash, kind, staff_id, created_at, expires_at, used_at, office) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    q->bind(1, c.code_hash).bind(2, to_string(c.kind)).bind(3, c.staff_id);
    q->bind(4, c.created_at).bind(5, c.expires_at).bind(6, c.used ? c.created_at : Timestamp{0});
    q->bind(7, impl_->office);
    q->run();
}

RedeemResult SqliteDeviceStore::redeem_pairing_code(const std::string& code_hash,
                                                    const std::string& device_name,
                                                    const std::string& token_hash, Timestamp now,
                                                    std::optional<DeviceKind> only) {
    std::lock_guard lock(impl_->mutex);
    auto& db = impl_->db;
    // BEGIN IMMEDIATE holds the write lock from the first read, so a second
    // process redeeming the same code waits and then sees it used.
    Transaction tx(db, "pairing a device");
    std::string kind, staff_id;
    Timestamp expires_at = 0, used_at = 0;
    {
        auto q = impl_->kept(
            "SELECT kind, staff_id, expires_at, used_at FROM pairing_codes WHERE code_hash = ?1 AND office = ?2");
        q->bind(1, code_hash).bind(2, impl_->office);
        if (!q->step()) return {RedeemOutcome::Unknown, std::nullopt};
        kind = q->text(0);
        staff_id = q->text(1);
        expires_at = q->integer(2);
        used_at = q->integer(3);
    }
    if (used_at != 0) return {RedeemOutcome::Used, std::nullopt};
    if (now >= expires_at) return {RedeemOutcome::Expired, std::nullopt};
    auto k = device_kind_from(kind);
    if (!k) return {RedeemOutcome::Unknown, std::nullopt};
    if (only && *k != *only) return {RedeemOutcome::OtherKind, std::nullopt};

    Device d;
    d.name = device_name;
    d.kind = *k;
    d.staff_id = staff_id;
    d.token_hash = token_hash;
    d.created_at = now;
    {
        auto q = impl_->kept(
            "INSERT INTO devices (name, kind, staff_id, token_hash, created_at, office) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        q->bind(1, d.name).bind(2, kind).bind(3, d.staff_id).bind(4, d.token_hash).bind(5, d.created_at);
        q->bind(6, impl_->office);
        q->run();
        d.id = db.last_insert_id();
    }
    {
        auto q = impl_->kept("UPDATE pairing_codes SET used_at = ?2, device_id = ?3 WHERE code_hash = ?1");
        q->bind(1, code_hash).bind(2, now).bind(3, d.id);
        q->run();
    }
    tx.commit();
    return {RedeemOutcome::Paired, d};
}

std::optional<Device> SqliteDeviceStore::device_by_token_hash(const std::string& token_hash) const {
    std::lock_guard lock(impl_->reader_mutex);
    auto q = (*impl_->reader_kept)(
        "SELECT " DEVICE_COLUMNS " FROM devices WHERE token_hash = ?1 AND revoked_at = 0 AND office = ?2");
    q->bind(1, token_hash).bind(2, impl_->office);
    if (!q->step()) return std::nullopt;
    return read_device(*q, impl_->db.path());
}

std::optional<Device> SqliteDeviceStore::device(std::int64_t id) const {
    std::lock_guard lock(impl_->reader_mutex);
    auto q = (*impl_->reader_kept)("SELECT " DEVICE_COLUMNS " FROM devices WHERE id = ?1 AND office = ?2");
    q->bind(1, id).bind(2, impl_->office);
    if (!q->step()) return std::nullopt;
    return read_device(*q, impl_->db.path());
}

std::vector<Device> SqliteDeviceStore::devices(bool include_revoked) const {
    std::lock_guard lock(impl_->reader_mutex);
    auto q = (*impl_->reader_kept)(
        "SELECT " DEVICE_COLUMNS " FROM devices WHERE office = ?2 AND (?1 OR revoked_at = 0) ORDER BY id");
    q->bind(1, include_revoked ? 1 : 0).bind(2, impl_->office);
    std::vector<Device> out;
    while (q->step()) out.push_back(read_device(*q, impl_->db.path()));
    return out;
}

bool SqliteDeviceStore::revoke_device(std::int64_t id, Timestamp now) {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept("UPDATE devices SET revoked_at = ?2 WHERE id = ?1 AND revoked_at = 0 AND office = ?3");
    q->bind(1, id).bind(2, now).bind(3, impl_->office);
    q->run();
    return impl_->db.changes() > 0;
}

int SqliteDeviceStore::purge_pairing_codes(Timestamp before) {
    std::lock_guard lock(impl_->mutex);
    auto q = impl_->kept(
        "DELETE FROM pairing_codes WHERE expires_at < ?1 OR (used_at <> 0 AND used_at < ?1)");
    q->bind(1, before);
    q->run();
    return impl_->db.changes();
}

}  // namespace gastvrij
