#pragma once
// The companion's tabs, in the order they are shown. A new tab is its file
// (a TabScreen with draw(), see views.h), its model when it keeps state of its
// own (desk_model.h) and one row here: the enum, the make and label functions'
// declarations and the table that DeskApp and the screenshots iterate all
// come from it. A label reads only its tab's model.
#include <memory>
#include <string>
#include <vector>

#include "ui/screen.h"

namespace gastvrij::desk {

class DeskApp;
class DeskModel;
class BoardModel;
class CallbacksModel;
class PresenceModel;
class ReportModel;
class DeadLettersModel;
class PairingModel;

// What a tab's button says; `urgent` makes it red (overdue callbacks).
struct TabLabel {
    std::string text;
    bool urgent = false;
};

// X(Id, "name" (widget "tab/<name>", file names), make function, label
//   function, the model the label reads and DeskModel's accessor for it)
#define GASTVRIJ_DESK_TABS(X)                                                                       \
    X(Board, "board", make_board_tab, board_tab_label, BoardModel, board)                           \
    X(Callbacks, "callbacks", make_callbacks_tab, callbacks_tab_label, CallbacksModel, callbacks)   \
    X(Presence, "presence", make_presence_tab, presence_tab_label, PresenceModel, presence)         \
    X(Report, "report", make_report_tab, report_tab_label, ReportModel, report)                     \
    X(DeadLetters, "dead", make_dead_letters_tab, dead_letters_tab_label, DeadLettersModel, dead_letters) \
    X(Pairing, "pairing", make_pairing_tab, pairing_tab_label, PairingModel, pairing)

#define GASTVRIJ_TAB_ENUM(id, name, make, label, model, part) id,
enum class Tab { GASTVRIJ_DESK_TABS(GASTVRIJ_TAB_ENUM) };
#undef GASTVRIJ_TAB_ENUM

#define GASTVRIJ_TAB_FUNCTIONS(id, name, make, label, model, part) \
    std::unique_ptr<ui::Screen> make(DeskApp& app);                \
    TabLabel label(const model& m);
GASTVRIJ_DESK_TABS(GASTVRIJ_TAB_FUNCTIONS)
#undef GASTVRIJ_TAB_FUNCTIONS

struct TabEntry {
    Tab id;
    const char* name;
    std::unique_ptr<ui::Screen> (*make)(DeskApp&);
    TabLabel (*label)(const DeskModel&);  // the label function, given its model
};

const std::vector<TabEntry>& tab_table();
const char* to_string(Tab t);

}  // namespace gastvrij::desk
