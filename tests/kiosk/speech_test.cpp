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

// Waits (in real time) until speech has started and ended again.
bool wait_until_quiet(Kiosk& k, double max_s = 30) {
    const auto start = Clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
    while (!k.app->speaking() && elapsed() < 2) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    while (k.app->speaking() && elapsed() < max_s) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    // The disk driver goes on writing silence; let it flush what was said.
    std::this_thread::sleep_for(std::chrono::milliseconds(120));
    return !k.app->speaking();
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
        ASSERT_TRUE(wait_until_quiet(k)) << "still speaking after 30 s";
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

    // The speaker button, then a key: the speech stops at once.
    ASSERT_TRUE(k.taps({"nav/speak"}));
    ASSERT_TRUE(k.app->speaking());
    ASSERT_TRUE(k.taps({"keyboard/a"}));
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    EXPECT_FALSE(k.app->speaking()) << "still talking after the visitor typed";
    EXPECT_EQ(k.session().name, "A");

    // The speaker button is also its own stop button.
    ASSERT_TRUE(k.taps({"nav/speak"}));
    ASSERT_TRUE(k.app->speaking());
    EXPECT_EQ(k.label("nav/speak"), k.config().texts.text("tr", "nav.stop_speaking"));
    ASSERT_TRUE(k.taps({"nav/speak"}));
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    EXPECT_FALSE(k.app->speaking());
    k.driver->frames(1);
    EXPECT_EQ(k.label("nav/speak"), k.config().texts.text("tr", "nav.speak"));
}

}  // namespace
}  // namespace gastvrij
