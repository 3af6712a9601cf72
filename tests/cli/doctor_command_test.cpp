// `gastvrij doctor` on a working installation and on broken ones: its exit
// status is what a monitoring script or an installer looks at, its lines what
// the office's IT person reads.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include "cli/doctor.h"
#include "cli_run.h"
#include "store/sqlite_store.h"
#include "support/child_process.h"
#include "ui/fonts.h"

namespace gastvrij {
namespace {

namespace fs = std::filesystem;
using cli_test::run;

// A listening socket on 127.0.0.1 (any free port), as a foreign program would hold it.
class Listener {
public:
    Listener() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), len) != 0 || ::listen(fd_, 4) != 0)
            throw std::runtime_error("cannot listen");
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
    }
    ~Listener() { ::close(fd_); }
    int port() const { return port_; }

private:
    int fd_ = -1;
    int port_ = 0;
};

int free_port() { return Listener().port(); }  // closed again: free, as far as anyone knows

// The demo office as an installation: its own folder, secrets readable by
// the owner and group only, the service on 127.0.0.1:`port`, a data file.
struct Installation {
    cli_test::TempDir dir;
    fs::path config = dir.path() / "etc";
    std::string data = dir.file("lib/gastvrij.db");

    explicit Installation(int port) {
        fs::copy(cli_test::demo_config(), config, fs::copy_options::recursive);
        std::string toml = cli_test::slurp((config / "kiosk.toml").string());
        auto set = [&](const std::string& from, const std::string& to) {
            const auto at = toml.find(from);
            if (at == std::string::npos) throw std::runtime_error("demo kiosk.toml changed: no " + from);
            toml.replace(at, from.size(), to);
        };
        set("assets = \"../assets\"", "assets = \"" + std::string(GASTVRIJ_SOURCE_DIR) + "/assets\"");
        set("listen = \"0.0.0.0\"", "listen = \"127.0.0.1\"");
        set("port = 8470", "port = " + std::to_string(port));
        std::ofstream(config / "kiosk.toml", std::ios::trunc) << toml;
        for (const char* f : {"kiosk.toml", "staff.csv"}) fs::permissions(config / f, fs::perms(0640));
        SqliteStore store(data);
    }
    cli_test::Run doctor(const std::string& extra = "") const {
        return run("doctor --config '" + config.string() + "' --data '" + data + "' --backups '" + dir.file("backups") +
                   "'" + extra);
    }
};

TEST(DoctorCommand, AWorkingInstallationPassesWithItsWarningsExplained) {
    Installation office(free_port());
    const auto r = office.doctor();
    EXPECT_EQ(r.status, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("OK    configuration: "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("OK    secrets: " + (office.config / "kiosk.toml").string()), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("is free for the service"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("passes SQLite's quick check"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("the time zone is Europe/Amsterdam"), std::string::npos) << r.out;
    // No backup yet: a warning that says how to start them, not a failure.
    EXPECT_NE(r.out.find("WARN  backups: there is no backup folder " + office.dir.file("backups")), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("systemctl enable --now gastvrij-backup.timer"), std::string::npos) << r.out;

    ASSERT_EQ(run("backup --data '" + office.data + "' --out '" + office.dir.file("backups") + "'").status, 0);
    const auto after = office.doctor();
    EXPECT_EQ(after.status, 0);
    EXPECT_NE(after.out.find("OK    backups: the last backup, "), std::string::npos) << after.out;
}

TEST(DoctorCommand, RecognisesItsRunningServiceOverHttpsAndChecksItsCertificate) {
    const int port = free_port();
    Installation office(port);
    test_support::ChildProcess serve({GASTVRIJ_BINARY, "serve", "--config", office.config.string(), "--data", office.data},
                                     {"TZ=Europe/Amsterdam"});
    ASSERT_FALSE(serve.find("listening on (https://[0-9.:]+)").empty()) << serve.output();

    const auto r = office.doctor();
    EXPECT_EQ(r.status, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("OK    port: 127.0.0.1:" + std::to_string(port) + " is held by the Gastvrij service"),
              std::string::npos) << r.out;
    // Made by the service: a browser companion at that office would meet a warning page.
    const std::string cert = office.dir.file("lib/gastvrij-tls.crt");
    EXPECT_NE(r.out.find("WARN  certificate: " + cert), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("browsers warn about it, so the browser companion (/desk) and the phone page need the "
                         "office's own certificate"),
              std::string::npos) << r.out;

    fs::permissions(office.dir.file("lib/gastvrij-tls.key"), fs::perms(0644));
    const auto open_key = office.doctor();
    EXPECT_EQ(open_key.status, 1) << open_key.out;
    EXPECT_NE(open_key.out.find("FAIL  certificate: " + office.dir.file("lib/gastvrij-tls.key") +
                                " can be read by others than its owner"),
              std::string::npos) << open_key.out;
    serve.signal(SIGTERM);
    EXPECT_EQ(serve.wait(), 0) << serve.output();
}

TEST(DoctorCommand, AWorldReadableSecretsFileFailsAndSaysHowToFixIt) {
    Installation office(free_port());
    fs::permissions(office.config / "kiosk.toml", fs::perms(0644));
    const auto r = office.doctor();
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("FAIL  secrets: " + (office.config / "kiosk.toml").string() + " holds the mail password"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("fix: chmod 640 " + (office.config / "kiosk.toml").string()), std::string::npos) << r.out;
}

TEST(DoctorCommand, AnInvalidConfigurationFails) {
    Installation office(free_port());
    std::string topics = cli_test::slurp((office.config / "topics.toml").string());
    topics.replace(topics.find("id = \"rent\""), 11, "id = \"repair\"");  // two topics with one id
    std::ofstream(office.config / "topics.toml", std::ios::trunc) << topics;
    const auto r = office.doctor();
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("FAIL  configuration: " + office.config.string() + ": "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("fix: run `gastvrij validate " + office.config.string()), std::string::npos) << r.out;
}

TEST(DoctorCommand, APortHeldByAForeignListenerFails) {
    const Listener foreign;
    Installation office(foreign.port());
    const auto r = office.doctor();
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("FAIL  port: 127.0.0.1:" + std::to_string(foreign.port()) + " is taken by another program"),
              std::string::npos)
        << r.out;
}

TEST(DoctorCommand, ANetworkCheckReachesTheMailServerOrFails) {
    Installation office(free_port());
    const Listener smtp;  // accepts connections: reachable
    std::string toml = cli_test::slurp((office.config / "kiosk.toml").string());
    const std::string demo = "url = \"smtp://127.0.0.1:2525\"";
    toml.replace(toml.find(demo), demo.size(), "url = \"smtp://127.0.0.1:" + std::to_string(smtp.port()) + "\"");
    std::ofstream(office.config / "kiosk.toml", std::ios::trunc) << toml;
    const auto r = office.doctor(" --network");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("OK    mail server: the mail server 127.0.0.1:" + std::to_string(smtp.port())), std::string::npos)
        << r.out;
    EXPECT_EQ(office.doctor().out.find("mail server:"), std::string::npos) << "connected without --network";
}

TEST(DoctorCommand, LooksForTheFontsTheKioskLoads) {
    const ui::FontFiles kiosk;
    EXPECT_EQ(doctor::kiosk_font_files(),
              (std::vector<std::string>{kiosk.latin, kiosk.latin_bold, kiosk.arabic, kiosk.arabic_bold, kiosk.icons}));
}

}  // namespace
}  // namespace gastvrij
