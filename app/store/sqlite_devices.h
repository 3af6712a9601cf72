#pragma once
// Paired devices and pairing codes on the same SQLite file as SqliteStore (its
// tables come from schema step 3). A second connection of its own: the service
// checks a token on every request and must not queue behind a long report.
#include <memory>
#include <string>

#include "domain/devices.h"
#include "domain/office_id.h"

namespace gastvrij {

class SqliteDeviceStore final : public DeviceStore {
public:
    // Opens or creates the file and brings its schema up to date, like
    // SqliteStore does; either may be opened first. Throws StoreError.
    explicit SqliteDeviceStore(const std::string& path, int busy_timeout_ms = 3000,
                               const std::string& office = kDefaultOffice);
    ~SqliteDeviceStore() override;

    void add_pairing_code(const PairingCode& code) override;
    RedeemResult redeem_pairing_code(const std::string& code_hash, const std::string& device_name,
                                     const std::string& token_hash, Timestamp now,
                                     std::optional<DeviceKind> only = std::nullopt) override;
    std::optional<Device> device_by_token_hash(const std::string& token_hash) const override;
    std::optional<Device> device(std::int64_t id) const override;
    std::vector<Device> devices(bool include_revoked) const override;
    bool revoke_device(std::int64_t id, Timestamp now) override;
    int purge_pairing_codes(Timestamp before) override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gastvrij
