#include "platform/speech.h"

#include <SDL.h>
#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <atomic>
#include <vector>

namespace gastvrij::platform {
namespace {
// espeak-ng has one global synthesiser; its callback finds us through this.
std::atomic<Speech*> g_speech{nullptr};
std::uint64_t g_utterance = 0;

// Started once per process and never terminated: espeak_ng_Terminate() hangs
// when a second instance is torn down (screenshots and tests make several).
bool start_espeak_once(int* rate) {
    static int sample_rate = [] {
        espeak_ng_InitializePath(nullptr);
        espeak_ng_ERROR_CONTEXT ctx = nullptr;
        if (espeak_ng_Initialize(&ctx) != ENS_OK ||
            espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nullptr) != ENS_OK) {
            espeak_ng_ClearErrorContext(&ctx);
            return 0;
        }
        return espeak_ng_GetSampleRate();
    }();
    *rate = sample_rate;
    return sample_rate > 0;
}
}  // namespace

Speech::Speech() {
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        error_ = std::string("no audio: ") + SDL_GetError();
        return;
    }
    if (!start_espeak_once(&rate_)) {
        error_ = "espeak-ng could not start (is espeak-ng-data installed?)";
        return;
    }
    g_speech = this;
    espeak_SetSynthCallback(reinterpret_cast<t_espeak_callback*>(&Speech::on_samples));

    SDL_AudioSpec want{}, have{};
    want.freq = rate_;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
    if (!device_) {
        error_ = std::string("no audio device: ") + SDL_GetError();
        return;
    }
    SDL_PauseAudioDevice(device_, 0);
    available_ = true;
    worker_ = std::thread([this] { run(); });
}

Speech::~Speech() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        quit_ = true;
    }
    ++generation_;
    cv_.notify_all();
    if (worker_.joinable()) worker_.join();
    if (device_) SDL_CloseAudioDevice(device_);
    Speech* self = this;
    g_speech.compare_exchange_strong(self, nullptr);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void Speech::say(const std::string& text, const std::string& language) {
    if (!available_) return;
    // Isolates around names (U+2066–U+2069, UTF-8 E2 81 A6–A9) are for the
    // eye; the voice must not stumble on them.
    std::string spoken;
    spoken.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i + 2 < text.size() && text[i] == '\xE2' && text[i + 1] == '\x81' &&
            static_cast<unsigned char>(text[i + 2]) >= 0xA6 && static_cast<unsigned char>(text[i + 2]) <= 0xA9) {
            i += 2;
            continue;
        }
        spoken += text[i];
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        text_ = std::move(spoken);
        language_ = language;
        pending_ = true;
        ++generation_;  // under the lock, so the worker never speaks a stale generation
    }
    SDL_ClearQueuedAudio(device_);
    cv_.notify_all();
}

void Speech::stop() {
    if (!available_) return;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        pending_ = false;
        ++generation_;
    }
    SDL_ClearQueuedAudio(device_);
}

bool Speech::speaking() const {
    // Counting text not yet picked up keeps the speaker button from showing
    // "speak" for a frame right after the visitor asked for speech.
    return available_ && (pending_ || busy_ || SDL_GetQueuedAudioSize(device_) > 0);
}

int Speech::on_samples(short* wav, int n, void*) {
    Speech* self = g_speech;
    if (!self || self->generation_ != g_utterance) return 1;  // cut: abort synthesis
    if (wav && n > 0) {
        SDL_QueueAudio(self->device_, wav, Uint32(n) * sizeof(short));
        self->samples_ += n;
    }
    return 0;
}

void Speech::run() {
    for (;;) {
        std::string text, lang;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            cv_.wait(lock, [&] { return quit_ || pending_; });
            if (quit_) return;
            text.swap(text_);
            lang.swap(language_);
            busy_ = true;  // before pending_ clears, so speaking() has no gap
            pending_ = false;
            g_utterance = generation_;
        }
        espeak_ng_SetVoiceByName(lang.c_str());
        espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, nullptr);
        busy_ = false;
    }
}

}  // namespace gastvrij::platform
