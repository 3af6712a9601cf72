// What the desk can do for the chosen visitor: answer on the colleague's
// behalf, start, finish, send to someone else, cancel. Only the moves the
// visit's state allows are offered.
#include <imgui.h>

#include <algorithm>

#include "desk/desk_app.h"
#include "desk/words.h"

namespace gastvrij::desk {

void VisitPanel::draw(DeskApp& app, VisitId id) {
    const Palette& p = palette();
    const BoardRow* r = app.model().board().row(id);
    if (!r) return;
    if (for_visit != id) {  // another visitor: start with clean choices
        for_visit = id;
        reassign_to = r->view.visit.host_id;
    }
    const VisitView& v = r->view;
    const RowStatus s = app.model().board().status(*r);
    const VisitState st = v.visit.state;
    const bool live = app.online();
    const float full = ImGui::GetContentRegionAvail().x;

    app.heading(visitor_label(v));
    app.note("visit/title", visitor_label(v));
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize("Sluiten").x -
                    2 * ImGui::GetStyle().FramePadding.x);
    if (app.button("visit/close", "Sluiten")) {
        app.select(0);
        return;
    }
    app.wrapped(p.text, (v.topic_label.empty() ? v.visit.topic_id : v.topic_label) + " — voor " + v.host_name +
                            (v.team_name.empty() ? std::string() : " (" + v.team_name + ")"));
    std::string when = "Sinds " + v.waiting_since;
    if (s.waiting) when += " · " + std::to_string(s.minutes) + " min · " + promise_words(s.promise);
    when += " · " + visit_stand(v, s.promised_hhmm);
    app.wrapped(s.red ? p.at_risk_text : p.muted, when);
    if (!live) app.wrapped(p.at_risk_text, "Offline: wijzigen kan pas als de verbinding terug is.");
    ImGui::Separator();

    // Compact on purpose: with an alert banner and a message line showing,
    // every action must still fit a 1280×800 window without scrolling.
    if (can_transition(st, VisitState::Acknowledged)) {
        app.text(p.text, "Collega komt eraan (namens " + v.host_name + "):");
        for (int minutes : {2, 5, 10, 15}) {
            if (app.button("visit/ack/" + std::to_string(minutes), std::to_string(minutes) + " min", Style::Normal, 0, live))
                app.session().acknowledge(id, minutes);
            ImGui::SameLine();
        }
        ImGui::NewLine();
    }
    const float half = (full - ImGui::GetStyle().ItemSpacing.x) / 2;
    bool in_row = false;
    if (can_transition(st, VisitState::InConversation)) {
        if (app.button("visit/start", "Gesprek begonnen", Style::Primary, half, live)) app.session().start_visit(id);
        in_row = true;
    }
    if (can_transition(st, VisitState::Finished)) {
        if (in_row) ImGui::SameLine();
        if (app.button("visit/finish", "Afgerond", Style::Primary, half, live)) app.session().finish(id);
        in_row = true;
    }
    if (can_transition(st, VisitState::Cancelled)) {
        // Asked in a window of its own, over everything: the answer cannot
        // end up scrolled out of sight.
        const char* popup = "Bezoek stoppen?###cancel";
        if (in_row) ImGui::SameLine();
        if (app.button("visit/cancel", "Annuleren…", Style::Normal, half, live)) ImGui::OpenPopup(popup);
        const ImVec2 centre(ImGui::GetIO().DisplaySize.x / 2, ImGui::GetIO().DisplaySize.y / 2);
        ImGui::SetNextWindowPos(centre, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
        ImGui::SetNextWindowSize(ImVec2(30 * app.unit(), 0));
        if (ImGui::BeginPopupModal(popup, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize)) {
            app.wrapped(p.text, "Het bezoek van " + visitor_label(v) + " (" + v.topic_label + ") stoppen? " + v.host_name +
                                    " hoeft dan niet meer te komen.");
            ImGui::Dummy(ImVec2(0, 0.3f * app.unit()));
            const float third = (ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
            if (app.button("visit/cancel/left", "Is weggegaan", Style::Danger, third, live)) {
                app.session().cancel(id, true);
                ImGui::CloseCurrentPopup();
            }
            ImGui::SameLine();
            if (app.button("visit/cancel/yes", "Annuleren", Style::Danger, third, live)) {
                app.session().cancel(id, false);
                ImGui::CloseCurrentPopup();
            }
            ImGui::SameLine();
            if (app.button("visit/cancel/no", "Laten staan", Style::Normal, third)) ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
        }
    }
    if (can_transition(st, VisitState::Reassigned)) {
        ImGui::Separator();
        app.text(p.text, "Naar een andere collega sturen:");
        const std::string preview = app.model().directory().staff_name(reassign_to);
        const std::string send = "Doorsturen";
        const float send_w = ImGui::CalcTextSize(send.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x;
        ImGui::SetNextItemWidth(full - send_w - ImGui::GetStyle().ItemSpacing.x);
        if (ImGui::BeginCombo("##reassign", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
            if (ImGui::Selectable("Balie (zelf helpen)", reassign_to.empty())) reassign_to.clear();
            app.note("visit/reassign/desk", "Balie");
            for (const StaffView& sv : app.model().directory().view().staff) {
                // Who is out or at lunch shows here, before the desk sends someone there.
                if (ImGui::Selectable((sv.name + " — " + app.team_name(sv.team) + app.unavailable_note(sv.id) + "###" + sv.id).c_str(),
                                      reassign_to == sv.id))
                    reassign_to = sv.id;
                app.note("visit/reassign/" + sv.id, sv.name);
            }
            ImGui::EndCombo();
        }
        app.note("visit/reassign", preview);
        const bool changed = reassign_to != v.visit.host_id;
        ImGui::SameLine();
        if (app.button("visit/reassign/send", send, Style::Normal, send_w, live && changed))
            app.session().reassign(id, reassign_to);
    }
}

}  // namespace gastvrij::desk
