// This desk is not paired (first start, or its token was revoked): ask for
// the code `gastvrij serve` printed or another desk made.
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
    app.wrapped(p.text, "Deze balie heeft nog geen toegang tot de service op " + app.session().server() + ".");
    app.wrapped(p.muted, "Vul de koppelcode in. Die code staat in het venster van \"gastvrij serve\" bij de eerste start, "
                         "of een collega maakt er een op een gekoppelde balie (tab Koppelen, knop Code voor een balie). "
                         "Een code werkt één keer en maar een paar minuten.");
    ImGui::Dummy(ImVec2(0, 0.5f * u));
    app.text(p.text, "Koppelcode");
    ImGui::PushFont(app.title_font());
    ImGui::SetNextItemWidth(12 * u);
    const bool enter = ImGui::InputTextWithHint("##link_code", "ABCD EFGH", &code,
                                                ImGuiInputTextFlags_CharsUppercase | ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::PopFont();
    app.note("link/code", code);
    ImGui::SameLine();
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
