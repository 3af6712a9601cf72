#pragma once
// The two engines a store test runs on: a SQLite file in the test's folder,
// and a fresh database on the suite's own PostgreSQL 15 server.
#include <gtest/gtest.h>

#include <string>

#include "support/pg_test_database.h"
#include "support/temp_dir.h"

namespace gastvrij::test_support {

enum class Engine { Sqlite, Postgresql };

inline std::string store_url_on(Engine e, const TempDir& dir) {
    return e == Engine::Sqlite ? dir.file("gastvrij.db") : fresh_pg_database();
}

inline std::string engine_name(const ::testing::TestParamInfo<Engine>& info) {
    return info.param == Engine::Sqlite ? "sqlite" : "postgresql";
}

inline auto both_engines() { return ::testing::Values(Engine::Sqlite, Engine::Postgresql); }

}  // namespace gastvrij::test_support
