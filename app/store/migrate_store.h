#pragma once
// Moving an office from its SQLite file onto the corporation's PostgreSQL
// database: everything the file holds, in one transaction, with the same ids
// (so desks' Last-Event-ID and phones' survey links stay valid).
#include <cstdint>
#include <string>
#include <vector>

#include "domain/office_id.h"

namespace gastvrij {

struct MigratedTable {
    std::string name;
    std::int64_t rows = 0;
};

struct MigrateResult {
    std::vector<MigratedTable> tables;  // in the order they were copied
    double seconds = 0;
};

// Copies the SQLite store at `from` (a file, brought to the latest schema
// first) into the PostgreSQL database at `to` (its schema made if missing).
// Refuses a target that holds visits, devices or anything else already; on
// any failure nothing is kept in the target. After the copy the row counts
// of both sides are compared. `office` names the office the file is: its rows
// from before offices existed are filed under it, and a file of one office
// named otherwise moves in under it; "" keeps the file's own names. Throws
// StoreError saying what and what to do.
MigrateResult migrate_store(const std::string& from, const std::string& to, const std::string& office = "");

}  // namespace gastvrij
