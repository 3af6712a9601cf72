#include "log/log.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace gastvrij::log {

namespace {

// JOURNAL_STREAM is "DEVICE:INODE" of the stream systemd connected; it is
// inherited by children whose stderr may point elsewhere, so it counts only
// when it names this process's stderr (as systemd.exec(5) advises).
bool stderr_is_journal() {
    const char* v = std::getenv("JOURNAL_STREAM");
    if (!v || !*v) return false;
    unsigned long long dev = 0, ino = 0;
    if (std::sscanf(v, "%llu:%llu", &dev, &ino) != 2) return false;
    struct stat st {};
    if (fstat(STDERR_FILENO, &st) != 0) return false;
    return static_cast<unsigned long long>(st.st_dev) == dev && static_cast<unsigned long long>(st.st_ino) == ino;
}

}  // namespace

bool to_journal() {
    static const bool journal = stderr_is_journal();
    return journal;
}

void line(Level level, std::string_view text) {
    // The journal reads the prefix per line: a message of several lines
    // (a configuration's errors) carries it on each.
    const bool prefix = to_journal();
    std::string out;
    out.reserve(text.size() + 8);
    std::size_t start = 0;
    do {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        if (prefix) {
            out += '<';
            out += char('0' + int(level));
            out += '>';
        }
        out.append(text.substr(start, end - start));
        out += '\n';
        start = end + 1;
    } while (start < text.size());
    // One write per line: a partial write (a full pipe) goes on where it stopped.
    const char* p = out.data();
    std::size_t left = out.size();
    while (left > 0) {
        const ssize_t n = ::write(STDERR_FILENO, p, left);
        if (n <= 0) return;  // nowhere to log to: nothing better to do
        p += n;
        left -= std::size_t(n);
    }
}

void format(Level level, const char* fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    const int n = std::vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    line(level, std::string_view(buf, std::min<std::size_t>(std::size_t(n), sizeof buf - 1)));
}

}  // namespace gastvrij::log
