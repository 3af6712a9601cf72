#pragma once
// Where a companion or a kiosk keeps the bearer token it got by pairing. The token is a
// credential: the file is created 0600 (its folder 0700) and replaced
// atomically, so a crash never leaves half a token behind.
#include <string>

namespace gastvrij {

// $XDG_CONFIG_HOME/gastvrij/<device>-token, else ~/.config/gastvrij/<device>-token
// (device: "desk", "kiosk"). A packaged kiosk passes a path under its state folder.
std::string default_token_file(const std::string& device);
// The token in `path`, or "" when there is none. Throws std::runtime_error
// when the file exists but cannot be read.
std::string load_token(const std::string& path);
// Writes `token` to `path` (0600). Throws std::runtime_error with the reason.
void save_token(const std::string& path, const std::string& token);

}  // namespace gastvrij
