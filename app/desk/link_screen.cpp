// This desk is not paired (first start, or its token was revoked): ask for
// the link (or code) `gastvrij serve` printed or another desk made.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "desk/desk_app.h"

namespace gastvrij::desk {

void LinkScreen::draw(DeskApp& app) {
    const Palette& p = palette();
    const float u = app.unit();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float w = std::min(avail.x, 36.0f * u);
    ImGui::SetCursorPos(ImVec2((avail.x - w) / 2, 2 * u));
    ImGui::BeginChild("##link_panel", ImVec2(w, 0), false);
    app.heading(app.with_icon("link", "Deze balie koppelen"));
    app.note("link/title", "Deze balie koppelen");
    const std::string& server = app.session().server();
    if (server.empty())
        app.wrapped(p.text, "Deze balie weet nog niet met welke service hij werkt.");
    else
        app.wrapped(p.text, "Deze balie heeft nog geen toegang tot de service op " + server + ".");
    app.wrapped(p.muted, "Plak de koppellink (https://…/desk#pair=…). Die staat in het venster van \"gastvrij serve\" bij "
                         "de eerste start, of een collega maakt er een op een gekoppelde balie (tab Koppelen, knop Code "
                         "voor een balie). Een link werkt één keer en maar een paar minuten. De link bevat de "
                         "vingerafdruk van het certificaat van de service: deze balie vertrouwt daarna alleen die service.");
    if (!server.empty()) app.wrapped(p.muted, "Alleen de code intypen kan ook, als deze pc het certificaat van de service al vertrouwt.");
    ImGui::Dummy(ImVec2(0, 0.5f * u));
    app.text(p.text, server.empty() ? "Koppellink" : "Koppellink of koppelcode");
    ImGui::PushFont(app.title_font());
    ImGui::SetNextItemWidth(std::max(12 * u, w - 10 * u));
    // Not upper-cased as typed: a link's path is case-sensitive; the service
    // reads a code in any case.
    const bool enter = ImGui::InputTextWithHint("##link_code", server.empty() ? "https://…/desk#pair=…" : "ABCD EFGH", &code,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::PopFont();
    // A pairing link is ~130 characters; whatever else lands on the clipboard
    // is cut before it reaches the parser or the service.
    constexpr std::size_t kLongestLink = 512;
    if (code.size() > kLongestLink) code.resize(kLongestLink);
    app.note("link/code", code);
    const bool ready = !code.empty() && !sending;
    if ((app.button("link/pair", "Koppelen", Style::Primary, 0, ready) || (enter && ready))) {
        sending = true;
        app.session().pair(code, [this](bool ok) {
            sending = false;
            if (ok) code.clear();
        });
    }
    ImGui::EndChild();
}

}  // namespace gastvrij::desk
