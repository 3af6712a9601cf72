// Read-aloud as the loudspeaker would play it: SDL's disk audio driver writes
// every sample the kiosk plays to a file, so a test can check that each screen
// and each language produces real speech of a plausible length, that the
// time-out warning is spoken even when nobody asked for speech, and that speech
// stops at once when the visitor acts.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "kiosk/kiosk_fixture.h"

namespace gastvrij {
namespace {

using kiosk::ScreenId;
using kiosk_test::Kiosk;
using kiosk_test::KioskSetup;
using Clock = std::chrono::steady_clock;

constexpr int kRate = 22050;      // espeak-ng's rate; Speech opens the device with it, mono S16
constexpr int kVoiced = 800;      // |sample| above this is sound (about -32 dBFS)
// The disk driver writes one 1024-sample buffer every few ms instead of every
// 46 ms: playback runs about ten times faster than real time.
constexpr const char* kDiskDelayMs = "4";

std::size_t file_size(const std::string& f) {
    struct stat st {};
    return ::stat(f.c_str(), &st) == 0 ? std::size_t(st.st_size) : 0;
}

struct Heard {
    double voiced_s = 0;  // how much of it was sound
    double span_s = 0;    // first to last sound
    int peak = 0;
};

Heard analyse(const std::string& file, std::size_t from) {
    std::ifstream in(file, std::ios::binary);
    in.seekg(std::streamoff(from & ~std::size_t(1)));
    std::vector<char> raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Heard h;
    long first = -1, last = -1, voiced = 0;
    const long n = long(raw.size() / 2);
    for (long i = 0; i < n; ++i) {
        const int s = std::int16_t(std::uint16_t(std::uint8_t(raw[size_t(2 * i)])) |
                                   std::uint16_t(std::uint8_t(raw[size_t(2 * i + 1)]) << 8));
        if (std::abs(s) > kVoiced) {
            if (first < 0) first = i;
            last = i;
            ++voiced;
        }
        h.peak = std::max(h.peak, std::abs(s));
    }
    h.voiced_s = double(voiced) / kRate;
    h.span_s = first < 0 ? 0 : double(last - first) / kRate;
    return h;
}

// Polls `done` in real time until it holds or `max_s` has passed. The
// deadlines are generous: a loaded machine is slow, never wrong.
bool eventually(const std::function<bool()>& done, double max_s) {
    const auto deadline = Clock::now() + std::chrono::duration<double>(max_s);
    while (!done()) {
        if (Clock::now() > deadline) return done();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

// One device buffer of the disk driver: 1024 mono 16-bit samples.
constexpr std::size_t kBufferBytes = 1024 * 2;

// The disk driver writes through stdio and keeps writing silence after the
// speech: once the file has grown by a few buffers past this point, every
// sample played before it is in the file.
bool flushed_past(const std::string& file, std::size_t size_now, double max_s = 10) {
    return eventually([&] { return file_size(file) >= size_now + 4 * kBufferBytes; }, max_s);
}

// Waits until speech has come out of the loudspeaker (the speaker reports busy,
// or voiced samples reached the file) and ended again, then until the file
// holds all of it.
bool wait_until_quiet(Kiosk& k, const std::string& file, std::size_t from, double max_s = 60) {
    const bool started = eventually([&] { return k.app->speaking() || analyse(file, from).voiced_s > 0; }, 20);
    if (!started) return false;
    if (!eventually([&] { return !k.app->speaking(); }, max_s)) return false;
    return flushed_past(file, file_size(file));
}

std::size_t code_points(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

class SpeechOut : public ::testing::Test {
protected:
    void SetUp() override {
        audio_ = dir_.file("loudspeaker.raw");
        setenv("SDL_DISKAUDIOFILE", audio_.c_str(), 1);
        setenv("SDL_DISKAUDIODELAY", kDiskDelayMs, 1);
    }
    void TearDown() override {
        unsetenv("SDL_DISKAUDIOFILE");
        unsetenv("SDL_DISKAUDIODELAY");
    }
    // Plays what `trigger` starts and measures it against `text`.
    void expect_spoken(Kiosk& k, const std::string& what, const std::string& text, const std::function<void()>& trigger) {
        SCOPED_TRACE(what);
        const std::size_t from = file_size(audio_);
        trigger();
        ASSERT_TRUE(wait_until_quiet(k, audio_, from)) << "no speech started within 20 s, or it went on for over 60 s";
        const Heard h = analyse(audio_, from);
        const double chars = double(code_points(text));
        // espeak-ng at its default rate says 12–17 letters a second here (seen:
        // the topic screen's 185 letters took 12.4 s): a prompt cut short or
        // one that drags on both fall outside 6–25 letters a second.
        EXPECT_GT(h.peak, 4000) << "only near-silence came out";
        EXPECT_GT(h.voiced_s, 0.3) << "no speech: " << h.voiced_s << " s of sound";
        EXPECT_GE(h.span_s, chars / 25) << h.span_s << " s for " << chars << " letters: cut short? \"" << text << "\"";
        EXPECT_LE(h.span_s, chars / 6 + 1) << h.span_s << " s for " << chars << " letters: \"" << text << "\"";
        spoken_s_ += h.span_s;
    }

    kiosk_test::TempDir dir_;
    std::string audio_;
    double spoken_s_ = 0;
};

TEST_F(SpeechOut, EveryScreenInDutchAndEveryLanguageOnTheTopicScreen) {
    KioskSetup setup;
    setup.audio_driver = "disk";
    NEW_KIOSK(k, setup);
    ASSERT_TRUE(k.app->speech_available()) << "espeak-ng or the disk audio device did not start";
    const auto started = Clock::now();

    // The welcome screen's switch: read-aloud for the rest of the visit.
    expect_spoken(k, "welcome nl", k.app->screen(ScreenId::Welcome).speech(),
                  [&] { ASSERT_TRUE(k.taps({"settings/read_aloud"})); });
    EXPECT_TRUE(k.session().read_aloud);

    struct Case {
        std::string lang;
        ScreenId screen;
        std::function<void(Kiosk&)> enter;
    };
    auto via_topic = [](const char* topic) {
        return [topic](Kiosk& k) {
            k.app->go(ScreenId::Topic);
            k.app->choose_topic(topic);
        };
    };
    std::vector<Case> cases = {
        {"nl", ScreenId::Topic, [](Kiosk& k) { k.app->go(ScreenId::Topic); }},
        {"nl", ScreenId::Appointment, via_topic("appointment")},
        {"nl", ScreenId::Name, via_topic("repair")},
        {"nl", ScreenId::Confirmation, [&](Kiosk& k) {
             via_topic("repair")(k);
             k.session().name = "Zeynep";
             k.app->check_in();
         }},
        {"nl", ScreenId::Unavailable, [](Kiosk& k) {
             k.clock.set(kiosk_test::sunday_noon(k.clock));
             k.session().closed = true;
             k.app->go(ScreenId::Unavailable);
         }},
        {"nl", ScreenId::Callback, [](Kiosk& k) { k.app->go(ScreenId::Callback); }},
        {"nl", ScreenId::SurveyWho, [](Kiosk& k) { k.app->go(ScreenId::SurveyWho); }},
        {"nl", ScreenId::StoreError, [](Kiosk& k) { k.app->go(ScreenId::StoreError); }},
    };
    for (const std::string lang : {"en", "tr", "pl", "ar"}) cases.push_back({lang, ScreenId::Topic, [](Kiosk& k) { k.app->go(ScreenId::Topic); }});

    for (const Case& c : cases) {
        k.app->home();  // read-aloud off again: each screen is started by its own button
        k.clock.set(kiosk_test::monday_morning(k.clock));
        k.session().language = c.lang;
        c.enter(k);
        k.driver->frames(1);
        ASSERT_STREQ(k.screen().c_str(), kiosk::to_string(c.screen));
        EXPECT_FALSE(k.app->speaking()) << "spoke before the visitor asked";
        expect_spoken(k, c.lang + " " + k.screen(), k.app->screen(c.screen).speech(),
                      [&] { ASSERT_TRUE(k.taps({"nav/speak"})); });
    }
    k.app->home();
    const double took = std::chrono::duration<double>(Clock::now() - started).count();
    std::cout << "[ speech   ] " << spoken_s_ << " s of speech heard in " << took << " s\n";
}

TEST_F(SpeechOut, TheTimeOutWarningIsSpokenAndSpeechStopsWhenTheVisitorActs) {
    // Real-time playback (one 1024-sample buffer per 46 ms, SDL's own pace
    // for the disk driver): how much came out after a tap then means something.
    setenv("SDL_DISKAUDIODELAY", "46", 1);
    KioskSetup setup;
    setup.audio_driver = "disk";
    NEW_KIOSK(k, setup);
    ASSERT_TRUE(k.app->speech_available());
    ASSERT_TRUE(k.taps({"lang/tr", "welcome/start", "topic/repair"}));
    ASSERT_FALSE(k.session().read_aloud);

    // Nobody asked for speech, yet the warning is heard.
    const auto& kc = k.config().kiosk;
    const std::string warning = k.config().texts.say("tr", "timeout.question") + " " +
                                fill(k.config().texts.say("tr", "timeout.countdown"), {{"seconds", std::to_string(kc.warning_seconds)}});
    expect_spoken(k, "time-out warning", warning, [&] { k.wait_ms(kc.idle_seconds * 1000.0 + 500); });
    ASSERT_TRUE(k.app->timeout_shown());
    ASSERT_TRUE(k.taps({"timeout/more"}));

    // The name screen's prompt is several seconds of Turkish: cut off by the
    // visitor's next tap, only what was already in the loudspeaker's buffers
    // may still come out — never the rest of the sentence.
    const std::string prompt = k.app->screen(ScreenId::Name).speech();
    const double full_s = double(code_points(prompt)) / 25;  // the shortest it can last (see expect_spoken)
    auto speak_then_cut = [&](const std::string& what, const std::string& cut_by) {
        SCOPED_TRACE(what);
        const std::size_t from = file_size(audio_);
        ASSERT_TRUE(k.taps({"nav/speak"}));
        ASSERT_TRUE(eventually([&] { return k.app->speaking(); }, 20)) << "the speaker button started nothing";
        if (cut_by == "nav/speak") {
            k.driver->frames(1);
            EXPECT_EQ(k.label("nav/speak"), k.config().texts.text("tr", "nav.stop_speaking"))
                << "while speaking, the speaker button is its stop button";
        }
        const std::size_t at_cut = file_size(audio_);
        const auto tapped = Clock::now();
        ASSERT_TRUE(k.taps({cut_by}));
        ASSERT_TRUE(eventually([&] { return !k.app->speaking(); }, 10)) << "still talking 10 s after the visitor acted";
        const double acting_s = std::chrono::duration<double>(Clock::now() - tapped).count();
        ASSERT_TRUE(flushed_past(audio_, file_size(audio_)));
        const Heard all = analyse(audio_, from), after = analyse(audio_, at_cut);
        // Playing in real time, the loudspeaker may go on for as long as the
        // tap took to arrive plus its buffers (a few tenths of a second, the
        // file's stdio buffer included) — not for the rest of the prompt.
        EXPECT_LT(after.voiced_s, acting_s + 0.5) << after.voiced_s << " s of speech came out in the " << acting_s
                                                  << " s from the tap to silence";
        std::cout << "[ speech   ] " << what << ": " << after.voiced_s << " s heard in the " << acting_s << " s from tap to silence; "
                  << all.voiced_s << " s of a prompt of at least " << full_s << " s\n";
        EXPECT_LT(all.voiced_s + 1.0, full_s) << "the prompt was not cut short: " << all.voiced_s << " s of at least " << full_s;
    };
    speak_then_cut("a key", "keyboard/a");
    EXPECT_EQ(k.session().name, "A");
    speak_then_cut("the speaker button again", "nav/speak");
    k.driver->frames(1);
    EXPECT_EQ(k.label("nav/speak"), k.config().texts.text("tr", "nav.speak"));
}

}  // namespace
}  // namespace gastvrij
