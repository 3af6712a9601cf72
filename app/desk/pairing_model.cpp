#include "desk/pairing_model.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace gastvrij::desk {

namespace {

// "Kiosk \"Entree\"", but "Balie centrum" rather than "Balie \"Balie centrum\"".
std::string named(const std::string& kind, const std::string& name) {
    if (name.empty()) return kind;
    if (name.size() >= kind.size() && std::equal(kind.begin(), kind.end(), name.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        }))
        return name;
    return kind + " \"" + name + "\"";
}

}  // namespace

void PairingModel::set_code(std::optional<PairingView> p) {
    code_ = std::move(p);
    code_received_ = clock_.wall();
    code_left_at_receipt_ = code_ ? double(code_->expires_at) - clock_.service_now() : 0;
}

double PairingModel::seconds_left() const { return code_left_at_receipt_ - (clock_.wall() - code_received_); }

std::optional<int> PairingModel::minutes_left() const {
    if (!code_) return -1;
    // A fresh code is valid for minutes, never for nothing or for days.
    if (code_left_at_receipt_ <= 0 || code_left_at_receipt_ > 24 * 3600.0) return std::nullopt;
    const double left = seconds_left();
    // Rounded down: a code shown as "5 min" must not die after 4½.
    return left <= 0 ? -1 : int(std::floor(left / 60.0));
}

void PairingModel::until_change(NextChange& next) const {
    if (minutes_left().value_or(-1) < 0) return;
    const double left = seconds_left();
    next.consider(left);
    next.consider(std::fmod(left, 60.0));
}

std::string PairingModel::device_label(const Device& d) const {
    switch (d.kind) {
    case DeviceKind::Phone: return "Telefoon van " + (d.staff_id.empty() ? d.name : directory_.staff_name(d.staff_id));
    case DeviceKind::Kiosk: return named("Kiosk", d.name);
    case DeviceKind::Desk: return named("Balie", d.name);
    }
    return d.name;
}

void PairingModel::set_devices(std::vector<Device> d) {
    d.erase(std::remove_if(d.begin(), d.end(), [](const Device& x) { return !x.active(); }), d.end());
    // Desks, kiosks, then phones by colleague; a colleague's phones together, the oldest first.
    auto key = [this](const Device& x) {
        std::string k = device_label(x);
        k.erase(std::remove(k.begin(), k.end(), '"'), k.end());
        for (char& c : k) c = char(std::tolower(static_cast<unsigned char>(c)));
        const int rank = x.kind == DeviceKind::Desk ? 0 : x.kind == DeviceKind::Kiosk ? 1 : 2;
        return std::make_pair(rank, k);
    };
    std::stable_sort(d.begin(), d.end(), [&](const Device& a, const Device& b) {
        const auto ka = key(a), kb = key(b);
        return ka != kb ? ka < kb : a.created_at < b.created_at;
    });
    devices_ = std::move(d);
    devices_loaded_at_ = clock_.wall();
    if (std::none_of(devices_.begin(), devices_.end(), [&](const Device& x) { return x.id == revoke_asked_; }))
        revoke_asked_ = 0;
}

void PairingModel::device_revoked(std::int64_t id) {
    devices_.erase(std::remove_if(devices_.begin(), devices_.end(), [&](const Device& x) { return x.id == id; }),
                   devices_.end());
    if (revoke_asked_ == id) revoke_asked_ = 0;
}

}  // namespace gastvrij::desk
