#pragma once
// The kiosk's and the desk's window: SDL video, an SDL_Renderer, Dear ImGui's
// SDL platform backend and our own small renderer for ImGui's draw lists.
// This folder is the only place that includes SDL; callers see plain structs.
#include <cstdint>
#include <string>

#include <imgui.h>

struct SDL_Window;
struct SDL_Renderer;

namespace gastvrij::platform {

struct WindowOptions {
    std::string title = "Gastvrij";
    int width = 1920, height = 1080;
    bool fullscreen = true;    // kiosk: borderless fullscreen, no decorations
    bool resizable = false;    // desk: a normal resizable window
    bool hidden = false;       // headless rendering (screenshots, tests)
};

// Our own pointer state, fed from SDL mouse *and* finger events. ImGui 1.86's
// SDL backend has no touch handling and loses the mouse without keyboard focus
// (offscreen driver), so the kiosk owns the pointer (see TECH-NOTES).
struct Pointer {
    float x = -1, y = -1;       // last known position in window pixels
    bool down = false;          // held now
    bool pressed = false;       // went down since the previous frame
    bool released = false;      // went up since the previous frame
    float press_x = -1, press_y = -1;  // where the current/last press began
    float wheel = 0;            // mouse wheel steps since the previous frame (desk)
    bool release_pending = false;  // a release that came in the press's own batch
    float release_x = -1, release_y = -1;
};

struct Input {
    Pointer pointer;
    bool activity = false;      // any visitor input since the previous frame
    bool woken = false;         // another thread asked for a redraw
    bool quit = false;          // window closed (desk) — the kiosk ignores it
    bool terminate = false;     // SIGTERM/SIGINT (systemctl stop, Ctrl+C in a terminal): everyone stops
    bool resized = false;
    std::string typed;          // UTF-8 text from a physical keyboard (desk, admin)
    int key_backspace = 0, key_enter = 0, key_escape = 0;
};

class Window {
public:
    explicit Window(const WindowOptions& o);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    // Blocks until an event arrives or `timeout_ms` passes (0 = just poll).
    // Collects everything pending into input(). Returns true if anything came.
    bool wait(int timeout_ms);
    Input& input() { return input_; }

    void begin_frame();                  // ImGui::NewFrame with our pointer
    // Renders the draw data and presents it; with keep_pixels the frame is also
    // read back first (before present, where its content is defined) for
    // capture_png/read_pixels.
    void end_frame(std::uint32_t clear_rgba, bool keep_pixels = false);
    void clear_frame_input();            // forget this frame's edges (pressed/released)

    int width() const { return width_; }
    int height() const { return height_; }
    void set_size(int w, int h);         // for headless portrait/landscape renders

    // Uploads ImGui's font atlas (after the UI changed fonts).
    void upload_font_atlas();
    // Loads a PNG/JPEG into a texture; returns nullptr with a message in `error`.
    ImTextureID load_texture(const std::string& path, int* w, int* h, std::string* error);
    ImTextureID texture_from_rgba(const unsigned char* rgba, int w, int h);

    // Writes the last frame kept with end_frame(…, true) to a PNG file.
    bool capture_png(const std::string& path, std::string* error) const;
    // RGBA pixels of the last kept frame, for tests measuring what was drawn.
    const std::string& pixels() const { return last_frame_; }

    // Thread-safe: wakes the loop from another thread (service, outbox, speech).
    static void wake();

    // Scripted input for tests, screenshots and the benchmark: real SDL events
    // pushed into the queue, as a finger (normalised) or a mouse would send them.
    void inject_press(float x, float y, bool finger);
    void inject_release(float x, float y, bool finger);
    void inject_motion(float x, float y, bool finger);

private:
    void handle_event(const void* sdl_event);
    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    void* font_texture_ = nullptr;
    int width_ = 0, height_ = 0;
    Input input_;
    std::string last_frame_;
};

// The SDL video driver in use ("x11", "wayland", "offscreen", …).
std::string video_driver();
// Milliseconds since start, monotonic.
double now_ms();

}  // namespace gastvrij::platform
