#include "kiosk/phone_links.h"

#include <algorithm>

#include "ui/qr.h"

namespace gastvrij::kiosk {

namespace {

constexpr float kLargestMm = 60;   // beyond this a code only takes room
constexpr float kSmallestMm = 36;  // modules stay ≥ ~0.6 mm for a 100-character link
constexpr float kCaptionMm = 70;   // narrower, and a caption wraps word by word

void draw_card(ui::Ui& ui, const ui::Rect& r, float side, const PhoneLink& link) {
    const ui::Theme& th = ui.theme();
    ui::draw_qr(ui, link.name, {r.x, r.y, side, side}, link.url);
    const float gap = ui.mm(5);
    const ui::Rect words{r.x + side + gap, r.y, r.w - side - gap, side};
    ui.text(ui.place(words), link.caption, ui::FontRole::Body, th.text, ui::Align::Start, ui::Align::Center);
    ui.note(link.name + "/caption", ui.place(words), link.caption);
}

}  // namespace

void draw_phone_links(ui::Ui& ui, const ui::Rect& area, std::vector<PhoneLink> links) {
    const float gap = ui.mm(8);
    while (!links.empty()) {
        const float n = float(links.size());
        // Side by side: one row, the width shared.
        const float row_side = std::min({ui.mm(kLargestMm), area.h});
        const float card_w = (area.w - gap * (n - 1)) / n;
        if (row_side >= ui.mm(kSmallestMm) && card_w - row_side - ui.mm(5) >= ui.mm(kCaptionMm)) {
            for (std::size_t i = 0; i < links.size(); ++i)
                draw_card(ui, {area.x + float(i) * (card_w + gap), area.y, card_w, row_side}, row_side, links[i]);
            return;
        }
        // One above the other.
        const float col_side = std::min(ui.mm(kLargestMm), (area.h - gap * (n - 1)) / n);
        if (col_side >= ui.mm(kSmallestMm) && area.w - col_side - ui.mm(5) >= ui.mm(kCaptionMm)) {
            for (std::size_t i = 0; i < links.size(); ++i)
                draw_card(ui, {area.x, area.y + float(i) * (col_side + gap), area.w, col_side}, col_side, links[i]);
            return;
        }
        links.erase(links.begin());
    }
}

}  // namespace gastvrij::kiosk
