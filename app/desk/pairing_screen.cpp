// Pairing a colleague's phone (or another desk, or a kiosk): a one-time code with its QR
// code, large enough to scan from a phone held at arm's length, and when it
// stops working. Under it the devices paired so far, so the office can withdraw
// a lost phone or a replaced kiosk — after a second, explicit "yes".
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <ctime>

#include "desk/tabs.h"
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

// Past this size (in body-text units) a bigger code reads no better from arm's
// length; the rest of the height goes to the list of devices.
constexpr float kQrMaxUnits = 16;

std::string spaced(const std::string& code) {
    return code.size() == 8 ? code.substr(0, 4) + " " + code.substr(4) : code;
}

// "23-11-2026": the desk's own calendar, as the office writes dates.
std::string local_date(Timestamp t) { return t <= 0 ? std::string() : machine_local_text(t, "%d-%m-%Y"); }

// What stops working when a device is withdrawn, said before it happens.
std::string revoke_question(const std::string& label, DeviceKind kind) {
    switch (kind) {
    case DeviceKind::Phone:
        return label + " intrekken? Die telefoon krijgt dan geen bezoekers meer. Weer gebruiken kan alleen met een "
                       "nieuwe koppelcode.";
    case DeviceKind::Kiosk:
        return label + " intrekken? Die kiosk kan dan geen bezoekers meer aanmelden, tot hij opnieuw gekoppeld is.";
    case DeviceKind::Desk:
        return label + " intrekken? Die balie ziet het bord dan niet meer, tot ze opnieuw gekoppeld is.";
    }
    return label + " intrekken?";
}

std::string local_hhmm(Timestamp t) { return machine_local_text(t, "%H:%M"); }

// The devices that hold a token now: what they are in the office's words,
// since when, and "Intrekken…" — which only asks; the popup withdraws.
void draw_devices(DeskApp& app) {
    const Palette& p = palette();
    const bool live = app.online();
    PairingModel& pairing = app.model().pairing();
    ImGui::AlignTextToFramePadding();
    app.heading(app.with_icon("devices", "Gekoppelde apparaten"));
    const std::string refresh = app.with_icon("refresh", "Vernieuwen");
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(refresh.c_str()).x -
                    2 * ImGui::GetStyle().FramePadding.x);
    if (app.button("devices/refresh", refresh, Style::Normal, 0, live)) app.session().load_devices();
    if (!pairing.has_devices()) {
        app.wrapped(p.muted, "De lijst komt zodra de service bereikbaar is.");
        return;
    }
    if (pairing.devices().empty()) {
        app.wrapped(p.muted, "Nog geen apparaten gekoppeld.");
        return;
    }

    bool ask = false;
    // No header row: "sinds" and the buttons say what the columns are, and
    // the line goes to one more device.
    if (begin_list_table("##devices", 3)) {
        ImGui::TableSetupColumn("Apparaat", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Gekoppeld", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("sinds 00-00-0000").x);
        ImGui::TableSetupColumn("##revoke", ImGuiTableColumnFlags_WidthFixed,
                                ImGui::CalcTextSize("Intrekken…").x + 2 * ImGui::GetStyle().FramePadding.x);
        for (const Device& d : pairing.devices()) {
            const std::string id = std::to_string(d.id);
            const bool own = d.id == pairing.own_device();
            const std::string label = pairing.device_label(d);
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            const float row_top = ImGui::GetCursorScreenPos().y;
            ImGui::AlignTextToFramePadding();
            app.text(p.text, label);
            app.note("devices/kind/" + id, label);
            if (own) {
                ImGui::SameLine();
                app.text(p.primary, "· deze balie");
                app.note("devices/own/" + id, "deze balie");
            } else if (d.kind == DeviceKind::Phone && !d.name.empty()) {
                // The name given when pairing tells two phones of one colleague apart.
                ImGui::SameLine();
                app.text(p.muted, "(" + d.name + ")");
            }
            ImGui::TableSetColumnIndex(1);
            ImGui::AlignTextToFramePadding();
            const std::string since = "sinds " + local_date(d.created_at);
            app.text(p.muted, since);
            app.note("devices/since/" + id, since);
            ImGui::TableSetColumnIndex(2);
            // This desk withdrawing itself would lock the receptionist out
            // mid-shift: that is for another desk to do.
            if (app.button("devices/revoke/" + id, "Intrekken…", Style::Normal, -1, live && !own)) {
                pairing.ask_revoke(d.id);
                ask = true;
            }
            if (own && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
                ImGui::SetTooltip("Dit is deze balie. Intrekken kan vanaf een andere balie; daarna moet deze balie "
                                  "opnieuw gekoppeld worden.");
            const float row_bottom = ImGui::GetCursorScreenPos().y;
            const ImVec2 win = ImGui::GetWindowPos();
            app.note_rect("devices/row/" + id, win.x, row_top, win.x + ImGui::GetWindowWidth(), row_bottom, label);
        }
        end_list_table();
    }

    // Asked in a window over everything, so a stray click on the list cannot answer it.
    const char* popup = "Intrekken?###device_revoke";
    if (ask) ImGui::OpenPopup(popup);
    const ImVec2 centre(ImGui::GetIO().DisplaySize.x / 2, ImGui::GetIO().DisplaySize.y / 2);
    ImGui::SetNextWindowPos(centre, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(30 * app.unit(), 0));
    if (ImGui::BeginPopupModal(popup, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize)) {
        const auto it = std::find_if(pairing.devices().begin(), pairing.devices().end(),
                                     [&](const Device& d) { return d.id == pairing.revoke_asked(); });
        if (it == pairing.devices().end()) {
            // Withdrawn elsewhere, or the list changed meanwhile: nothing left to ask.
            pairing.ask_revoke(0);
            ImGui::CloseCurrentPopup();
        } else {
            const Device d = *it;
            app.wrapped(p.text, revoke_question(pairing.device_label(d), d.kind));
            ImGui::Dummy(ImVec2(0, 0.3f * app.unit()));
            const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
            if (app.button("devices/confirm/" + std::to_string(d.id), "Ja, intrekken", Style::Danger, half, live)) {
                app.session().revoke_device(d.id);
                pairing.ask_revoke(0);
                ImGui::CloseCurrentPopup();
            }
            ImGui::SameLine();
            if (app.button("devices/confirm/no", "Nee, laten staan", Style::Normal, half)) {
                pairing.ask_revoke(0);
                ImGui::CloseCurrentPopup();
            }
        }
        ImGui::EndPopup();
    }
}

}  // namespace

void PairingScreen::on_enter() { app.session().load_devices(); }

void PairingScreen::draw() {
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
    for (const StaffView& s : app.model().directory().view().staff)
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
    app.wrapped(p.muted, "Een tweede receptiescherm koppelen: maak een koppellink en plak die daar in.");
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
    // The code with its QR on top, the paired devices below. A code on show
    // gets the room a phone camera needs, up to a size it reads easily, with
    // its words beside it; the list keeps a few rows (and scrolls) and takes
    // the rest.
    const float list_min = 4.2f * ImGui::GetFrameHeightWithSpacing();
    const auto& pairing = app.model().pairing().code();
    if (!pairing) {
        ImGui::Dummy(ImVec2(0, 0.5f * u));
        app.wrapped(p.muted, "Hier verschijnt de code met de QR-code.");
    } else {
        const std::optional<int> minutes = app.model().pairing().minutes_left();
        const int left = minutes.value_or(0);  // unknown counts as still valid
        const bool phone = pairing->kind == DeviceKind::Phone;
        const bool kiosk = pairing->kind == DeviceKind::Kiosk;
        // One line: the code first (it is what gets typed), then for whom.
        ImGui::PushFont(app.title_font());
        app.text(left >= 0 ? p.text : p.muted, "Code: " + spaced(pairing->code));
        app.note("pairing/code", pairing->code);
        ImGui::SameLine();
        app.text(p.text, phone ? "— voor " + pairing->staff_name : kiosk ? "— voor een kiosk" : "— voor een andere balie");
        ImGui::PopFont();
        std::string valid;
        ui::Rgb valid_colour = p.text;
        if (!minutes) {
            valid = "Geldig tot " + local_hhmm(pairing->expires_at) + ", één keer te gebruiken.";
        } else if (left >= 0) {
            const std::string how_long = left == 0 ? "Nog minder dan een minuut" : "Nog " + std::to_string(left) + " min";
            valid = how_long + " geldig (tot " + local_hhmm(pairing->expires_at) + "), één keer te gebruiken.";
            if (left <= 1) valid_colour = p.at_risk_text;
        } else {
            valid = "Deze code is verlopen: maak een nieuwe.";
            valid_colour = p.at_risk_text;
        }
        const std::string expiry = !minutes ? "tot " + local_hhmm(pairing->expires_at)
                                   : left >= 0 ? std::to_string(left) : "verlopen";
        if (left < 0) {
            app.text(valid_colour, valid);
            app.note("pairing/expiry", expiry);
        } else {
            std::string words;
            if (phone) {
                words = "Of open op de telefoon: " + pairing->url;
            } else if (kiosk) {
                words = "Start op de kiosk:  gastvrij kiosk --server '" + pairing->url + "'";
            } else {
                // The whole link: it carries the certificate's fingerprint,
                // which the new desk pins.
                words = "Plak deze koppellink in het venster van de nieuwe balie (Gastvrij Balie), of start die met  "
                        "gastvrij-desk desk --server '" + pairing->url + "'";
            }
            const ImVec2 room = ImGui::GetContentRegionAvail();
            const float qr_room = std::min(std::max(room.y - list_min, 6 * u), kQrMaxUnits * u);
            const float beside = 12 * u;
            const bool words_beside = room.x - beside >= qr_room;
            const float below = 3.5f * ImGui::GetTextLineHeightWithSpacing();
            draw_qr_code(app, pairing->url, words_beside ? qr_room : std::min(room.x, qr_room - below));
            if (words_beside) {
                ImGui::SameLine();
                ImGui::BeginGroup();
            }
            app.wrapped(valid_colour, valid);
            app.note("pairing/expiry", expiry);
            ImGui::Dummy(ImVec2(0, 0.3f * u));
            app.wrapped(phone ? p.muted : p.text, words);
            if (!phone && app.button("pairing/copy", "Link kopiëren")) {
                ImGui::SetClipboardText(pairing->url.c_str());
                app.session().model().message().tell("De koppellink staat op het klembord.");
            }
            if (words_beside) ImGui::EndGroup();
        }
    }
    ImGui::Separator();
    draw_devices(app);
    ImGui::EndChild();
}

std::unique_ptr<ui::Screen> make_pairing_tab(DeskApp& app) { return std::make_unique<PairingScreen>(app); }
TabLabel pairing_tab_label(const PairingModel&) { return {"Koppelen"}; }

}  // namespace gastvrij::desk
