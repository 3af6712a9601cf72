#pragma once
// The scripted driver (ui::Driver) on the companion: clicks as a mouse does.
#include "desk/desk_app.h"
#include "ui/driver.h"

namespace gastvrij::desk {

class Driver : public ui::Driver {
public:
    Driver(platform::Window& w, DeskApp& app) : ui::Driver(w, app, ui::PointerKind::Mouse) {}
};

}  // namespace gastvrij::desk
