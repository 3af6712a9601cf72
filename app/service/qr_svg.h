#pragma once
// A QR code as a self-contained SVG (libqrencode), for pairing a phone: the
// desk shows it, the phone's camera opens the link in it.
#include <string>

namespace gastvrij {

// Black modules on white with the standard four-module quiet zone; scales to
// any size (viewBox in modules). Throws std::runtime_error when `text` does
// not fit in a QR code.
std::string qr_svg(const std::string& text);

}  // namespace gastvrij
