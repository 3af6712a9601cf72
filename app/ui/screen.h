#pragma once
// A screen of the kiosk or a tab of the companion: a struct holding what the
// person is in the middle of, plus draw(). One file each; each app lists its
// screens in one table ({id, name, make}) that navigation, screenshots and
// the benchmark iterate. A screen keeps a reference to its app for the rest.
#include <string>

namespace gastvrij::ui {

class Screen {
public:
    virtual ~Screen() = default;
    virtual void on_enter() {}
    virtual void on_leave() {}
    virtual void draw() = 0;
    // What read-aloud says on this screen, in the current language ("" = nothing).
    virtual std::string speech() const { return {}; }
};

}  // namespace gastvrij::ui
