#pragma once
// A screen of the kiosk or the desk: one file each, listed in one place by its
// app. The base owns nothing but the shape ImHex's views taught us.
#include <string>

namespace gastvrij::ui {

class Ui;

class Screen {
public:
    virtual ~Screen() = default;
    virtual const char* id() const = 0;  // "welcome", "topic", … (file names, tests)
    virtual void on_enter() {}
    virtual void on_leave() {}
    virtual void draw(Ui& ui) = 0;
    // What read-aloud says on this screen, in the current language.
    virtual std::string speech() const = 0;
};

}  // namespace gastvrij::ui
