#include "client/token_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace gastvrij {

namespace fs = std::filesystem;

std::string default_token_file(const std::string& device) {
    const std::string name = device + "-token";
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return std::string(x) + "/gastvrij/" + name;
    if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.config/gastvrij/" + name;
    return name;
}

DevicePairing load_pairing(const std::string& path) {
    DevicePairing p;
    std::error_code ec;
    if (!fs::exists(path, ec)) return p;
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot read the device token (" + std::strerror(errno) + ")");
    auto trimmed = [](std::string s) {
        while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.pop_back();
        return s;
    };
    std::getline(in, p.token);
    p.token = trimmed(p.token);
    std::string line;
    for (int n = 0; n < 16 && std::getline(in, line); ++n) {
        line = trimmed(line);
        if (line.rfind("server=", 0) == 0) p.server = line.substr(7);
        else if (line.rfind("fingerprint=", 0) == 0) p.fingerprint = line.substr(12);
    }
    return p;
}

void save_pairing(const std::string& path, const DevicePairing& pairing) {
    // Written by us from a pairing: a line break inside would be a forged field.
    auto one_line = [](const std::string& s) { return s.find_first_of("\r\n") == std::string::npos; };
    if (!one_line(pairing.token) || !one_line(pairing.server) || !one_line(pairing.fingerprint))
        throw std::runtime_error(path + ": a pairing field holds a line break; nothing was written");
    const fs::path p(path);
    if (p.has_parent_path()) {
        std::error_code ec;
        if (!fs::exists(p.parent_path(), ec)) {
            fs::create_directories(p.parent_path(), ec);
            if (ec) throw std::runtime_error(p.parent_path().string() + ": cannot create the folder (" + ec.message() + ")");
            ::chmod(p.parent_path().c_str(), 0700);
        }
    }
    const std::string tmp = path + ".new";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error(tmp + ": cannot write the device token (" + std::strerror(errno) + ")");
    ::fchmod(fd, 0600);  // an older file with wider rights keeps them otherwise
    std::string line = pairing.token + "\n";
    if (!pairing.server.empty()) line += "server=" + pairing.server + "\n";
    if (!pairing.fingerprint.empty()) line += "fingerprint=" + pairing.fingerprint + "\n";
    const bool ok = ::write(fd, line.data(), line.size()) == ssize_t(line.size()) && ::fsync(fd) == 0;
    const int err = errno;
    ::close(fd);
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        throw std::runtime_error(path + ": cannot write the device token (" + std::strerror(ok ? errno : err) + ")");
    }
}

}  // namespace gastvrij
