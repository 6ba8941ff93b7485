/*
 * Startup files.  psql's own come first (system psqlrc, then $PSQLRC or
 * ~/.psqlrc, each preferring a -15.N or -15 variant), then the shipped
 * psqlrc.d files (*.psqlrc) in name order, then the app's .psqlrc.  The app's file comes
 * from a checkout and may run shell commands, so it is read only once the user
 * has trusted its exact content (console/psqlrc_trust.c).
 */
#include "console/psqlrc.h"

#include <dirent.h>
#include <errno.h>
#include <libpq-fe.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "console/app_prompt.h"
#include "console/mainloop.h"
#include "console/psqlrc_trust.h"
#include "util/log.h"
#include "util/paths.h"
#include "util/xalloc.h"

/* NAME-15.N, else NAME-15, else NAME; returns the file read, or NULL */
static char *load_versioned(Session *s, const char *name)
{
    int v = PQlibVersion();
    char *candidates[3] = {xasprintf("%s-%d.%d", name, v / 10000, v % 10000), xasprintf("%s-%d", name, v / 10000),
                           xstrdup(name)};
    char *loaded = NULL;
    for (int i = 0; i < 3 && !loaded; i++) {
        if (access(candidates[i], R_OK) == 0) {
            mainloop_process_file(s, candidates[i], false);
            loaded = candidates[i];
            candidates[i] = NULL;
        }
    }
    for (int i = 0; i < 3; i++)
        free(candidates[i]);
    return loaded;
}

static void load_system_psqlrc(Session *s)
{
    const char *dir = getenv("PGSYSCONFDIR");
    char *path = xasprintf("%s/psqlrc", dir && *dir ? dir : "/etc/postgresql-common");
    free(load_versioned(s, path));
    free(path);
}

static char *load_user_psqlrc(Session *s)
{
    const char *env = getenv("PSQLRC");
    char *path = NULL;
    if (env && *env) {
        path = path_expand_tilde(env);
    } else {
        const char *home = path_home();
        if (home)
            path = xasprintf("%s/.psqlrc", home);
    }
    char *loaded = path ? load_versioned(s, path) : NULL;
    free(path);
    return loaded;
}

static bool is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * $PGCONSOLE_PSQLRC_DIR, else psqlrc.d beside the binary (a build tree), else
 * ../share/pgconsole/psqlrc.d from it (an installation, wherever it was moved),
 * else the data directory chosen at build time.
 */
static char *shipped_dir(void)
{
    const char *env = getenv("PGCONSOLE_PSQLRC_DIR");
    if (env)
        return *env ? xstrdup(env) : NULL;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *dir = path_dirname(exe);
        char *candidates[2] = {xasprintf("%s/psqlrc.d", dir), xasprintf("%s/../share/pgconsole/psqlrc.d", dir)};
        free(dir);
        char *found = NULL;
        for (int i = 0; i < 2; i++) {
            if (!found && is_directory(candidates[i]))
                found = candidates[i];
            else
                free(candidates[i]);
        }
        if (found)
            return found;
    }
    return xstrdup(PGCONSOLE_DATADIR "/psqlrc.d");
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_shipped_defaults(Session *s)
{
    char *dir = shipped_dir();
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d) {
        free(dir);
        return;
    }
    char **names = NULL;
    size_t count = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len > 7 && strcmp(e->d_name + len - 7, ".psqlrc") == 0 && e->d_name[0] != '.') {
            names = xrealloc(names, (count + 1) * sizeof(char *));
            names[count++] = xstrdup(e->d_name);
        }
    }
    closedir(d);
    qsort(names, count, sizeof(char *), compare_names);
    for (size_t i = 0; i < count; i++) {
        char *path = xasprintf("%s/%s", dir, names[i]);
        mainloop_process_file(s, path, false);
        free(path);
        free(names[i]);
    }
    free(names);
    free(dir);
}

/* ---- the app's .psqlrc ---- */

/* .psqlrc in the current directory, else at the top of the git work tree around it */
static char *find_checkout_psqlrc(void)
{
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof(cwd)))
        return NULL;
    char *dir = xstrdup(cwd);
    for (;;) {
        char *rc = xasprintf("%s/.psqlrc", dir);
        char *git = xasprintf("%s/.git", dir);
        bool is_root = access(git, F_OK) == 0;
        bool here = strcmp(dir, cwd) == 0 || is_root;
        free(git);
        if (here && access(rc, R_OK) == 0) {
            free(dir);
            return rc;
        }
        free(rc);
        if (is_root || strcmp(dir, "/") == 0)
            break;
        char *parent = path_dirname(dir);
        free(dir);
        dir = parent;
    }
    free(dir);
    return NULL;
}

static void run_app_psqlrc_if_trusted(Session *s, const char *path, const char *app)
{
    char *why;
    if (psqlrc_trust_run(s, path, &why))
        return;
    if (why)
        log_prefixed(LOG_WARNING, "skipping %s: its trust cannot be checked: %s", path, why);
    else
        log_prefixed(LOG_WARNING, "skipping %s: it is new or has changed since it was trusted; review it, then run "
                                  "\"%s --app %s --trust-psqlrc\" to load it",
                     path, log_progname(), app ? app : "APP");
    free(why);
}

static void load_app_psqlrc(Session *s, const Options *opts, const char *user_rc)
{
    bool explicit = opts->app_psqlrc != NULL;
    char *found = explicit ? path_expand_tilde(opts->app_psqlrc) : opts->platform.app ? find_checkout_psqlrc() : NULL;
    char *path = found ? realpath(found, NULL) : NULL;
    char *user_real = user_rc ? realpath(user_rc, NULL) : NULL;
    if (found && !path && explicit)
        log_prefixed(LOG_ERROR, "%s: %s", found, strerror(errno));
    if (opts->trust_psqlrc && !path)
        log_prefixed(LOG_WARNING, "--trust-psqlrc: no .psqlrc in the current directory or at the top of its git "
                                  "work tree");
    /* inside an app container the app's .psqlrc is ~/.psqlrc, already read */
    if (path && !(user_real && strcmp(user_real, path) == 0)) {
        if (opts->trust_psqlrc)
            psqlrc_trust_record(path);
        if (explicit)
            mainloop_process_file(s, path, false);
        else
            run_app_psqlrc_if_trusted(s, path, opts->platform.app);
    }
    free(user_real);
    free(path);
    free(found);
}

void psqlrc_load_all(Session *s, const Options *opts)
{
    load_system_psqlrc(s);
    char *user_rc = load_user_psqlrc(s);
    app_prompt_setup(s);
    load_shipped_defaults(s);
    load_app_psqlrc(s, opts, user_rc);
    free(user_rc);
}
