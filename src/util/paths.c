#include "util/paths.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

const char *path_home(void)
{
    const char *home = getenv("HOME");
    if (home && *home)
        return home;
    struct passwd *pw = getpwuid(geteuid());
    return pw ? pw->pw_dir : NULL;
}

char *path_expand_tilde(const char *path)
{
    if (!path || path[0] != '~')
        return path ? xstrdup(path) : NULL;
    const char *rest = path + 1;
    while (*rest && *rest != '/')
        rest++;
    const char *home = NULL;
    if (rest == path + 1) {
        home = path_home();
    } else {
        char *user = xstrndup(path + 1, (size_t)(rest - path - 1));
        struct passwd *pw = getpwnam(user);
        free(user);
        home = pw ? pw->pw_dir : NULL;
    }
    if (!home)
        return xstrdup(path);
    return xasprintf("%s%s", home, rest);
}

void path_canonicalize(char *path)
{
    char *out = path;
    const char *in = path;
    while (*in) {
        if (in[0] == '/' && out > path && out[-1] == '/') {
            in++;                                   /* "//" */
        } else if (in[0] == '.' && (in[1] == '/' || in[1] == '\0') && out > path && out[-1] == '/') {
            in += in[1] ? 2 : 1;                    /* "/./" or trailing "/." */
        } else {
            *out++ = *in++;
        }
    }
    *out = '\0';
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        path[--len] = '\0';
}

char *path_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

char *path_join(const char *dir, const char *name)
{
    char *joined = xasprintf("%s/%s", dir, name);
    path_canonicalize(joined);
    return joined;
}
