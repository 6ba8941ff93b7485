#include "util/safefile.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
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
    for (char *p = copy + 1; ok && *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        ok = mkdir(copy, 0700) == 0 || errno == EEXIST;
        *p = '/';
    }
    ok = ok && (mkdir(copy, 0700) == 0 || errno == EEXIST);
    free(copy);
    if (!ok)
        return false;
    /* the folder holds secrets: it must be ours and closed to others */
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid())
        return false;
    return (st.st_mode & 077) == 0 || chmod(dir, 0700) == 0;
}

static bool write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        len -= (size_t)n;
    }
    return true;
}

bool safefile_write(const char *path, const void *data, size_t len)
{
    char *tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        free(tmp);
        return false;
    }
    bool ok = write_all(fd, data, len) && fsync(fd) == 0;
    int saved = errno;
    ok = close(fd) == 0 && ok;
    /* rename() lets readers see either the old file or the whole new one */
    if (ok && rename(tmp, path) != 0) {
        saved = errno;
        ok = false;
    }
    if (!ok) {
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

/* $XDG_x_HOME/pgconsole or ~/fallback/pgconsole, created private */
static char *xdg_dir(const char *env, const char *fallback)
{
    const char *base = getenv(env);
    char *dir;
    if (base && base[0] == '/') {
        dir = path_join(base, "pgconsole");
    } else {
        const char *home = path_home();
        if (!home)
            return NULL;
        char *sub = xasprintf("%s/pgconsole", fallback);
        dir = path_join(home, sub);
        free(sub);
    }
    if (!safefile_make_dirs(dir)) {
        free(dir);
        return NULL;
    }
    return dir;
}

char *safefile_config_dir(void)
{
    return xdg_dir("XDG_CONFIG_HOME", ".config");
}

char *safefile_cache_dir(void)
{
    return xdg_dir("XDG_CACHE_HOME", ".cache");
}

char *safefile_sha256_hex(const void *data, size_t len)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int dlen = 0;
    EVP_Digest(data, len, digest, &dlen, EVP_sha256(), NULL);
    StrBuf hex = STRBUF_INIT;
    for (unsigned int i = 0; i < dlen; i++)
        sb_printf(&hex, "%02x", digest[i]);
    return sb_steal(&hex);
}
