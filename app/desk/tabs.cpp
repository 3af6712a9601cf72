#include "desk/tabs.h"

namespace gastvrij::desk {

const std::vector<TabEntry>& tab_table() {
#define GASTVRIJ_TAB_ROW(id, name, make, label) {Tab::id, name, &make, &label},
    static const std::vector<TabEntry> table = {GASTVRIJ_DESK_TABS(GASTVRIJ_TAB_ROW)};
#undef GASTVRIJ_TAB_ROW
    return table;
}

const char* to_string(Tab t) { return tab_table().at(std::size_t(t)).name; }

}  // namespace gastvrij::desk
