#pragma once
// The kiosk's screens, one file each. KioskApp lists them in one place.
#include <memory>

#include "ui/screen.h"

namespace gastvrij::kiosk {

class KioskApp;

std::unique_ptr<ui::Screen> make_welcome_screen(KioskApp& app);
std::unique_ptr<ui::Screen> make_topic_screen(KioskApp& app);
std::unique_ptr<ui::Screen> make_appointment_screen(KioskApp& app);
std::unique_ptr<ui::Screen> make_name_screen(KioskApp& app);
std::unique_ptr<ui::Screen> make_confirmation_screen(KioskApp& app);
std::unique_ptr<ui::Screen> make_unavailable_screen(KioskApp& app);
std::unique_ptr<ui::Screen> make_callback_screen(KioskApp& app);
std::unique_ptr<ui::Screen> make_callback_done_screen(KioskApp& app);
std::unique_ptr<ui::Screen> make_survey_who_screen(KioskApp& app);
std::unique_ptr<ui::Screen> make_survey_score_screen(KioskApp& app);
std::unique_ptr<ui::Screen> make_survey_one_go_screen(KioskApp& app);
std::unique_ptr<ui::Screen> make_survey_thanks_screen(KioskApp& app);
std::unique_ptr<ui::Screen> make_survey_comment_screen(KioskApp& app);
std::unique_ptr<ui::Screen> make_store_error_screen(KioskApp& app);
std::unique_ptr<ui::Screen> make_admin_screen(KioskApp& app);

}  // namespace gastvrij::kiosk
