// `gastvrij kiosk --server` as real processes, as an office sets it up: `gastvrij
// serve --pair-kiosk` prints a link, the kiosk on the other machine is started
// with it, keeps its token in a 0600 file, shows up among the service's
// devices, starts again with the same link, and ends cleanly on SIGTERM. A
// used link, a withdrawn pairing and a missing one are refused in words that
// say what to do, with the exit status systemd does not restart on.
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "service_fixture.h"
#include "support/child_process.h"
#include "store/sqlite_devices.h"
#include "store/sqlite_store.h"

namespace gastvrij::service_test {
namespace {

using test_support::ChildProcess;

std::string demo_config() { return GASTVRIJ_SOURCE_DIR "/kiosk-config"; }

std::vector<std::string> kiosk_args(const std::string& server, const std::string& token_file) {
    return {GASTVRIJ_BINARY, "kiosk", "--config", demo_config(), "--server", server, "--windowed", "--size", "800x600",
            "--token-file", token_file};
}

class RemoteKioskProcess : public ::testing::Test {
protected:
    void SetUp() override {
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        setenv("SDL_AUDIODRIVER", "dummy", 1);
    }
    TempDir dir;
};

TEST_F(RemoteKioskProcess, PairsWithTheLinkServePrintsKeepsTheTokenAndStopsOnSigterm) {
    const std::string data = dir.file("office.db");
    ChildProcess serve({GASTVRIJ_BINARY, "serve", "--config", demo_config(), "--data", data, "--port", "0", "--listen",
                        "127.0.0.1", "--pair-kiosk"});
    const std::string printed = serve.find("Pair a kiosk: gastvrij kiosk --server '([^']+)'");
    const std::string local = serve.find("listening on (https://[0-9.:]+)");
    ASSERT_FALSE(printed.empty() || local.empty()) << serve.output();
    const auto parts = parse_pairing_link(printed);
    ASSERT_TRUE(parts) << printed;
    // The printed link leads to the office's public address; this machine
    // reaches the same service on its loopback address.
    ASSERT_EQ(parts->fingerprint.size(), 64u) << printed;
    const std::string link = pairing_link(local, DeviceKind::Kiosk, parts->code, parts->fingerprint);
    ASSERT_NE(link.find("/kiosk#pair="), std::string::npos) << link;

    const std::string token_file = dir.file("state/kiosk-token");
    {
        ChildProcess kiosk(kiosk_args(link, token_file));
        ASSERT_FALSE(kiosk.find("(Gekoppeld als)").empty()) << kiosk.output();
        struct stat st {};
        ASSERT_EQ(::stat(token_file.c_str(), &st), 0) << "no token kept";
        EXPECT_EQ(st.st_mode & 0777, 0600u) << "the token is a credential";
        SqliteDeviceStore devices(data);
        bool kiosk_device = false;
        for (const Device& d : devices.devices(false)) kiosk_device |= d.kind == DeviceKind::Kiosk;
        EXPECT_TRUE(kiosk_device) << "the service does not list the kiosk among its devices";
        // Running on its own now: no error, and it ends as systemd asks.
        ASSERT_FALSE(kiosk.find("(checking visitors in at)").empty()) << kiosk.output();
        kiosk.signal(SIGTERM);
        EXPECT_EQ(kiosk.wait(std::chrono::seconds(10)), 0) << kiosk.output();
    }

    // The link works once: a second kiosk with it is refused and told why.
    ChildProcess again(kiosk_args(link, dir.file("other-token")));
    EXPECT_EQ(again.wait(), 3) << "3: a person must pair it, systemd does not restart it";
    EXPECT_NE(again.output().find("pairing failed"), std::string::npos) << again.output();
    EXPECT_NE(again.output().find("used"), std::string::npos) << again.output();

    // The first kiosk restarted with the same link (as its systemd unit
    // would): it keeps its token instead of failing on the used code.
    ChildProcess restarted(kiosk_args(link, token_file));
    ASSERT_FALSE(restarted.find("(paired already)").empty()) << restarted.output();
    ASSERT_FALSE(restarted.find("(checking visitors in at)").empty()) << restarted.output();
    restarted.signal(SIGTERM);
    EXPECT_EQ(restarted.wait(std::chrono::seconds(10)), 0) << restarted.output();
    // And with the address alone.
    const std::string base = link.substr(0, link.find("/kiosk#"));
    ChildProcess plain(kiosk_args(base, token_file));
    ASSERT_FALSE(plain.find("(checking visitors in at)").empty()) << plain.output();
    plain.signal(SIGTERM);
    EXPECT_EQ(plain.wait(std::chrono::seconds(10)), 0) << plain.output();
    EXPECT_EQ(plain.output().find("not paired"), std::string::npos) << plain.output();

    // The office withdraws the kiosk's pairing: it says so and is not restarted.
    {
        SqliteDeviceStore devices(data);
        for (const Device& d : devices.devices(false))
            if (d.kind == DeviceKind::Kiosk) devices.revoke_device(d.id, SystemClock().now());
    }
    ChildProcess withdrawn(kiosk_args(base + "/", token_file));
    EXPECT_EQ(withdrawn.wait(), 3) << withdrawn.output();
    EXPECT_NE(withdrawn.output().find("withdrawn"), std::string::npos) << withdrawn.output();
    serve.signal(SIGTERM);
    EXPECT_EQ(serve.wait(), 0);
}

TEST_F(RemoteKioskProcess, WithoutAPairingItSaysHowToPair) {
    ChildProcess kiosk(kiosk_args("http://127.0.0.1:9/", dir.file("none")));
    EXPECT_EQ(kiosk.wait(), 3);
    const std::string out = kiosk.output();
    EXPECT_NE(out.find("not paired"), std::string::npos) << out;
    EXPECT_NE(out.find("--pair-kiosk"), std::string::npos) << "says where a code comes from: " << out;
}

TEST_F(RemoteKioskProcess, ServerAndDataTogetherAreRefused) {
    std::vector<std::string> args = kiosk_args("http://127.0.0.1:9", dir.file("none"));
    args.push_back("--data");
    args.push_back(dir.file("x.db"));
    ChildProcess kiosk(args);
    EXPECT_NE(kiosk.wait(), 0);
    EXPECT_NE(kiosk.output().find("--data"), std::string::npos) << kiosk.output();
    EXPECT_FALSE(std::filesystem::exists(dir.file("x.db"))) << "no local data file for a kiosk that uses the service";
}

}  // namespace
}  // namespace gastvrij::service_test
