// The kiosk lock against the way a kiosk is stopped: closing the window (a
// window manager's close button or Alt+F4) must not end it, but systemd's
// SIGTERM must — otherwise `systemctl stop` waits and then kills it.
#include <SDL.h>
#include <csignal>

#include "kiosk_fixture.h"

namespace gastvrij::kiosk_test {
namespace {

TEST(KioskLock, ClosingTheWindowDoesNotEndTheKiosk) {
    NEW_KIOSK(k, KioskSetup{});
    SDL_Event close{};
    close.type = SDL_WINDOWEVENT;
    close.window.event = SDL_WINDOWEVENT_CLOSE;
    close.window.windowID = 1;
    ASSERT_EQ(SDL_PushEvent(&close), 1) << SDL_GetError();
    k.driver->frames(3);
    EXPECT_FALSE(k.app->quit_requested()) << "a visitor could close the kiosk from the window frame";
    EXPECT_EQ(k.screen(), "welcome");
}

TEST(KioskLock, SigtermEndsTheKioskCleanly) {
    NEW_KIOSK(k, KioskSetup{});
    ASSERT_TRUE(k.taps({"welcome/start"}));
    ASSERT_FALSE(k.app->quit_requested());
    // SDL's handler turns the signal into a quit event; without it this test
    // process would simply die here.
    ASSERT_EQ(std::raise(SIGTERM), 0);
    k.driver->frames(2);
    EXPECT_TRUE(k.app->quit_requested()) << "systemctl stop would wait for the kiosk and then kill it";
}

}  // namespace
}  // namespace gastvrij::kiosk_test
