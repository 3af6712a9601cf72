#include "platform/window.h"

#include <SDL.h>
#include <backends/imgui_impl_sdl.h>
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include <atomic>
#include <stdexcept>
#include <vector>

namespace gastvrij::platform {
namespace {

std::atomic<Uint32> g_wake_event{0};

// Draws ImGui's triangle lists with SDL_RenderGeometryRaw (SDL ≥ 2.0.18), the
// same approach as ImGui's SDL_Renderer backend, kept here in a few lines so
// the build needs nothing outside the installed packages.
void render_draw_data(SDL_Renderer* r, ImDrawData* d) {
    const int fb_w = int(d->DisplaySize.x * d->FramebufferScale.x);
    const int fb_h = int(d->DisplaySize.y * d->FramebufferScale.y);
    if (fb_w <= 0 || fb_h <= 0) return;
    SDL_RenderSetViewport(r, nullptr);
    const ImVec2 off = d->DisplayPos;
    for (int n = 0; n < d->CmdListsCount; ++n) {
        const ImDrawList* list = d->CmdLists[n];
        const ImDrawVert* vtx = list->VtxBuffer.Data;
        const ImDrawIdx* idx = list->IdxBuffer.Data;
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) {
                cmd.UserCallback(list, &cmd);
                continue;
            }
            ImVec2 cmin(cmd.ClipRect.x - off.x, cmd.ClipRect.y - off.y);
            ImVec2 cmax(cmd.ClipRect.z - off.x, cmd.ClipRect.w - off.y);
            if (cmin.x < 0) cmin.x = 0;
            if (cmin.y < 0) cmin.y = 0;
            if (cmax.x > fb_w) cmax.x = float(fb_w);
            if (cmax.y > fb_h) cmax.y = float(fb_h);
            if (cmax.x <= cmin.x || cmax.y <= cmin.y) continue;
            SDL_Rect clip{int(cmin.x), int(cmin.y), int(cmax.x - cmin.x), int(cmax.y - cmin.y)};
            SDL_RenderSetClipRect(r, &clip);
            const ImDrawVert* v = vtx + cmd.VtxOffset;
            SDL_RenderGeometryRaw(r, static_cast<SDL_Texture*>(cmd.GetTexID()),
                                  &v->pos.x, sizeof(ImDrawVert),
                                  reinterpret_cast<const SDL_Color*>(&v->col), sizeof(ImDrawVert),
                                  &v->uv.x, sizeof(ImDrawVert),
                                  int(list->VtxBuffer.Size - cmd.VtxOffset),
                                  idx + cmd.IdxOffset, int(cmd.ElemCount), sizeof(ImDrawIdx));
        }
    }
    SDL_RenderSetClipRect(r, nullptr);
}

}  // namespace

std::string video_driver() {
    const char* d = SDL_GetCurrentVideoDriver();
    return d ? d : "";
}

double now_ms() {
    static const Uint64 freq = SDL_GetPerformanceFrequency();
    return double(SDL_GetPerformanceCounter()) * 1000.0 / double(freq);
}

Window::Window(const WindowOptions& o) {
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "1");
    // SDL_QUIT then means only SIGTERM/SIGINT (SDL's signal handlers); closing
    // the window arrives as its own event, which the kiosk lock ignores.
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
        throw std::runtime_error(std::string("cannot start the display (SDL): ") + SDL_GetError() +
                                 " — is a display available? For headless use set SDL_VIDEODRIVER=offscreen");
    // A constructor that throws gets no destructor: what was made so far is
    // undone here, so a failed window (no GPU, no display) leaves SDL clean
    // for the next attempt.
    struct Undo {
        SDL_Window*& window;
        SDL_Renderer*& renderer;
        bool armed = true;
        ~Undo() {
            if (!armed) return;
            if (renderer) SDL_DestroyRenderer(renderer);
            if (window) SDL_DestroyWindow(window);
            renderer = nullptr, window = nullptr;
            SDL_Quit();
        }
    } undo{window_, renderer_};
    Uint32 ev = SDL_RegisterEvents(1);
    if (ev != Uint32(-1)) g_wake_event = ev;

    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    if (o.hidden) flags |= SDL_WINDOW_HIDDEN;
    if (o.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
    if (o.resizable) flags |= SDL_WINDOW_RESIZABLE;
    window_ = SDL_CreateWindow(o.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                               o.width, o.height, flags);
    if (!window_) throw std::runtime_error(std::string("cannot open a window: ") + SDL_GetError());
    // Accelerated where the machine has it; the software renderer is the
    // fallback, and what the offscreen driver (screenshots, tests) uses.
    renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_ACCELERATED);
    if (!renderer_) renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
    if (!renderer_) throw std::runtime_error(std::string("cannot create a renderer: ") + SDL_GetError());
    SDL_GetWindowSize(window_, &width_, &height_);
    if (o.hidden || width_ <= 0) width_ = o.width, height_ = o.height;

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing written next to the binary
    io.LogFilename = nullptr;
    ImGui_ImplSDL2_InitForSDLRenderer(window_);
    undo.armed = false;  // from here on the destructor takes care of it
}

Window::~Window() {
    if (font_texture_) SDL_DestroyTexture(static_cast<SDL_Texture*>(font_texture_));
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_Quit();
}

void Window::set_size(int w, int h) {
    SDL_SetWindowSize(window_, w, h);
    width_ = w;
    height_ = h;
}

void Window::wake() {
    Uint32 type = g_wake_event.load();
    if (!type) return;
    SDL_Event e{};
    e.type = type;
    SDL_PushEvent(&e);
}

bool Window::wait(int timeout_ms) {
    SDL_Event e;
    bool any = false;
    if (timeout_ms > 0 ? SDL_WaitEventTimeout(&e, timeout_ms) : SDL_PollEvent(&e)) {
        handle_event(&e);
        any = true;
    }
    while (SDL_PollEvent(&e)) {
        handle_event(&e);
        any = true;
    }
    return any;
}

// Widgets see a press on one frame and its release on a later one, so a quick
// tap whose down and up arrive together is split across two frames.
static void release(Pointer& ptr) {
    if (ptr.pressed) {
        ptr.release_pending = true;
        ptr.release_x = ptr.x, ptr.release_y = ptr.y;
        return;
    }
    ptr.down = false;
    ptr.released = true;
}

// A real SDL event, as a finger (normalised coordinates) or the left mouse
// button would send it.
static void push_touch(bool down, float x, float y, bool finger, int w, int h) {
    SDL_Event e{};
    if (finger) {
        e.type = down ? SDL_FINGERDOWN : SDL_FINGERUP;
        e.tfinger.x = x / float(w), e.tfinger.y = y / float(h);
        e.tfinger.touchId = 1, e.tfinger.fingerId = 1, e.tfinger.pressure = down ? 1 : 0;
    } else {
        e.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
        e.button.button = SDL_BUTTON_LEFT, e.button.state = down ? SDL_PRESSED : SDL_RELEASED, e.button.clicks = 1;
        e.button.x = int(x), e.button.y = int(y);
    }
    SDL_PushEvent(&e);
}

void Window::inject_press(float x, float y, bool finger) { push_touch(true, x, y, finger, width_, height_); }
void Window::inject_release(float x, float y, bool finger) { push_touch(false, x, y, finger, width_, height_); }

void Window::inject_motion(float x, float y, bool finger) {
    SDL_Event e{};
    if (finger) {
        e.type = SDL_FINGERMOTION;
        e.tfinger.x = x / float(width_), e.tfinger.y = y / float(height_);
        e.tfinger.touchId = 1, e.tfinger.fingerId = 1, e.tfinger.pressure = 1;
    } else {
        e.type = SDL_MOUSEMOTION;
        e.motion.x = int(x), e.motion.y = int(y), e.motion.state = SDL_BUTTON_LMASK;
    }
    SDL_PushEvent(&e);
}

void Window::handle_event(const void* p) {
    const SDL_Event& e = *static_cast<const SDL_Event*>(p);
    Pointer& ptr = input_.pointer;
    if (e.type == g_wake_event.load()) {
        input_.woken = true;
        return;
    }
    ImGui_ImplSDL2_ProcessEvent(&e);
    switch (e.type) {
    case SDL_QUIT: input_.terminate = input_.quit = true; break;
    case SDL_WINDOWEVENT:
        if (e.window.event == SDL_WINDOWEVENT_CLOSE) input_.quit = true;
        if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            width_ = e.window.data1;
            height_ = e.window.data2;
            input_.resized = true;
        }
        input_.woken = true;
        break;
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
        // Finger coordinates are normalised to the window.
        ptr.x = e.tfinger.x * float(width_);
        ptr.y = e.tfinger.y * float(height_);
        if (e.type == SDL_FINGERDOWN) {
            ptr.down = ptr.pressed = true;
            ptr.press_x = ptr.x, ptr.press_y = ptr.y;
        } else if (e.type == SDL_FINGERUP) {
            release(ptr);
        }
        input_.activity = true;
        break;
    }
    case SDL_MOUSEMOTION:
        if (e.motion.which == SDL_TOUCH_MOUSEID) break;  // already seen as a finger
        ptr.x = float(e.motion.x), ptr.y = float(e.motion.y);
        input_.activity = true;
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) break;
        ptr.x = float(e.button.x), ptr.y = float(e.button.y);
        if (e.type == SDL_MOUSEBUTTONDOWN) {
            ptr.down = ptr.pressed = true;
            ptr.press_x = ptr.x, ptr.press_y = ptr.y;
        } else {
            release(ptr);
        }
        input_.activity = true;
        break;
    case SDL_MOUSEWHEEL:
        ptr.wheel += float(e.wheel.y);
        input_.activity = true;
        break;
    case SDL_TEXTINPUT:
        input_.typed += e.text.text;
        input_.activity = true;
        break;
    case SDL_KEYDOWN:
        if (e.key.keysym.sym == SDLK_BACKSPACE) ++input_.key_backspace;
        if (e.key.keysym.sym == SDLK_RETURN || e.key.keysym.sym == SDLK_KP_ENTER) ++input_.key_enter;
        if (e.key.keysym.sym == SDLK_ESCAPE) ++input_.key_escape;
        input_.activity = true;
        break;
    default: break;
    }
}

void Window::begin_frame() {
    ImGui_ImplSDL2_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(width_), float(height_));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.MousePos = input_.pointer.x >= 0 ? ImVec2(input_.pointer.x, input_.pointer.y) : ImVec2(-FLT_MAX, -FLT_MAX);
    io.MouseDown[0] = input_.pointer.down || input_.pointer.pressed;
    ImGui::NewFrame();
}

void Window::clear_frame_input() {
    Pointer& p = input_.pointer;
    p.pressed = p.released = false;
    p.wheel = 0;
    input_.activity = input_.woken = input_.resized = false;
    if (p.release_pending) {  // deliver the held-back release on the next frame
        p.release_pending = false;
        p.down = false;
        p.released = true;
        p.x = p.release_x, p.y = p.release_y;
        input_.activity = true;
    }
    input_.typed.clear();
    input_.key_backspace = input_.key_enter = input_.key_escape = 0;
}

void Window::end_frame(std::uint32_t rgba, bool keep_pixels) {
    ImGui::Render();
    SDL_SetRenderDrawColor(renderer_, Uint8(rgba >> 24), Uint8(rgba >> 16), Uint8(rgba >> 8), Uint8(rgba));
    SDL_RenderClear(renderer_);
    render_draw_data(renderer_, ImGui::GetDrawData());
    if (keep_pixels) {
        last_frame_.resize(size_t(width_) * size_t(height_) * 4);
        if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_RGBA32, last_frame_.data(), width_ * 4) != 0)
            last_frame_.clear();
    }
    SDL_RenderPresent(renderer_);
}

void Window::upload_font_atlas() {
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    if (font_texture_) SDL_DestroyTexture(static_cast<SDL_Texture*>(font_texture_));
    font_texture_ = texture_from_rgba(pixels, w, h);
    io.Fonts->SetTexID(font_texture_);
    io.Fonts->ClearTexData();  // the GPU copy is enough; saves the RGBA copy in RAM
}

ImTextureID Window::texture_from_rgba(const unsigned char* rgba, int w, int h) {
    SDL_Texture* t = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, w, h);
    if (!t) return nullptr;
    SDL_UpdateTexture(t, nullptr, rgba, 4 * w);
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(t, SDL_ScaleModeLinear);
    return t;
}

ImTextureID Window::load_texture(const std::string& path, int* w, int* h, std::string* error) {
    int n = 0;
    unsigned char* data = stbi_load(path.c_str(), w, h, &n, 4);
    if (!data) {
        if (error) *error = path + ": " + (stbi_failure_reason() ? stbi_failure_reason() : "cannot read image");
        return nullptr;
    }
    ImTextureID t = texture_from_rgba(data, *w, *h);
    stbi_image_free(data);
    return t;
}

bool Window::capture_png(const std::string& path, std::string* error) const {
    if (last_frame_.size() != size_t(width_) * size_t(height_) * 4) {
        if (error) *error = "no frame was kept to capture";
        return false;
    }
    if (!stbi_write_png(path.c_str(), width_, height_, 4, last_frame_.data(), width_ * 4)) {
        if (error) *error = path + ": cannot write the PNG (does the folder exist and is it writable?)";
        return false;
    }
    return true;
}

}  // namespace gastvrij::platform
