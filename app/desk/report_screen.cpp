// The office's figures for today (or the last 7 / 30 days): tiles with the
// corporation's KPIs, visitors per hour as bars and visitors per day over the
// last 30 days as a line — drawn with ImGui's draw lists, there is no chart
// library for ImGui 1.86 — and a table per topic and per team. Figures are in
// words and numbers; the charts only show the shape.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "desk/tabs.h"
#include "desk/desk_app.h"
#include "domain/report_text.h"

namespace gastvrij::desk {

namespace {

const char* const kWeekdays[] = {"ma", "di", "wo", "do", "vr", "za", "zo"};

// "23-11" from "2026-11-23".
std::string day_month(const std::string& iso) { return iso.size() == 10 ? iso.substr(8, 2) + "-" + iso.substr(5, 2) : iso; }

struct Tile {
    std::string name, caption, value, detail;
};

void draw_tiles(DeskApp& app, const std::vector<Tile>& tiles) {
    const Palette& p = palette();
    const float u = app.unit();
    const float gap = 0.4f * u;
    const float width = ImGui::GetContentRegionAvail().x;
    const float w = (width - gap * float(tiles.size() - 1)) / float(tiles.size());
    ImFont* big = app.title_font();
    const float h = 2 * ImGui::GetTextLineHeight() + big->FontSize + 1.0f * u;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        const Tile& t = tiles[i];
        const float x0 = origin.x + float(i) * (w + gap), y0 = origin.y;
        dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + w, y0 + h), ui::im_colour(p.panel), 0.2f * u);
        dl->AddRect(ImVec2(x0, y0), ImVec2(x0 + w, y0 + h), ui::im_colour(p.edge), 0.2f * u);
        const ImVec4 clip(x0, y0, x0 + w - 0.3f * u, y0 + h);
        float y = y0 + 0.35f * u;
        ImFont* body = ImGui::GetFont();
        dl->AddText(body, body->FontSize, ImVec2(x0 + 0.45f * u, y), ui::im_colour(p.muted), t.caption.c_str(), nullptr, 0, &clip);
        y += ImGui::GetTextLineHeight();
        dl->AddText(big, big->FontSize, ImVec2(x0 + 0.45f * u, y), ui::im_colour(p.text), t.value.c_str(), nullptr, 0, &clip);
        y += big->FontSize + 0.15f * u;
        dl->AddText(body, body->FontSize, ImVec2(x0 + 0.45f * u, y), ui::im_colour(p.muted), t.detail.c_str(), nullptr, 0, &clip);
        app.note_rect("report/tile/" + t.name, x0, y0, x0 + w, y0 + h, t.caption + ": " + t.value + " " + t.detail);
    }
    ImGui::Dummy(ImVec2(width, h));
}

// A frame with a title; returns the plot area inside it.
struct Plot {
    ImVec2 a, b;  // plot area (inside the axes)
};

Plot chart_frame(DeskApp& app, const std::string& name, const std::string& title, ImVec2 at, ImVec2 size,
                 const std::string& summary) {
    const Palette& p = palette();
    const float u = app.unit();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + size.x, at.y + size.y), ui::im_colour(p.panel), 0.2f * u);
    dl->AddRect(at, ImVec2(at.x + size.x, at.y + size.y), ui::im_colour(p.edge), 0.2f * u);
    dl->AddText(ImVec2(at.x + 0.5f * u, at.y + 0.3f * u), ui::im_colour(p.text), title.c_str());
    app.note_rect(name, at.x, at.y, at.x + size.x, at.y + size.y, summary);
    const float line = ImGui::GetTextLineHeight();
    // Room for the y labels at the left and the x labels underneath.
    return Plot{ImVec2(at.x + 2.4f * u, at.y + 0.5f * u + 2.0f * line),
                ImVec2(at.x + size.x - 0.8f * u, at.y + size.y - 0.4f * u - line)};
}

void y_axis(const Plot& pl, int max) {
    const Palette& p = palette();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int step = 0; step <= 2; ++step) {
        const int value = max * step / 2;
        const float y = pl.b.y - (pl.b.y - pl.a.y) * float(value) / float(std::max(max, 1));
        dl->AddLine(ImVec2(pl.a.x, y), ImVec2(pl.b.x, y), ui::im_colour(p.button_hover), 1.0f);
        const std::string label = std::to_string(value);
        const ImVec2 sz = ImGui::CalcTextSize(label.c_str());
        dl->AddText(ImVec2(pl.a.x - sz.x - 0.3f * ImGui::GetFontSize(), y - sz.y / 2), ui::im_colour(p.muted), label.c_str());
    }
}

// Keeps the top of the scale round: 7 → 8, 13 → 15, 42 → 50.
int nice_max(int v) {
    if (v <= 10) return std::max(v, 2) + (v % 2);  // even, so the middle line is a whole number
    for (int m : {5, 10, 15, 20, 25, 30, 40, 50, 60, 80, 100, 150, 200, 250, 300, 400, 500, 1000, 2000, 5000})
        if (v <= m) return m;
    return v;
}

void hour_bars(DeskApp& app, const KpiReport& r, ImVec2 at, ImVec2 size, const std::string& title) {
    const Palette& p = palette();
    // Office hours at least; wider when visitors came earlier or later.
    int first = 7, last = 19;
    for (int h = 0; h < 24; ++h)
        if (r.per_hour[std::size_t(h)] > 0) first = std::min(first, h), last = std::max(last, h);
    int top = 0, busiest = first;
    for (int h = first; h <= last; ++h)
        if (r.per_hour[std::size_t(h)] > top) top = r.per_hour[std::size_t(h)], busiest = h;
    const std::string summary = top == 0 ? "nog geen bezoekers"
                                         : "drukst " + std::to_string(busiest) + "–" + std::to_string(busiest + 1) +
                                               " uur: " + std::to_string(top);
    const Plot pl = chart_frame(app, "report/chart/hours", title + " — " + summary, at, size, summary);
    const int max = nice_max(top);
    y_axis(pl, max);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int n = last - first + 1;
    const float slot = (pl.b.x - pl.a.x) / float(n);
    const float bar = slot * 0.7f;
    for (int h = first; h <= last; ++h) {
        const int v = r.per_hour[std::size_t(h)];
        const float x = pl.a.x + slot * float(h - first) + (slot - bar) / 2;
        const float y = pl.b.y - (pl.b.y - pl.a.y) * float(v) / float(max);
        if (v > 0) dl->AddRectFilled(ImVec2(x, y), ImVec2(x + bar, pl.b.y), ui::im_colour(p.primary));
        // Hour labels: every hour when they fit, else every other one.
        const std::string label = std::to_string(h);
        const ImVec2 sz = ImGui::CalcTextSize(label.c_str());
        if (slot > sz.x * 1.3f || (h - first) % 2 == 0)
            dl->AddText(ImVec2(x + bar / 2 - sz.x / 2, pl.b.y + 0.15f * app.unit()), ui::im_colour(p.muted), label.c_str());
    }
    dl->AddLine(ImVec2(pl.a.x, pl.b.y), ImVec2(pl.b.x, pl.b.y), ui::im_colour(p.edge), 1.5f);
}

void day_line(DeskApp& app, const std::vector<DayCount>& days, ImVec2 at, ImVec2 size) {
    const Palette& p = palette();
    int top = 0, total = 0;
    for (const DayCount& d : days) top = std::max(top, d.visits), total += d.visits;
    const int open_days = int(std::count_if(days.begin(), days.end(), [](const DayCount& d) { return d.visits > 0; }));
    const std::string summary = open_days == 0 ? "nog geen bezoekers"
                                               : "gemiddeld " + std::to_string((total + open_days / 2) / open_days) +
                                                     " per open dag, hoogste " + std::to_string(top);
    const Plot pl = chart_frame(app, "report/chart/days",
                                "Bezoekers per dag, " + std::to_string(days.size()) + " dagen — " + summary, at, size,
                                summary);
    if (days.empty()) return;
    const int max = nice_max(top);
    y_axis(pl, max);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float step = days.size() > 1 ? (pl.b.x - pl.a.x) / float(days.size() - 1) : 0;
    std::vector<ImVec2> points;
    for (std::size_t i = 0; i < days.size(); ++i) {
        const float x = pl.a.x + step * float(i);
        const float y = pl.b.y - (pl.b.y - pl.a.y) * float(days[i].visits) / float(max);
        points.emplace_back(x, y);
        // Weekends lightly shaded: the office is closed, a dip there is no news.
        if (days[i].weekday >= 5)
            dl->AddRectFilled(ImVec2(x - step / 2, pl.a.y), ImVec2(x + step / 2, pl.b.y), ui::im_colour(p.button, 120));
    }
    dl->AddPolyline(points.data(), int(points.size()), ui::im_colour(p.primary), 0, 0.14f * app.unit());
    for (const ImVec2& pt : points) dl->AddCircleFilled(pt, 0.18f * app.unit(), ui::im_colour(p.primary));
    // Dates under the first, middle and last point.
    for (std::size_t i : {std::size_t(0), days.size() / 2, days.size() - 1}) {
        const std::string label = std::string(kWeekdays[days[i].weekday % 7]) + " " + day_month(days[i].date);
        const ImVec2 sz = ImGui::CalcTextSize(label.c_str());
        float x = points[i].x - sz.x / 2;
        x = std::clamp(x, pl.a.x - 1.5f * app.unit(), pl.b.x + 0.6f * app.unit() - sz.x);
        dl->AddText(ImVec2(x, pl.b.y + 0.15f * app.unit()), ui::im_colour(p.muted), label.c_str());
    }
    dl->AddLine(ImVec2(pl.a.x, pl.b.y), ImVec2(pl.b.x, pl.b.y), ui::im_colour(p.edge), 1.5f);
}

void group_table(DeskApp& app, const ReportView& view) {
    const Palette& p = palette();
    if (!begin_list_table("##kpi_groups", 8, /*scroll=*/false)) return;
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Bezoekers", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("Reactie (helft / 9 van de 10)", ImGuiTableColumnFlags_WidthStretch, 1.7f);
    ImGui::TableSetupColumn("Tot gesprek", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Cijfer", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn("8 of hoger", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("In één keer", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("Terugbellen op tijd", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableHeadersRow();
    auto row = [&](const std::string& name, const std::string& label, const KpiFigures& f, bool strong) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        app.text(strong ? p.text : p.text, label);
        app.note(name, label);
        const std::string cells[] = {
            std::to_string(f.visits),
            minutes_seconds_text(f.ack_seconds_p50, f.acknowledged) + " / " + minutes_seconds_text(f.ack_seconds_p90, f.acknowledged),
            minutes_seconds_text(f.start_seconds_p50, f.started) + " / " + minutes_seconds_text(f.start_seconds_p90, f.started),
            one_decimal_text(f.score_avg, f.surveys, ','),
            percent_text(f.scores_8_or_more, f.surveys),
            percent_text(f.one_go_yes, f.one_go_answered),
            f.callbacks ? std::to_string(f.callbacks_in_time) + " van " + std::to_string(f.callbacks) : std::string("–"),
        };
        for (int c = 0; c < 7; ++c) {
            ImGui::TableSetColumnIndex(c + 1);
            ImGui::TextUnformatted(cells[c].c_str());
        }
    };
    auto section = [&](const char* title) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::PushFont(app.title_font());
        ImGui::TextUnformatted(title);
        ImGui::PopFont();
    };
    row("report/row/overall", "Hele kantoor", view.report.overall, true);
    // Offices sharing one database, side by side: how does ours compare?
    if (view.offices.size() > 1) {
        section("Per kantoor");
        for (const OfficeFigures& o : view.offices) {
            row("report/row/office/" + o.office, o.office == view.office ? o.office + " (dit kantoor)" : o.office,
                o.figures, false);
        }
    }
    section("Per onderwerp");
    for (const KpiGroup& g : view.report.topics) row("report/row/topic/" + g.id, view.label("topic", g.id), g.figures, false);
    section("Per team");
    for (const KpiGroup& g : view.report.teams) row("report/row/team/" + g.id, view.label("team", g.id), g.figures, false);
    end_list_table();
}

}  // namespace

void ReportScreen::on_enter() { app.session().load_report(); }

void ReportScreen::draw() {
    const Palette& p = palette();
    const bool live = app.online();
    ReportModel& report = app.model().report();
    using Span = ReportModel::Span;
    const std::pair<Span, const char*> spans[] = {{Span::Today, "Vandaag"}, {Span::Week, "7 dagen"}, {Span::Month, "30 dagen"}};
    const char* const names[] = {"report/span/today", "report/span/week", "report/span/month"};
    for (int i = 0; i < 3; ++i) {
        if (app.button(names[i], spans[i].second, Style::Choice, 0, live, report.span() == spans[i].first) &&
            report.span() != spans[i].first) {
            report.choose_span(spans[i].first);
            app.session().load_report();
        }
        ImGui::SameLine();
    }
    if (app.button("report/refresh", app.with_icon("refresh", "Vernieuwen"), Style::Normal, 0, live))
        app.session().load_report();
    const auto& view = report.figures();
    if (!view) {
        app.wrapped(p.muted, "De cijfers komen zodra de service bereikbaar is.");
        return;
    }
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    app.text(p.muted, view->from == view->to ? "Cijfers van " + day_month(view->from)
                                             : "Van " + day_month(view->from) + " tot en met " + day_month(view->to));

    const KpiFigures& f = view->report.overall;
    draw_tiles(app, {
        {"visitors", "Bezoekers", std::to_string(f.visits),
         f.left_or_cancelled ? std::to_string(f.left_or_cancelled) + " weggegaan" : std::to_string(f.finished) + " geholpen"},
        {"ack", "Reactie binnen", minutes_seconds_text(f.ack_seconds_p50, f.acknowledged),
         "9 van de 10: " + minutes_seconds_text(f.ack_seconds_p90, f.acknowledged)},
        {"start", "Gesprek binnen", minutes_seconds_text(f.start_seconds_p50, f.started),
         "9 van de 10: " + minutes_seconds_text(f.start_seconds_p90, f.started)},
        {"score", "Rapportcijfer", one_decimal_text(f.score_avg, f.surveys, ','),
         std::to_string(f.surveys) + (f.surveys == 1 ? " antwoord" : " antwoorden")},
        {"eight", "8 of hoger", percent_text(f.scores_8_or_more, f.surveys),
         std::to_string(f.scores_8_or_more) + " van " + std::to_string(f.surveys)},
        {"one_go", "In één keer", percent_text(f.one_go_yes, f.one_go_answered),
         std::to_string(f.one_go_yes) + " van " + std::to_string(f.one_go_answered)},
        {"callbacks", "Op tijd gebeld", f.callbacks ? std::to_string(f.callbacks_in_time) + " van " + std::to_string(f.callbacks) : "–",
         f.callbacks_overdue ? std::to_string(f.callbacks_overdue) + " te laat open" : std::to_string(f.callbacks_pending) + " nog open"},
    });
    app.wrapped(p.muted, "Reactie en gesprek: de helft van de bezoekers had binnen deze tijd antwoord (minuten:seconden); "
                         "\"9 van de 10\" binnen de tweede tijd.");

    const float u = app.unit();
    const float width = ImGui::GetContentRegionAvail().x;
    const float gap = 0.5f * u;
    // Charts leave room for the first rows of the table below them.
    const float h = std::max(8.0f * u, ImGui::GetContentRegionAvail().y * 0.36f);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float half = (width - gap) / 2;
    hour_bars(app, view->report, at, ImVec2(half, h),
              report.span() == Span::Today ? "Bezoekers per uur" : "Bezoekers per uur, samen");
    const auto& trend = report.trend();
    day_line(app, trend ? trend->report.per_day : view->report.per_day, ImVec2(at.x + half + gap, at.y), ImVec2(half, h));
    ImGui::Dummy(ImVec2(width, h + 0.3f * u));

    group_table(app, *view);
}

std::unique_ptr<ui::Screen> make_report_tab(DeskApp& app) { return std::make_unique<ReportScreen>(app); }
TabLabel report_tab_label(const ReportModel&) { return {"Cijfers"}; }

}  // namespace gastvrij::desk
