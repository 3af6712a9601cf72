// Notifications the outbox gave up on (a wrong address, a webhook that keeps
// refusing): who did not hear about which visitor, why, and "send again".
#include <imgui.h>

#include <algorithm>
#include <ctime>

#include "desk/tabs.h"
#include "desk/desk_app.h"
#include "desk/words.h"

namespace gastvrij::desk {

void DeadLetterScreen::on_enter() { app.session().load_dead_letters(); }

void DeadLetterScreen::draw() {
    const Palette& p = palette();
    const bool live = app.online();
    app.wrapped(p.muted, "Berichten die niet bezorgd konden worden, ook na herhaald proberen. Los eerst de oorzaak op "
                         "(bijvoorbeeld het e-mailadres in de collega-lijst), en verstuur dan opnieuw.");
    if (app.button("dead/refresh", app.with_icon("refresh", "Vernieuwen"), Style::Normal, 0, live))
        app.session().load_dead_letters();
    const auto& dead = app.model().dead_letters().list();
    if (dead.empty()) {
        app.heading(app.with_icon("check", "Alle berichten zijn bezorgd."));
        app.note("dead/none", "Alle berichten zijn bezorgd.");
        return;
    }
    if (!begin_list_table("##dead", 6)) return;
    ImGui::TableSetupColumn("Gemaakt", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("00-00 00:00").x);
    ImGui::TableSetupColumn("Aan", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    float via = 0.0f;  // the widest channel label
    for (const ChannelEntry& c : channel_table()) via = std::max(via, ImGui::CalcTextSize(c.label).x);
    ImGui::TableSetupColumn("Via", ImGuiTableColumnFlags_WidthFixed, via);
    ImGui::TableSetupColumn("Over", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Waarom niet", ImGuiTableColumnFlags_WidthStretch, 1.9f);
    ImGui::TableSetupColumn("##action", ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("Opnieuw versturen").x + 2 * ImGui::GetStyle().FramePadding.x);
    ImGui::TableHeadersRow();
    for (const DeadLetter& d : dead) {
        const OutboxMessage& m = d.message;
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(machine_local_text(m.created_at, "%d-%m %H:%M").c_str());
        ImGui::TableSetColumnIndex(1);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted((d.recipient_name.empty() ? m.recipient : d.recipient_name).c_str());
        ImGui::PopTextWrapPos();
        ImGui::TableSetColumnIndex(2);
        ImGui::TextUnformatted(channel_label(m.channel));
        ImGui::TableSetColumnIndex(3);
        ImGui::PushTextWrapPos(0.0f);
        // The visitor's name while the visit is open; its number after that.
        const BoardRow* row = app.model().board().row(m.visit_id);
        const std::string about = row ? visitor_label(row->view) : "bezoek " + std::to_string(m.visit_id);
        ImGui::TextUnformatted((std::string(notification_words(m.kind)) + " (" + about + ")").c_str());
        ImGui::PopTextWrapPos();
        ImGui::TableSetColumnIndex(4);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted((m.last_error.empty() ? std::string("onbekend") : m.last_error).c_str());
        app.text(p.muted, std::to_string(m.attempts) + (m.attempts == 1 ? " poging" : " pogingen"));
        ImGui::PopTextWrapPos();
        ImGui::TableSetColumnIndex(5);
        if (app.button("dead/" + std::to_string(m.id) + "/retry", "Opnieuw versturen", Style::Primary, 0, live))
            app.session().retry_dead_letter(m.id);
    }
    end_list_table();
}

std::unique_ptr<ui::Screen> make_dead_letters_tab(DeskApp& app) { return std::make_unique<DeadLetterScreen>(app); }
TabLabel dead_letters_tab_label(const DeadLettersModel& m) {
    const std::size_t dead = m.list().size();
    return {dead ? "Niet bezorgd (" + std::to_string(dead) + ")" : std::string("Niet bezorgd")};
}

}  // namespace gastvrij::desk
