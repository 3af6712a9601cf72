#include "service/qr_svg.h"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace gastvrij {

std::string qr_svg(const std::string& text) {
    // Level M survives a screen's glare and a phone camera's blur.
    std::unique_ptr<QRcode, void (*)(QRcode*)> qr(
        QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), QRcode_free);
    if (!qr) throw std::runtime_error("cannot make a QR code of " + std::to_string(text.size()) + " bytes");
    const int w = qr->width, quiet = 4, size = w + 2 * quiet;
    std::string path;
    for (int y = 0; y < w; ++y) {
        for (int x = 0; x < w;) {
            if (!(qr->data[y * w + x] & 1)) {
                ++x;
                continue;
            }
            // One horizontal run of dark modules per path segment keeps the SVG small.
            int run = 1;
            while (x + run < w && (qr->data[y * w + x + run] & 1)) ++run;
            path += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h" +
                    std::to_string(run) + "v1h-" + std::to_string(run) + "z";
            x += run;
        }
    }
    const std::string s = std::to_string(size);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + s + " " + s +
           "\" shape-rendering=\"crispEdges\"><rect width=\"" + s + "\" height=\"" + s +
           "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

}  // namespace gastvrij
