#pragma once
// The kiosk's and the companion's main loop, the shape of Dear ImGui's
// example_sdl_sdlrenderer: events → new frame → UI → render → present. It is
// event-driven: after anything happens (input, another thread waking the
// window) it draws a few frames, otherwise it sleeps in SDL_WaitEventTimeout
// until the app's next deadline (countdown, minute tick, promise). Idle costs
// ~0 % CPU.
#include <algorithm>
#include <functional>

#include "platform/window.h"
#include "ui/app.h"

namespace gastvrij {

// `reload` (may be empty) runs before each frame is built: the kiosk takes
// SIGHUP there, between frames, never in the middle of one.
inline void run_event_loop(platform::Window& window, ui::App& app, const std::function<void()>& reload = {}) {
    // A few frames after each event: ImGui needs one to see a hover before a
    // press, and one more to settle what the press changed.
    constexpr int kFramesAfterEvent = 3;
    int frames_to_draw = kFramesAfterEvent;
    while (!app.quit_requested()) {
        // Idle: sleep until an event or the app's next deadline.
        const int timeout = frames_to_draw > 0 ? 0 : app.ms_until_deadline();
        if (window.wait(timeout)) frames_to_draw = kFramesAfterEvent;
        else if (timeout > 0) frames_to_draw = std::max(frames_to_draw, 1);  // a deadline passed
        if (frames_to_draw == 0) continue;
        --frames_to_draw;

        if (reload) reload();
        app.update(window.input());
        window.begin_frame();                       // ImGui::NewFrame
        app.draw();                                 // the UI
        window.end_frame(app.clear_colour());       // clear, ImGui::Render, draw lists, present
        window.clear_frame_input();
    }
}

}  // namespace gastvrij
