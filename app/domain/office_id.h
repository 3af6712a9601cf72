#pragma once
// Which office a visit, callback, survey answer, paired device or notice
// belongs to. Several offices' services may share one PostgreSQL database;
// each sees and acts on its own office only, and the reports can put the
// offices side by side. One SQLite file holds one office.
#include <string>

namespace gastvrij {

// The office of a kiosk.toml without `[office] id`: a single office needs no
// name for itself.
inline constexpr const char* kDefaultOffice = "main";
inline constexpr std::size_t kMaxOfficeIdLength = 40;

// An office id: 1–40 letters, digits, - and _ ("zuid", "wijkwinkel-noord"),
// so it is safe in a report's CSV, a log line and a URL.
bool valid_office_id(const std::string& id);

}  // namespace gastvrij
