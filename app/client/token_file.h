#pragma once
// Where a companion or a kiosk keeps what pairing gave it: the bearer token,
// the service's address and the fingerprint of its certificate. The token is
// a credential: the file is created 0600 (its folder 0700) and replaced
// atomically, so a crash never leaves half a token behind. The token is the
// first line, so files written before address and fingerprint were kept
// still read.
#include <string>


namespace gastvrij {

// $XDG_CONFIG_HOME/gastvrij/<device>-token, else ~/.config/gastvrij/<device>-token
// (device: "desk", "kiosk"). A packaged kiosk passes a path under its state folder.
std::string default_token_file(const std::string& device);
struct DevicePairing {
    std::string token;        // "" = not paired
    std::string server;       // the service's address it was paired with; "" = not kept (older file)
    std::string fingerprint;  // the certificate pinned by the pairing link; "" = none
};

// What `path` holds, all empty when there is no file. Throws
// std::runtime_error when the file exists but cannot be read.
DevicePairing load_pairing(const std::string& path);
// Writes `p` to `path` (0600). Throws std::runtime_error with the reason.
void save_pairing(const std::string& path, const DevicePairing& p);

// The token alone.
inline std::string load_token(const std::string& path) { return load_pairing(path).token; }

}  // namespace gastvrij
