#include "util/safefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/paths.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

bool safefile_make_dirs(const char *dir)
{
    char *copy = xstrdup(dir);
    bool ok = true;
    for (char *p = copy + 1; ok; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(copy, 0700) != 0 && errno != EEXIST)
            ok = false;
        *p = saved;
        if (saved == '\0')
            break;
    }
    free(copy);
    return ok;
}

bool safefile_write(const char *path, const void *data, size_t len)
{
    char *tmp = xasprintf("%s.tmp.%d", path, (int)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        free(tmp);
        return false;
    }
    const char *p = data;
    size_t left = len;
    bool ok = true;
    while (ok && left > 0) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        ok = n > 0;
        if (ok) {
            p += n;
            left -= (size_t)n;
        }
    }
    ok = ok && fsync(fd) == 0;
    int saved = errno;
    ok = close(fd) == 0 && ok;
    if (ok)
        ok = rename(tmp, path) == 0;
    else
        errno = saved;
    if (!ok) {
        saved = errno;
        unlink(tmp);
        errno = saved;
    }
    free(tmp);
    return ok;
}

char *safefile_read(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return NULL;
    StrBuf buf = STRBUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        sb_append_n(&buf, chunk, n);
    bool failed = ferror(fp);
    fclose(fp);
    if (failed) {
        sb_free(&buf);
        return NULL;
    }
    if (len)
        *len = buf.len;
    return sb_steal(&buf);
}

static char *xdg_dir(const char *env, const char *fallback)
{
    const char *base = getenv(env);
    if (base && base[0] == '/')
        return xasprintf("%s/pgconsole", base);
    const char *home = path_home();
    return home ? xasprintf("%s/%s/pgconsole", home, fallback) : NULL;
}

char *safefile_config_dir(void)
{
    return xdg_dir("XDG_CONFIG_HOME", ".config");
}

char *safefile_cache_dir(void)
{
    return xdg_dir("XDG_CACHE_HOME", ".cache");
}
