#include "store/pg_devices.h"

#include <mutex>

#include "store/office_rows.h"
#include "store/pg_db.h"
#include "store/pg_migrations.h"

namespace gastvrij {

using pg::Params;
using pg::Result;
using pg::Transaction;

struct PgDeviceStore::Impl {
    Impl(const std::string& url, std::string office_id) : db(url), office(std::move(office_id)) {}
    pg::Connection db;
    std::mutex mutex;
    const std::string office;  // devices paired here belong to it; others' tokens are unknown here

    // A token check that met a dropped connection runs once more on a new one.
    Result read(const char* sql, const Params& p, const std::string& doing) {
        return db.read_retrying_once([&] { return db.exec(sql, p, doing); });
    }
};

namespace {

#define DEVICE_COLUMNS "id, name, kind, staff_id, token_hash, created_at, revoked_at"

std::vector<Device> read_devices(const Result& r, const std::string& where) {
    std::vector<Device> out;
    for (int i = 0; i < r.rows(); ++i) {
        Device d;
        d.id = r.integer(i, 0);
        d.name = r.text(i, 1);
        const std::string kind = r.text(i, 2);
        auto k = device_kind_from(kind);
        if (!k) {
            throw StoreError(StoreError::Kind::Corrupt, "the PostgreSQL database " + where +
                                                            " holds an unknown device kind '" + kind +
                                                            "' — it was written by another (newer?) program");
        }
        d.kind = *k;
        d.staff_id = r.text(i, 3);
        d.token_hash = r.text(i, 4);
        d.created_at = r.integer(i, 5);
        d.revoked_at = r.integer(i, 6);
        out.push_back(std::move(d));
    }
    return out;
}

std::optional<Device> first(std::vector<Device> found) {
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

}  // namespace

PgDeviceStore::PgDeviceStore(const std::string& url, const std::string& office) {
    office_rows::require_valid(office);
    impl_ = std::make_unique<Impl>(url, office);
    pg::migrate(impl_->db);
    pg::open_office(impl_->db, office);
}

PgDeviceStore::~PgDeviceStore() = default;

void PgDeviceStore::add_pairing_code(const PairingCode& c) {
    std::lock_guard lock(impl_->mutex);
    const std::string doing = "saving a pairing code";
    Transaction tx(impl_->db, doing);
    impl_->db.exec(
        "INSERT INTO pairing_codes (code_hash, kind, staff_id, created_at, expires_at, used_at, office) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        Params()
            .add(c.code_hash)
            .add(to_string(c.kind))
            .add(c.staff_id)
            .add(c.created_at)
            .add(c.expires_at)
            .add(c.used ? c.created_at : Timestamp{0})
            .add(impl_->office),
        doing);
    tx.commit();
}

RedeemResult PgDeviceStore::redeem_pairing_code(const std::string& code_hash, const std::string& device_name,
                                                const std::string& token_hash, Timestamp now,
                                                std::optional<DeviceKind> only) {
    std::lock_guard lock(impl_->mutex);
    auto& db = impl_->db;
    const std::string doing = "pairing a device";
    Transaction tx(db, doing);
    // FOR UPDATE: a second service redeeming the same code waits for this
    // transaction, then reads the code as used.
    const Result code = db.exec(
        "SELECT kind, staff_id, expires_at, used_at FROM pairing_codes WHERE code_hash = $1 AND office = $2 "
        "FOR UPDATE",
        Params().add(code_hash).add(impl_->office), doing);
    if (code.rows() == 0) return {RedeemOutcome::Unknown, std::nullopt};
    const std::string kind = code.text(0, 0);
    if (code.integer(0, 3) != 0) return {RedeemOutcome::Used, std::nullopt};
    if (now >= code.integer(0, 2)) return {RedeemOutcome::Expired, std::nullopt};
    const auto k = device_kind_from(kind);
    if (!k) return {RedeemOutcome::Unknown, std::nullopt};
    if (only && *k != *only) return {RedeemOutcome::OtherKind, std::nullopt};

    Device d;
    d.name = device_name;
    d.kind = *k;
    d.staff_id = code.text(0, 1);
    d.token_hash = token_hash;
    d.created_at = now;
    d.id = db.exec("INSERT INTO devices (name, kind, staff_id, token_hash, created_at, office) "
                   "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                   Params().add(d.name).add(kind).add(d.staff_id).add(d.token_hash).add(d.created_at).add(impl_->office),
                   doing)
               .integer(0, 0);
    db.exec("UPDATE pairing_codes SET used_at = $2, device_id = $3 WHERE code_hash = $1",
            Params().add(code_hash).add(now).add(d.id), doing);
    tx.commit();
    return {RedeemOutcome::Paired, d};
}

std::optional<Device> PgDeviceStore::device_by_token_hash(const std::string& token_hash) const {
    std::lock_guard lock(impl_->mutex);
    return first(read_devices(impl_->read("SELECT " DEVICE_COLUMNS
                                          " FROM devices WHERE token_hash = $1 AND revoked_at = 0 AND office = $2",
                                          Params().add(token_hash).add(impl_->office), "checking a device's token"),
                              impl_->db.label()));
}

std::optional<Device> PgDeviceStore::device(std::int64_t id) const {
    std::lock_guard lock(impl_->mutex);
    return first(read_devices(
        impl_->read("SELECT " DEVICE_COLUMNS " FROM devices WHERE id = $1 AND office = $2",
                    Params().add(id).add(impl_->office), "reading a device"),
        impl_->db.label()));
}

std::vector<Device> PgDeviceStore::devices(bool include_revoked) const {
    std::lock_guard lock(impl_->mutex);
    return read_devices(impl_->read("SELECT " DEVICE_COLUMNS
                                    " FROM devices WHERE office = $2 AND ($1 OR revoked_at = 0) ORDER BY id",
                                    Params().add(include_revoked).add(impl_->office), "reading the paired devices"),
                        impl_->db.label());
}

bool PgDeviceStore::revoke_device(std::int64_t id, Timestamp now) {
    std::lock_guard lock(impl_->mutex);
    const std::string doing = "revoking a device";
    Transaction tx(impl_->db, doing);
    const int n = impl_->db
                      .exec("UPDATE devices SET revoked_at = $2 WHERE id = $1 AND revoked_at = 0 AND office = $3",
                            Params().add(id).add(now).add(impl_->office), doing)
                      .affected();
    tx.commit();
    return n > 0;
}

int PgDeviceStore::purge_pairing_codes(Timestamp before) {
    std::lock_guard lock(impl_->mutex);
    const std::string doing = "forgetting old pairing codes";
    Transaction tx(impl_->db, doing);
    const int n = impl_->db
                      .exec("DELETE FROM pairing_codes WHERE expires_at < $1 OR (used_at <> 0 AND used_at < $1)",
                            Params().add(before), doing)
                      .affected();
    tx.commit();
    return n;
}

}  // namespace gastvrij
