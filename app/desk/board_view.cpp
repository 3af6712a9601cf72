// The live board: one row per open visit, oldest first, in the colour AND
// words of its promise; the chosen row's actions (or the walk-in form) on the right.
#include <imgui.h>

#include <algorithm>

#include "desk/tabs.h"
#include "desk/desk_app.h"
#include "desk/words.h"

namespace gastvrij::desk {

namespace {

struct RowLook {
    ui::Rgb bg, fg, sub;
    std::string promise;  // icon + words
};

RowLook look(const DeskApp& app, const RowStatus& s, bool alert_open) {
    const Palette& p = palette();
    if (!s.waiting) return {p.background, p.text, p.muted, "in gesprek"};
    if (s.promise == PromiseState::Broken || alert_open)
        return {p.broken, p.broken_text, p.broken_text,
                app.with_icon("warning", s.promise == PromiseState::Broken ? "te laat" : "te laat geweest")};
    if (s.promise == PromiseState::AtRisk) return {p.at_risk, p.at_risk_text, p.at_risk_text, app.with_icon("schedule", "bijna te laat")};
    return {p.panel, p.text, p.muted, app.with_icon("check", "op tijd")};
}

}  // namespace

void BoardView::draw() {
    const Palette& p = palette();
    const float u = app.unit();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float side_w = std::max(17.5f * u, avail.x * 0.34f);
    const float board_w = avail.x - side_w - ImGui::GetStyle().ItemSpacing.x;
    const auto rows = app.model().board().rows();

    ImGui::BeginChild("##board", ImVec2(board_w, 0), false);
    if (rows.empty()) {
        ImGui::Dummy(ImVec2(0, 2 * u));
        app.heading("Niemand wacht op dit moment.");
        app.note("board/empty", "Niemand wacht op dit moment.");
        app.wrapped(p.muted, "Komt er iemand binnen zonder de kiosk te gebruiken? Meld die rechts aan.");
    } else if (ImGui::BeginTable("##visits", 5,
                                 ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                     ImGuiTableFlags_SizingStretchProp,
                                 ImVec2(board_w, 0))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Bezoeker", ImGuiTableColumnFlags_WidthStretch, 1.1f);
        ImGui::TableSetupColumn("Onderwerp", ImGuiTableColumnFlags_WidthStretch, 1.1f);
        ImGui::TableSetupColumn("Voor / stand", ImGuiTableColumnFlags_WidthStretch, 1.7f);
        ImGui::TableSetupColumn("Wacht", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("888 min").x);
        ImGui::TableSetupColumn("Belofte", ImGuiTableColumnFlags_WidthFixed,
                                ImGui::CalcTextSize(app.with_icon("warning", "te laat geweest").c_str()).x);
        ImGui::TableHeadersRow();
        const float line = ImGui::GetTextLineHeight();
        const float row_h = 2 * line + ImGui::GetStyle().ItemSpacing.y;
        for (const BoardRow* r : rows) {
            const VisitView& v = r->view;
            const RowStatus s = app.model().board().status(*r);
            const RowLook lk = look(app, s, r->alert_open);
            const std::string id = std::to_string(v.visit.id);
            ImGui::TableNextRow(0, row_h + 2 * ImGui::GetStyle().CellPadding.y);
            ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ui::im_colour(lk.bg));
            ImGui::PushStyleColor(ImGuiCol_Text, colour(lk.fg));

            ImGui::TableSetColumnIndex(0);
            const ImVec2 start = ImGui::GetCursorPos();
            const bool chosen = app.selected() == v.visit.id;
            if (ImGui::Selectable(("##row" + id).c_str(), chosen,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                                  ImVec2(0, row_h)))
                app.select(chosen ? 0 : v.visit.id);
            const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
            app.note_rect("board/row/" + id, a.x, a.y, b.x, b.y,
                          visitor_label(v) + " | " + promise_words(s.promise) + (s.red ? " | rood" : ""));
            if (chosen)
                ImGui::GetWindowDrawList()->AddRect(ImVec2(a.x + 1, a.y - 1), ImVec2(b.x - 1, b.y + 1),
                                                    ui::im_colour(lk.bg == p.broken ? p.selected : p.row_focus), 0, 0, 3.0f);
            ImGui::SetCursorPos(start);
            ImGui::TextUnformatted(visitor_label(v).c_str());
            app.text(lk.sub, "sinds " + v.waiting_since);

            ImGui::TableSetColumnIndex(1);
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted((v.topic_label.empty() ? v.visit.topic_id : v.topic_label).c_str());
            ImGui::PopTextWrapPos();

            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted(v.host_name.c_str());
            app.text(lk.sub, visit_stand(v, s.promised_hhmm) +
                                 (v.visit.escalation_level > 0 && is_waiting(v.visit.state)
                                      ? " (" + std::to_string(v.visit.escalation_level + 1) + "e)"
                                      : std::string()));

            ImGui::TableSetColumnIndex(3);
            ImGui::TextUnformatted(s.waiting ? (std::to_string(s.minutes) + " min").c_str() : "—");

            ImGui::TableSetColumnIndex(4);
            if (s.waiting && !s.red) {
                // "op tijd" on a green chip: colour and words together.
                const ImVec2 at = ImGui::GetCursorScreenPos();
                const ImVec2 ts = ImGui::CalcTextSize(lk.promise.c_str());
                const float pad = 0.2f * u;
                ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x - pad, at.y - pad / 2),
                                                          ImVec2(at.x + ts.x + pad, at.y + ts.y + pad / 2),
                                                          ui::im_colour(p.on_time), 0.2f * u);
                app.text(p.on_time_text, lk.promise);
            } else {
                ImGui::TextUnformatted(lk.promise.c_str());
            }
            ImGui::PopStyleColor();
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();

    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colour(p.panel));
    ImGui::BeginChild("##side", ImVec2(side_w, 0), true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    if (app.selected() && app.model().board().row(app.selected())) app.visit_panel().draw(app, app.selected());
    else app.walk_in().draw(app);
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

std::unique_ptr<ui::Screen> make_board_tab(DeskApp& app) { return std::make_unique<BoardView>(app); }
TabLabel board_tab_label(const BoardModel& m) { return {"Wachtenden (" + std::to_string(m.waiting_count()) + ")"}; }

}  // namespace gastvrij::desk
