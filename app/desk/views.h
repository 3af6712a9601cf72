#pragma once
// The companion's tabs and panels, one file each; the tabs are listed in
// tabs.h and DeskApp owns Begin/End. Each holds only what the receptionist is
// in the middle of (a chosen topic, a typed name) — everything else is read
// from the model.
#include <string>

#include "domain/visit.h"
#include "ui/screen.h"

namespace gastvrij::desk {

class DeskApp;

// A tab of the companion: the shared screen shape with the app it draws on.
struct TabScreen : ui::Screen {
    explicit TabScreen(DeskApp& a) : app(a) {}
    DeskApp& app;
};

// The live board: who waits, for whom, how long, and how the promise stands.
struct BoardView final : TabScreen {
    using TabScreen::TabScreen;
    void draw() override;
};

// The actions for the chosen visit (right-hand panel of the board).
struct VisitPanel {
    VisitId for_visit = 0;         // what the fields below belong to
    std::string reassign_to;       // staff id; "" = the desk
    void draw(DeskApp& app, VisitId id);
};

// A walk-in entered at the desk (right-hand panel when no visit is chosen).
struct WalkInView {
    std::string topic;   // required
    std::string host;    // "" = as the topic routes
    std::string name;    // optional first name
    bool sending = false;
    void draw(DeskApp& app);
};

// Today's presence that routing uses.
struct PresenceScreen final : TabScreen {
    using TabScreen::TabScreen;
    void draw() override;
};

// Callback requests left at the kiosk: open, called without answer, done.
// Overdue ones red with words; "done" asks first, as it erases the number.
struct CallbackScreen final : TabScreen {
    using TabScreen::TabScreen;
    void on_enter() override;  // loads afresh: the kiosk's requests come with no event
    std::int64_t confirming = 0;  // the request "done" was tapped for
    void draw() override;
};

// Today's KPIs (or the last 7 / 30 days) as figures, charts drawn with
// ImGui's draw lists, and a table per topic and per team.
struct ReportScreen final : TabScreen {
    using TabScreen::TabScreen;
    void on_enter() override;  // loads afresh: figures are asked for, not pushed
    void draw() override;
};

// Notifications that could not be delivered, with "send again".
struct DeadLetterScreen final : TabScreen {
    using TabScreen::TabScreen;
    void on_enter() override;  // loads afresh: no event tells of new ones
    void draw() override;
};

// A pairing code and QR code for a colleague's phone (or another desk).
struct PairingScreen final : TabScreen {
    using TabScreen::TabScreen;
    void on_enter() override;  // loads afresh: nor of a newly paired device
    std::string staff;   // chosen colleague
    void draw() override;
};

// This desk has no (valid) token: type the code `gastvrij serve` printed.
struct LinkScreen {
    std::string code;
    bool sending = false;
    void draw(DeskApp& app);
};

}  // namespace gastvrij::desk
