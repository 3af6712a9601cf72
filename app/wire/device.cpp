#include "wire/device.h"

#include "wire/fields.h"

namespace gastvrij {

using namespace wire;

void to_json(json& j, const DeviceView& view) {
    const Device& d = view.device;
    j = {{"id", d.id},
         {"name", d.name},
         {"kind", to_string(d.kind)},
         {"staff_id", d.staff_id},
         {"created_at", d.created_at},
         {"revoked_at", d.revoked_at},
         {"active", d.active()}};
    if (!d.staff_id.empty()) j["staff_name"] = view.staff_name;
}

void from_json(const json& j, DeviceView& view) {
    Device& d = view.device;
    d.id = int64_at(j, "id");
    d.name = string_at(j, "name");
    d.kind = enum_at(j, "kind", device_kind_from);
    d.staff_id = string_at(j, "staff_id");
    d.created_at = int64_at(j, "created_at");
    d.revoked_at = int64_at(j, "revoked_at");
    view.staff_name = optional_string_at(j, "staff_name");
}

void to_json(json& j, const DeviceList& l) { j = {{"devices", l.devices}}; }

void from_json(const json& j, DeviceList& l) { l.devices = list_at<DeviceView>(j, "devices"); }

void to_json(json& j, const PairingView& p) {
    j = {{"code", p.code},
         {"kind", to_string(p.kind)},
         {"staff_id", p.staff_id},
         {"expires_at", p.expires_at},
         {"expires_in", p.expires_in},
         {"url", p.url},
         {"qr_svg", p.qr_svg}};
    if (!p.staff_id.empty()) j["staff_name"] = p.staff_name;
}

void from_json(const json& j, PairingView& p) {
    p.code = string_at(j, "code");
    p.kind = enum_at(j, "kind", device_kind_from);
    p.staff_id = string_at(j, "staff_id");
    p.staff_name = optional_string_at(j, "staff_name");
    p.expires_at = int64_at(j, "expires_at");
    p.expires_in = int64_at(j, "expires_in");
    p.url = string_at(j, "url");
    p.qr_svg = string_at(j, "qr_svg");
}

void to_json(json& j, const PairReply& r) {
    j = {{"device", r.device}};
    // A browser's token goes into its HttpOnly cookie only, never the body.
    if (!r.token.empty()) j["token"] = r.token;
}

void from_json(const json& j, PairReply& r) {
    r.token = string_at(j, "token");
    r.device = field(j, "device").get<DeviceView>();
}

void to_json(json& j, const StreamHello& h) { j = {{"cursor", h.cursor}, {"device", h.device}}; }

void from_json(const json& j, StreamHello& h) {
    h.cursor = int64_at(j, "cursor");
    h.device = field(j, "device").get<DeviceView>();
}

}  // namespace gastvrij
