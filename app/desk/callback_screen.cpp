// Callback requests visitors left at the kiosk when nobody could help or the
// office was closed. To do first, the most urgent on top; a request past its
// promised moment is red AND says "te laat", so it reads without colour too.
// "Gebeld, geen gehoor" keeps the number for another try; "Afgehandeld" asks
// first, because the number is erased and cannot come back.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "desk/tabs.h"
#include "desk/desk_app.h"

namespace gastvrij::desk {

namespace {

const char* part_words(PartOfDay p) {
    switch (p) {
    case PartOfDay::Morning: return "'s ochtends";
    case PartOfDay::Afternoon: return "'s middags";
    case PartOfDay::Evening: return "'s avonds";
    case PartOfDay::Any: return "geen voorkeur";
    }
    return "geen voorkeur";
}

// The language to call back in, when it is not Dutch.
std::string language_words(const std::string& lang) {
    if (lang == "en") return "Engels";
    if (lang == "tr") return "Turks";
    if (lang == "pl") return "Pools";
    if (lang == "ar") return "Arabisch";
    if (lang == "nl" || lang.empty()) return "";
    return lang;
}

// "+31612345678" → "06 1234 5678": how a receptionist dials it.
std::string dial_words(const std::string& phone) {
    if (phone.rfind("+31", 0) != 0) return phone;
    const std::string national = "0" + phone.substr(3);
    if (national.size() == 10 && national.rfind("06", 0) == 0)
        return national.substr(0, 2) + " " + national.substr(2, 4) + " " + national.substr(6);
    if (national.size() == 10) return national.substr(0, 3) + " " + national.substr(3, 3) + " " + national.substr(6);
    return national;
}

// "vandaag 11:42", "morgen 09:00", "gisteren 16:10", else "24-11 09:00".
std::string when_words(const std::string& date, const std::string& hhmm, const std::string& today) {
    int y = 0, m = 0, d = 0, ty = 0, tm = 0, td = 0;
    if (std::sscanf(date.c_str(), "%d-%d-%d", &y, &m, &d) != 3 ||
        std::sscanf(today.c_str(), "%d-%d-%d", &ty, &tm, &td) != 3)
        return date + " " + hhmm;
    const auto diff = days_from_civil(y, m, d) - days_from_civil(ty, tm, td);
    if (diff == 0) return "vandaag " + hhmm;
    if (diff == 1) return "morgen " + hhmm;
    if (diff == -1) return "gisteren " + hhmm;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d-%02d ", d, m);
    return buf + hhmm;
}

// "40 min", "3 uur", "2 dagen": how long past the promise.
std::string late_words(double seconds) {
    const long minutes = std::max(1L, long(seconds / 60));
    if (minutes < 90) return std::to_string(minutes) + " min";
    if (minutes < 48 * 60) return std::to_string((minutes + 30) / 60) + " uur";
    return std::to_string(minutes / (24 * 60)) + " dagen";
}

}  // namespace

void CallbackScreen::on_enter() { app.session().load_callbacks(); }

void CallbackScreen::draw() {
    const Palette& p = palette();
    const bool live = app.online();
    const CallbacksModel& callbacks = app.model().callbacks();
    const DeskClock& clock = app.model().clock();
    app.wrapped(p.muted, "Bezoekers die via de kiosk om een terugbelverzoek vroegen. Bel vóór de beloofde tijd. "
                         "Na \"Afgehandeld\" wordt het telefoonnummer gewist.");
    if (app.button("callbacks/refresh", app.with_icon("refresh", "Vernieuwen"), Style::Normal, 0, live))
        app.session().load_callbacks();
    if (!callbacks.loaded()) {
        app.wrapped(p.muted, "De lijst komt zodra de service bereikbaar is.");
        return;
    }

    std::vector<const CallbackView*> to_do, done;
    for (const CallbackView& c : callbacks.list())
        (c.request.state == CallbackState::Done ? done : to_do).push_back(&c);
    std::stable_sort(to_do.begin(), to_do.end(),
                     [](auto* a, auto* b) { return a->request.due_at < b->request.due_at; });
    std::stable_sort(done.begin(), done.end(),
                     [](auto* a, auto* b) { return a->request.handled_at > b->request.handled_at; });
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    const int late = callbacks.overdue_count();
    if (to_do.empty()) app.text(p.on_time_text, app.with_icon("check", "Niemand wacht op een telefoontje."));
    else if (late > 0) app.text(p.at_risk_text, app.with_icon("warning", std::to_string(late) + " van " +
                                                                   std::to_string(to_do.size()) + " zijn te laat."));
    else app.text(p.text, std::to_string(to_do.size()) + (to_do.size() == 1 ? " verzoek" : " verzoeken") + " te doen, allemaal op tijd.");

    const std::string today = clock.service_today();
    const double now = clock.service_now();
    bool ask_done = false;
    if (!begin_list_table("##callbacks", 6)) return;
    ImGui::TableSetupColumn("Bellen vóór", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("gisteren 00:00").x);
    ImGui::TableSetupColumn("Telefoon", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("06 0000 00000").x);
    ImGui::TableSetupColumn("Onderwerp", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Voorkeur", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Stand", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    const float action_w = ImGui::CalcTextSize("Geen gehoor").x + ImGui::CalcTextSize("Afgehandeld…").x +
                           4 * ImGui::GetStyle().FramePadding.x + ImGui::GetStyle().ItemSpacing.x;
    ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed, action_w);
    ImGui::TableHeadersRow();

    auto row = [&](const CallbackView& c) {
        const CallbackRequest& r = c.request;
        const std::string id = std::to_string(r.id);
        const bool is_late = callbacks.overdue(c);
        const bool is_done = r.state == CallbackState::Done;
        ImGui::TableNextRow();
        const ui::Rgb fg = is_late ? p.broken_text : is_done ? p.muted : p.text;
        if (is_late) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ui::im_colour(p.broken));
        ImGui::PushStyleColor(ImGuiCol_Text, colour(fg));
        ImGui::TableSetColumnIndex(0);
        const float row_top = ImGui::GetCursorScreenPos().y;
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(when_words(c.due_date, c.due_hhmm, today).c_str());
        if (is_late) {
            ImGui::TextUnformatted(app.with_icon("warning", "te laat").c_str());
            app.note("callbacks/" + id + "/late", "te laat");
        }
        ImGui::TableSetColumnIndex(1);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(is_done ? "gewist" : dial_words(r.phone).c_str());
        app.note("callbacks/" + id + "/phone", is_done ? "gewist" : r.phone);
        ImGui::TableSetColumnIndex(2);
        ImGui::AlignTextToFramePadding();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted((c.topic_label.empty() ? std::string("(geen onderwerp)") : c.topic_label).c_str());
        ImGui::PopTextWrapPos();
        ImGui::TableSetColumnIndex(3);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(part_words(r.part));
        if (const std::string lang = language_words(r.language); !lang.empty())
            ImGui::TextUnformatted(("in het " + lang).c_str());
        ImGui::TableSetColumnIndex(4);
        ImGui::AlignTextToFramePadding();
        ImGui::PushTextWrapPos(0.0f);
        std::string stand;
        if (is_done) stand = "afgehandeld";
        else if (r.state == CallbackState::Called) stand = "gebeld, geen gehoor";
        else stand = "nog niet gebeld";
        if (is_late) stand += " — " + late_words(now - double(r.due_at)) + " over tijd";
        ImGui::TextUnformatted(stand.c_str());
        app.note("callbacks/" + id + "/state", stand);
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        ImGui::TableSetColumnIndex(5);
        if (!is_done) {
            if (app.button("callbacks/" + id + "/called", "Geen gehoor", Style::Normal, 0, live))
                app.session().set_callback_state(r.id, CallbackState::Called);
            ImGui::SameLine();
            if (app.button("callbacks/" + id + "/done", "Afgehandeld…", Style::Primary, 0, live)) {
                confirming = r.id;
                ask_done = true;
            }
        }
        const float row_bottom = ImGui::GetCursorScreenPos().y;
        const ImVec2 win = ImGui::GetWindowPos();
        app.note_rect("callbacks/row/" + id, win.x, row_top, win.x + ImGui::GetWindowWidth(), row_bottom,
                      is_late ? "te laat" : stand);
    };

    for (const CallbackView* c : to_do) row(*c);
    if (!done.empty()) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::Dummy(ImVec2(0, 0.2f * app.unit()));
        app.text(p.muted, "Afgehandeld");
        ImGui::TableSetColumnIndex(1);
        ImGui::Dummy(ImVec2(0, 0.2f * app.unit()));
        app.text(p.muted, "laatste 7 dagen");
        for (const CallbackView* c : done) row(*c);
    }
    end_list_table();

    // Asked in a window over everything, so the answer cannot scroll away.
    const char* popup = "Afgehandeld?###callback_done";
    if (ask_done) ImGui::OpenPopup(popup);
    const ImVec2 centre(ImGui::GetIO().DisplaySize.x / 2, ImGui::GetIO().DisplaySize.y / 2);
    ImGui::SetNextWindowPos(centre, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(30 * app.unit(), 0));
    if (ImGui::BeginPopupModal(popup, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize)) {
        const auto it = std::find_if(callbacks.list().begin(), callbacks.list().end(),
                                     [&](const CallbackView& c) { return c.request.id == confirming; });
        const std::string who = it == callbacks.list().end() ? std::string("dit verzoek")
                                                              : dial_words(it->request.phone) + " (" + it->topic_label + ")";
        app.wrapped(p.text, "Is " + who + " teruggebeld en geholpen? Het telefoonnummer wordt daarna gewist en is niet "
                                          "meer terug te halen.");
        ImGui::Dummy(ImVec2(0, 0.3f * app.unit()));
        const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
        if (app.button("callbacks/done/yes", "Ja, afgehandeld", Style::Primary, half, live)) {
            app.session().set_callback_state(confirming, CallbackState::Done);
            confirming = 0;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (app.button("callbacks/done/no", "Nee, nog niet", Style::Normal, half)) {
            confirming = 0;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

std::unique_ptr<ui::Screen> make_callbacks_tab(DeskApp& app) { return std::make_unique<CallbackScreen>(app); }
// Overdue callbacks make their tab red, and its words say "te laat".
TabLabel callbacks_tab_label(const CallbacksModel& m) {
    const int to_do = m.to_do(), late = m.overdue_count();
    if (late > 0) return {"Terugbellen (" + std::to_string(to_do) + ", " + std::to_string(late) + " te laat)", true};
    return {to_do ? "Terugbellen (" + std::to_string(to_do) + ")" : std::string("Terugbellen")};
}

}  // namespace gastvrij::desk
