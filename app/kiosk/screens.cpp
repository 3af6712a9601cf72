#include "kiosk/screens.h"

namespace gastvrij::kiosk {

const std::vector<ScreenEntry>& screen_table() {
#define GASTVRIJ_SCREEN_ROW(id, name, make, ending) {ScreenId::id, name, &make, Ending::ending},
    static const std::vector<ScreenEntry> table = {GASTVRIJ_KIOSK_SCREENS(GASTVRIJ_SCREEN_ROW)};
#undef GASTVRIJ_SCREEN_ROW
    return table;
}

const ScreenEntry& screen_entry(ScreenId id) { return screen_table().at(std::size_t(id)); }

const char* to_string(ScreenId s) { return screen_entry(s).name; }

std::optional<ScreenId> screen_named(const std::string& name) {
    for (const ScreenEntry& e : screen_table())
        if (name == e.name) return e.id;
    return std::nullopt;
}

}  // namespace gastvrij::kiosk
