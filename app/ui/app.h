#pragma once
// What the main loop and the scripted driver need from the kiosk or the
// companion. The loop owns the frame (begin, draw, render, present, clear
// the input), as in Dear ImGui's SDL example; the app only updates its state
// from the input, draws its UI, and says its background colour and when it
// must draw again by itself.
#include <cstdint>

#include "platform/window.h"
#include "ui/widgets.h"

namespace gastvrij::ui {

class App {
public:
    virtual ~App() = default;
    // Before the frame: this frame's input, answers from other threads,
    // time-outs. Never draws.
    virtual void update(platform::Input& in) = 0;
    // Between ImGui's NewFrame and Render.
    virtual void draw() = 0;
    virtual std::uint32_t clear_colour() const = 0;  // 0xRRGGBBAA
    // Milliseconds until the screen must change by itself; the loop sleeps that long.
    virtual int ms_until_deadline() const = 0;
    virtual bool quit_requested() const = 0;
    virtual const WidgetRegistry& widgets() const = 0;
};

// One whole frame, for the scripted driver and the benchmark; the main loop
// spells the same steps out (cli/event_loop.h).
inline void draw_frame(platform::Window& window, App& app, bool keep_pixels = false) {
    app.update(window.input());
    window.begin_frame();
    app.draw();
    window.end_frame(app.clear_colour(), keep_pixels);
    window.clear_frame_input();
}

}  // namespace gastvrij::ui
