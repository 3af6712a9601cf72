#pragma once
// Pairing: a desk asks for a short code, a new device redeems it once for a
// bearer token. The token is shown to the device exactly once; the store keeps
// only hashes of codes and tokens.
#include <optional>
#include <string>

#include "domain/devices.h"

namespace gastvrij {

struct PairingTicket {
    std::string code;        // "7KQ4MZ2P", shown on the desk and in the QR code
    DeviceKind kind = DeviceKind::Phone;
    std::string staff_id;
    Timestamp expires_at = 0;
};

struct PairOutcome {
    RedeemOutcome outcome = RedeemOutcome::Unknown;
    std::string token;             // set when paired; never stored
    std::optional<Device> device;  // set when paired
};

class Pairing {
public:
    Pairing(DeviceStore& devices, const Clock& clock, int code_minutes = 5)
        : devices_(devices), clock_(clock), code_minutes_(code_minutes) {}

    PairingTicket create_code(DeviceKind kind, const std::string& staff_id);
    // With `only`, a code for another kind of device is refused and stays usable.
    PairOutcome redeem(const std::string& typed_code, const std::string& device_name,
                       std::optional<DeviceKind> only = std::nullopt);
    std::optional<Device> authenticate(const std::string& token) const;

    int code_minutes() const { return code_minutes_; }
    DeviceStore& devices() { return devices_; }

private:
    DeviceStore& devices_;
    const Clock& clock_;
    int code_minutes_;
};

}  // namespace gastvrij
