#pragma once
// The companion's tabs, in the order they are shown. A new tab is its file
// (a TabScreen with draw(), see views.h) plus one row here: the enum, the
// make and label functions' declarations and the table that DeskApp and the
// screenshots iterate all come from it.
#include <memory>
#include <string>
#include <vector>

#include "ui/screen.h"

namespace gastvrij::desk {

class DeskApp;
class DeskModel;

// What a tab's button says; `urgent` makes it red (overdue callbacks).
struct TabLabel {
    std::string text;
    bool urgent = false;
};

// X(Id, "name" (widget "tab/<name>", file names), make function, label function)
#define GASTVRIJ_DESK_TABS(X)                                                \
    X(Board, "board", make_board_tab, board_tab_label)                       \
    X(Callbacks, "callbacks", make_callbacks_tab, callbacks_tab_label)       \
    X(Presence, "presence", make_presence_tab, presence_tab_label)           \
    X(Report, "report", make_report_tab, report_tab_label)                   \
    X(DeadLetters, "dead", make_dead_letters_tab, dead_letters_tab_label)    \
    X(Pairing, "pairing", make_pairing_tab, pairing_tab_label)

#define GASTVRIJ_TAB_ENUM(id, name, make, label) id,
enum class Tab { GASTVRIJ_DESK_TABS(GASTVRIJ_TAB_ENUM) };
#undef GASTVRIJ_TAB_ENUM

#define GASTVRIJ_TAB_FUNCTIONS(id, name, make, label) \
    std::unique_ptr<ui::Screen> make(DeskApp& app);   \
    TabLabel label(const DeskModel& model);
GASTVRIJ_DESK_TABS(GASTVRIJ_TAB_FUNCTIONS)
#undef GASTVRIJ_TAB_FUNCTIONS

struct TabEntry {
    Tab id;
    const char* name;
    std::unique_ptr<ui::Screen> (*make)(DeskApp&);
    TabLabel (*label)(const DeskModel&);
};

const std::vector<TabEntry>& tab_table();
const char* to_string(Tab t);

}  // namespace gastvrij::desk
