#include "store/open_store.h"

#include <filesystem>

#include "store/pg_db.h"
#include "store/pg_devices.h"
#include "store/pg_store.h"
#include "store/sqlite_devices.h"

namespace gastvrij {

bool is_postgresql_url(const std::string& url) {
    return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

std::string pg_label(const std::string& url) { return pg::redacted(url); }

std::string store_label(const std::string& url) {
    if (is_postgresql_url(url)) return pg::redacted(url);
    try {
        return sqlite_path_of(url);
    } catch (const StoreError&) {
        return url;
    }
}

bool store_exists(const std::string& url) {
    if (is_postgresql_url(url)) return true;
    std::error_code ec;
    try {
        const std::string path = sqlite_path_of(url);
        return path == ":memory:" || std::filesystem::exists(path, ec);
    } catch (const StoreError&) {
        return true;  // an unknown scheme: opening it says why not
    }
}

std::string sqlite_path_of(const std::string& url) {
    if (is_postgresql_url(url)) {
        throw StoreError(StoreError::Kind::Other,
                         pg::redacted(url) +
                             " is a PostgreSQL database: this works on a SQLite data file only — for PostgreSQL use "
                             "the database server's own tools (pg_dump, pg_restore)");
    }
    constexpr std::string_view kSqlite = "sqlite:";
    if (url.rfind(kSqlite, 0) == 0) {
        std::string rest = url.substr(kSqlite.size());
        // sqlite:///var/lib/x.db is sqlite:/var/lib/x.db with an empty host.
        if (rest.rfind("//", 0) == 0) rest.erase(0, 2);
        if (rest.empty())
            throw StoreError(StoreError::Kind::Other, "\"" + url + "\" names no file — write sqlite:/path/to/gastvrij.db");
        return rest;
    }
    const auto scheme_end = url.find("://");
    if (scheme_end != std::string::npos && scheme_end > 0) {
        const std::string scheme = url.substr(0, scheme_end);
        throw StoreError(StoreError::Kind::Other,
                         "store \"" + scheme + "://\" is not supported (in \"" + url +
                             "\") — give a SQLite file path, sqlite:/path/to/gastvrij.db or "
                             "postgresql://user@host/database");
    }
    return url;
}

std::unique_ptr<Store> open_store(const std::string& url, const std::string& office, const SqliteOptions& options,
                                  StoreUse use) {
    const bool enter = use == StoreUse::Write;
    if (is_postgresql_url(url)) return std::make_unique<PgStore>(url, office, enter);
    return std::make_unique<SqliteStore>(sqlite_path_of(url), options, office, enter);
}

std::unique_ptr<DeviceStore> open_device_store(const std::string& url, const std::string& office) {
    if (is_postgresql_url(url)) return std::make_unique<PgDeviceStore>(url, office);
    return std::make_unique<SqliteDeviceStore>(sqlite_path_of(url), 3000, office);
}

SqliteStore& sqlite_backend(Store& store, const char* needed_by) {
    if (auto* s = dynamic_cast<SqliteStore*>(&store)) return *s;
    throw StoreError(StoreError::Kind::Other, std::string(needed_by) + " needs a SQLite store");
}

}  // namespace gastvrij
