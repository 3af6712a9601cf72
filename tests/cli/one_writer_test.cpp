// One program writes an SQLite data file at a time (bookworm's SQLite can
// damage a WAL file two connections write and checkpoint at once): the real
// `gastvrij serve` holds the file, and a second serve, a seed and the daily
// purge meet it as an office's admin would.
#include <gtest/gtest.h>

#include <csignal>
#include <httplib.h>

#include "cli_run.h"
#include "support/child_process.h"

namespace gastvrij {
namespace {

using cli_test::run;
using cli_test::TempDir;

class OneWriter : public ::testing::Test {
protected:
    void SetUp() override {
        serve_ = std::make_unique<test_support::ChildProcess>(std::vector<std::string>{
            GASTVRIJ_BINARY, "serve", "--config", cli_test::demo_config(), "--data", data_, "--port", "0", "--listen",
            "127.0.0.1"});
        port_ = serve_->find(R"(listening on https://127\.0\.0\.1:(\d+))");
        ASSERT_FALSE(port_.empty()) << serve_->output();
    }
    void TearDown() override {
        if (!serve_) return;
        serve_->signal(SIGTERM);
        EXPECT_EQ(serve_->wait(), 0) << serve_->output();
    }
    bool serve_answers() {
        httplib::Client http("https://127.0.0.1:" + port_);
        http.enable_server_certificate_verification(false);  // only "is it up" matters here
        return test_support::wait_until([&] { return bool(http.Get("/health")); }, std::chrono::seconds(20));
    }

    TempDir dir_;
    const std::string data_ = dir_.file("gastvrij.db");
    std::unique_ptr<test_support::ChildProcess> serve_;
    std::string port_;
};

TEST_F(OneWriter, ASecondServiceIsRefusedNamingTheFirstAndTheFirstKeepsAnswering) {
    ASSERT_TRUE(serve_answers());
    const auto second = run("serve --config '" + cli_test::demo_config() + "' --data '" + data_ +
                            "' --port 0 --listen 127.0.0.1");
    EXPECT_NE(second.status, 0);
    EXPECT_NE(second.err.find("gastvrij serve (process " + std::to_string(serve_->pid()) + ") already writes " + data_),
              std::string::npos)
        << second.err;
    EXPECT_NE(second.err.find("--server"), std::string::npos) << "says how several kiosks share a file: " << second.err;
    EXPECT_NE(second.err.find("PostgreSQL"), std::string::npos) << second.err;
    EXPECT_TRUE(serve_answers()) << "the first service stopped answering";
}

TEST_F(OneWriter, SeedIsRefusedWhileTheServiceWrites) {
    ASSERT_TRUE(serve_answers());
    const auto seeded = run("seed --config '" + cli_test::demo_config() + "' --data '" + data_ + "' --days 1");
    EXPECT_EQ(seeded.status, 1);
    EXPECT_NE(seeded.err.find("gastvrij serve (process "), std::string::npos) << seeded.err;
}

TEST_F(OneWriter, TheDailyPurgeLeavesTheFileToTheServiceThatErasesByItself) {
    ASSERT_TRUE(serve_answers());
    const auto purged = run("purge --config '" + cli_test::demo_config() + "' --data '" + data_ + "'");
    EXPECT_EQ(purged.status, 0) << "the timer must not fail every night while the service runs: " << purged.err;
    EXPECT_NE(purged.out.find("gastvrij serve writes this data file and erases"), std::string::npos) << purged.out;

    // Once the service has stopped, purge does the work itself.
    serve_->signal(SIGTERM);
    ASSERT_EQ(serve_->wait(), 0) << serve_->output();
    serve_.reset();
    const auto alone = run("purge --config '" + cli_test::demo_config() + "' --data '" + data_ + "'");
    EXPECT_EQ(alone.status, 0) << alone.err;
    EXPECT_NE(alone.out.find("erased 0 first names"), std::string::npos) << alone.out;
}

}  // namespace
}  // namespace gastvrij
