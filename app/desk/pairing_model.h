#pragma once
// The pairing tab: the code on show for a new phone or desk, and the devices
// paired already, one of which may be waiting for "Ja, intrekken".
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "client/client.h"
#include "desk/directory_model.h"
#include "desk/service_time.h"

namespace gastvrij::desk {

class PairingModel {
public:
    // Device labels name a phone's colleague from the directory.
    PairingModel(const DeskClock& clock, const DirectoryModel& directory) : clock_(clock), directory_(directory) {}

    // ---- the code on show ----
    void set_code(std::optional<PairingView> p);
    const std::optional<PairingView>& code() const { return code_; }
    // Whole minutes (rounded down; 0 = under a minute) until the pairing code
    // expires, counted on the desk's own clock from when it came; -1 =
    // expired; nullopt = the desk cannot tell
    // (its idea of the service's clock calls a fresh code expired).
    std::optional<int> minutes_left() const;

    // ---- paired devices ----
    // The active devices as the service listed them, sorted by what the
    // office calls them.
    void set_devices(std::vector<Device> d);
    const std::vector<Device>& devices() const { return devices_; }
    bool has_devices() const { return devices_loaded_at_ > 0; }
    // This desk's own device (from /me): marked in the list, never withdrawn from here.
    void set_own_device(const Device& d) { own_device_ = d.id; }
    std::int64_t own_device() const { return own_device_; }
    // "Telefoon van Fatma Yılmaz", "Kiosk \"Entree\"", "Balie \"Receptie links\"", "Balie centrum".
    std::string device_label(const Device& d) const;
    // The device whose withdrawal waits for "Ja, intrekken"; 0 = none. A
    // mis-click must not lock a colleague's phone out, so it takes two taps.
    void ask_revoke(std::int64_t id) { revoke_asked_ = id; }
    std::int64_t revoke_asked() const { return revoke_asked_; }
    // Gone from the list at once (the service refuses its token already).
    void device_revoked(std::int64_t id);

    // The code's minutes count down, and it expires.
    void until_change(NextChange& next) const;

private:
    double seconds_left() const;

    const DeskClock& clock_;
    const DirectoryModel& directory_;
    std::optional<PairingView> code_;
    double code_received_ = 0;        // desk wall-clock seconds
    double code_left_at_receipt_ = 0;  // seconds of validity then
    std::vector<Device> devices_;
    double devices_loaded_at_ = 0;  // desk wall-clock seconds
    std::int64_t own_device_ = 0;
    std::int64_t revoke_asked_ = 0;
};

}  // namespace gastvrij::desk
