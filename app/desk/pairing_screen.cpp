// Pairing a colleague's phone (or another desk, or a kiosk): a one-time code with its QR
// code, large enough to scan from a phone held at arm's length, and when it
// stops working.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <ctime>

#include "desk/desk_app.h"
#include "domain/devices.h"
#include "ui/qr.h"

namespace gastvrij::desk {

namespace {

// Dark modules on white with the four-module quiet zone phone cameras need,
// whole pixels per module so the edges stay crisp.
void draw_qr_code(DeskApp& app, const std::string& text, float side) {
    static std::string cached_text;
    static ui::QrMatrix cached;
    if (cached_text != text) cached = ui::encode_qr(text), cached_text = text;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    if (cached.size == 0) {
        ImGui::TextUnformatted("(QR-code niet beschikbaar)");
        return;
    }
    const int modules = cached.size + 8;
    const float px = std::floor(side / float(modules));
    const float total = px * float(modules);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + total, at.y + total), IM_COL32_WHITE);
    for (int y = 0; y < cached.size; ++y)
        for (int x = 0; x < cached.size; ++x)
            if (cached.on[std::size_t(y) * std::size_t(cached.size) + std::size_t(x)]) {
                const float x0 = at.x + float(x + 4) * px, y0 = at.y + float(y + 4) * px;
                dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + px, y0 + px), IM_COL32_BLACK);
            }
    ImGui::Dummy(ImVec2(total, total));
    app.note("pairing/qr", text);
}

std::string spaced(const std::string& code) {
    return code.size() == 8 ? code.substr(0, 4) + " " + code.substr(4) : code;
}

std::string local_hhmm(Timestamp t) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    char buf[8];
    std::strftime(buf, sizeof buf, "%H:%M", &tm);
    return buf;
}

}  // namespace

void PairingScreen::draw(DeskApp& app) {
    const Palette& p = palette();
    const float u = app.unit();
    const bool live = app.online();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float left_w = std::max(18.0f * u, avail.x * 0.42f);

    ImGui::BeginChild("##pair_choose", ImVec2(left_w, 0), false);
    app.heading(app.with_icon("phone_iphone", "Telefoon van een collega"));
    app.wrapped(p.muted, "Kies de collega, maak een code en laat de collega de QR-code scannen met de camera van de "
                         "telefoon. Daarna krijgt die telefoon de bezoekers voor deze collega.");
    std::vector<const StaffView*> phones;
    for (const StaffView& s : app.model().directory().staff)
        if (s.phone_page) phones.push_back(&s);
    if (phones.empty()) {
        app.wrapped(p.at_risk_text, "Geen collega heeft een telefoonpagina (staff.csv: phone_page = ja).");
    } else {
        const float list_h = std::min(float(phones.size()) * ImGui::GetTextLineHeightWithSpacing() + u,
                                      ImGui::GetContentRegionAvail().y - 15 * u);
        if (ImGui::BeginListBox("##pair_staff", ImVec2(-1, std::max(list_h, 4 * u)))) {
            for (const StaffView* s : phones) {
                if (ImGui::Selectable((s->name + " — " + app.team_name(s->team) + "###" + s->id).c_str(), staff == s->id))
                    staff = s->id;
                app.note("pairing/staff/" + s->id, s->name);
            }
            ImGui::EndListBox();
        }
        if (app.button("pairing/create", "Koppelcode maken", Style::Primary, -1, live && !staff.empty()))
            app.session().create_pairing(DeviceKind::Phone, staff);
    }
    ImGui::Separator();
    app.heading(app.with_icon("computer", "Andere balie"));
    app.wrapped(p.muted, "Een tweede receptiescherm koppelen: maak een code en vul die daar in.");
    if (app.button("pairing/desk", "Code voor een balie", Style::Normal, -1, live))
        app.session().create_pairing(DeviceKind::Desk, "");
    ImGui::Separator();
    app.heading(app.with_icon("touch_app", "Kiosk op een andere computer"));
    app.wrapped(p.muted, "Een aanmeldzuil die bezoekers via deze dienst aanmeldt: maak een code en start de kiosk met "
                         "de link.");
    if (app.button("pairing/kiosk", "Code voor een kiosk", Style::Normal, -1, live))
        app.session().create_pairing(DeviceKind::Kiosk, "");
    ImGui::EndChild();

    ImGui::SameLine();
    ImGui::BeginChild("##pair_show", ImVec2(0, 0), false);
    const auto& pairing = app.model().pairing();
    if (!pairing) {
        ImGui::Dummy(ImVec2(0, 2 * u));
        app.wrapped(p.muted, "Hier verschijnt de code met de QR-code.");
    } else {
        const std::optional<int> minutes = app.model().pairing_minutes_left();
        const int left = minutes.value_or(0);  // unknown counts as still valid
        const bool phone = pairing->kind == DeviceKind::Phone;
        const bool kiosk = pairing->kind == DeviceKind::Kiosk;
        app.heading(phone ? "Voor " + pairing->staff_name : kiosk ? "Voor een kiosk" : "Voor een andere balie");
        ImGui::PushFont(app.title_font());
        app.text(left >= 0 ? p.text : p.muted, "Code: " + spaced(pairing->code));
        ImGui::PopFont();
        app.note("pairing/code", pairing->code);
        if (!minutes) {
            app.text(p.text, "Geldig tot " + local_hhmm(pairing->expires_at) + ", één keer te gebruiken.");
        } else if (left >= 0) {
            const std::string how_long = left == 0 ? "Nog minder dan een minuut" : "Nog " + std::to_string(left) + " min";
            app.text(left <= 1 ? p.at_risk_text : p.text,
                     how_long + " geldig (tot " + local_hhmm(pairing->expires_at) + "), één keer te gebruiken.");
        } else {
            app.text(p.at_risk_text, "Deze code is verlopen: maak een nieuwe.");
        }
        app.note("pairing/expiry", !minutes ? "tot " + local_hhmm(pairing->expires_at)
                                   : left >= 0 ? std::to_string(left) : "verlopen");
        if (left >= 0) {
            const ImVec2 room = ImGui::GetContentRegionAvail();
            const float side = std::min(room.x, room.y - 2.5f * ImGui::GetTextLineHeightWithSpacing());
            draw_qr_code(app, pairing->url, side);
            if (phone) {
                app.wrapped(p.muted, "Of open op de telefoon: " + pairing->url);
            } else if (kiosk) {
                app.wrapped(p.text, "Start op de kiosk:  gastvrij kiosk --server '" + pairing->url + "'");
            } else {
                const auto parts = parse_pairing_link(pairing->url);
                app.wrapped(p.text, "Start op de andere balie:  gastvrij desk --server " +
                                        (parts ? parts->service_url : pairing->url) + " --pair " + pairing->code);
            }
        }
    }
    ImGui::EndChild();
}

}  // namespace gastvrij::desk
