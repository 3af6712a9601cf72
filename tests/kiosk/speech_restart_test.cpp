// Read-aloud must be able to start again in the same process: the admin's
// "reload" and a second window (screenshots renders landscape, then portrait)
// each make a new kiosk with its own speech. Once the second Speech hung in
// espeak_ng_Terminate(); should that come back, this test hangs until ctest's
// time-out fails it — it is never skipped.
#include <gtest/gtest.h>

#include <cstdlib>

#include "platform/speech.h"

namespace gastvrij {
namespace {

TEST(SpeechRestart, SpeechStartsAndStopsTwiceInOneProcess) {
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    for (int i = 0; i < 2; ++i) {
        platform::Speech speech;
        EXPECT_TRUE(speech.available()) << "start " << i + 1 << ": " << speech.error();
    }
}

}  // namespace
}  // namespace gastvrij
