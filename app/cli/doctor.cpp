// `gastvrij doctor [--config DIR] [--data FILE] [--backups DIR] [--network]`:
// the installation checks (doctor.h) and their report. Exit status 1 when any
// check fails, 0 otherwise (warnings included).
#include "cli/doctor.h"

#include <CLI/CLI.hpp>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.h"
#include "client/client.h"
#include "service/tls_identity.h"
#include "store/backup.h"
#include "store/migrations.h"
#include "store/open_store.h"

namespace gastvrij::doctor {

namespace fs = std::filesystem;

namespace {

Finding ok(std::string what) { return {Verdict::Ok, std::move(what), ""}; }
Finding warn(std::string what, std::string fix) { return {Verdict::Warn, std::move(what), std::move(fix)}; }
Finding fail(std::string what, std::string fix) { return {Verdict::Fail, std::move(what), std::move(fix)}; }

std::string megabytes(std::uintmax_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MB"; }

std::vector<Finding> check_configuration(const Installation& in) {
    int errors = 0, warnings = 0;
    const Diagnostic* first = nullptr;
    for (const Diagnostic& d : in.loaded.diagnostics) {
        if (d.level == Diagnostic::Level::Error) {
            if (!first) first = &d;
            ++errors;
        } else {
            ++warnings;
        }
    }
    const std::string validate = "run `gastvrij validate " + in.config_dir + "` and fix what it lists";
    if (errors > 0)
        return {fail(in.config_dir + ": " + std::to_string(errors) + " error(s), the first: " + first->format(), validate)};
    const Directory& d = in.loaded.config->directory;
    std::string what = in.config_dir + ": " + std::to_string(d.topics.size()) + " topics, " +
                       std::to_string(d.staff.size()) + " colleagues";
    if (warnings > 0) return {warn(what + ", " + std::to_string(warnings) + " warning(s)", validate)};
    return {ok(what)};
}

// kiosk.toml holds the SMTP password, the webhook addresses and the admin
// PIN's hash; staff.csv the colleagues' own webhooks.
std::vector<Finding> check_secret_files(const Installation& in) {
    std::vector<Finding> found;
    const std::pair<const char*, const char*> secrets[] = {
        {"kiosk.toml", "the mail password, webhook addresses and the admin PIN's hash"},
        {"staff.csv", "the colleagues' own webhook addresses"},
    };
    for (const auto& [name, holds] : secrets) {
        const fs::path file = fs::path(in.config_dir) / name;
        struct stat st {};
        if (::stat(file.c_str(), &st) != 0) continue;  // the configuration check names a missing file
        if (st.st_mode & S_IROTH) {
            found.push_back(fail(file.string() + " holds " + holds + ", and every user of this machine can read it",
                                 "chmod 640 " + file.string() + " && chgrp gastvrij " + file.string()));
        } else if (::access(file.c_str(), R_OK) != 0) {
            found.push_back(fail(file.string() + " cannot be read by this user",
                                 "run doctor as the service's user (sudo -u gastvrij gastvrij doctor), or chgrp "
                                 "gastvrij " + file.string()));
        } else {
            found.push_back(ok(file.string() + " is not readable by other users"));
        }
    }
    return found;
}

// A PostgreSQL store: can this user reach it, and is its schema one this
// program knows? Backups and disk space are the database server's business.
std::vector<Finding> check_database_server(const Installation& in) {
    try {
        const std::string office = in.loaded.config ? in.loaded.config->kiosk.office_id : kDefaultOffice;
        const auto store = open_store(in.data, office, {}, StoreUse::Read);
        const StoreHealth h = store->health();
        if (h.level != StoreHealth::Level::Ok) return {warn(h.detail, "")};
        std::vector<Finding> found{
            ok("the PostgreSQL database " + pg_label(in.data) + " answers and takes changes"),
            ok("back it up with the server's tools (pg_dump, or the corporation's replication)")};
        std::string all;
        for (const auto& o : store->offices()) all += (all.empty() ? "" : ", ") + o;
        // Two offices that both left [office] id out would share one board.
        if (office == kDefaultOffice && store->offices().size() > 1) {
            found.push_back(warn("the database holds the offices " + all + ", and this one is '" + office +
                                     "' — is [office] id set in kiosk.toml?",
                                 "give every office its own [office] id"));
        } else {
            found.push_back(ok("this is the office '" + office + "' of " + all));
        }
        return found;
    } catch (const StoreError& e) {
        return {fail(e.what(), "check the address in --data or [store] url, and that this user may log in")};
    }
}

std::vector<Finding> check_data_folder(const Installation& in) {
    if (is_postgresql_url(in.data)) return check_database_server(in);
    const std::string path = sqlite_path_of(in.data);
    const fs::path folder = fs::absolute(path).parent_path();
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return {fail("the data folder " + folder.string() + " does not exist",
                     "create it for the service's user: install -d -o gastvrij -g gastvrij -m 700 " + folder.string())};
    if (::access(folder.c_str(), W_OK | X_OK) != 0)
        return {fail("the data folder " + folder.string() + " is not writable by this user (" + std::strerror(errno) + ")",
                     "chown gastvrij: " + folder.string() + ", and run Gastvrij as that user")};
    std::vector<Finding> found{ok("the data folder " + folder.string() + " is writable")};
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        found.push_back(warn("there is no data file at " + path + " yet", "it is made when the service first starts"));
        return found;
    }
    if (::access(path.c_str(), R_OK | W_OK) != 0)
        found.push_back(fail(path + " is not writable by this user", "chown gastvrij: " + path));
    if (st.st_mode & S_IROTH)
        found.push_back(warn(path + " (visitors' names and phone numbers) is readable by every user", "chmod 600 " + path));
    try {
        const int version = check_copy(path).schema_version;
        const int known = sqlite::latest_schema_version();
        if (version > known)
            found.push_back(fail(path + " has data version " + std::to_string(version) + "; this Gastvrij knows up to " +
                                     std::to_string(known),
                                 "install the newer Gastvrij that wrote it, or restore a backup made by this version"));
        else
            found.push_back(ok(path + " passes SQLite's quick check (data version " + std::to_string(version) + ")"));
    } catch (const StoreError& e) {
        found.push_back(fail(e.what(), "stop the service and restore the latest backup (gastvrij restore)"));
    }
    return found;
}

std::vector<Finding> check_disk_space(const Installation& in) {
    if (is_postgresql_url(in.data)) return {};
    const fs::path folder = fs::absolute(sqlite_path_of(in.data)).parent_path();
    struct statvfs s {};
    if (::statvfs(folder.c_str(), &s) != 0) return {warn("cannot tell the free space of " + folder.string(), "")};
    const std::uintmax_t free = static_cast<std::uintmax_t>(s.f_bavail) * s.f_frsize;
    const std::string what = megabytes(free) + " free on the disk of " + folder.string();
    const std::string fix = "free space there (old exports, logs, journalctl --vacuum-size=100M)";
    if (free < 100ull * 1024 * 1024) return {fail(what + ": check-ins will soon fail", fix)};
    if (free < 1024ull * 1024 * 1024) return {warn(what, fix)};
    return {ok(what)};
}

// What the service on `port` says to GET /health; nullopt when nothing there
// answers as Gastvrij. Over HTTPS it must show this installation's own
// certificate: another program's would not be ours.
std::optional<std::string> ask_health(const Installation& in, const std::string& host, int port) {
    const KioskSettings& k = in.loaded.config->kiosk;
    ClientOptions o;
    o.connect_timeout = o.request_timeout = std::chrono::seconds(2);
    std::string scheme = "http://";
    if (k.service_tls) {
        scheme = "https://";
        const std::string cert = k.tls_cert.empty() ? (fs::path(state_dir_of(in.data)) / "gastvrij-tls.crt").string()
                                                    : k.tls_cert;
        std::ifstream f(cert);
        try {
            o.pinned_fingerprint = certificate_fingerprint(std::string(std::istreambuf_iterator<char>(f), {}));
        } catch (const TlsError&) {
            return std::nullopt;  // no certificate of ours yet: whatever holds the port is not us
        }
    }
    try {
        return ServiceClient(scheme + host + ":" + std::to_string(port), "", o).health().status;
    } catch (const ServiceError&) {
        return std::nullopt;
    }
}

std::vector<Finding> check_port(const Installation& in) {
    if (!in.loaded.config) return {warn("the service's port is not checked: the configuration has errors", "")};
    const KioskSettings& k = in.loaded.config->kiosk;
    const std::string where = k.service_listen + ":" + std::to_string(k.service_port);
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(k.service_port));
    if (::inet_pton(AF_INET, k.service_listen.c_str(), &a.sin_addr) != 1) {
        ::close(fd);
        return {warn("the service's address " + k.service_listen + " is not checked (not an IPv4 address)", "")};
    }
    const bool free = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    const int err = errno;
    ::close(fd);
    if (free) return {ok(where + " is free for the service")};
    if (err != EADDRINUSE)
        return {fail("cannot listen on " + where + " (" + std::strerror(err) + ")",
                     "use an address of this machine in kiosk.toml [service] listen, and a port above 1023")};
    const std::string host = k.service_listen == "0.0.0.0" ? "127.0.0.1" : k.service_listen;
    if (const auto word = ask_health(in, host, k.service_port)) {
        if (*word == "ok") return {ok(where + " is held by the Gastvrij service, which answers /health: ok")};
        return {warn(where + " is held by the Gastvrij service, which answers /health: " + *word,
                     "see `journalctl -u gastvrij-serve` for why")};
    }
    return {fail(where + " is taken by another program (it does not answer as Gastvrij)",
                 "find it with `ss -ltnp 'sport = :" + std::to_string(k.service_port) +
                     "'` and stop it, or choose another port in kiosk.toml [service] port")};
}

std::string days_left(std::time_t until) {
    return std::to_string((until - std::time(nullptr)) / (24 * 3600)) + " days";
}

// The certificate the service speaks HTTPS with: readable, its key private,
// not expiring soon, and whether phones and browsers will trust it.
std::vector<Finding> check_certificate(const Installation& in) {
    if (!in.loaded.config) return {warn("the certificate is not checked: the configuration has errors", "")};
    const KioskSettings& k = in.loaded.config->kiosk;
    if (!k.service_tls)
        return {ok("plain HTTP on " + k.service_listen + " (tls = false): the TLS proxy in front holds the certificate")};
    std::vector<Finding> out;
    bool phones = k.survey_phone_page;
    for (const Staff& s : in.loaded.config->directory.staff) phones = phones || s.phone_page;
    const std::string proxy_fix = "give the service the office's own certificate (tls_cert, tls_key) or put a proxy in "
                                  "front (packaging/proxy/; README \"HTTPS and pairing\")";
    TlsIdentity id;
    std::string key_file;
    try {
        if (!k.tls_cert.empty()) {
            id = load_tls_identity(k.tls_cert, k.tls_key);
            key_file = k.tls_key;
        } else {
            const fs::path dir = state_dir_of(in.data);
            std::error_code ec;
            if (!fs::exists(dir / "gastvrij-tls.crt", ec) && !fs::exists(dir / "gastvrij-tls.key", ec))
                return {ok("the service makes its own certificate in " + dir.string() + " when it first starts")};
            id = self_made_tls_identity(dir.string(), "");
            key_file = (dir / "gastvrij-tls.key").string();
        }
    } catch (const TlsError& e) {
        return {fail(e.what(), "see README \"HTTPS and pairing\"")};
    }
    struct stat st {};
    if (::stat(key_file.c_str(), &st) == 0 && (st.st_mode & 0077))
        out.push_back(fail(key_file + " can be read by others than its owner",
                           "chmod 600 " + key_file + " (and chown it to the service user)"));
    const std::string what = id.cert_file + " (" + id.subject + "), SHA-256 " +
                             readable_fingerprint(id.fingerprint).substr(0, 23) + "…, valid for " + days_left(id.not_after);
    if (id.not_after - std::time(nullptr) < 30L * 24 * 3600)
        out.push_back(warn(what, "renew it before it expires; paired desks and kiosks must then be paired again"));
    else if (id.self_made)
        // The native companion and remote kiosks pin it; browsers cannot, so
        // the browser companion (/desk) and the phone page need a trusted one.
        out.push_back(warn(what + ": made by the service itself — browsers warn about it, so the browser "
                               "companion (/desk)" + std::string(phones ? " and the phone page" : "") +
                               " need the office's own certificate",
                           proxy_fix));
    else
        out.push_back(ok(what));
    return out;
}

bool dutch_office(const Installation& in) {
    if (!in.loaded.config) return true;
    const auto& k = in.loaded.config->kiosk;
    return k.default_language == "nl";
}

std::vector<Finding> check_time_zone(const Installation& in) {
    const char* tz = std::getenv("TZ");
    std::error_code ec;
    std::string zone = tz ? tz : fs::read_symlink("/etc/localtime", ec).string();
    if (const auto at = zone.find("zoneinfo/"); at != std::string::npos) zone = zone.substr(at + 9);
    // UTC-like: no offset in winter nor in summer.
    const std::time_t now = std::time(nullptr);
    std::tm t{};
    localtime_r(&now, &t);
    long offsets = 0;
    for (int month : {0, 6}) {
        std::tm probe{};
        probe.tm_year = t.tm_year;
        probe.tm_mon = month;
        probe.tm_mday = 15;
        probe.tm_hour = 12;
        probe.tm_isdst = -1;
        const std::time_t at = std::mktime(&probe);
        std::tm local{};
        localtime_r(&at, &local);
        offsets += local.tm_gmtoff < 0 ? -local.tm_gmtoff : local.tm_gmtoff;
    }
    const std::string name = zone.empty() ? std::string("UTC") : zone;
    if (offsets == 0 && dutch_office(in))
        return {warn("the time zone is " + name + ": opening hours, day ends and reports would run an hour or two off "
                                                  "for a Dutch office",
                     "timedatectl set-timezone Europe/Amsterdam")};
    return {ok("the time zone is " + name)};
}

std::vector<std::string> languages(const Installation& in) {
    if (in.loaded.config) return in.loaded.config->kiosk.languages;
    return {"nl", "en", "tr", "pl", "ar"};
}

// Fonts and voices matter where the kiosk runs (or the companion, for fonts).
Finding missing(const Installation& in, std::string what, std::string fix) {
    if (in.kiosk_installed) return fail(std::move(what), std::move(fix));
    return warn(what + " (only the kiosk and the companion need them)", std::move(fix));
}

std::vector<Finding> check_fonts(const Installation& in) {
    std::vector<std::string> absent;
    for (const auto& f : kiosk_font_files())
        if (::access(f.c_str(), R_OK) != 0) absent.push_back(f);
    if (absent.empty()) return {ok("the kiosk's " + std::to_string(kiosk_font_files().size()) + " fonts are present")};
    std::string list;
    for (const auto& f : absent) list += (list.empty() ? "" : ", ") + f;
    return {missing(in, "fonts missing: " + list, "apt install fonts-noto-core fonts-material-design-icons-iconfont")};
}

// espeak-ng's data folder: a dictionary per language (nl_dict, …).
std::vector<fs::path> espeak_folders() {
    std::vector<fs::path> folders;
    if (const char* env = std::getenv("ESPEAK_DATA_PATH")) folders.push_back(fs::path(env) / "espeak-ng-data");
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/usr/lib", ec))
        if (fs::is_directory(e.path() / "espeak-ng-data", ec)) folders.push_back(e.path() / "espeak-ng-data");
    folders.push_back("/usr/share/espeak-ng-data");
    return folders;
}

std::vector<Finding> check_voices(const Installation& in) {
    std::string absent;
    for (const auto& lang : languages(in)) {
        bool found = false;
        for (const auto& folder : espeak_folders()) found |= ::access((folder / (lang + "_dict")).c_str(), R_OK) == 0;
        if (!found) absent += (absent.empty() ? "" : ", ") + lang;
    }
    if (absent.empty()) return {ok("read-aloud voices present for " + std::to_string(languages(in).size()) + " languages")};
    return {missing(in, "no read-aloud voice for: " + absent, "apt install espeak-ng-data")};
}

std::vector<Finding> check_audio(const Installation&) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/dev/snd", ec))
        if (e.path().filename().string().rfind("pcmC", 0) == 0) return {ok("a sound device is present (/dev/snd)")};
    return {warn("no sound device found (/dev/snd): read-aloud stays silent",
                 "connect speakers or a screen with sound; on a kiosk, check `aplay -l`")};
}

std::vector<Finding> check_last_backup(const Installation& in) {
    const std::string enable = "systemctl enable --now gastvrij-backup.timer (or run `gastvrij backup --out " +
                               in.backups + "`)";
    std::error_code ec;
    if (!fs::is_directory(in.backups, ec))
        return {warn("there is no backup folder " + in.backups, enable)};
    const auto copies = backups_in(in.backups);
    if (copies.empty()) return {warn("there is no backup in " + in.backups + " yet", enable)};
    const auto age = fs::file_time_type::clock::now() - fs::last_write_time(copies.back(), ec);
    const auto hours = std::chrono::duration_cast<std::chrono::hours>(age).count();
    const std::string what = "the last backup, " + copies.back() + ", is " +
                             (hours < 48 ? std::to_string(hours) + " hours" : std::to_string(hours / 24) + " days") +
                             " old";
    if (hours >= 48)
        return {warn(what, "see `systemctl status gastvrij-backup.timer gastvrij-backup.service` for why it stopped")};
    return {ok(what)};
}

// smtp://host:port or smtps://host:port (defaults 25 and 465).
std::vector<Finding> check_smtp(const Installation& in) {
    if (!in.network) return {};
    if (!in.loaded.config) return {warn("the mail server is not checked: the configuration has errors", "")};
    const std::string url = in.loaded.config->kiosk.smtp.url;
    if (url.empty()) return {ok("no mail server configured (e-mail is off)")};
    const auto scheme_end = url.find("://");
    const bool tls = url.rfind("smtps", 0) == 0;
    std::string rest = scheme_end == std::string::npos ? url : url.substr(scheme_end + 3);
    rest = rest.substr(0, rest.find('/'));
    std::string host = rest, port = tls ? "465" : "25";
    if (const auto colon = rest.rfind(':'); colon != std::string::npos && rest.find(']') == std::string::npos) {
        host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
    }
    addrinfo hints{}, *found = nullptr;
    hints.ai_socktype = SOCK_STREAM;
    if (::getaddrinfo(host.c_str(), port.c_str(), &hints, &found) != 0 || !found)
        return {fail("the mail server " + host + " has no address (DNS)", "check kiosk.toml [smtp] url and the DNS")};
    bool reached = false;
    for (addrinfo* a = found; a && !reached; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) continue;
        if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
            reached = true;
        } else if (errno == EINPROGRESS) {
            pollfd p{fd, POLLOUT, 0};
            int err = 0;
            socklen_t len = sizeof err;
            reached = ::poll(&p, 1, 3000) == 1 && ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0;
        }
        ::close(fd);
    }
    ::freeaddrinfo(found);
    const std::string where = host + ":" + port;
    if (reached) return {ok("the mail server " + where + " accepts connections")};
    return {fail("the mail server " + where + " cannot be reached within 3 s",
                 "check kiosk.toml [smtp] url, the firewall, and whether the server runs")};
}

}  // namespace

std::vector<std::string> kiosk_font_files() {
    return {"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
            "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
            "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf",
            "/usr/share/fonts/truetype/material-design-icons-iconfont/MaterialIcons-Regular.ttf"};
}

const std::vector<Check>& doctor_checks() {
    static const std::vector<Check> checks = {
        {"configuration", check_configuration},
        {"secrets", check_secret_files},
        {"data", check_data_folder},
        {"disk space", check_disk_space},
        {"port", check_port},
        {"certificate", check_certificate},
        {"time zone", check_time_zone},
        {"fonts", check_fonts},
        {"voices", check_voices},
        {"audio", check_audio},
        {"backups", check_last_backup},
        {"mail server", check_smtp},
    };
    return checks;
}

namespace {

const char* label(Verdict v) { return v == Verdict::Ok ? "OK  " : v == Verdict::Warn ? "WARN" : "FAIL"; }

int run_doctor(Installation in) {
    in.loaded = load_config(in.config_dir);
    if (in.data.empty()) in.data = in.loaded.config ? data_address("", *in.loaded.config) : default_data_file();
    std::error_code ec;
    in.kiosk_installed = fs::exists(fs::read_symlink("/proc/self/exe", ec).parent_path() / "gastvrij-kiosk", ec);
    int failed = 0, warned = 0;
    for (const Check& c : doctor_checks()) {
        std::vector<Finding> found;
        try {
            found = c.run(in);
        } catch (const std::exception& e) {
            found = {fail(std::string("the check itself failed: ") + e.what(), "")};
        }
        for (const Finding& f : found) {
            std::cout << label(f.verdict) << "  " << c.name << ": " << f.what << "\n";
            if (!f.fix.empty() && f.verdict != Verdict::Ok) std::cout << "      fix: " << f.fix << "\n";
            failed += f.verdict == Verdict::Fail;
            warned += f.verdict == Verdict::Warn;
        }
    }
    std::cout << (failed ? std::to_string(failed) + " failed, " : std::string("nothing failed, ")) << warned
              << (warned == 1 ? " warning" : " warnings") << (in.network ? "" : " (add --network to check the mail server)")
              << "\n";
    return failed ? 1 : 0;
}

}  // namespace

}  // namespace gastvrij::doctor

namespace gastvrij {

void register_doctor(CLI::App& app, int& status) {
    auto* cmd = app.add_subcommand("doctor", "Check this installation: configuration, permissions, disk, port, time "
                                             "zone, fonts, voices, sound, backups (and the mail server with --network)");
    auto in = std::make_shared<doctor::Installation>();
    in->config_dir = default_config_dir();
    in->data.clear();
    in->backups = "/var/backups/gastvrij";
    cmd->add_option("--config", in->config_dir, "configuration folder")->capture_default_str();
    cmd->add_option("--data", in->data, "data file or postgresql://… address")->default_str(data_default_text());
    cmd->add_option("--backups", in->backups, "the folder gastvrij backup writes to")->capture_default_str();
    cmd->add_flag("--network", in->network, "also connect to the mail server");
    cmd->callback([&status, in] { status = doctor::run_doctor(*in); });
}

}  // namespace gastvrij
