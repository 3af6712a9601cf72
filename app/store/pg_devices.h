#pragma once
// Paired devices and pairing codes in the same PostgreSQL database as
// PgStore. A connection of its own: the service checks a token on every
// request and must not queue behind a long report.
#include <memory>
#include <string>

#include "domain/devices.h"
#include "domain/office_id.h"

namespace gastvrij {

class PgDeviceStore final : public DeviceStore {
public:
    // Connects and brings the schema up to date, like PgStore; either may be
    // opened first. Throws StoreError.
    explicit PgDeviceStore(const std::string& url, const std::string& office = kDefaultOffice);
    ~PgDeviceStore() override;

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
