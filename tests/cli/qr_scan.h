#pragma once
// Reading a QR code back the way a phone would: Debian's zbarimg decodes the
// rendered screenshot, and the pixels around the code show whether it has
// the four modules of light "quiet zone" a camera needs to find it.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace gastvrij::qr_test {

inline constexpr const char* kZbarimg = "/usr/bin/zbarimg";

inline bool have_zbarimg() {
    struct stat st {};
    return ::stat(kZbarimg, &st) == 0 && (st.st_mode & S_IXUSR);
}

// Every symbol zbarimg finds in the image, one string each (--raw: the bare
// data, one symbol per line). Empty when it found none.
inline std::vector<std::string> zbar_decode(const std::string& png) {
    std::vector<std::string> out;
    const std::string cmd = std::string(kZbarimg) + " --raw -q '" + png + "' 2>/dev/null";
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) return out;
    std::string all;
    char buf[4096];
    size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) all.append(buf, n);
    ::pclose(p);
    size_t start = 0;
    while (start < all.size()) {
        size_t end = all.find('\n', start);
        if (end == std::string::npos) end = all.size();
        if (end > start) out.push_back(all.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// Writes part of an RGBA frame as a binary PPM (zbarimg reads it), so that
// one code among several on a screen can be read on its own. The rectangle is
// clipped to the frame.
inline bool write_ppm_crop(const std::string& rgba, int w, int h, float rx, float ry, float rw, float rh, const std::string& file) {
    const int x0 = std::max(0, int(rx)), y0 = std::max(0, int(ry));
    const int x1 = std::min(w, int(rx + rw + 0.5f)), y1 = std::min(h, int(ry + rh + 0.5f));
    if (x1 <= x0 || y1 <= y0 || rgba.size() != size_t(w) * size_t(h) * 4) return false;
    FILE* f = std::fopen(file.c_str(), "wb");
    if (!f) return false;
    std::fprintf(f, "P6\n%d %d\n255\n", x1 - x0, y1 - y0);
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) std::fwrite(rgba.data() + (size_t(y) * size_t(w) + size_t(x)) * 4, 1, 3, f);
    return std::fclose(f) == 0;
}

// Where a code sits in an RGBA frame, measured from its pixels.
struct QrGeometry {
    int x = 0, y = 0, side = 0;  // the dark modules' bounding square, in pixels
    int module = 0;              // pixels per module, from the finder pattern
    int modules = 0;             // modules per side (21, 25, 29, …)
    int quiet_modules = 0;       // light modules around it on its narrowest side
    bool found() const { return module > 0; }
};

class RgbaFrame {
public:
    RgbaFrame(const std::string& rgba, int w, int h) : rgba_(rgba), w_(w), h_(h) {}
    int width() const { return w_; }
    int height() const { return h_; }
    bool valid() const { return rgba_.size() == size_t(w_) * size_t(h_) * 4; }
    // Dark and light as a phone camera would binarise them; anti-aliased
    // edges in between count as neither.
    bool dark(int x, int y) const { return luma(x, y) < 96; }
    bool light(int x, int y) const { return luma(x, y) > 192; }

private:
    int luma(int x, int y) const {
        const auto* p = reinterpret_cast<const unsigned char*>(rgba_.data()) + (size_t(y) * size_t(w_) + size_t(x)) * 4;
        return (299 * p[0] + 587 * p[1] + 114 * p[2]) / 1000;
    }
    const std::string& rgba_;
    int w_, h_;
};

// Finds the code inside the search rectangle (the area the screen says it
// drew it in) and measures its quiet zone in the whole frame, beyond that
// rectangle too.
inline QrGeometry measure_qr(const RgbaFrame& f, float sx, float sy, float sw, float sh) {
    QrGeometry g;
    const int x0 = std::max(0, int(sx)), y0 = std::max(0, int(sy));
    const int x1 = std::min(f.width(), int(sx + sw + 0.5f)), y1 = std::min(f.height(), int(sy + sh + 0.5f));
    int minx = x1, miny = y1, maxx = -1, maxy = -1;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x)
            if (f.dark(x, y)) minx = std::min(minx, x), maxx = std::max(maxx, x), miny = std::min(miny, y), maxy = std::max(maxy, y);
    if (maxx < 0) return g;
    g.x = minx, g.y = miny;
    g.side = std::max(maxx - minx + 1, maxy - miny + 1);
    // The top-left finder pattern's top edge is a run of seven dark modules.
    int run = 0;
    while (minx + run <= maxx && f.dark(minx + run, miny)) ++run;
    if (run < 7 || run % 7 != 0) return g;
    g.module = run / 7;
    g.modules = g.side / g.module;
    auto light_column = [&](int x) {
        if (x < 0 || x >= f.width()) return false;
        for (int y = g.y; y < g.y + g.side; ++y)
            if (!f.light(x, y)) return false;
        return true;
    };
    auto light_row = [&](int y) {
        if (y < 0 || y >= f.height()) return false;
        for (int x = g.x; x < g.x + g.side; ++x)
            if (!f.light(x, y)) return false;
        return true;
    };
    // Count up to eight modules each way: enough to tell four from fewer.
    const int limit = 8 * g.module;
    int left = 0, right = 0, top = 0, bottom = 0;
    while (left < limit && light_column(g.x - 1 - left)) ++left;
    while (right < limit && light_column(g.x + g.side + right)) ++right;
    while (top < limit && light_row(g.y - 1 - top)) ++top;
    while (bottom < limit && light_row(g.y + g.side + bottom)) ++bottom;
    g.quiet_modules = std::min({left, right, top, bottom}) / g.module;
    return g;
}

// What a camera needs of a measured code: found where the screen drew it,
// every module the same whole number of pixels (crisp), and at least four
// modules of light around it.
inline ::testing::AssertionResult crisp_with_quiet_zone(const QrGeometry& g) {
    if (!g.found()) return ::testing::AssertionFailure() << "no finder pattern where the screen drew the code";
    if (g.side != g.modules * g.module)
        return ::testing::AssertionFailure() << "modules of unequal size: not crisp (" << g.side << " px for " << g.modules
                                             << " modules of " << g.module << " px)";
    if (g.quiet_modules < 4) return ::testing::AssertionFailure() << "quiet zone of " << g.quiet_modules << " modules";
    return ::testing::AssertionSuccess();
}

}  // namespace gastvrij::qr_test
