#include "kiosk/person_card.h"

#include "kiosk/kiosk_app.h"

namespace gastvrij::kiosk {

void draw_portrait(ui::Ui& ui, KioskApp& app, const Staff& s, const ui::Rect& r) {
    if (void* tex = app.photo(s.photo)) {
        ui.image(r, tex, 4);
        return;
    }
    const ui::Theme& th = ui.theme();
    ui.circle(r.cx(), r.cy(), std::min(r.w, r.h) / 2, th.primary);
    std::string initials;
    auto first_letter = [](const std::string& w) {
        size_t n = w.empty() ? 0 : ((static_cast<unsigned char>(w[0]) >= 0xC0) ? 2 : 1);
        return w.substr(0, n);
    };
    initials = first_letter(s.first_name) + first_letter(s.last_name);
    ui.text(r, initials, ui::FontRole::Title, th.primary_text, ui::Align::Center, ui::Align::Center, false);
}

bool person_card(ui::Ui& ui, KioskApp& app, const std::string& name, const Staff& s, const ui::Rect& logical) {
    // The card is one big target; photo and words are drawn on top of it.
    bool hit = ui.button(name, logical, "", "", ui::ButtonStyle::Secondary);
    const ui::Rect r = ui.place(logical);
    const ui::Theme& th = ui.theme();
    const float pad = ui.mm(3);
    const float side = r.h - 2 * pad;
    ui::Rect photo{ui.rtl() ? r.right() - pad - side : r.x + pad, r.y + pad, side, side};
    draw_portrait(ui, app, s, photo);
    ui::Rect words{ui.rtl() ? r.x + pad : photo.right() + ui.mm(4), r.y + pad, r.w - side - ui.mm(4) - 2 * pad, side};
    const Team* team = app.journey().config().directory.team(s.team);
    std::string line = s.display_name();
    float nh = ui.text_height(line, ui::FontRole::Body, words.w);
    std::string team_name = team ? team->name : "";
    float th_h = ui.text_height(team_name, ui::FontRole::Small, words.w);
    // A long name takes two lines on a narrow card: then the face and the
    // name say enough, and nothing spills out of the card.
    if (nh + th_h > words.h) team_name.clear(), th_h = 0;
    float y = words.y + std::max(0.0f, (words.h - nh - th_h) / 2);
    ui.text({words.x, y, words.w, nh}, line, ui::FontRole::Body, th.panel_text, ui::Align::Start, ui::Align::Start);
    ui.text({words.x, y + nh, words.w, th_h}, team_name, ui::FontRole::Small, th.panel_text, ui::Align::Start, ui::Align::Start);
    return hit;
}

}  // namespace gastvrij::kiosk
