#include "cli/commands.h"

#include "config/config.h"
#include "store/open_store.h"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>
#include <unistd.h>
#include <vector>

namespace gastvrij {

namespace {

// A program started from the build tree runs on the sources' demo office and
// assets; an installed one on the paths of its install prefix.
bool running_from_build_tree() {
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return !ec && std::filesystem::equivalent(self.parent_path(), GASTVRIJ_BUILD_DIR, ec);
}

}  // namespace

std::string default_config_dir() {
    if (const char* env = std::getenv("GASTVRIJ_CONFIG")) return env;
    return running_from_build_tree() ? GASTVRIJ_SOURCE_DIR "/kiosk-config" : GASTVRIJ_CONFIG_DIR;
}

std::string default_assets_dir() {
    if (const char* env = std::getenv("GASTVRIJ_ASSETS")) return env;
    return running_from_build_tree() ? GASTVRIJ_SOURCE_DIR "/assets" : GASTVRIJ_DATA_DIR "/assets";
}

std::string default_data_file() {
    if (const char* env = std::getenv("GASTVRIJ_DATA")) return env;
    if (const char* state = std::getenv("STATE_DIRECTORY")) return std::string(state) + "/gastvrij.db";  // systemd
    if (const char* home = std::getenv("XDG_DATA_HOME")) return std::string(home) + "/gastvrij/gastvrij.db";
    if (const char* home = std::getenv("HOME")) return std::string(home) + "/.local/share/gastvrij/gastvrij.db";
    return "gastvrij.db";
}

std::string data_address(const std::string& from_option, const Config& config) {
    if (!from_option.empty()) return from_option;
    if (!config.kiosk.store_url.empty()) return config.kiosk.store_url;
    return default_data_file();
}

std::string data_default_text() { return "[store] url of kiosk.toml, else " + default_data_file(); }

std::string state_dir_of(const std::string& data_file) {
    // A database address names no folder: keep this machine's own files
    // (the self-made TLS certificate) where a data file would have been.
    if (data_file.rfind("sqlite:", 0) != 0 && data_file.find("://") != std::string::npos) {
        if (const char* state = std::getenv("STATE_DIRECTORY")) return state;  // systemd
        if (const char* home = std::getenv("XDG_DATA_HOME")) return std::string(home) + "/gastvrij";
        if (const char* home = std::getenv("HOME")) return std::string(home) + "/.local/share/gastvrij";
        return ".";
    }
    const std::filesystem::path parent = std::filesystem::path(sqlite_path_of(data_file)).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

namespace {

// "bench kiosk" → {"bench", "kiosk"}.
std::vector<std::string> words_of(const char* path) {
    std::vector<std::string> words;
    std::string w;
    for (const char* c = path;; ++c) {
        if (*c == ' ' || *c == '\0') {
            if (!w.empty()) words.push_back(w);
            w.clear();
            if (*c == '\0') break;
        } else {
            w += *c;
        }
    }
    return words;
}

bool names(int argc, char** argv, const std::vector<std::string>& words) {
    if (argc <= int(words.size())) return false;
    for (std::size_t i = 0; i < words.size(); ++i)
        if (words[i] != argv[i + 1]) return false;
    return true;
}

// This executable's folder: siblings are installed (and built) beside it.
std::filesystem::path own_folder(const char* argv0) {
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) self = std::filesystem::absolute(argv0, ec);
    return self.parent_path();
}

}  // namespace

std::optional<int> forward_to_sibling(int argc, char** argv, std::span<const ForwardedCommand> forwarded) {
    for (const ForwardedCommand& f : forwarded) {
        if (!names(argc, argv, words_of(f.path))) continue;
        const std::filesystem::path program = own_folder(argv[0]) / f.program;
        std::vector<char*> args(argv, argv + argc);
        const std::string program_text = program.string();
        args[0] = const_cast<char*>(program_text.c_str());
        args.push_back(nullptr);
        ::execv(program_text.c_str(), args.data());
        const int err = errno;
        std::cerr << "gastvrij " << f.path << ": needs the program " << f.program << " beside this one ("
                  << program_text << "): " << std::strerror(err) << ".\n"
                  << "  Install it (the " << (std::string(f.program) == "gastvrij-kiosk" ? "gastvrij-kiosk" : "gastvrij")
                  << " package), or build it with the rest of Gastvrij.\n";
        return err == ENOENT ? 127 : 126;
    }
    return std::nullopt;
}

namespace {

void list_forwarded(CLI::App& app, std::span<const ForwardedCommand> forwarded) {
    for (const ForwardedCommand& f : forwarded) {
        const std::vector<std::string> words = words_of(f.path);
        CLI::App* parent = &app;
        for (std::size_t i = 0; i + 1 < words.size(); ++i) {
            auto found = parent->get_subcommands([&](CLI::App* s) { return s->get_name() == words[i]; });
            parent = found.empty() ? parent->add_subcommand(words[i]) : found.front();
        }
        auto* cmd = parent->add_subcommand(words.back(), std::string(f.about) + " (runs " + f.program + ")");
        cmd->allow_extras();
    }
}

}  // namespace

int run_cli(int argc, char** argv, const std::string& about, std::span<const RegisterCommand> table,
            std::span<const ForwardedCommand> forwarded) {
    // A peer that hung up must be an error code on that connection, not the
    // end of the process: TLS writes go through write(), which raises SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    CLI::App app{about};
    app.set_version_flag("--version", std::string("gastvrij ") + GASTVRIJ_VERSION);
    app.require_subcommand(1);
    int status = 0;
    for (RegisterCommand r : table) r(app, status);
    list_forwarded(app, forwarded);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    return status;
}

}  // namespace gastvrij
