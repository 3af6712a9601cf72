#pragma once
// The reception companion's window: a top bar with the connection state, the
// promise-alert banner, tabs (board, callbacks, presence, figures, undelivered
// messages, pairing)
// and a line for confirmations and errors in plain Dutch. ImGui tables and
// buttons at a readable size (body text 22 px on 1280×800, growing with the
// window). It draws only when something happened or a minute turned.
//
// Every button and row records name → rectangle per frame ("board/row/12",
// "visit/start", "tab/presence"), so scripted taps, screenshots and tests use
// the same names a finger or mouse would hit.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "desk/palette.h"
#include "desk/session.h"
#include "desk/tabs.h"
#include "desk/views.h"
#include "platform/speech.h"
#include "platform/window.h"
#include "ui/app.h"
#include "ui/fonts.h"

namespace gastvrij::desk {


struct AppOptions {
    ui::FontFiles fonts;
    std::string assets_dir;  // has icons/material-icons.codepoints; "" = words without pictograms
    bool sound = true;       // speak promise alerts (stays silent without an audio device)
};

enum class Style { Normal, Primary, Danger, Choice };

class DeskApp final : public ui::App {
public:
    DeskApp(platform::Window& window, DeskSession& session, AppOptions options);
    ~DeskApp() override;
    DeskApp(const DeskApp&) = delete;
    DeskApp& operator=(const DeskApp&) = delete;

    // ui::App: applies what came back from the service, then draws.
    void update(platform::Input& in) override;
    void draw() override;
    std::uint32_t clear_colour() const override;
    int ms_until_deadline() const override;
    bool quit_requested() const override { return quit_; }
    const ui::WidgetRegistry& widgets() const override { return widgets_; }

    DeskSession& session() { return session_; }
    DeskModel& model() { return session_.model(); }
    Tab tab() const { return tab_; }
    void show(Tab t);
    VisitId selected() const { return selected_; }
    void select(VisitId id) { selected_ = id; }
    WalkInView& walk_in() { return walk_in_; }
    LinkScreen& link() { return link_; }

    // Named regions of the last complete frame.
    const ui::WidgetInfo* find(const std::string& name) const { return widgets_.find(name); }

    bool sound_available() const { return speech_ && speech_->available(); }
    bool sound_on() const { return sound_on_ && sound_available(); }
    std::uint64_t alerts_spoken() const { return spoken_; }

    // ---- for the views ----
    bool button(const std::string& name, const std::string& label, Style style = Style::Normal,
                float width = 0, bool enabled = true, bool chosen = false, float height = 0);
    // The last ImGui item, or a rectangle, as a named region.
    void note(const std::string& name, const std::string& label);
    void note_rect(const std::string& name, float x0, float y0, float x1, float y1, const std::string& label);
    std::string icon(const std::string& name) const;  // glyph, or "" without the icon table
    std::string with_icon(const std::string& icon_name, const std::string& words) const;
    float unit() const;                  // body text size in pixels
    ImFont* title_font() const;
    void text(ui::Rgb colour, const std::string& s);
    void wrapped(ui::Rgb colour, const std::string& s);
    void heading(const std::string& s);
    bool online() const { return model().connection().online(); }
    const DeskModel& model() const { return session_.model(); }
    std::string team_name(const std::string& team_id) const;
    // " · lunch", " · niet ingeroosterd" for a colleague who cannot take a visitor now.
    std::string unavailable_note(const std::string& staff_id) const;

private:
    void rebuild_fonts_if_needed();
    void apply_style();
    void draw_top_bar();
    void draw_banners();
    void draw_tabs();
    void draw_message();
    float message_height() const;
    void speak_alerts();

    platform::Window& window_;
    DeskSession& session_;
    AppOptions options_;
    ui::IconMap icons_;
    bool have_icons_ = false;
    ui::FontSet fonts_;
    float font_scale_ = 0;
    std::unique_ptr<platform::Speech> speech_;
    bool sound_on_ = true;
    std::uint64_t spoken_ = 0;
    bool quit_ = false;

    Tab tab_ = Tab::Board;
    VisitId selected_ = 0;
    std::vector<std::unique_ptr<ui::Screen>> tabs_;  // in tab_table()'s order
    VisitPanel visit_panel_;
    WalkInView walk_in_;
    LinkScreen link_;

    ui::WidgetRegistry widgets_;

    friend struct BoardView;
    VisitPanel& visit_panel() { return visit_panel_; }
};

// ImGui colour from 0xRRGGBB.
ImVec4 colour(ui::Rgb c, float alpha = 1.0f);
// The desk's list tables look alike: striped rows in the palette's colours
// and, with `scroll`, a header that stays while the rows scroll. When it
// returns true, end with end_list_table().
bool begin_list_table(const char* id, int columns, bool scroll = true);
void end_list_table();

}  // namespace gastvrij::desk
