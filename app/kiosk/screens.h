#pragma once
// The kiosk's screens, one file each, in one table. A new screen is its file
// plus one row here: the enum, the make function's declaration and the table
// that navigation, the screenshots and the benchmark iterate all come from it.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ui/screen.h"

namespace gastvrij::kiosk {

class KioskApp;

// How a screen ends a visit, which the navigation bar and the time-out follow.
enum class Ending {
    Waits,        // the visitor acts; the time-out warns first
    ReturnsHome,  // the journey is over: back to the welcome by itself, no "talk to someone"
    SentToDesk,   // the visitor was told to go to the desk: no "talk to someone"
};

// X(Id, "name" (file names, tests, the driver), make function, Ending)
#define GASTVRIJ_KIOSK_SCREENS(X)                                                \
    X(Welcome, "welcome", make_welcome_screen, Waits)                            \
    X(Topic, "topic", make_topic_screen, Waits)                                  \
    X(Appointment, "appointment", make_appointment_screen, Waits)                \
    X(Name, "name", make_name_screen, Waits)                                     \
    X(Waiting, "waiting", make_waiting_screen, Waits)                            \
    X(Confirmation, "confirmation", make_confirmation_screen, ReturnsHome)       \
    X(Unavailable, "unavailable", make_unavailable_screen, Waits)                \
    X(Callback, "callback", make_callback_screen, Waits)                         \
    X(CallbackDone, "callback_done", make_callback_done_screen, ReturnsHome)     \
    X(SurveyWho, "survey_who", make_survey_who_screen, Waits)                    \
    X(SurveyScore, "survey_score", make_survey_score_screen, Waits)              \
    X(SurveyOneGo, "survey_one_go", make_survey_one_go_screen, Waits)            \
    X(SurveyThanks, "survey_thanks", make_survey_thanks_screen, ReturnsHome)     \
    X(SurveyComment, "survey_comment", make_survey_comment_screen, Waits)        \
    X(StoreError, "store_error", make_store_error_screen, SentToDesk)            \
    X(Admin, "admin", make_admin_screen, Waits)                                  \
    X(Dark, "dark", make_dark_screen, Waits)

#define GASTVRIJ_SCREEN_ENUM(id, name, make, ending) id,
enum class ScreenId { GASTVRIJ_KIOSK_SCREENS(GASTVRIJ_SCREEN_ENUM) };
#undef GASTVRIJ_SCREEN_ENUM

#define GASTVRIJ_SCREEN_MAKE(id, name, make, ending) std::unique_ptr<ui::Screen> make(KioskApp& app);
GASTVRIJ_KIOSK_SCREENS(GASTVRIJ_SCREEN_MAKE)
#undef GASTVRIJ_SCREEN_MAKE

struct ScreenEntry {
    ScreenId id;
    const char* name;
    std::unique_ptr<ui::Screen> (*make)(KioskApp&);
    Ending ending;
};

// Every screen, in the order above.
const std::vector<ScreenEntry>& screen_table();
const ScreenEntry& screen_entry(ScreenId id);
const char* to_string(ScreenId s);
std::optional<ScreenId> screen_named(const std::string& name);

}  // namespace gastvrij::kiosk
