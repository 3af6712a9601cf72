#include "desk/directory_model.h"

namespace gastvrij::desk {

std::string DirectoryModel::staff_name(const std::string& id) const {
    if (id.empty()) return "Balie";
    for (const StaffView& s : view_.staff)
        if (s.id == id) return s.name;
    return id;
}

}  // namespace gastvrij::desk
