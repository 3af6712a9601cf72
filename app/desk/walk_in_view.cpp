// A walk-in entered at the desk: topic (required), first name and colleague
// (optional). The service routes and notifies as for a kiosk check-in.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "desk/desk_app.h"

namespace gastvrij::desk {

namespace {

// A topic's words on one line, or on two split at the space that balances
// them best: "Verhuizen of\nhuur opzeggen" rather than a cut-off label.
std::string fit(const std::string& label, float room) {
    if (ImGui::CalcTextSize(label.c_str()).x <= room) return label;
    std::string best = label;
    float best_w = 1e9f;
    for (std::size_t i = label.find(' '); i != std::string::npos; i = label.find(' ', i + 1)) {
        const std::string a = label.substr(0, i), b = label.substr(i + 1);
        const float w = std::max(ImGui::CalcTextSize(a.c_str()).x, ImGui::CalcTextSize(b.c_str()).x);
        if (w < best_w) best_w = w, best = a + "\n" + b;
    }
    return best;
}

}  // namespace

void WalkInView::draw(DeskApp& app) {
    const Palette& p = palette();
    const DirectoryView& dir = app.model().directory().view();
    const ImGuiStyle& st = ImGui::GetStyle();

    app.heading(app.with_icon("person_add", "Nieuwe bezoeker: waarvoor?"));
    app.note("walkin/title", "Nieuwe bezoeker");
    if (!app.model().directory().loaded()) {
        app.wrapped(p.muted, "De onderwerpen en collega's komen zodra de service bereikbaar is.");
        return;
    }

    // The button stays in view below the fields, however little room there is.
    const float footer = ImGui::GetFrameHeightWithSpacing() + ImGui::GetTextLineHeightWithSpacing() + st.ItemSpacing.y;
    ImGui::BeginChild("##walkin_fields", ImVec2(0, -footer), false);
    const float full = ImGui::GetContentRegionAvail().x;
    const float half = (full - st.ItemSpacing.x) / 2;
    for (std::size_t i = 0; i < dir.topics.size(); i += 2) {
        std::string labels[2];
        int lines = 1;
        for (std::size_t k = 0; k < 2 && i + k < dir.topics.size(); ++k) {
            const TopicView& t = dir.topics[i + k];
            labels[k] = fit(t.label.empty() ? t.id : t.label, half - 2 * st.FramePadding.x);
            if (labels[k].find('\n') != std::string::npos) lines = 2;
        }
        const float h = float(lines) * ImGui::GetTextLineHeight() + 2 * st.FramePadding.y;
        for (std::size_t k = 0; k < 2 && i + k < dir.topics.size(); ++k) {
            const TopicView& t = dir.topics[i + k];
            if (k) ImGui::SameLine();
            if (app.button("walkin/topic/" + t.id, labels[k], Style::Choice, half, true, topic == t.id, h)) topic = t.id;
        }
    }

    ImGui::Dummy(ImVec2(0, 0.2f * app.unit()));
    ImGui::SetNextItemWidth(full);
    ImGui::InputTextWithHint("##walkin_name", "Voornaam (mag leeg)", &name);
    app.note("walkin/name", name);

    std::string preview = "Voor wie: volgens onderwerp (automatisch)";
    for (const StaffView& s : dir.staff)
        if (s.id == host) preview = "Voor " + s.name;
    ImGui::SetNextItemWidth(full);
    if (ImGui::BeginCombo("##walkin_host", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable("Volgens onderwerp (automatisch)", host.empty())) host.clear();
        for (const StaffView& s : dir.staff)
            if (ImGui::Selectable((s.name + " — " + app.team_name(s.team) + app.unavailable_note(s.id) + "###" + s.id).c_str(),
                                  host == s.id))
                host = s.id;
        ImGui::EndCombo();
    }
    app.note("walkin/host", preview);
    ImGui::EndChild();

    const bool ready = !topic.empty() && !sending && app.online();
    if (app.button("walkin/submit", "Aanmelden", Style::Primary, ImGui::GetContentRegionAvail().x, ready)) {
        sending = true;
        app.session().check_in(topic, host, name, [this](bool ok) {
            sending = false;
            if (ok) *this = WalkInView{};  // ready for the next person
        });
    }
    if (!app.online()) app.wrapped(p.at_risk_text, "Offline: aanmelden kan even niet.");
    else if (topic.empty()) app.wrapped(p.muted, "Kies eerst een onderwerp.");
}

}  // namespace gastvrij::desk
