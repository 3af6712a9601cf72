#pragma once
// The office as the service described it: topics and colleagues, for the
// walk-in form, "send on to" and names in lists.
#include <string>

#include "client/client.h"

namespace gastvrij::desk {

class DirectoryModel {
public:
    void set(DirectoryView d) {
        view_ = std::move(d);
        loaded_ = true;
    }
    const DirectoryView& view() const { return view_; }
    bool loaded() const { return loaded_; }
    // "Fatma Yılmaz"; "Balie" for no one; the id itself when unknown.
    std::string staff_name(const std::string& id) const;

private:
    DirectoryView view_;
    bool loaded_ = false;
};

}  // namespace gastvrij::desk
