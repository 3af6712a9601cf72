// Read-aloud must be able to start again in the same process: the admin's
// "reload" and a second window (screenshots renders landscape, then portrait)
// each make a new kiosk with its own speech.
#include <gtest/gtest.h>

#include "kiosk/kiosk_fixture.h"

namespace gastvrij {
namespace {

TEST(SpeechRestart, SpeechStartsAndStopsTwiceInOneProcess) {
    // A child copy of this program starts and stops speech twice; it gets 10 s.
    EXPECT_FALSE(kiosk_test::second_speech_hangs()) << GASTVRIJ_SPEECH_BUG;
}

}  // namespace
}  // namespace gastvrij
