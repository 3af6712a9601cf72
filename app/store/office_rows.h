#pragma once
// What both backends share about offices (schema: SQLite step 10, PostgreSQL
// step 3). Rows written before offices existed have office ''; the first
// office to open the store after the upgrade takes them, since until then the
// store held one office only. Later offices start empty.
#include <string>

namespace gastvrij::office_rows {

// The tables whose rows carry their office.
inline constexpr const char* kTables[] = {"visits",  "callbacks", "surveys",       "outbox",
                                          "devices", "presence",  "pairing_codes"};

// Throws StoreError (Kind::Other) saying how an office id is written.
void require_valid(const std::string& office);

}  // namespace gastvrij::office_rows
