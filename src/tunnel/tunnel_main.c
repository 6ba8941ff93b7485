/*
 * The `tunnel` subcommand: its options and help, the listener, the signals, exec
 * mode, and the loop that runs it all until Ctrl-C, SIGTERM or the command's end.
 */
#include "tunnel/tunnel.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "platform/platform.h"
#include "tunnel/connstr_secret.h"
#include "tunnel/exec_child.h"
#include "tunnel/listener.h"
#include "tunnel/target.h"
#include "tunnel/target_platform.h"
#include "tunnel/tunnel_int.h"
#include "util/hardening.h"
#include "util/log.h"
#include "util/xalloc.h"

extern char **environ;

enum { DEFAULT_PORT = 10000, NEXT_PORTS_TRIED = 9, ACCEPT_BATCH = 64, ACCEPT_PAUSE_MS = 1000 };

typedef struct TunnelOptions {
    char *connstr;              /* a copy; the command line's is blanked */
    const char *from;           /* where it came from, for messages */
    int port;                   /* -1: not given */
    const char *bind;           /* NULL: not given */
    const char *ca_file;
    bool show_password;
    bool verbose;
    char **command;             /* after "--", or NULL */
    PlatformArgs platform;      /* --app and its companions: the platform provider instead of connstr */
} TunnelOptions;

typedef struct Runner {
    Tunnel tunnel;
    Listener listener;
    EvTimer accept_pause;
    pid_t child;
    int exit_code;
    bool stopping;
} Runner;

static int signal_pipe[2] = {-1, -1};

static void usage(void)
{
    printf("pgconsole tunnel forwards local PostgreSQL connections to a database over verified TLS.\n\n"
           "Usage:\n"
           "  pgconsole tunnel [OPTION]... [URL|CONNINFO] [-- COMMAND [ARG]...]\n"
           "  pgconsole tunnel --app APP [OPTION]... [-- COMMAND [ARG]...]\n\n"
           "Without URL, CONNINFO or --app, DATABASE_URL is used.  With a COMMAND, the tunnel listens on a free\n"
           "port, runs COMMAND with PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD and DATABASE_URL\n"
           "pointing at it, stops when COMMAND ends and exits with its exit code.\n\n"
           "Options:\n"
           "  -p, --port=PORT          listen on PORT (default: %d, else the next free one up to %d)\n"
           "  -b, --bind=ADDRESS       listen on ADDRESS (default: 127.0.0.1; any other address lets\n"
           "                           other machines reach the database through the tunnel)\n"
           "      --ca-file=FILE       verify the server's certificate with the CA certificates in FILE\n"
           "                           (default: the connection string's sslrootcert, else the system's)\n"
           "      --show-password      include the password in the printed URL\n"
           "      --app=APP            the database of this Scalingo app, resolved again at every connection\n"
           "      --region=REGION      the app's region (default: SCALINGO_REGION, then the default region)\n"
           "      --addon=ID           the PostgreSQL addon, when the app has several\n"
           "      --env-var=NAME       the app variable holding the database URL\n"
           "      --via=PATH           \"direct\" or through the region's \"ssh\" gateway (default: from the\n"
           "                           database's Internet Accessibility)\n"
           "  -v, --verbose            log one line per connection\n"
           "  -?, --help               show this help, then exit\n\n"
           "Local clients connect without TLS (sslmode=disable or prefer); the tunnel always uses TLS\n"
           "upstream, with SNI and the server's certificate and host name verified.\n",
           DEFAULT_PORT, DEFAULT_PORT + NEXT_PORTS_TRIED);
}

static void tunnel_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void tunnel_error(const char *fmt, ...)
{
    fflush(stdout);
    fprintf(stderr, "%s tunnel: error: ", log_progname());
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static int usage_error(const char *what)
{
    tunnel_error("%s", what);
    fprintf(stderr, "Try \"%s tunnel --help\" for more information.\n", log_progname());
    return 1;
}

static bool parse_port(const char *text, int *port)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (!*text || *end || v < 0 || v > 65535)
        return false;
    *port = (int)v;
    return true;
}

/* what the tunnel leads to: --app, the URL or connection string of argv[first] (first < ours), or DATABASE_URL */
static int choose_database(TunnelOptions *o, char **argv, int first, int ours)
{
    if (ours - first > 1)
        return usage_error("too many arguments: give one URL or connection string");
    PlatformError pe = {0};
    if (!platform_args_check(&o->platform, &pe)) {
        char *m = platform_error_take(&pe);
        usage_error(m);
        free(m);
        return 1;
    }
    if (o->platform.app && ours - first == 1)
        return usage_error("give --app or a URL or connection string, not both");
    if (o->platform.app) {
        o->from = "--app";
    } else if (ours - first == 1) {
        o->connstr = xstrdup(argv[first]);
        o->from = "the connection string";
        /* what ps and /proc/PID/cmdline show from now on */
        connstr_mask_in_place(argv[first]);
    } else if (getenv("DATABASE_URL") && *getenv("DATABASE_URL")) {
        o->connstr = xstrdup(getenv("DATABASE_URL"));
        o->from = "DATABASE_URL";
    } else {
        return usage_error("no database: give a URL or connection string (or set DATABASE_URL)");
    }
    return -1;
}

/* options before "--" (getopt must not see the command's own options) */
static int parse_options(int argc, char **argv, TunnelOptions *o)
{
    static const struct option longopts[] = {
        {"port", required_argument, NULL, 'p'},     {"bind", required_argument, NULL, 'b'},
        {"ca-file", required_argument, NULL, 'C'},  {"show-password", no_argument, NULL, 'P'},
        {"verbose", no_argument, NULL, 'v'},        {"help", no_argument, NULL, '?'},
        {"app", required_argument, NULL, 'A'},      {"region", required_argument, NULL, 'R'},
        {"addon", required_argument, NULL, 'D'},    {"env-var", required_argument, NULL, 'E'},
        {"via", required_argument, NULL, 'V'},      {NULL, 0, NULL, 0}};
    memset(o, 0, sizeof(*o));
    o->port = -1;
    int ours = argc;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--") == 0) {
            ours = i;
            o->command = argv + i + 1;
            if (!o->command[0])
                return usage_error("no command after \"--\"");
            break;
        }
    opterr = 0;
    optind = 1;
    int ch;
    while ((ch = getopt_long(ours, argv, ":p:b:v?", longopts, NULL)) != -1) {
        switch (ch) {
        case 'p':
            if (!parse_port(optarg, &o->port))
                return usage_error("invalid port: use a number from 0 to 65535");
            break;
        case 'b': o->bind = optarg; break;
        case 'C': o->ca_file = optarg; break;
        case 'P': o->show_password = true; break;
        case 'v': o->verbose = true; break;
        case 'A': o->platform.app = optarg; break;
        case 'R': o->platform.region = optarg; break;
        case 'D': o->platform.addon = optarg; break;
        case 'E': o->platform.env_var = optarg; break;
        case 'V':
            if (strcmp(optarg, "direct") != 0 && strcmp(optarg, "ssh") != 0)
                return usage_error("invalid --via: use direct or ssh");
            o->platform.via = strcmp(optarg, "ssh") == 0 ? PLATFORM_VIA_SSH : PLATFORM_VIA_DIRECT;
            break;
        case ':': {
            char *m = xasprintf("option %s needs a value", argv[optind - 1]);
            usage_error(m);
            free(m);
            return 1;
        }
        case '?':
            if (optopt == 0 && strcmp(argv[optind - 1], "-?") != 0 && strcmp(argv[optind - 1], "--help") != 0) {
                char *m = xasprintf("unknown option %s", argv[optind - 1]);
                usage_error(m);
                free(m);
                return 1;
            }
            if (optopt != 0 && optopt != '?') {
                char *m = xasprintf("unknown option -%c", optopt);
                usage_error(m);
                free(m);
                return 1;
            }
            usage();
            return 0;
        }
    }
    return choose_database(o, argv, optind, ours);
}

/* ---- signals: a byte per signal down a pipe the loop watches ---- */

static void on_signal(int signo)
{
    int saved = errno;
    unsigned char b = (unsigned char)signo;
    ssize_t ignored = write(signal_pipe[1], &b, 1);
    (void)ignored;
    errno = saved;
}

static bool install_signals(bool exec_mode)
{
    if (pipe(signal_pipe) != 0)
        return false;
    for (int i = 0; i < 2; i++) {
        fcntl(signal_pipe[i], F_SETFL, fcntl(signal_pipe[i], F_GETFL) | O_NONBLOCK);
        fcntl(signal_pipe[i], F_SETFD, FD_CLOEXEC);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGCHLD, &sa, NULL);
    /* in exec mode Ctrl-C belongs to the command (psql cancels its query with it) */
    if (exec_mode) {
        signal(SIGINT, SIG_IGN);
        signal(SIGQUIT, SIG_IGN);
    } else {
        sigaction(SIGINT, &sa, NULL);
    }
    signal(SIGPIPE, SIG_IGN);
    return true;
}

static void restore_signals(void)
{
    int sigs[] = {SIGTERM, SIGHUP, SIGCHLD, SIGINT, SIGQUIT};
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
        signal(sigs[i], SIG_DFL);
    for (int i = 0; i < 2; i++)
        if (signal_pipe[i] >= 0)
            close(signal_pipe[i]);
    signal_pipe[0] = signal_pipe[1] = -1;
}

static void reap_child(Runner *r)
{
    int status;
    if (r->child > 0 && waitpid(r->child, &status, WNOHANG) == r->child) {
        r->exit_code = exec_exit_code(status);
        r->child = 0;
        r->stopping = true;
    }
}

static void on_signal_pipe(void *ctx, unsigned events)
{
    Runner *r = ctx;
    (void)events;
    unsigned char signals[64];
    ssize_t n;
    while ((n = read(signal_pipe[0], signals, sizeof(signals))) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            if (signals[i] == SIGCHLD) {
                reap_child(r);
            } else if (r->child > 0) {
                kill(r->child, signals[i]);     /* the command decides; the tunnel ends with it */
            } else if (!r->stopping) {
                r->stopping = true;
                if (!r->tunnel.quiet)
                    tlog("stopping (%s)", strsignal(signals[i]));
            }
        }
    }
}

/* ---- accepting ---- */

static void on_accept(void *ctx, unsigned events);

static void resume_accepting(void *ctx)
{
    Runner *r = ctx;
    evloop_watch(r->tunnel.loop, r->listener.fd, EV_READ, on_accept, r);
}

static void peer_text(const struct sockaddr_storage *ss, char *out, size_t outsize)
{
    char host[INET6_ADDRSTRLEN] = "?";
    if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;
        inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof(host));
        snprintf(out, outsize, "[%s]:%u", host, ntohs(in6->sin6_port));
    } else {
        const struct sockaddr_in *in = (const struct sockaddr_in *)ss;
        inet_ntop(AF_INET, &in->sin_addr, host, sizeof(host));
        snprintf(out, outsize, "%s:%u", host, ntohs(in->sin_port));
    }
}

static void on_accept(void *ctx, unsigned events)
{
    Runner *r = ctx;
    (void)events;
    for (int i = 0; i < ACCEPT_BATCH; i++) {
        struct sockaddr_storage ss;
        socklen_t len = sizeof(ss);
        int fd = accept(r->listener.fd, (struct sockaddr *)&ss, &len);
        if (fd < 0) {
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                /* out of descriptors: pause rather than spin on a listener that stays readable */
                tlog("cannot accept more connections for now (%s); %zu open", strerror(errno), r->tunnel.nconns);
                evloop_forget(r->tunnel.loop, r->listener.fd);
                evloop_timer_start(r->tunnel.loop, &r->accept_pause, ACCEPT_PAUSE_MS, resume_accepting, r);
            }
            return;
        }
        char peer[64];
        peer_text(&ss, peer, sizeof(peer));
        conn_accept(&r->tunnel, fd, peer);
    }
}

/* ---- running ---- */

static void announce(const Runner *r, const TunnelOptions *o, const TunnelTarget *first, int asked_port)
{
    if (asked_port > 0 && r->listener.port != asked_port)
        fprintf(stderr, "%s tunnel: port %d is in use; listening on port %d instead\n", log_progname(), asked_port,
                r->listener.port);
    if (o->command && !o->verbose)
        return;
    const char *store = first->ca_file ? first->ca_file : "the system's CA certificates";
    fprintf(stderr, "%s tunnel: forwarding %s%s%s:%d to %s over TLS (server certificate verified with %s)%s\n",
            log_progname(), strchr(r->listener.host, ':') ? "[" : "", r->listener.host,
            strchr(r->listener.host, ':') ? "]" : "", r->listener.port, first->label, store,
            o->command ? "" : "; Ctrl-C stops it");
    if (o->command)
        return;
    char *url = exec_local_url(r->listener.host, r->listener.port, first, o->show_password);
    printf("%s\n", url);
    fflush(stdout);
    explicit_bzero(url, strlen(url));
    free(url);
}

static bool start_listening(Runner *r, const TunnelOptions *o, int *asked_port)
{
    const char *bind_addr = o->bind ? o->bind : "127.0.0.1";
    int port = o->port >= 0 ? o->port : o->command ? 0 : DEFAULT_PORT;
    int extra = o->port >= 0 || o->command ? 0 : NEXT_PORTS_TRIED;
    char *err = NULL;
    *asked_port = port;
    if (!listener_open(&r->listener, bind_addr, port, extra, &err)) {
        tunnel_error("%s", err);
        free(err);
        return false;
    }
    if (!r->listener.loopback)
        fprintf(stderr, "%s tunnel: warning: listening on %s, not on loopback: other machines that reach it "
                        "reach the database (which still asks for its password)\n",
                log_progname(), bind_addr);
    return true;
}

static int serve(Runner *r, const TunnelOptions *o, const TunnelTarget *first)
{
    if (o->command) {
        char **env = exec_environment(environ, r->listener.host, r->listener.port, first);
        char *err = NULL;
        r->child = exec_spawn(o->command, env, &err);
        exec_environment_free(env);
        if (r->child < 0) {
            tunnel_error("%s", err);
            free(err);
            return 127;
        }
    }
    while (!r->stopping) {
        if (!evloop_run_once(r->tunnel.loop, -1)) {
            tunnel_error("the event loop failed: %s", strerror(errno));
            return 1;
        }
    }
    return r->exit_code;
}

static int run(TunnelOptions *o)
{
    TunnelProvider provider;
    TunnelTarget first = {0};
    char *err = NULL;
    bool made = o->platform.app ? target_platform_provider(&o->platform, o->ca_file, o->command && !o->verbose,
                                                           &provider, &err)
                                : target_static_provider(o->connstr, o->ca_file, &provider, &err);
    if (!made) {
        tunnel_error("%s: %s", o->from, err);
        free(err);
        return 1;
    }
    if (!provider.resolve(provider.ctx, &first, &err)) {
        tunnel_error("%s", err);
        free(err);
        provider.destroy(provider.ctx);
        return 1;
    }
    Runner r;
    memset(&r, 0, sizeof(r));
    r.tunnel.verbose = o->verbose;
    r.tunnel.quiet = o->command && !o->verbose;
    int asked_port = 0, code = 1;
    if (!install_signals(o->command != NULL) || !start_listening(&r, o, &asked_port)) {
        provider.destroy(provider.ctx);
        tunnel_target_free(&first);
        restore_signals();
        return 1;
    }
    r.tunnel.loop = evloop_create(NULL, &err);
    if (r.tunnel.loop)
        r.tunnel.dialer = dialer_start(&provider, r.tunnel.loop, &err);
    if (!r.tunnel.dialer)
        provider.destroy(provider.ctx);
    if (r.tunnel.dialer && evloop_watch(r.tunnel.loop, r.listener.fd, EV_READ, on_accept, &r) &&
        evloop_watch(r.tunnel.loop, signal_pipe[0], EV_READ, on_signal_pipe, &r)) {
        if (r.tunnel.verbose)
            tlog("event loop: %s", evloop_backend_name(r.tunnel.loop));
        announce(&r, o, &first, asked_port);
        code = serve(&r, o, &first);
    } else {
        tunnel_error("%s", err ? err : strerror(errno));
        free(err);
    }
    listener_close(&r.listener);
    if (r.tunnel.loop) {
        evloop_timer_stop(r.tunnel.loop, &r.accept_pause);
        conn_close_all(&r.tunnel);
        dialer_stop(r.tunnel.dialer);
        evloop_destroy(r.tunnel.loop);
    }
    free(r.tunnel.health_why);
    tunnel_target_free(&first);
    restore_signals();
    return code;
}

int tunnel_main(int argc, char **argv)
{
    /* the database password (from the command line or DATABASE_URL) lives in this process until it ends */
    hardening_no_core_dumps();
    TunnelOptions o;
    int code = parse_options(argc, argv, &o);
    if (code < 0)
        code = run(&o);
    if (o.connstr) {
        explicit_bzero(o.connstr, strlen(o.connstr));
        free(o.connstr);
    }
    return code;
}
