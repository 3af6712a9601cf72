#pragma once
// The schema as an ordered list of numbered steps. The database remembers the
// last step applied in PRAGMA user_version; opening a store applies the missing
// steps in order, each step together with its version bump in one transaction,
// so a crash mid-migration leaves the previous version intact.
#include <string>
#include <vector>

#include "store/sqlite_db.h"

namespace gastvrij::sqlite {

struct Migration {
    int version;          // 1, 2, 3, … without gaps
    const char* summary;  // what the step adds, for messages
    const char* sql;
};

const std::vector<Migration>& schema_migrations();
int latest_schema_version();

// The version a list of steps ends at; throws std::logic_error when the steps
// are not numbered 1, 2, 3, … in order (a programming mistake).
int last_version_of(const std::vector<Migration>& steps);

// Brings `db` to the latest version. Throws StoreError when the file was
// written by a newer Gastvrij (its schema is unknown to this program).
void migrate(Database& db);

// Readies the process's writing connection to a file once, whichever store
// opens it first: WAL (the desk reads while the kiosk writes), synchronous=FULL
// (a confirmed check-in survives a power cut), foreign keys, secure_delete
// (erased names and numbers are overwritten, not left in free space), and the
// schema brought up to date. The caller holds w.mutex.
void prepare(Writer& w);

// Enters `office` in the store's list of offices, once; the first office to
// open it also takes the rows from before offices existed (office_rows.h).
// The caller holds the writer's mutex.
void open_office(Database& db, const std::string& office);

// Applies one step and its version bump in a single transaction; does nothing
// when the database is already at or past that step (another process won).
void apply_migration(Database& db, const Migration& m);

}  // namespace gastvrij::sqlite
