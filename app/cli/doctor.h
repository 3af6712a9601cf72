#pragma once
// `gastvrij doctor`: checks an installation, one small function per check, each
// saying OK, WARN or FAIL with what is wrong and how to fix it. A new check is
// a function and a line in doctor_checks().
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"

namespace gastvrij::doctor {

enum class Verdict { Ok, Warn, Fail };

struct Finding {
    Verdict verdict = Verdict::Ok;
    std::string what;  // what was found
    std::string fix;   // how to fix it ("" when nothing to do)
};

// What every check may look at, gathered once.
struct Installation {
    std::string config_dir;
    std::string data;          // the data file
    std::string backups;       // the backup folder
    bool network = false;      // checks that connect to other machines
    LoadResult loaded;         // the configuration, as validate reads it
    bool kiosk_installed = false;  // gastvrij-kiosk beside this program: fonts and voices are needed
};

struct Check {
    const char* name;
    std::vector<Finding> (*run)(const Installation&);
};

const std::vector<Check>& doctor_checks();

// The font files the kiosk loads (ui::FontFiles' defaults; a test keeps them equal).
std::vector<std::string> kiosk_font_files();

}  // namespace gastvrij::doctor
