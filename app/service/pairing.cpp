#include "service/pairing.h"

#include "service/crypto.h"

namespace gastvrij {

PairingTicket Pairing::create_code(DeviceKind kind, const std::string& staff_id) {
    const Timestamp now = clock_.now();
    // Forget old codes while we are here: they are useless, and a short table
    // keeps redeeming cheap.
    devices_.purge_pairing_codes(now - 24 * 3600);
    PairingTicket t;
    t.code = new_pairing_code();
    t.kind = kind;
    t.staff_id = staff_id;
    t.expires_at = now + static_cast<Timestamp>(code_minutes_) * 60;
    PairingCode c;
    c.code_hash = sha256_hex(t.code);
    c.kind = kind;
    c.staff_id = staff_id;
    c.created_at = now;
    c.expires_at = t.expires_at;
    devices_.add_pairing_code(c);
    return t;
}

PairOutcome Pairing::redeem(const std::string& typed_code, const std::string& device_name,
                            std::optional<DeviceKind> only) {
    const std::string code = normalize_pairing_code(typed_code);
    if (code.empty()) return {};
    PairOutcome out;
    std::string token = new_token();
    RedeemResult r = devices_.redeem_pairing_code(sha256_hex(code), device_name, sha256_hex(token), clock_.now(), only);
    out.outcome = r.outcome;
    if (r.outcome == RedeemOutcome::Paired) {
        out.token = std::move(token);
        out.device = std::move(r.device);
    }
    return out;
}

std::optional<Device> Pairing::authenticate(const std::string& token) const {
    // Tokens are 64 hex characters; anything else cannot match and is not
    // worth a database look-up.
    if (token.size() != 64) return std::nullopt;
    for (char c : token)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
    return devices_.device_by_token_hash(sha256_hex(token));
}

}  // namespace gastvrij
