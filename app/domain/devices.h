#pragma once
// The device port: which companion screens, phones and kiosks may use the
// service API. A device gets its bearer token by redeeming a short pairing code
// once; only SHA-256 hashes of tokens and codes are kept, so a copied data file
// hands out no access. app/store implements it on the same SQLite file as the
// Store; the service layer makes the tokens and hashes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/clock.h"
#include "domain/store.h"  // StoreError

namespace gastvrij {

// What a device may do: "desk" everything, "phone" only its colleague's
// visits, "kiosk" check visitors in.
enum class DeviceKind { Desk, Phone, Kiosk };
inline const char* to_string(DeviceKind k) {
    switch (k) {
        case DeviceKind::Desk: return "desk";
        case DeviceKind::Phone: return "phone";
        case DeviceKind::Kiosk: return "kiosk";
    }
    return "desk";
}
inline std::optional<DeviceKind> device_kind_from(const std::string& s) {
    if (s == "desk") return DeviceKind::Desk;
    if (s == "phone") return DeviceKind::Phone;
    if (s == "kiosk") return DeviceKind::Kiosk;
    return std::nullopt;
}

// What a pairing QR code carries: the service's address, the one-time code
// and, over HTTPS, the SHA-256 fingerprint of the service's certificate. A
// phone opens <service>/phone#pair=CODE&fp=… (its page pairs from it); a
// companion is given <service>/desk#pair=CODE&fp=… and a kiosk on another
// machine <service>/kiosk#pair=CODE&fp=…, which `gastvrij desk|kiosk --server`
// take as they are and whose certificate they then accept and no other. The
// code sits after '#' so browsers never send it to a server.
inline std::string pairing_link(const std::string& service_url, DeviceKind kind, const std::string& code,
                                const std::string& fingerprint = {}) {
    const char* page = kind == DeviceKind::Phone ? "/phone#pair=" : kind == DeviceKind::Kiosk ? "/kiosk#pair=" : "/desk#pair=";
    return service_url + page + code + (fingerprint.empty() ? "" : "&fp=" + fingerprint);
}

struct PairingLinkParts {
    std::string service_url;
    std::string code;
    std::string fingerprint;  // "" when the link carries none (plain HTTP, or a proxy's trusted certificate)
};
// Splits a pairing link; nullopt when `link` is a plain address without a
// code, or its fingerprint is not 64 hex digits (a damaged link).
inline std::optional<PairingLinkParts> parse_pairing_link(const std::string& link) {
    const std::string::size_type hash = link.find("#pair=");
    if (hash == std::string::npos) return std::nullopt;
    std::string base = link.substr(0, hash);
    for (const char* page : {"/phone", "/desk", "/kiosk"}) {
        const std::string p = page;
        if (base.size() >= p.size() && base.compare(base.size() - p.size(), p.size(), p) == 0) {
            base.resize(base.size() - p.size());
            break;
        }
    }
    PairingLinkParts out{base, link.substr(hash + 6), {}};
    if (const auto amp = out.code.find('&'); amp != std::string::npos) {
        const std::string rest = out.code.substr(amp + 1);
        out.code.resize(amp);
        if (rest.rfind("fp=", 0) == 0) {
            out.fingerprint = rest.substr(3);
            if (out.fingerprint.size() != 64) return std::nullopt;
            for (char& c : out.fingerprint) {
                if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
            }
        }
    }
    if (out.service_url.empty() || out.code.empty()) return std::nullopt;
    return out;
}

struct Device {
    std::int64_t id = 0;
    std::string name;        // chosen when pairing: "Receptie links", "Telefoon Fatma"
    DeviceKind kind = DeviceKind::Desk;
    std::string staff_id;    // the colleague a phone belongs to; empty otherwise
    std::string token_hash;  // SHA-256 of the bearer token, hex
    Timestamp created_at = 0;
    Timestamp revoked_at = 0;  // 0 = still allowed
    bool active() const { return revoked_at == 0; }
};

// Who a device is in a visit's event log and in Visit::kiosk_id for the
// visits it created: "desk:<id>", "staff:<colleague>", "kiosk:<name>".
inline std::string device_actor(const Device& d) {
    switch (d.kind) {
        case DeviceKind::Phone: return "staff:" + d.staff_id;
        case DeviceKind::Kiosk: return "kiosk:" + d.name;
        case DeviceKind::Desk: return "desk:" + std::to_string(d.id);
    }
    return "desk";
}

struct PairingCode {
    std::string code_hash;   // SHA-256 of the code, hex
    DeviceKind kind = DeviceKind::Phone;
    std::string staff_id;    // for a phone: whose visits it will show
    Timestamp created_at = 0;
    Timestamp expires_at = 0;
    bool used = false;
};

enum class RedeemOutcome {
    Paired,   // the device was created
    Unknown,  // no such code
    Expired,  // the code's time ran out before it was used
    Used,     // the code was redeemed before (codes work once)
    OtherKind,  // the code pairs another kind of device than asked for; it stays usable
};

struct RedeemResult {
    RedeemOutcome outcome = RedeemOutcome::Unknown;
    std::optional<Device> device;  // set when Paired
};

class DeviceStore {
public:
    virtual ~DeviceStore() = default;

    // Keeps a new code. Throws StoreError.
    virtual void add_pairing_code(const PairingCode& code) = 0;

    // In one transaction: checks the code, marks it used and creates the device
    // with `token_hash`. Two devices racing for one code: exactly one wins.
    // With `only`, a code for another kind is left unused (OtherKind).
    virtual RedeemResult redeem_pairing_code(const std::string& code_hash,
                                             const std::string& device_name,
                                             const std::string& token_hash, Timestamp now,
                                             std::optional<DeviceKind> only = std::nullopt) = 0;

    // The active (not revoked) device holding this token, if any.
    virtual std::optional<Device> device_by_token_hash(const std::string& token_hash) const = 0;
    virtual std::optional<Device> device(std::int64_t id) const = 0;
    virtual std::vector<Device> devices(bool include_revoked) const = 0;

    // False when there is no such device or it was revoked already.
    virtual bool revoke_device(std::int64_t id, Timestamp now) = 0;

    // Forgets codes that expired or were used before `before`; returns how many.
    virtual int purge_pairing_codes(Timestamp before) = 0;
};

}  // namespace gastvrij
