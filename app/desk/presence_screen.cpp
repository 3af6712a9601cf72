// Today's presence as routing uses it: "binnen" and "volgens rooster" (within
// working hours) can receive visitors, "buiten" and "lunch" cannot.
#include <imgui.h>

#include "desk/tabs.h"
#include "desk/desk_app.h"
#include "desk/words.h"

namespace gastvrij::desk {

void PresenceScreen::draw() {
    const Palette& p = palette();
    app.wrapped(p.muted, "Wie er vandaag is, bepaalt wie een bezoeker krijgt. \"Volgens rooster\" volgt de werktijden "
                         "uit de collega-lijst.");
    const auto& staff = app.model().presence().list();
    if (staff.empty()) {
        app.wrapped(p.muted, "Nog geen collega's: de lijst komt zodra de service bereikbaar is.");
        return;
    }
    const bool live = app.online();
    if (!begin_list_table("##presence", 4)) return;
    ImGui::TableSetupColumn("Collega", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn("Team", ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ImGui::TableSetupColumn("Nu beschikbaar", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("nee, niet ingeroosterd").x);
    ImGui::TableSetupColumn("Vandaag", ImGuiTableColumnFlags_WidthStretch, 2.6f);
    ImGui::TableHeadersRow();
    for (const PresenceView& s : staff) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(s.name.c_str());
        ImGui::TableSetColumnIndex(1);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(app.team_name(s.team).c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::AlignTextToFramePadding();
        app.text(s.available ? p.on_time_text : p.at_risk_text,
                 s.available                        ? app.with_icon("check", "ja")
                 : s.presence == Presence::Unknown ? std::string("nee, niet ingeroosterd")
                                                    : std::string("nee"));
        ImGui::TableSetColumnIndex(3);
        for (Presence option : {Presence::In, Presence::Out, Presence::Lunch, Presence::Unknown}) {
            const std::string name = "presence/" + s.staff_id + "/" + to_string(option);
            if (app.button(name, presence_words(option), Style::Choice, 0, live, s.presence == option) &&
                s.presence != option)
                app.session().set_presence(s.staff_id, option);
            ImGui::SameLine();
        }
        ImGui::NewLine();
    }
    end_list_table();
}

std::unique_ptr<ui::Screen> make_presence_tab(DeskApp& app) { return std::make_unique<PresenceScreen>(app); }
TabLabel presence_tab_label(const PresenceModel&) { return {"Aanwezigheid"}; }

}  // namespace gastvrij::desk
