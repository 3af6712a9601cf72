#pragma once
// Paired devices on the wire: a device as the desk lists it, a new pairing
// code, the answer to redeeming one, and the stream's opening "hello".
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "domain/devices.h"

namespace gastvrij {

// The token hash never leaves the service: it is not sent and comes back "".
struct DeviceView {
    Device device;
    std::string staff_name;  // a phone's colleague; sent only with a staff id
};

struct DeviceList {
    std::vector<DeviceView> devices;
};

// POST /api/v1/pairing: a code for a phone, desk or kiosk.
struct PairingView {
    std::string code;        // show large, and the QR code
    DeviceKind kind = DeviceKind::Phone;
    std::string staff_id, staff_name;  // staff_name sent only with a staff id
    Timestamp expires_at = 0;
    Timestamp expires_in = 0;  // seconds left when the service answered
    std::string url;         // phone: <public_url>/phone#pair=CODE
    std::string qr_svg;      // the url as an SVG QR code
};

// POST /pair: the new device and its bearer token (shown once).
struct PairReply {
    std::string token;
    DeviceView device;
};

// The first frame of every event stream.
struct StreamHello {
    std::int64_t cursor = 0;
    DeviceView device;
};

void to_json(nlohmann::json& j, const DeviceView& d);
void from_json(const nlohmann::json& j, DeviceView& d);
void to_json(nlohmann::json& j, const DeviceList& l);
void from_json(const nlohmann::json& j, DeviceList& l);
void to_json(nlohmann::json& j, const PairingView& p);
void from_json(const nlohmann::json& j, PairingView& p);
void to_json(nlohmann::json& j, const PairReply& r);
void from_json(const nlohmann::json& j, PairReply& r);
void to_json(nlohmann::json& j, const StreamHello& h);
void from_json(const nlohmann::json& j, StreamHello& h);

}  // namespace gastvrij
