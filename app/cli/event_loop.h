#pragma once
// The kiosk's and the companion's main loop. Event-driven: draw a few frames
// after anything happens (input, another thread waking the window), otherwise
// sleep in SDL_WaitEventTimeout until the app's next deadline (countdown,
// minute tick, promise). Idle costs ~0 % CPU.
#include <algorithm>

#include "platform/window.h"

namespace gastvrij {

// App: frame(), ms_until_deadline(), quit_requested() — KioskApp and DeskApp.
template <class App>
void run_event_loop(platform::Window& window, App& app) {
    int frames_to_draw = 3;
    while (!app.quit_requested()) {
        const int timeout = frames_to_draw > 0 ? 0 : app.ms_until_deadline();
        if (window.wait(timeout)) frames_to_draw = 3;
        else if (timeout > 0) frames_to_draw = std::max(frames_to_draw, 1);  // a deadline passed
        if (frames_to_draw > 0) {
            app.frame();
            --frames_to_draw;
        }
    }
}

}  // namespace gastvrij
