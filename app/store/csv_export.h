#pragma once
// CSV for the manager's own spreadsheets (RFC 4180: header row, CRLF, quoted
// fields). Times are local ISO ("2026-11-23T10:42:05") as read in the office.
// The visitor's first name is never exported: a file travels further than the
// kiosk and outlives the retention period.
#include <cstddef>
#include <ostream>
#include <string>

#include "domain/clock.h"
#include "domain/store.h"

namespace gastvrij {

// Each returns the number of data rows written (the header not counted).
// Visits that arrived in [from, to), oldest first.
std::size_t export_visits_csv(const Store& store, const Clock& clock, Timestamp from, Timestamp to, std::ostream& out);
// Survey answers whose hour lies in [from, to).
std::size_t export_surveys_csv(const Store& store, const Clock& clock, Timestamp from, Timestamp to, std::ostream& out);

// One field, quoted when it holds a comma, quote or line break. A leading
// = + - @ is neutralised with an apostrophe so a spreadsheet never runs a
// visitor's comment as a formula.
std::string csv_field(const std::string& value);

}  // namespace gastvrij
