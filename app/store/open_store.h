#pragma once
// The one place a store is chosen from its address: `--data` and every tool
// that opens one go through here, so a second backend is added in one spot.
//
//   /var/lib/gastvrij/gastvrij.db, gastvrij.db, sqlite:/path/file.db,
//   sqlite:///path/file.db, :memory:   → SQLite
//   postgresql://…, postgres://…       → PostgreSQL (libpq's URI: host lists,
//                                        target_session_attrs=read-write, …)
//   any other scheme://…               → refused, naming the scheme
#include <memory>
#include <string>

#include "domain/devices.h"
#include "domain/office_id.h"
#include "domain/store.h"
#include "store/sqlite_store.h"

namespace gastvrij {

// True for a PostgreSQL address (postgresql:// or postgres://).
bool is_postgresql_url(const std::string& url);
// A PostgreSQL address with its password hidden, for messages and logs.
std::string pg_label(const std::string& url);
// How to name the store at `url` in messages and logs: the file, or the
// database address without its password.
std::string store_label(const std::string& url);
// Whether there is data at `url` for a command that only reads or erases
// (report, export, purge): a SQLite file must exist; a database server is
// asked when the store is opened.
bool store_exists(const std::string& url);

// The SQLite file an address names. Throws StoreError (Kind::Other) for an
// address of another kind: a PostgreSQL one (saying what to use instead) or
// an unknown scheme (naming it).
std::string sqlite_path_of(const std::string& url);

// How a program uses the store. Write (kiosk, serve, seed, purge): the
// office is entered in the store's list of offices, and the first office
// after the upgrade to offices takes the rows from before. Read (report,
// export, doctor, a benchmark's look): the list is left as it is.
enum class StoreUse { Write, Read };

// Opens (or creates) the store at `url` for `office` ([office] id) and
// brings its schema up to date.
std::unique_ptr<Store> open_store(const std::string& url, const std::string& office = kDefaultOffice,
                                  const SqliteOptions& options = {}, StoreUse use = StoreUse::Write);
// The office's paired devices, kept beside the store at the same address.
std::unique_ptr<DeviceStore> open_device_store(const std::string& url, const std::string& office = kDefaultOffice);

// The SQLite store behind `store`, for the bulk loaders of `seed` and the
// benchmarks; throws StoreError naming what needs SQLite when it is another kind.
SqliteStore& sqlite_backend(Store& store, const char* needed_by);

}  // namespace gastvrij
