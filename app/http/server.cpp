#include "http/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fcntl.h>
#include <strings.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <condition_variable>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

namespace gastvrij::http {

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch()).count();
}

// One TCP (or TLS) connection, from accept to close: what the deadline sweep needs.
struct Connection {
    enum Phase { Headers, Body, Answer };
    int fd = -1;
    std::atomic<int> phase{Headers};
    std::atomic<std::int64_t> since{0};  // when the phase began, steady ms
    bool shut = false;                   // the sweep closed it (under Impl::conn_mutex)
};

// The long-lived body of one event stream, shared by the connection's reader
// and the source's waker. The connection sleeps (is suspended) while the
// source has nothing; the waker or the peer's close resumes it.
struct StreamBody {
    std::mutex m;
    MHD_Connection* conn = nullptr;
    std::shared_ptr<BodySource> source;
    std::string pending;
    std::size_t offset = 0;
    bool suspended = false;
    bool done = false;       // the request completed: never resume again
    bool peer_gone = false;  // the client closed its end
    bool stopping = false;   // the server stops: end the body
    bool signalled = false;  // the waker ran since the reader last asked the source
    std::uint64_t serial = 0;
    int fd = -1;

    void resume_locked() {
        signalled = true;
        if (suspended && !done) {
            suspended = false;
            MHD_resume_connection(conn);
        }
    }
};

// One request's state across the access handler's calls.
struct Exchange {
    Request req;
    Response res;
    bool answered = false;  // a response is queued
    std::shared_ptr<StreamBody> stream;
    Connection* conn = nullptr;
};

std::string address_text(const sockaddr* sa) {
    char buf[INET6_ADDRSTRLEN] = {};
    if (!sa) return {};
    if (sa->sa_family == AF_INET) {
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, buf, sizeof buf);
    } else if (sa->sa_family == AF_INET6) {
        const auto* a6 = reinterpret_cast<const sockaddr_in6*>(sa);
        // An IPv4 client on a dual-stack socket: the plain address, so rate
        // limits and logs see one form.
        if (IN6_IS_ADDR_V4MAPPED(&a6->sin6_addr))
            inet_ntop(AF_INET, &a6->sin6_addr.s6_addr[12], buf, sizeof buf);
        else
            inet_ntop(AF_INET6, &a6->sin6_addr, buf, sizeof buf);
    }
    return buf;
}

}  // namespace

struct Server::Impl {
    ServerOptions options;
    const Router& router;
    ServerHooks hooks;
    MHD_Daemon* daemon = nullptr;
    int listen_fd = -1;
    int port = 0;

    // Connections, for the deadline sweep.
    mutable std::mutex conn_mutex;
    std::set<Connection*> connections;
    std::atomic<std::uint64_t> closed_too_slow{0};

    // Event streams, for the peer-close watch and for stop().
    mutable std::mutex stream_mutex;
    std::unordered_map<std::uint64_t, std::weak_ptr<StreamBody>> streams;
    std::uint64_t next_serial = 1;
    int watch_fd = -1;  // epoll set: the sockets of sleeping streams, for the peer's close

    std::atomic<bool> running{false};
    std::mutex sweep_mutex;
    std::condition_variable sweep_cv;
    std::thread sweeper, watcher;
    int watch_stop[2] = {-1, -1};  // a pipe that ends the watcher

    Impl(ServerOptions o, const Router& r, ServerHooks h) : options(std::move(o)), router(r), hooks(std::move(h)) {}

    // ---- libmicrohttpd callbacks ----
    static MHD_Result on_access(void* cls, MHD_Connection* c, const char* url, const char* method,
                                const char* version, const char* upload, size_t* upload_size, void** con_cls);
    static void on_completed(void* cls, MHD_Connection* c, void** con_cls, MHD_RequestTerminationCode why);
    static void on_connection(void* cls, MHD_Connection* c, void** socket_context, MHD_ConnectionNotificationCode code);
    static ssize_t on_read(void* cls, uint64_t pos, char* buf, size_t max);
    static void on_free(void* cls);
    static void on_log(void* cls, const char* fmt, va_list ap);

    MHD_Result first_call(MHD_Connection* c, const char* url, const char* method, void** con_cls);
    void run(Exchange& x);
    MHD_Result send(MHD_Connection* c, Exchange& x);
    void refuse(Response& res, int status, const std::string& message) const;

    void open_listener();
    void sweep();
    void watch();
    void watch_stream(const std::shared_ptr<StreamBody>& sb);
    void unwatch_stream(StreamBody& sb);
};

void Server::Impl::refuse(Response& res, int status, const std::string& message) const {
    res = Response{};
    res.status = status;
    if (hooks.refuse)
        hooks.refuse(res, status, message);
    else
        res.set_content(message + "\n", "text/plain; charset=utf-8");
    res.status = status;
}

void Server::Impl::on_log(void*, const char* fmt, va_list ap) {
    // libmicrohttpd reports every refused or broken connection; under an
    // attack that is thousands of lines. One line a minute says it is happening.
    static std::mutex m;
    static std::int64_t last = -60'000;
    static unsigned quiet = 0;
    std::lock_guard lock(m);
    const std::int64_t t = now_ms();
    if (t - last < 60'000) {
        ++quiet;
        return;
    }
    last = t;
    char line[512];
    std::vsnprintf(line, sizeof line, fmt, ap);
    std::size_t n = std::strlen(line);
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
    if (quiet)
        std::fprintf(stderr, "gastvrij: http: %s (and %u more such notes in the last minute)\n", line, quiet);
    else
        std::fprintf(stderr, "gastvrij: http: %s\n", line);
    quiet = 0;
}

void Server::Impl::on_connection(void* cls, MHD_Connection* c, void** socket_context,
                                 MHD_ConnectionNotificationCode code) {
    auto* self = static_cast<Impl*>(cls);
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        auto* conn = new Connection;
        const MHD_ConnectionInfo* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        conn->fd = info ? info->connect_fd : -1;
        conn->since = now_ms();
        // Each response is sent at once: without this a small answer waits
        // for the client's delayed ACK (40 ms on a kept connection).
        if (conn->fd >= 0) {
            int yes = 1;
            setsockopt(conn->fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
        }
        std::lock_guard lock(self->conn_mutex);
        self->connections.insert(conn);
        *socket_context = conn;
    } else {
        auto* conn = static_cast<Connection*>(*socket_context);
        if (!conn) return;
        // libmicrohttpd closes the socket after this returns: the sweep, which
        // holds the lock while it shuts sockets, never touches a reused number.
        std::lock_guard lock(self->conn_mutex);
        self->connections.erase(conn);
        delete conn;
        *socket_context = nullptr;
    }
}

MHD_Result Server::Impl::on_access(void* cls, MHD_Connection* c, const char* url, const char* method,
                                   const char*, const char* upload, size_t* upload_size, void** con_cls) {
    auto* self = static_cast<Impl*>(cls);
    if (!*con_cls) return self->first_call(c, url, method, con_cls);
    auto& x = *static_cast<Exchange*>(*con_cls);
    if (x.answered) {
        *upload_size = 0;  // refused before the body: drop what still comes
        return MHD_YES;
    }
    if (*upload_size > 0) {
        if (x.req.body.size() + *upload_size > self->options.payload_max) {
            // Only a chunked body gets here (a declared length was checked
            // first): stop reading and close rather than swallow it all.
            return MHD_NO;
        }
        x.req.body.append(upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    self->run(x);
    return self->send(c, x);
}

MHD_Result Server::Impl::first_call(MHD_Connection* c, const char* url, const char* method, void** con_cls) {
    auto* x = new Exchange;
    *con_cls = x;
    if (const MHD_ConnectionInfo* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT)) {
        x->conn = static_cast<Connection*>(info->socket_context);
        if (x->conn) {
            x->conn->phase = Connection::Body;
            x->conn->since = now_ms();
        }
    }
    Request& req = x->req;
    req.method = method ? method : "";
    req.path = url ? url : "";
    if (const MHD_ConnectionInfo* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS))
        req.remote_addr = address_text(info->client_addr);

    struct Collect {
        Request* req;
        std::size_t headers = 0;
    } collect{&req};
    MHD_get_connection_values(
        c, MHD_HEADER_KIND,
        [](void* cls, MHD_ValueKind, const char* key, const char* value) -> MHD_Result {
            auto* col = static_cast<Collect*>(cls);
            ++col->headers;
            col->req->headers.emplace(key ? key : "", value ? value : "");
            return MHD_YES;
        },
        &collect);
    MHD_get_connection_values(
        c, MHD_GET_ARGUMENT_KIND,
        [](void* cls, MHD_ValueKind, const char* key, const char* value) -> MHD_Result {
            auto* r = static_cast<Request*>(cls);
            if (r->params.size() < 64) r->params.emplace(key ? key : "", value ? value : "");
            return MHD_YES;
        },
        &req);

    Response& res = x->res;
    if (collect.headers > options.headers_max) {
        refuse(res, 431, "too many request headers (at most " + std::to_string(options.headers_max) + ")");
        res.set_header("Connection", "close");
        return send(c, *x);
    }
    if (hooks.gate && !hooks.gate(req, res)) {
        // The body is never read: the connection closes after the answer.
        res.set_header("Connection", "close");
        return send(c, *x);
    }
    const std::string length = req.get_header_value("Content-Length");
    if (!length.empty()) {
        char* end = nullptr;
        errno = 0;
        const unsigned long long n = std::strtoull(length.c_str(), &end, 10);
        if (errno || !end || *end || n > options.payload_max) {
            refuse(res, 413, "the request body is too large (at most " + std::to_string(options.payload_max) + " bytes)");
            res.set_header("Connection", "close");
            return send(c, *x);
        }
    }
    return MHD_YES;
}

void Server::Impl::run(Exchange& x) {
    Request& req = x.req;
    Response& res = x.res;
    if (x.conn) {
        x.conn->phase = Connection::Answer;
        x.conn->since = now_ms();
    }
    const std::string type = req.get_header_value("Content-Type");
    if (type.rfind("application/x-www-form-urlencoded", 0) == 0) parse_form(req.body, req.params);
    try {
        if (hooks.enter) hooks.enter(req);
        const auto handle = [&] {
            const int miss = router.dispatch(req, res);
            if (miss == 404) refuse(res, 404, "no such route");
            if (miss == 405) refuse(res, 405, "method not allowed on this route");
        };
        if (hooks.around)
            hooks.around(req, res, handle);
        else
            handle();
    } catch (...) {
        res = Response{};
        if (hooks.failed)
            hooks.failed(res);
        else
            refuse(res, 500, "internal error");
    }
}

MHD_Result Server::Impl::send(MHD_Connection* c, Exchange& x) {
    Response& res = x.res;
    x.answered = true;
    MHD_Response* r = nullptr;
    if (res.stream) {
        auto sb = std::make_shared<StreamBody>();
        sb->conn = c;
        sb->source = res.stream;
        if (const MHD_ConnectionInfo* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD))
            sb->fd = info->connect_fd;
        std::weak_ptr<StreamBody> weak = sb;
        sb->source->set_waker([weak] {
            if (auto s = weak.lock()) {
                std::lock_guard lock(s->m);
                s->resume_locked();
            }
        });
        r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 16 * 1024, &Impl::on_read,
                                              new std::shared_ptr<StreamBody>(sb), &Impl::on_free);
        x.stream = sb;
        watch_stream(sb);
    } else {
        r = MHD_create_response_from_buffer(res.body.size(), res.body.data(), MHD_RESPMEM_MUST_COPY);
    }
    if (!r) return MHD_NO;
    for (const auto& [name, value] : res.headers) {
        // The server writes the length itself (or chunks an event stream).
        if (strcasecmp(name.c_str(), "Content-Length") == 0) continue;
        MHD_add_response_header(r, name.c_str(), value.c_str());
    }
    const MHD_Result ok = MHD_queue_response(c, static_cast<unsigned>(res.status), r);
    MHD_destroy_response(r);
    return ok;
}

ssize_t Server::Impl::on_read(void* cls, uint64_t, char* buf, size_t max) {
    StreamBody& sb = **static_cast<std::shared_ptr<StreamBody>*>(cls);
    std::unique_lock lock(sb.m);
    for (;;) {
        // The client left: end the body like any other. The last chunk finds
        // the socket closed and the connection goes, without the "application
        // error" line libmicrohttpd would log for every closed stream.
        if (sb.peer_gone) return MHD_CONTENT_READER_END_OF_STREAM;
        if (sb.offset < sb.pending.size()) break;
        sb.pending.clear();
        sb.offset = 0;
        // The source is asked without our lock held: its waker takes it, and
        // may be called under the source's own lock.
        sb.signalled = false;
        std::string got;
        lock.unlock();
        const BodySource::Pull p = sb.source->pull(got);
        lock.lock();
        sb.pending = std::move(got);
        if (!sb.pending.empty()) break;
        // A body the source ended goes out whole, also while the server stops.
        if (p == BodySource::Pull::End) return MHD_CONTENT_READER_END_OF_STREAM;
        if (sb.stopping) return MHD_CONTENT_READER_END_WITH_ERROR;
        if (sb.signalled) continue;  // something came while we asked
        // Nothing to send: the connection sleeps until the waker (new frames,
        // the end) or the watcher (the client left) resumes it.
        sb.suspended = true;
        MHD_suspend_connection(sb.conn);
        return 0;
    }
    const std::size_t n = std::min(max, sb.pending.size() - sb.offset);
    std::memcpy(buf, sb.pending.data() + sb.offset, n);
    sb.offset += n;
    return static_cast<ssize_t>(n);
}

void Server::Impl::on_free(void* cls) { delete static_cast<std::shared_ptr<StreamBody>*>(cls); }

void Server::Impl::on_completed(void* cls, MHD_Connection*, void** con_cls, MHD_RequestTerminationCode) {
    auto* self = static_cast<Impl*>(cls);
    auto* x = static_cast<Exchange*>(*con_cls);
    if (!x) return;
    *con_cls = nullptr;
    if (x->conn) {
        // A kept-alive connection starts over: its next request's headers are due in time.
        x->conn->phase = Connection::Headers;
        x->conn->since = now_ms();
    }
    if (x->stream) {
        {
            std::lock_guard lock(x->stream->m);
            x->stream->done = true;
        }
        self->unwatch_stream(*x->stream);
        x->stream->source->finished();
    }
    delete x;
}

void Server::Impl::watch_stream(const std::shared_ptr<StreamBody>& sb) {
    std::lock_guard lock(stream_mutex);
    sb->serial = next_serial++;
    streams[sb->serial] = sb;
    if (watch_fd >= 0 && sb->fd >= 0) {
        epoll_event ev{};
        // Only the peer's close, once: a stream's client has nothing more to say.
        ev.events = EPOLLRDHUP | EPOLLONESHOT;
        ev.data.u64 = sb->serial;
        epoll_ctl(watch_fd, EPOLL_CTL_ADD, sb->fd, &ev);
    }
}

void Server::Impl::unwatch_stream(StreamBody& sb) {
    std::lock_guard lock(stream_mutex);
    streams.erase(sb.serial);
    // The socket is still open here (closed after the request completes).
    if (watch_fd >= 0 && sb.fd >= 0) epoll_ctl(watch_fd, EPOLL_CTL_DEL, sb.fd, nullptr);
}

void Server::Impl::watch() {
    epoll_event events[64];
    for (;;) {
        const int n = epoll_wait(watch_fd, events, 64, -1);
        if (n < 0) {
            if (errno == EINTR) continue;
            return;
        }
        for (int i = 0; i < n; ++i) {
            if (events[i].data.u64 == 0) return;  // the stop pipe
            std::shared_ptr<StreamBody> sb;
            {
                std::lock_guard lock(stream_mutex);
                auto it = streams.find(events[i].data.u64);
                if (it != streams.end()) sb = it->second.lock();
            }
            if (!sb) continue;
            std::lock_guard lock(sb->m);
            sb->peer_gone = true;
            sb->resume_locked();
        }
    }
}

void Server::Impl::sweep() {
    std::unique_lock lock(sweep_mutex);
    while (running) {
        sweep_cv.wait_for(lock, std::chrono::milliseconds(250));
        if (!running) break;
        const std::int64_t t = now_ms();
        std::lock_guard conns(conn_mutex);
        for (Connection* c : connections) {
            if (c->shut || c->fd < 0) continue;
            const int phase = c->phase;
            const std::int64_t limit = phase == Connection::Headers ? options.header_deadline.count()
                                       : phase == Connection::Body  ? options.body_deadline.count()
                                                                    : -1;
            if (limit < 0 || t - c->since < limit) continue;
            // Not closed here (libmicrohttpd owns the socket): shut, so its
            // loop sees the end at once and closes it.
            shutdown(c->fd, SHUT_RDWR);
            c->shut = true;
            ++closed_too_slow;
        }
    }
}

void Server::Impl::open_listener() {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string where = options.listen + ":" + std::to_string(options.port);
    const std::string service = std::to_string(options.port);
    if (getaddrinfo(options.listen.empty() ? nullptr : options.listen.c_str(), service.c_str(), &hints, &found) != 0 ||
        !found)
        throw std::runtime_error("cannot listen on " + where + " — \"" + options.listen +
                                 "\" is not an address or name of this machine; set --listen or listen in kiosk.toml");
    int fd = socket(found->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int error = fd < 0 ? errno : 0;
    if (fd >= 0) {
        // Reuse an address in TIME_WAIT (a quick restart), never share a port
        // with a second running Gastvrij (no SO_REUSEPORT).
        int yes = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (found->ai_family == AF_INET6) {
            int no = 0;  // "::" also takes IPv4 clients
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &no, sizeof no);
        }
        if (bind(fd, found->ai_addr, found->ai_addrlen) != 0 || listen(fd, 1024) != 0) {
            error = errno;
            ::close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(found);
    if (fd < 0)
        throw std::runtime_error("cannot listen on " + where + " (" + std::strerror(error) +
                                 ") — another program uses that port, or the address is not this machine's; "
                                 "choose another with --port / --listen or service_port in kiosk.toml");
    sockaddr_storage bound{};
    socklen_t len = sizeof bound;
    getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &len);
    port = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                             : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    listen_fd = fd;
}

Server::Server(ServerOptions options, const Router& router, ServerHooks hooks)
    : impl_(std::make_unique<Impl>(std::move(options), router, std::move(hooks))) {}

Server::~Server() { stop(); }

void Server::start() {
    Impl& s = *impl_;
    if (s.running) return;
    // A client that hung up must cost its connection, not the process: TLS
    // records go out through GnuTLS's own writes, which may raise SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    // Every open connection is a file descriptor: lift the soft limit (1024
    // by default) to what the connection limit needs, as far as allowed.
    rlimit nofile{};
    if (getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur < s.options.connection_limit + 256u) {
        nofile.rlim_cur = std::min<rlim_t>(nofile.rlim_max, s.options.connection_limit + 256u);
        setrlimit(RLIMIT_NOFILE, &nofile);
    }
    s.open_listener();

    s.watch_fd = epoll_create1(EPOLL_CLOEXEC);
    if (pipe2(s.watch_stop, O_CLOEXEC) == 0 && s.watch_fd >= 0) {
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = 0;
        epoll_ctl(s.watch_fd, EPOLL_CTL_ADD, s.watch_stop[0], &ev);
    }

    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
    const bool tls = !s.options.tls_cert_pem.empty() && !s.options.tls_key_pem.empty();
    if (tls) flags |= MHD_USE_TLS;
    sockaddr_storage bound{};
    socklen_t len = sizeof bound;
    getsockname(s.listen_fd, reinterpret_cast<sockaddr*>(&bound), &len);
    if (bound.ss_family == AF_INET6) flags |= MHD_USE_IPv6;

    std::vector<MHD_OptionItem> opts = {
        // First, so that even libmicrohttpd's start-up notes go through it.
        {MHD_OPTION_EXTERNAL_LOGGER, reinterpret_cast<intptr_t>(&Impl::on_log), &s},
        {MHD_OPTION_LISTEN_SOCKET, s.listen_fd, nullptr},
        {MHD_OPTION_THREAD_POOL_SIZE, static_cast<intptr_t>(std::max(1u, s.options.threads)), nullptr},
        {MHD_OPTION_CONNECTION_LIMIT, static_cast<intptr_t>(s.options.connection_limit), nullptr},
        {MHD_OPTION_PER_IP_CONNECTION_LIMIT, static_cast<intptr_t>(s.options.per_address_limit), nullptr},
        {MHD_OPTION_CONNECTION_TIMEOUT, static_cast<intptr_t>(s.options.idle_timeout.count()), nullptr},
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<intptr_t>(s.options.header_memory), nullptr},
        {MHD_OPTION_NOTIFY_COMPLETED, reinterpret_cast<intptr_t>(&Impl::on_completed), &s},
        {MHD_OPTION_NOTIFY_CONNECTION, reinterpret_cast<intptr_t>(&Impl::on_connection), &s},
    };
    if (tls) {
        opts.push_back({MHD_OPTION_HTTPS_MEM_KEY, 0, const_cast<char*>(s.options.tls_key_pem.c_str())});
        opts.push_back({MHD_OPTION_HTTPS_MEM_CERT, 0, const_cast<char*>(s.options.tls_cert_pem.c_str())});
    }
    opts.push_back({MHD_OPTION_END, 0, nullptr});
    s.daemon = MHD_start_daemon(flags, 0, nullptr, nullptr, &Impl::on_access, &s, MHD_OPTION_ARRAY, opts.data(),
                                MHD_OPTION_END);
    if (!s.daemon) {
        ::close(s.listen_fd);
        s.listen_fd = -1;
        for (int& fd : s.watch_stop)
            if (fd >= 0) ::close(fd), fd = -1;
        if (s.watch_fd >= 0) ::close(s.watch_fd);
        s.watch_fd = -1;
        throw std::runtime_error("cannot serve on " + s.options.listen + ":" + std::to_string(s.port) +
                                 (tls ? " — the TLS certificate or key could not be used; check tls_cert and tls_key"
                                      : " — the HTTP server could not start"));
    }
    s.running = true;
    s.sweeper = std::thread([&s] { s.sweep(); });
    if (s.watch_fd >= 0) s.watcher = std::thread([&s] { s.watch(); });
}

void Server::stop() {
    Impl& s = *impl_;
    if (!s.running) return;
    {
        std::lock_guard lock(s.sweep_mutex);
        s.running = false;
    }
    s.sweep_cv.notify_all();
    if (s.sweeper.joinable()) s.sweeper.join();
    // Sleeping streams end cleanly first (a suspended connection cannot be closed).
    {
        std::lock_guard lock(s.stream_mutex);
        for (auto& [serial, weak] : s.streams)
            if (auto sb = weak.lock()) {
                std::lock_guard l(sb->m);
                sb->stopping = true;
                sb->resume_locked();
            }
    }
    MHD_stop_daemon(s.daemon);
    s.daemon = nullptr;
    if (s.listen_fd >= 0) ::close(s.listen_fd);
    s.listen_fd = -1;
    if (s.watch_stop[1] >= 0) {
        const char b = 1;
        [[maybe_unused]] auto w = ::write(s.watch_stop[1], &b, 1);
    }
    if (s.watcher.joinable()) s.watcher.join();
    for (int& fd : s.watch_stop)
        if (fd >= 0) ::close(fd), fd = -1;
    if (s.watch_fd >= 0) ::close(s.watch_fd);
    s.watch_fd = -1;
}

bool Server::running() const { return impl_->running; }
int Server::port() const { return impl_->port; }
bool Server::tls() const { return !impl_->options.tls_cert_pem.empty() && !impl_->options.tls_key_pem.empty(); }

Server::Stats Server::stats() const {
    Stats st;
    {
        std::lock_guard lock(impl_->conn_mutex);
        st.connections = impl_->connections.size();
    }
    {
        std::lock_guard lock(impl_->stream_mutex);
        st.streams = impl_->streams.size();
    }
    st.closed_too_slow = impl_->closed_too_slow;
    return st;
}

}  // namespace gastvrij::http
