#pragma once
// The store a suite runs on. By default a SQLite file in the test's own
// folder; with GASTVRIJ_TEST_STORE=postgresql (ctest runs the service tests
// a second time so) a fresh database on the suite's PostgreSQL 15 server.
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "support/pg_test_database.h"
#include "support/temp_dir.h"

namespace gastvrij::test_support {

inline bool testing_on_postgresql() {
    const char* which = std::getenv("GASTVRIJ_TEST_STORE");
    if (!which || std::string(which).empty() || std::string(which) == "sqlite") return false;
    if (std::string(which) == "postgresql") return true;
    throw std::runtime_error("GASTVRIJ_TEST_STORE is \"" + std::string(which) + "\": write sqlite or postgresql");
}

// A --data address for a test's store, empty and its own.
inline std::string test_store_url(const TempDir& dir) {
    return testing_on_postgresql() ? fresh_pg_database() : dir.file("gastvrij.db");
}

}  // namespace gastvrij::test_support
