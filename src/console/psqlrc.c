#include "console/psqlrc.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <unistd.h>

#include "console/mainloop.h"
#include "util/paths.h"
#include "util/xalloc.h"

/* NAME-15.N, else NAME-15, else NAME */
static void load_versioned(Session *s, const char *name)
{
    int v = PQlibVersion();
    char *minor = xasprintf("%s-%d.%d", name, v / 10000, v % 10000);
    char *major = xasprintf("%s-%d", name, v / 10000);
    if (access(minor, R_OK) == 0)
        mainloop_process_file(s, minor, false);
    else if (access(major, R_OK) == 0)
        mainloop_process_file(s, major, false);
    else if (access(name, R_OK) == 0)
        mainloop_process_file(s, name, false);
    free(minor);
    free(major);
}

static void load_system_psqlrc(Session *s)
{
    const char *dir = getenv("PGSYSCONFDIR");
    char *path = xasprintf("%s/psqlrc", dir && *dir ? dir : "/etc/postgresql-common");
    load_versioned(s, path);
    free(path);
}

static void load_user_psqlrc(Session *s)
{
    const char *env = getenv("PSQLRC");
    if (env && *env) {
        char *path = path_expand_tilde(env);
        load_versioned(s, path);
        free(path);
        return;
    }
    const char *home = path_home();
    if (home) {
        char *path = xasprintf("%s/.psqlrc", home);
        load_versioned(s, path);
        free(path);
    }
}

void psqlrc_load_all(Session *s, const Options *opts)
{
    (void)opts;
    load_system_psqlrc(s);
    load_user_psqlrc(s);
}
