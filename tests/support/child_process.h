#pragma once
// A `gastvrij` child process with its stdout and stderr collected from a pipe:
// for the tests that run the real executable (serve, a kiosk on another
// machine) and signal it as systemd would.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <mutex>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace gastvrij::test_support {

inline bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return done();
}

class ChildProcess {
public:
    // args[0] is the executable; the child inherits this process's environment,
    // plus `extra_env` ("NAME=value", e.g. what systemd would set).
    explicit ChildProcess(std::vector<std::string> args, std::vector<std::string> extra_env = {}) {
        int fds[2];
        // Close-on-exec: another child must not hold this pipe open (its
        // reader would never see the end).
        if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        std::vector<char*> envp;
        for (char** e = environ; *e; ++e) envp.push_back(*e);
        for (auto& e : extra_env) envp.push_back(e.data());
        envp.push_back(nullptr);
        const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
        posix_spawn_file_actions_destroy(&actions);
        ::close(fds[1]);
        if (rc != 0) throw std::runtime_error("cannot start " + args[0]);
        out_fd_ = fds[0];
        reader_ = std::thread([this] {
            char buf[1024];
            ssize_t n;
            while ((n = ::read(out_fd_, buf, sizeof buf)) > 0) {
                std::lock_guard lock(mutex_);
                output_.append(buf, static_cast<std::size_t>(n));
            }
        });
    }
    ~ChildProcess() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            wait();
        }
        if (reader_.joinable()) reader_.join();
        ::close(out_fd_);
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    std::string output() const {
        std::lock_guard lock(mutex_);
        return output_;
    }
    // The first match of `re`'s group 1 in the output, waiting for it to appear.
    std::string find(const std::string& re, std::chrono::milliseconds limit = std::chrono::seconds(20)) const {
        std::smatch m;
        std::string out;
        const std::regex pattern(re);
        wait_until([&] {
            out = output();
            return std::regex_search(out, m, pattern);
        }, limit);
        return m.empty() ? std::string() : m[1].str();
    }
    void signal(int sig) { ::kill(pid_, sig); }
    pid_t pid() const { return pid_; }
    // Still running (not ended, or ended and not yet waited for as a zombie).
    bool running() const {
        if (pid_ <= 0) return false;
        std::ifstream stat("/proc/" + std::to_string(pid_) + "/stat");
        std::string pid, name, state;
        stat >> pid >> name >> state;  // the name is "(gastvrij)": no spaces in ours
        return stat && state != "Z";
    }
    // Exit status, or -1 when it did not end within `limit`.
    int wait(std::chrono::milliseconds limit = std::chrono::seconds(20)) {
        int status = 0;
        const bool ended = wait_until([&] { return ::waitpid(pid_, &status, WNOHANG) == pid_; }, limit);
        if (!ended) return -1;
        pid_ = -1;
        // Everything it wrote is read before its status is known to the
        // test: the pipe ends when the child's last copy of it closes.
        if (reader_.joinable()) reader_.join();
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

private:
    pid_t pid_ = -1;
    int out_fd_ = -1;
    std::thread reader_;
    mutable std::mutex mutex_;
    std::string output_;
};

}  // namespace gastvrij::test_support
