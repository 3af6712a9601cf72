#include "desk/desk_app.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <ctime>

#include "desk/words.h"

namespace gastvrij::desk {

namespace {

// Body text of 22 px (ImGui font size) on a 1280×800 window. FontSet sizes
// text by capital height in millimetres for the kiosk's panel; the desk has
// no panel, so it asks for the pixels per millimetre that give 22 px.
constexpr float kBodyPx = 22.0f;

// Every letter a visitor's or colleague's name may carry: Latin Extended-A/B
// and Additional (Turkish, Polish, Vietnamese, …), built once into the atlas.
std::string name_letters() {
    std::string s;
    auto add = [&](unsigned cp) {
        if (cp < 0x800) s += char(0xC0 | (cp >> 6)), s += char(0x80 | (cp & 0x3F));
        else s += char(0xE0 | (cp >> 12)), s += char(0x80 | ((cp >> 6) & 0x3F)), s += char(0x80 | (cp & 0x3F));
    };
    for (unsigned cp = 0x100; cp <= 0x24F; ++cp) add(cp);
    for (unsigned cp = 0x1E00; cp <= 0x1EFF; ++cp) add(cp);
    return s;
}

const char* const kIcons[] = {"warning", "check", "schedule", "person_add", "cloud_off", "refresh", "volume_up",
                              "volume_off", "phone_iphone", "close", "send", "group", "sync", "error", "link",
                              "directions_walk", "notifications_active", "computer", "phone_callback",
                              "bar_chart", "done_all", "touch_app", "devices", "block"};

}  // namespace

ImVec4 colour(ui::Rgb c, float alpha) {
    return ImVec4(float((c >> 16) & 0xFF) / 255.f, float((c >> 8) & 0xFF) / 255.f, float(c & 0xFF) / 255.f, alpha);
}

bool begin_list_table(const char* id, int columns, bool scroll) {
    ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                            ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg;
    if (scroll) flags |= ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable(id, columns, flags)) return false;
    const Palette& p = palette();
    ImGui::PushStyleColor(ImGuiCol_TableRowBg, colour(p.panel));
    ImGui::PushStyleColor(ImGuiCol_TableRowBgAlt, colour(p.background));
    if (scroll) ImGui::TableSetupScrollFreeze(0, 1);
    return true;
}

void end_list_table() {
    ImGui::PopStyleColor(2);
    ImGui::EndTable();
}

DeskApp::DeskApp(platform::Window& window, DeskSession& session, AppOptions options)
    : window_(window), session_(session), options_(std::move(options)) {
    if (!options_.assets_dir.empty()) {
        std::string err;
        have_icons_ = icons_.load(options_.assets_dir + "/icons/material-icons.codepoints", &err);
    }
    if (options_.sound) speech_ = std::make_unique<platform::Speech>();
    // A blinking text cursor would need a frame every half second; the loop
    // draws only when something happens.
    ImGui::GetIO().ConfigInputTextCursorBlink = false;
    rebuild_fonts_if_needed();
    for (const TabEntry& e : tab_table()) tabs_.push_back(e.make(*this));
}

DeskApp::~DeskApp() = default;

void DeskApp::rebuild_fonts_if_needed() {
    // Larger windows get larger text, in steps, so dragging the window edge
    // does not rebuild the atlas on every pixel.
    float scale = std::min(float(window_.width()) / 1280.f, float(window_.height()) / 800.f);
    scale = std::clamp(std::round(scale * 8.f) / 8.f, 1.0f, 2.0f);
    if (scale == font_scale_) return;
    std::vector<std::string> icon_glyphs;
    if (have_icons_)
        for (const char* n : kIcons) icon_glyphs.push_back(icons_.glyph(n));
    // Sizes are linear in px/mm: guess from the capital height, then correct
    // once, so the desk keeps its size whatever FontSet's mm-to-px rule is.
    const float want = kBodyPx * scale;
    float px_per_mm = want * ui::kNotoCapHeight / ui::FontSizes{}.body_cap_mm;
    for (int attempt = 0; attempt < 2; ++attempt) {
        std::string err;
        if (!fonts_.build(px_per_mm, 1.0f, {name_letters(), "—…·€"}, icon_glyphs, options_.fonts, &err))
            throw std::runtime_error(err);
        const float got = fonts_.size(ui::FontRole::Body);
        if (got <= 0 || std::abs(got - want) < 0.5f) break;
        px_per_mm *= want / got;
    }
    window_.upload_font_atlas();
    ImGui::GetIO().FontDefault = fonts_.get(ui::FontRole::Body);
    font_scale_ = scale;
    apply_style();
}

void DeskApp::apply_style() {
    const Palette& p = palette();
    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle();
    ImGui::StyleColorsLight(&s);
    const float u = unit();
    s.WindowPadding = ImVec2(0.7f * u, 0.6f * u);
    s.FramePadding = ImVec2(0.55f * u, 0.35f * u);
    s.ItemSpacing = ImVec2(0.45f * u, 0.4f * u);
    s.ItemInnerSpacing = ImVec2(0.35f * u, 0.3f * u);
    s.CellPadding = ImVec2(0.4f * u, 0.25f * u);
    s.ScrollbarSize = 0.9f * u;  // a finger or a quick mouse must hit it
    s.GrabMinSize = 0.9f * u;
    s.FrameRounding = s.ChildRounding = s.PopupRounding = s.GrabRounding = 0.2f * u;
    s.WindowRounding = 0;
    s.FrameBorderSize = 1;
    s.ChildBorderSize = 1;
    s.DisabledAlpha = 0.55f;
    ImVec4* c = s.Colors;
    c[ImGuiCol_Text] = colour(p.text);
    c[ImGuiCol_TextDisabled] = colour(p.muted);
    c[ImGuiCol_WindowBg] = colour(p.background);
    c[ImGuiCol_ChildBg] = colour(p.background, 0);
    c[ImGuiCol_PopupBg] = colour(p.panel);
    c[ImGuiCol_Border] = colour(p.edge);
    c[ImGuiCol_FrameBg] = colour(p.panel);
    c[ImGuiCol_FrameBgHovered] = colour(p.panel);
    c[ImGuiCol_FrameBgActive] = colour(p.panel);
    c[ImGuiCol_Button] = colour(p.button);
    c[ImGuiCol_ButtonHovered] = colour(p.button_hover);
    c[ImGuiCol_ButtonActive] = colour(p.button_hover);
    // Rows keep their promise colour; hovering and choosing only darken a little.
    c[ImGuiCol_Header] = colour(0x000000, 0.10f);
    c[ImGuiCol_HeaderHovered] = colour(0x000000, 0.06f);
    c[ImGuiCol_HeaderActive] = colour(0x000000, 0.14f);
    c[ImGuiCol_TableHeaderBg] = colour(p.button);
    c[ImGuiCol_TableBorderStrong] = colour(p.edge);
    c[ImGuiCol_TableBorderLight] = colour(p.button_hover);
    c[ImGuiCol_ScrollbarBg] = colour(p.button, 0.5f);
    c[ImGuiCol_ScrollbarGrab] = colour(p.edge);
    c[ImGuiCol_ScrollbarGrabHovered] = colour(p.muted);
    c[ImGuiCol_ScrollbarGrabActive] = colour(p.text);
    c[ImGuiCol_CheckMark] = colour(p.primary);
    c[ImGuiCol_Separator] = colour(p.button_hover);
    c[ImGuiCol_TitleBg] = c[ImGuiCol_TitleBgActive] = c[ImGuiCol_TitleBgCollapsed] = colour(p.button);
    c[ImGuiCol_ModalWindowDimBg] = colour(0x000000, 0.45f);
}

float DeskApp::unit() const { return fonts_.size(ui::FontRole::Body); }
ImFont* DeskApp::title_font() const { return fonts_.get(ui::FontRole::Title); }

std::string DeskApp::icon(const std::string& name) const { return have_icons_ ? icons_.glyph(name) : std::string(); }

std::string DeskApp::with_icon(const std::string& icon_name, const std::string& words) const {
    const std::string g = icon(icon_name);
    return g.empty() ? words : g + " " + words;
}

void DeskApp::show(Tab t) {
    if (tab_ == t) return;
    tabs_.at(std::size_t(tab_))->on_leave();
    tab_ = t;
    tabs_.at(std::size_t(t))->on_enter();
}

void DeskApp::note_rect(const std::string& name, float x0, float y0, float x1, float y1, const std::string& label) {
    widgets_.record({name, {x0, y0, x1 - x0, y1 - y0}, label, true});
}

void DeskApp::note(const std::string& name, const std::string& label) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    note_rect(name, a.x, a.y, b.x, b.y, label);
}

bool DeskApp::button(const std::string& name, const std::string& label, Style style, float width, bool enabled,
                     bool chosen, float height) {
    const Palette& p = palette();
    ui::Rgb bg = p.button, hover = p.button_hover, fg = p.button_text;
    if (style == Style::Primary) bg = p.primary, hover = p.primary_hover, fg = p.primary_text;
    if (style == Style::Danger) bg = p.broken, hover = p.offline, fg = p.broken_text;
    if (chosen) bg = hover = p.selected, fg = p.selected_text;
    ImGui::PushStyleColor(ImGuiCol_Button, colour(bg));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colour(hover));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, colour(hover));
    ImGui::PushStyleColor(ImGuiCol_Text, colour(fg));
    ImGui::BeginDisabled(!enabled);
    const bool hit = ImGui::Button((label + "###" + name).c_str(), ImVec2(width, height));
    ImGui::EndDisabled();
    ImGui::PopStyleColor(4);
    note(name, label);
    return hit && enabled;
}

void DeskApp::text(ui::Rgb c, const std::string& s) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour(c));
    ImGui::TextUnformatted(s.c_str());
    ImGui::PopStyleColor();
}

void DeskApp::wrapped(ui::Rgb c, const std::string& s) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour(c));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

void DeskApp::heading(const std::string& s) {
    ImGui::PushFont(title_font());
    ImGui::TextUnformatted(s.c_str());
    ImGui::PopFont();
}

std::string DeskApp::unavailable_note(const std::string& staff_id) const {
    for (const PresenceView& p : model().presence().list())
        if (p.staff_id == staff_id && !p.available)
            return p.presence == Presence::Unknown ? " · niet ingeroosterd" : std::string(" · ") + presence_words(p.presence);
    return "";
}

std::string DeskApp::team_name(const std::string& team_id) const {
    for (const TeamView& t : model().directory().view().teams)
        if (t.id == team_id) return t.name;
    return team_id;
}

void DeskApp::speak_alerts() {
    for (const std::string& line : model().board().take_speech()) {
        if (!sound_on()) continue;
        speech_->say(line, "nl");
        ++spoken_;
    }
}

int DeskApp::ms_until_deadline() const { return std::min(model().ms_until_change(), 60000); }

void DeskApp::draw_top_bar() {
    const Palette& p = palette();
    ImGui::PushFont(title_font());
    ImGui::TextUnformatted("Gastvrij — Receptie");
    ImGui::PopFont();
    const float title_top = ImGui::GetItemRectMin().y, title_h = ImGui::GetItemRectSize().y;
    const std::string office = model().directory().view().office;
    if (!office.empty()) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        text(p.muted, office);
    }
    // Connection state at the right edge, in colour and words.
    std::string state;
    ui::Rgb bg = p.on_time, fg = p.on_time_text;
    switch (model().connection().state()) {
    case Connection::Online: state = with_icon("check", "verbonden"); break;
    case Connection::Connecting: state = with_icon("sync", "verbinden…"), bg = p.button, fg = p.button_text; break;
    case Connection::Offline: state = with_icon("cloud_off", "offline — opnieuw verbinden…"), bg = p.broken, fg = p.broken_text; break;
    case Connection::Unpaired: state = with_icon("link", "niet gekoppeld"), bg = p.at_risk, fg = p.at_risk_text; break;
    }
    if (session_.busy() > 0) state = "bezig…   " + state;
    // Drawn, not laid out: a chip centred on the title line at the right edge.
    const ImVec2 size = ImGui::CalcTextSize(state.c_str());
    const float pad = 0.4f * unit();
    const ImVec2 win = ImGui::GetWindowPos();
    const float line_top = title_top, line_h = title_h;
    const float x1 = win.x + ImGui::GetWindowContentRegionMax().x, x0 = x1 - size.x - 2 * pad;
    const float y0 = line_top + (line_h - size.y - pad) / 2, y1 = y0 + size.y + pad;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), ui::im_colour(bg), 0.2f * unit());
    dl->AddText(ImVec2(x0 + pad, y0 + pad / 2), ui::im_colour(fg), state.c_str());
    note_rect("status/connection", x0, y0, x1, y1, state);
}

void DeskApp::draw_banners() {
    const Palette& p = palette();
    const float u = unit();
    const float width = ImGui::GetContentRegionAvail().x;
    auto banner = [&](const char* id, ui::Rgb bg, float h, auto&& body) {
        ImGui::PushStyleColor(ImGuiCol_ChildBg, colour(bg));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.6f * u, 0.35f * u));
        ImGui::BeginChild(id, ImVec2(width, h), false, ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar);
        body();
        ImGui::EndChild();
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
    };
    if (model().connection().state() == Connection::Offline) {
        const double since = model().connection().offline_since();
        const std::string line = with_icon("cloud_off", "Offline — opnieuw verbinden…") +
                                 (since > 0 ? " (sinds " + machine_local_text(Timestamp(since), "%H:%M") + ")" : std::string()) +
                                 "  Het bord toont de laatste stand; wijzigen kan pas als de verbinding terug is.";
        const float h = ImGui::CalcTextSize(line.c_str(), nullptr, false, width - 1.2f * u).y + 0.7f * u;
        banner("##offline", p.offline, h, [&] { wrapped(p.offline_text, line); });
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        note_rect("banner/offline", a.x, a.y, b.x, b.y, line);
    }
    const auto& alerts = model().board().alerts();
    if (!alerts.empty()) {
        const std::string head = with_icon("warning", alerts.size() == 1 ? "Een belofte is verbroken"
                                                                          : std::to_string(alerts.size()) + " beloften zijn verbroken");
        std::string lines;
        const std::size_t shown = std::min<std::size_t>(alerts.size(), 3);
        for (std::size_t i = 0; i < shown; ++i) lines += (i ? "\n" : "") + model().board().alert_text(alerts[alerts.size() - 1 - i]);
        if (alerts.size() > shown) lines += "\n… en nog " + std::to_string(alerts.size() - shown) + " (zie de rode regels).";
        const float h = ImGui::GetFrameHeightWithSpacing() +
                        ImGui::CalcTextSize(lines.c_str(), nullptr, false, width - 1.2f * u).y + 0.8f * u;
        banner("##alerts", p.broken, h, [&] {
            ImGui::AlignTextToFramePadding();
            ImGui::PushFont(title_font());
            text(p.broken_text, head);
            ImGui::PopFont();
            const std::string seen = "Gezien";
            ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(seen.c_str()).x -
                            2 * ImGui::GetStyle().FramePadding.x);
            if (button("alert/seen", seen)) model().board().dismiss_alerts();
            wrapped(p.broken_text, lines);
        });
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        note_rect("banner/alert", a.x, a.y, b.x, b.y, lines);
    }
}

void DeskApp::draw_tabs() {
    for (const TabEntry& e : tab_table()) {
        const TabLabel label = e.label(model());
        if (button(std::string("tab/") + e.name, label.text, label.urgent ? Style::Danger : Style::Choice, 0, true, tab_ == e.id))
            show(e.id);
        ImGui::SameLine();
    }
    // The sound switch at the right: the alert may be spoken, or only shown.
    std::string label = !options_.sound       ? "alarm zonder geluid"
                        : !sound_available() ? "geen geluid: geen audioapparaat"
                        : sound_on_        ? with_icon("volume_up", "Geluid aan")
                                           : with_icon("volume_off", "Geluid uit");
    const float w = ImGui::CalcTextSize(label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - w);
    if (!sound_available()) {
        ImGui::AlignTextToFramePadding();
        text(palette().muted, label);
    } else if (button("sound", label, Style::Normal)) {
        sound_on_ = !sound_on_;
    }
}

float DeskApp::message_height() const {
    const auto& m = model().message().current();
    if (!m) return 0;
    const float u = unit();
    const float width = ImGui::GetContentRegionAvail().x;
    const float close_w = ImGui::CalcTextSize("Sluiten").x + 2 * ImGui::GetStyle().FramePadding.x;
    const std::string words = with_icon(m->error ? "error" : "check", m->text);
    return std::max(ImGui::CalcTextSize(words.c_str(), nullptr, false, width - close_w - 2 * u).y, ImGui::GetFrameHeight()) +
           0.6f * u;
}

void DeskApp::draw_message() {
    const Palette& p = palette();
    const float u = unit();
    const auto& m = model().message().current();
    if (!model().message().showing()) {
        ImGui::AlignTextToFramePadding();
        text(p.muted, "Service: " + session_.server());
        return;
    }
    const float width = ImGui::GetContentRegionAvail().x;
    const std::string close = "Sluiten";
    const float close_w = ImGui::CalcTextSize(close.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x;
    const std::string words = with_icon(m->error ? "error" : "check", m->text);
    const float h = message_height();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colour(m->error ? p.broken : p.ok_note));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.5f * u, 0.3f * u));
    ImGui::BeginChild("##message", ImVec2(width, h), false, ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar);
    ImGui::PushTextWrapPos(width - close_w - 1.5f * u);
    text(m->error ? p.broken_text : p.ok_note_text, words);
    ImGui::PopTextWrapPos();
    ImGui::SameLine(width - close_w - 0.5f * u);
    const bool closed = button("message/close", close);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    note_rect(m->error ? "message/error" : "message/ok", a.x, a.y, b.x, b.y, m->text);
    // Only now: clearing ends the message that m still points into.
    if (closed) model().message().clear();
}

void DeskApp::update(platform::Input& in) {
    if (in.quit) quit_ = true;
    rebuild_fonts_if_needed();  // never mid-frame
    session_.pump();
    speak_alerts();
    if (selected_ && !model().board().row(selected_)) selected_ = 0;  // the visit closed meanwhile
}

std::uint32_t DeskApp::clear_colour() const { return (palette().background << 8) | 0xFF; }

void DeskApp::draw() {
    widgets_.begin_frame();
    const float u = unit();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(float(window_.width()), float(window_.height())));
    ImGui::Begin("##desk", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    draw_top_bar();
    ImGui::Separator();
    if (model().connection().state() == Connection::Unpaired) {
        const float footer = 2.6f * u;
        ImGui::BeginChild("##link", ImVec2(0, -footer), false);
        link_.draw(*this);
        ImGui::EndChild();
    } else {
        draw_banners();
        draw_tabs();
        // Room for the message line: one line, or what the message needs.
        float footer = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().WindowPadding.y;
        if (model().message().showing())
            footer = message_height() + ImGui::GetStyle().ItemSpacing.y + ImGui::GetStyle().WindowPadding.y;
        ImGui::BeginChild("##content", ImVec2(0, -footer), false);
        tabs_.at(std::size_t(tab_))->draw();
        ImGui::EndChild();
    }
    draw_message();
    ImGui::End();
    widgets_.end_frame();
}

}  // namespace gastvrij::desk
