// A walk-in entered at the desk: topic (required), colleague and first name
// (optional). The service routes and notifies as for a kiosk check-in.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "desk/desk_app.h"

namespace gastvrij::desk {

void WalkInView::draw(DeskApp& app) {
    const Palette& p = palette();
    const DirectoryView& dir = app.model().directory();
    const float full = ImGui::GetContentRegionAvail().x;
    const float gap = ImGui::GetStyle().ItemSpacing.x;

    app.heading(app.with_icon("person_add", "Nieuwe bezoeker"));
    app.note("walkin/title", "Nieuwe bezoeker");
    if (!app.model().has_directory()) {
        app.wrapped(p.muted, "De onderwerpen en collega's komen zodra de service bereikbaar is.");
        return;
    }

    app.text(p.text, "Waarvoor komt de bezoeker?");
    const float half = (full - gap) / 2;
    int column = 0;
    for (const TopicView& t : dir.topics) {
        if (column++ % 2) ImGui::SameLine();
        const std::string label = t.label.empty() ? t.id : t.label;
        if (app.button("walkin/topic/" + t.id, label, Style::Choice, half, true, topic == t.id)) topic = t.id;
    }

    ImGui::Dummy(ImVec2(0, 0.2f * app.unit()));
    app.text(p.text, "Voor wie? (mag leeg)");
    std::string preview = "Volgens onderwerp (automatisch)";
    for (const StaffView& s : dir.staff)
        if (s.id == host) preview = s.name;
    ImGui::SetNextItemWidth(full);
    if (ImGui::BeginCombo("##walkin_host", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable("Volgens onderwerp (automatisch)", host.empty())) host.clear();
        for (const StaffView& s : dir.staff)
            if (ImGui::Selectable((s.name + " — " + app.team_name(s.team) + "###" + s.id).c_str(), host == s.id)) host = s.id;
        ImGui::EndCombo();
    }
    app.note("walkin/host", preview);

    app.text(p.text, "Voornaam (mag leeg)");
    ImGui::SetNextItemWidth(full);
    ImGui::InputTextWithHint("##walkin_name", "bijvoorbeeld Zeynep", &name);
    app.note("walkin/name", name);

    ImGui::Dummy(ImVec2(0, 0.2f * app.unit()));
    const bool ready = !topic.empty() && !sending && app.online();
    if (app.button("walkin/submit", "Aanmelden", Style::Primary, full, ready)) {
        sending = true;
        app.session().check_in(topic, host, name, [this](bool ok) {
            sending = false;
            if (ok) *this = WalkInView{};  // ready for the next person
        });
    }
    if (topic.empty()) app.wrapped(p.muted, "Kies eerst een onderwerp.");
    else if (!app.online()) app.wrapped(p.at_risk_text, "Offline: aanmelden kan pas als de verbinding terug is.");
}

}  // namespace gastvrij::desk
