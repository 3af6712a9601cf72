#pragma once
// Read-aloud for the kiosk (EN 301 549 5.1.3): espeak-ng synthesises offline in
// the visitor's language and SDL plays it. Speaking is asynchronous,
// interruptible (a new say() or stop() cuts the current sentence at once) and
// never blocks the UI thread.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace gastvrij::platform {

class Speech {
public:
    Speech();
    ~Speech();
    Speech(const Speech&) = delete;
    Speech& operator=(const Speech&) = delete;

    // False when espeak-ng or the audio device could not start; the kiosk then
    // hides the speaker buttons rather than offer something that stays silent.
    bool available() const { return available_; }
    const std::string& error() const { return error_; }

    // Speaks `text` with the voice for `language` ("nl", "en", "tr", "pl", "ar"),
    // replacing whatever is being said.
    void say(const std::string& text, const std::string& language);
    void stop();
    bool speaking() const;

    // Samples produced since start (tests check speech came out).
    std::int64_t samples_produced() const { return samples_; }
    int sample_rate() const { return rate_; }

private:
    void run();
    static int on_samples(short* wav, int n, void* events);

    bool available_ = false;
    std::string error_;
    int rate_ = 22050;
    std::uint32_t device_ = 0;
    std::atomic<std::int64_t> samples_{0};
    std::atomic<std::uint64_t> generation_{0};  // bumped to cut the current utterance
    std::atomic<bool> busy_{false};

    std::mutex mutex_;
    std::condition_variable cv_;
    bool quit_ = false;
    std::atomic<bool> pending_{false};  // said but not yet picked up: already "speaking"
    std::string text_, language_;
    std::thread worker_;
};

}  // namespace gastvrij::platform
