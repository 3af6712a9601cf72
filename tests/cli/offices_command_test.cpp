// `gastvrij report` on a store two offices share, as a corporation's manager
// runs it: one office's report, another's (--office), and all of them side by
// side (--all-offices), in JSON and CSV.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/cli_run.h"

namespace gastvrij {
namespace {

using cli_test::run;
using cli_test::TempDir;
namespace fs = std::filesystem;

// The demo office's configuration as office `id`, in a folder of its own.
std::string office_config(const TempDir& dir, const std::string& id) {
    const fs::path to = dir.file(id + "-config");
    fs::copy(cli_test::demo_config(), to, fs::copy_options::recursive);
    std::string toml = cli_test::slurp((to / "kiosk.toml").string());
    const auto replace = [&](const std::string& from, const std::string& with) {
        const auto at = toml.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        toml.replace(at, from.size(), with);
    };
    replace("# id = \"centrum\"", "id = \"" + id + "\"");
    replace("assets = \"../assets\"", "assets = \"" + std::string(GASTVRIJ_SOURCE_DIR) + "/assets\"");
    std::ofstream(to / "kiosk.toml") << toml;
    return to.string();
}

class OfficesReport : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        setenv("TZ", cli_test::kTimeZone, 1);
        tzset();
        dir_ = new TempDir;
        data_ = dir_->file("corporation.db");
        zuid_ = office_config(*dir_, "zuid");
        noord_ = office_config(*dir_, "noord");
        for (const auto& [config, seed] : {std::pair{zuid_, 3}, std::pair{noord_, 4}}) {
            const auto seeded = run("seed --data '" + data_ + "' --days 10 --until 2026-04-10 --visits-per-day 40 --seed " +
                                    std::to_string(seed) + " --config '" + config + "'");
            ASSERT_EQ(seeded.status, 0) << seeded.out << seeded.err;
        }
    }
    static void TearDownTestSuite() { delete dir_; }

    static nlohmann::json report_json(const std::string& config, const std::string& extra) {
        const auto r = run("report --data '" + data_ + "' --from 2026-04-01 --to 2026-04-10 --format json --config '" +
                           config + "' " + extra);
        EXPECT_EQ(r.status, 0) << r.err;
        return nlohmann::json::parse(r.out);
    }

    static TempDir* dir_;
    static std::string data_, zuid_, noord_;
};

TempDir* OfficesReport::dir_ = nullptr;
std::string OfficesReport::data_, OfficesReport::zuid_, OfficesReport::noord_;

TEST_F(OfficesReport, EachOfficeReportsItsOwnVisitorsAndAllOfficesAddUp) {
    const auto zuid = report_json(zuid_, "");
    const auto noord = report_json(noord_, "");
    const int z = zuid.at("overall").at("visits").get<int>(), n = noord.at("overall").at("visits").get<int>();
    EXPECT_GT(z, 0);
    EXPECT_GT(n, 0);
    EXPECT_NE(z, n);  // two different histories, not the same one twice

    // Another office's report, asked for by name from this office's configuration.
    EXPECT_EQ(report_json(zuid_, "--office noord").at("overall").at("visits").get<int>(), n);

    const auto all = report_json(zuid_, "--all-offices");
    EXPECT_EQ(all.at("overall").at("visits").get<int>(), z + n);
    EXPECT_EQ(all.at("overall").at("surveys").get<int>(),
              zuid.at("overall").at("surveys").get<int>() + noord.at("overall").at("surveys").get<int>());
    ASSERT_EQ(all.at("offices").size(), 2u);
    EXPECT_EQ(all.at("offices")[0].at("id"), "noord");
    EXPECT_EQ(all.at("offices")[0].at("visits").get<int>(), n);
    EXPECT_EQ(all.at("offices")[1].at("id"), "zuid");
    EXPECT_EQ(all.at("offices")[1].at("visits").get<int>(), z);
    int per_hour = 0;
    for (const auto& h : all.at("per_hour")) per_hour += h.get<int>();
    EXPECT_EQ(per_hour, z + n);
}

TEST_F(OfficesReport, CsvHasEachOfficesFiguresAsRowsOfTheirOwn) {
    const auto r = run("report --data '" + data_ + "' --from 2026-04-01 --to 2026-04-10 --format csv --all-offices "
                       "--config '" + zuid_ + "'");
    ASSERT_EQ(r.status, 0) << r.err;
    const int noord_visits = report_json(noord_, "").at("overall").at("visits").get<int>();
    EXPECT_NE(r.out.find("office,noord,,visits," + std::to_string(noord_visits) + "\r\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("office,zuid,,share_8_or_more,"), std::string::npos);

    const auto table = run("report --data '" + data_ + "' --from 2026-04-01 --to 2026-04-10 --all-offices --config '" +
                           zuid_ + "'");
    ASSERT_EQ(table.status, 0) << table.err;
    EXPECT_NE(table.out.find("All offices"), std::string::npos);
    EXPECT_NE(table.out.find("Per office"), std::string::npos);
    EXPECT_NE(table.out.find("  noord"), std::string::npos);
}

TEST_F(OfficesReport, AnOfficeTheStoreDoesNotHoldIsNamedWithTheOnesItDoes) {
    const auto r = run("report --data '" + data_ + "' --from 2026-04-01 --to 2026-04-10 --office west --config '" +
                       zuid_ + "'");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("no office 'west'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("noord, zuid"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());

    const auto both = run("report --data '" + data_ + "' --from 2026-04-01 --to 2026-04-10 --office noord "
                          "--all-offices --config '" + zuid_ + "'");
    EXPECT_NE(both.status, 0);
    EXPECT_NE(both.err.find("excludes"), std::string::npos) << both.err;
}

}  // namespace
}  // namespace gastvrij
