// Reloading the configuration of a running office, as `systemctl reload`
// does (SIGHUP): `gastvrij serve` and a kiosk with its service inside pick up
// a new colleague in staff.csv for routing and the API — not only for what the
// screen shows — at the same address, and a configuration with an error
// leaves the running one in place with the error named.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "client/client.h"
#include "service/pairing.h"
#include "service_fixture.h"
#include "support/child_process.h"
#include "store/sqlite_devices.h"
#include "store/sqlite_store.h"

namespace gastvrij::service_test {
namespace {

using test_support::ChildProcess;

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void replace_in(const fs::path& file, const std::string& from, const std::string& to) {
    std::string text = read_file(file);
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error(file.string() + " has no " + from);
    text.replace(at, from.size(), to);
    std::ofstream(file, std::ios::trunc) << text;
}

// The demo office copied to `dir`, with its assets found from there.
fs::path office_config(const TempDir& dir) {
    const fs::path dst = dir.path() / "kiosk-config";
    fs::copy(fs::path(GASTVRIJ_SOURCE_DIR) / "kiosk-config", dst, fs::copy_options::recursive);
    replace_in(dst / "kiosk.toml", "assets = \"../assets\"",
               "assets = \"" + (fs::path(GASTVRIJ_SOURCE_DIR) / "assets").string() + "\"");
    replace_in(dst / "kiosk.toml", "url = \"smtp://127.0.0.1:2525\"", "url = \"\"");
    return dst;
}

constexpr const char* kNewColleague =
    "1999,Noor,Bakker,onderhoud,Vakman onderhoud,,noor.bakker@woonstichting-demo.nl,,nee,1001,ja,ma-vr 08:00-16:00\n";

// Before the reload a walk-in for the new colleague is refused, naming the field.
void refused_for_unknown_colleague(ServiceClient& c) {
    try {
        c.check_in("repair", "1999");
        ADD_FAILURE() << "a colleague not yet in staff.csv was accepted";
    } catch (const ServiceError& e) {
        EXPECT_EQ(e.status, 400);
        EXPECT_EQ(e.field, "host");
    }
}

bool lists(ServiceClient& c, const std::string& staff_id) {
    try {
        for (const StaffView& s : c.directory().staff)
            if (s.id == staff_id) return true;
    } catch (const ServiceError&) {
        // restarting just now
    }
    return false;
}

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

TEST(ReloadProcess, ServeTakesANewColleagueOnSighupAndKeepsGoingOnABrokenFile) {
    TempDir dir;
    const fs::path config = office_config(dir);
    ChildProcess serve({GASTVRIJ_BINARY, "serve", "--config", config.string(), "--data", dir.file("office.db"), "--port",
                        "0", "--listen", "127.0.0.1"});
    const std::string url = serve.find("listening on (https://[0-9.:]+)");
    const auto link = parse_pairing_link(serve.find("desk --server '([^']+)'"));
    ASSERT_FALSE(url.empty() || !link) << serve.output();
    // The printed link names the office's address; the pin holds on loopback too.
    ClientOptions pinned;
    pinned.pinned_fingerprint = link->fingerprint;
    ServiceClient desk(url, ServiceClient::pair(url, link->code, "Balie", pinned).token, pinned);
    ASSERT_FALSE(lists(desk, "1999"));
    refused_for_unknown_colleague(desk);

    std::ofstream(config / "staff.csv", std::ios::app) << kNewColleague;
    serve.signal(SIGHUP);
    EXPECT_TRUE(eventually([&] { return lists(desk, "1999"); }, std::chrono::seconds(20)))
        << "the new colleague is not known after the reload:\n" << serve.output();
    // Routing knows her too: a walk-in asking for her is taken, not refused.
    EXPECT_NO_THROW(desk.check_in("repair", "1999"));

    // A mistake in the file: the service stays up on what it had and says where.
    std::ofstream(config / "topics.toml", std::ios::app) << "\n[[topic]\nid = \n";
    serve.signal(SIGHUP);
    EXPECT_FALSE(serve.find("(goes on with the configuration it had)").empty()) << serve.output();
    EXPECT_NE(serve.output().find("topics.toml"), std::string::npos) << "the broken file is named";
    EXPECT_TRUE(lists(desk, "1999"));
    serve.signal(SIGTERM);
    EXPECT_EQ(serve.wait(), 0) << serve.output();
}

TEST(ReloadProcess, AKioskWithItsServiceInsideRoutesOnTheReloadedStaffList) {
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    TempDir dir;
    const fs::path config = office_config(dir);
    const int port = free_port();
    replace_in(config / "kiosk.toml", "listen = \"0.0.0.0\"\nport = 8470", "listen = \"127.0.0.1\"\nport = " + std::to_string(port));
    const std::string data = dir.file("kiosk.db");
    std::string code;
    {
        // A desk code made ahead in the kiosk's own data file, as its admin screen would.
        SqliteDeviceStore devices(data);
        SystemClock clock;
        code = Pairing(devices, clock).create_code(DeviceKind::Desk, "").code;
    }
    ChildProcess kiosk({GASTVRIJ_BINARY, "kiosk", "--config", config.string(), "--data", data, "--windowed", "--size",
                        "800x600"});
    const std::string url = kiosk.find("service at (https://[0-9.:]+)");
    ASSERT_EQ(url, "https://127.0.0.1:" + std::to_string(port)) << kiosk.output();
    // The kiosk's service made its certificate beside the data file.
    std::ifstream cert(dir.file("gastvrij-tls.crt"));
    ClientOptions pinned;
    pinned.pinned_fingerprint = certificate_fingerprint(std::string(std::istreambuf_iterator<char>(cert), {}));
    ServiceClient desk(url, ServiceClient::pair(url, code, "Balie", pinned).token, pinned);
    ASSERT_FALSE(lists(desk, "1999"));
    refused_for_unknown_colleague(desk);

    std::ofstream(config / "staff.csv", std::ios::app) << kNewColleague;
    kiosk.signal(SIGHUP);
    EXPECT_TRUE(eventually([&] { return lists(desk, "1999"); }, std::chrono::seconds(20)))
        << "the kiosk's own service still routes on the old staff list:\n" << kiosk.output();
    EXPECT_NO_THROW(desk.check_in("repair", "1999"));
    EXPECT_NE(kiosk.output().find("configuration reloaded"), std::string::npos);

    std::ofstream(config / "staff.csv", std::ios::app) << "1998,Kapot\n";
    kiosk.signal(SIGHUP);
    EXPECT_FALSE(kiosk.find("(was not reloaded)").empty()) << kiosk.output();
    EXPECT_NE(kiosk.output().find("staff.csv"), std::string::npos) << "the broken file is named";
    EXPECT_TRUE(lists(desk, "1999")) << "a broken file must leave the running kiosk as it was";

    kiosk.signal(SIGTERM);
    EXPECT_EQ(kiosk.wait(), 0) << kiosk.output();
}

}  // namespace
}  // namespace gastvrij::service_test
