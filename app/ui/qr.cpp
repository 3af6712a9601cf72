#include "ui/qr.h"

#include <qrencode.h>

#include <cmath>
#include <map>

#include "ui/ui.h"

namespace gastvrij::ui {

QrMatrix encode_qr(const std::string& text) {
    QrMatrix m;
    QRcode* q = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q) return m;
    m.size = q->width;
    m.on.resize(size_t(q->width) * size_t(q->width));
    for (size_t i = 0; i < m.on.size(); ++i) m.on[i] = q->data[i] & 1;
    QRcode_free(q);
    return m;
}

void draw_qr(Ui& ui, const std::string& name, const Rect& logical, const std::string& text) {
    static std::map<std::string, QrMatrix> cache;  // a handful of URLs per office
    auto it = cache.find(text);
    if (it == cache.end()) it = cache.emplace(text, encode_qr(text)).first;
    const QrMatrix& m = it->second;
    if (m.size == 0) return;
    const Rect r = ui.place(logical);
    const int modules = m.size + 8;  // 4 quiet modules each side
    const float side = std::min(r.w, r.h);
    const float px = std::floor(side / float(modules));
    if (px < 1) return;
    const float total = px * float(modules);
    const float x0 = std::floor(r.x + (r.w - total) / 2), y0 = std::floor(r.y + (r.h - total) / 2);
    ui.fill({x0, y0, total, total}, 0xFFFFFF, 0);
    for (int y = 0; y < m.size; ++y)
        for (int x = 0; x < m.size; ++x)
            if (m.on[size_t(y) * size_t(m.size) + size_t(x)])
                ui.fill({x0 + float(x + 4) * px, y0 + float(y + 4) * px, px, px}, 0x000000, 0);
    ui.note(name, {x0, y0, total, total}, text);
}

}  // namespace gastvrij::ui
