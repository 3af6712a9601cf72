// Every command opens its store through open_store(): a path or a sqlite:
// address opens SQLite; any other scheme is refused, naming it.
#include <gtest/gtest.h>

#include <filesystem>

#include "store/open_store.h"
#include "store/store_fixture.h"

namespace gastvrij {
namespace {

using store_test::TempDir;

TEST(OpenStore, APathAndASqliteAddressOpenTheSameFile) {
    TempDir dir;
    const std::string file = dir.file("gastvrij.db");
    open_store(file)->set_presence("2026-11-23", "1042", Presence::Lunch);
    EXPECT_EQ(open_store("sqlite:" + file)->presence("2026-11-23").at("1042"), Presence::Lunch);
    EXPECT_EQ(open_store("sqlite://" + file)->presence("2026-11-23").at("1042"), Presence::Lunch);
    EXPECT_EQ(sqlite_path_of("sqlite:///var/lib/gastvrij/gastvrij.db"), "/var/lib/gastvrij/gastvrij.db");
    EXPECT_EQ(sqlite_path_of("data/gastvrij.db"), "data/gastvrij.db");
}

TEST(OpenStore, AnotherSchemeIsRefusedByNameAndNothingIsCreated) {
    TempDir dir;
    const std::filesystem::path cwd = std::filesystem::current_path();
    std::filesystem::current_path(dir.path());
    try {
        open_store("mysql://db.example/gastvrij");
        ADD_FAILURE() << "a mysql:// address was opened";
    } catch (const StoreError& e) {
        const std::string why = e.what();
        EXPECT_NE(why.find("\"mysql://\" is not supported"), std::string::npos) << why;
        EXPECT_NE(why.find("sqlite:"), std::string::npos) << "says what works instead: " << why;
        EXPECT_NE(why.find("postgresql://"), std::string::npos) << "says what works instead: " << why;
    }
    EXPECT_THROW(open_device_store("mysql://x/y"), StoreError);
    EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << "no file named after the address";
    std::filesystem::current_path(cwd);
}

TEST(OpenStore, APostgresqlServerThatIsNotThereIsNamedWithoutItsPassword) {
    TempDir dir;
    const std::filesystem::path cwd = std::filesystem::current_path();
    std::filesystem::current_path(dir.path());
    // Port 1 on loopback refuses at once: nothing listens there.
    for (const std::string url : {"postgresql://gastvrij:s3cret@127.0.0.1:1/gastvrij",
                                  "postgres://127.0.0.1:1/gastvrij?password=s3cret&connect_timeout=2"}) {
        try {
            open_store(url);
            ADD_FAILURE() << "opened " << url;
        } catch (const StoreError& e) {
            const std::string why = e.what();
            EXPECT_EQ(e.kind, StoreError::Kind::Io) << why;
            EXPECT_NE(why.find("cannot connect to the PostgreSQL server"), std::string::npos) << why;
            EXPECT_NE(why.find("127.0.0.1:1"), std::string::npos) << "names the server: " << why;
            EXPECT_EQ(why.find("s3cret"), std::string::npos) << "never shows the password: " << why;
        }
        EXPECT_THROW(open_device_store(url), StoreError);
    }
    EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << "no file named after the address";
    std::filesystem::current_path(cwd);
}

}  // namespace
}  // namespace gastvrij
