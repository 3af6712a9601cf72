#include "desk/tabs.h"

#include "desk/desk_model.h"

namespace gastvrij::desk {

const std::vector<TabEntry>& tab_table() {
#define GASTVRIJ_TAB_ROW(id, name, make, label, model, part) \
    {Tab::id, name, &make, [](const DeskModel& m) { return label(m.part()); }},
    static const std::vector<TabEntry> table = {GASTVRIJ_DESK_TABS(GASTVRIJ_TAB_ROW)};
#undef GASTVRIJ_TAB_ROW
    return table;
}

const char* to_string(Tab t) { return tab_table().at(std::size_t(t)).name; }

}  // namespace gastvrij::desk
