#pragma once
// The PostgreSQL schema as numbered steps, as for SQLite (migrations.h): the
// database remembers the last step applied in gastvrij_schema.version, and
// opening a store applies the missing steps in order, each with its version
// bump in one transaction, under an advisory lock so two services starting
// at once apply each step once.
#include <vector>

#include "store/migrations.h"
#include "store/pg_db.h"

namespace gastvrij::pg {

const std::vector<sqlite::Migration>& schema_migrations();
int latest_schema_version();

// The version the database is at; 0 for an empty database.
int schema_version(Connection& c);

// Brings the database to the latest version. Throws StoreError when it was
// written by a newer Gastvrij.
void migrate(Connection& c);

// As sqlite::open_office: enters `office` once, and the first office takes
// the rows from before offices existed.
void open_office(Connection& c, const std::string& office);

}  // namespace gastvrij::pg
