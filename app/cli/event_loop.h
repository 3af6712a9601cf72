#pragma once
// The kiosk's and the companion's main loop, the shape of Dear ImGui's
// example_sdl_sdlrenderer: events → new frame → UI → render → present. It is
// event-driven: after anything happens (input, another thread waking the
// window) it draws a few frames, otherwise it sleeps in SDL_WaitEventTimeout
// until the app's next deadline (countdown, minute tick, promise). Idle costs
// ~0 % CPU.
#include <algorithm>
#include <chrono>
#include <functional>

#include "platform/window.h"
#include "ui/app.h"

namespace gastvrij {

// A watchdog's "still alive" from the loop itself: a frozen frame (a hung
// draw, a present that never returns) stops it. `every` zero: none.
struct Heartbeat {
    std::chrono::milliseconds every{0};
    std::function<void()> beat;
};

// `reload` (may be empty) runs before each frame is built: the kiosk takes
// SIGHUP there, between frames, never in the middle of one.
inline void run_event_loop(platform::Window& window, ui::App& app, const std::function<void()>& reload = {},
                           const Heartbeat& heartbeat = {}) {
    using steady = std::chrono::steady_clock;
    // A few frames after each event: ImGui needs one to see a hover before a
    // press, and one more to settle what the press changed.
    constexpr int kFramesAfterEvent = 3;
    int frames_to_draw = kFramesAfterEvent;
    steady::time_point beat_due = steady::now();
    while (!app.quit_requested()) {
        // The heartbeat is due on its own schedule; it wakes the loop but
        // draws nothing, so an idle screen stays idle between beats.
        const bool beating = heartbeat.every.count() > 0;
        if (beating && steady::now() >= beat_due) {
            heartbeat.beat();
            beat_due = steady::now() + heartbeat.every;
        }
        // Idle: sleep until an event, the app's next deadline or the next beat.
        const int deadline = frames_to_draw > 0 ? 0 : app.ms_until_deadline();
        int timeout = deadline;
        if (beating && timeout != 0) {
            const auto to_beat = std::chrono::ceil<std::chrono::milliseconds>(beat_due - steady::now()).count();
            const int ms = int(std::max<long long>(1, to_beat));
            timeout = timeout < 0 ? ms : std::min(timeout, ms);
        }
        if (window.wait(timeout)) frames_to_draw = kFramesAfterEvent;
        else if (deadline > 0 && timeout == deadline) frames_to_draw = std::max(frames_to_draw, 1);  // a deadline passed
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
