#pragma once
// The companion's screens and panels, one file each; DeskApp lists them and
// owns Begin/End. Each holds only what the receptionist is in the middle of
// (a chosen topic, a typed name) — everything else is read from the model.
#include <string>

#include "domain/visit.h"

namespace gastvrij::desk {

class DeskApp;

// The live board: who waits, for whom, how long, and how the promise stands.
struct BoardView {
    void draw(DeskApp& app);
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
struct PresenceScreen {
    void draw(DeskApp& app);
};

// Callback requests left at the kiosk: open, called without answer, done.
// Overdue ones red with words; "done" asks first, as it erases the number.
struct CallbackScreen {
    std::int64_t confirming = 0;  // the request "done" was tapped for
    void draw(DeskApp& app);
};

// Today's KPIs (or the last 7 / 30 days) as figures, charts drawn with
// ImGui's draw lists, and a table per topic and per team.
struct ReportScreen {
    void draw(DeskApp& app);
};

// Notifications that could not be delivered, with "send again".
struct DeadLetterScreen {
    void draw(DeskApp& app);
};

// A pairing code and QR code for a colleague's phone (or another desk).
struct PairingScreen {
    std::string staff;   // chosen colleague
    void draw(DeskApp& app);
};

// This desk has no (valid) token: type the code `gastvrij serve` printed.
struct LinkScreen {
    std::string code;
    bool sending = false;
    void draw(DeskApp& app);
};

}  // namespace gastvrij::desk
