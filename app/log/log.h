#pragma once
// One place where the programs write their log lines to stderr. Under systemd
// (stderr connected to the journal, JOURNAL_STREAM) each line starts with its
// sd-daemon priority prefix ("<3>" error … "<7>" debug), so `journalctl -p
// warning` finds the warnings; on a terminal the lines are plain. Each line is
// one write(2), so lines of different threads never interleave.
#include <string_view>

namespace gastvrij::log {

// The syslog priorities sd-daemon.h spells SD_ERR … SD_DEBUG.
enum class Level { Error = 3, Warning = 4, Notice = 5, Info = 6, Debug = 7 };

void line(Level level, std::string_view text);
// printf-style, for the places that format numbers and C strings.
void format(Level level, const char* fmt, ...) __attribute__((format(printf, 2, 3)));

inline void error(std::string_view text) { line(Level::Error, text); }
inline void warning(std::string_view text) { line(Level::Warning, text); }
inline void info(std::string_view text) { line(Level::Info, text); }

// True when stderr is the journal stream systemd set up for this process.
bool to_journal();

}  // namespace gastvrij::log
