#include "util/safefile.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/paths.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

const char *safefile_judge(SafeUse use, mode_t mode, uid_t owner, uid_t me)
{
    bool folder = use == SAFE_PRIVATE_FOLDER;
    if (S_ISLNK(mode))
        return folder ? "it is a symbolic link (remove it: pgconsole makes the folder itself)"
                      : "it is a symbolic link (remove it)";
    if (folder && !S_ISDIR(mode))
        return "it is not a folder (move it away)";
    if (!folder && !S_ISREG(mode))
        return "it is not a regular file (move it away)";
    if (owner != me)
        return "it belongs to another user (it must be yours)";
    if (use != SAFE_OWN_FILE && (mode & (S_IWGRP | S_IWOTH)) != 0)
        return folder ? "it is writable by others (chmod 700 it)"
                      : "it is writable by others (check what it holds, then chmod 600 it)";
    return NULL;
}

static bool refuse(const char *path, const char *problem, char **why)
{
    if (why)
        *why = xasprintf("refusing to use %s: %s", path, problem);
    errno = EPERM;
    return false;
}

static void clear_why(char **why)
{
    if (why)
        *why = NULL;
}

/* mkdir -p with mode 0700: the folders XDG's base directories name are private too */
static bool make_path(const char *dir)
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
    int saved = errno;
    free(copy);
    errno = saved;
    return ok;
}

/* the folder passed; that others may list or enter it is no reason to refuse it, but it is ours to close */
static void close_to_others(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && st.st_uid == geteuid() && (st.st_mode & 077) != 0)
        (void)fchmod(fd, 0700);
    if (fd >= 0)
        close(fd);
}

bool safefile_private_dir(const char *dir, char **why)
{
    clear_why(why);
    if (!make_path(dir))
        return false;
    struct stat st;
    if (lstat(dir, &st) != 0)
        return false;
    const char *problem = safefile_judge(SAFE_PRIVATE_FOLDER, st.st_mode, st.st_uid, geteuid());
    if (problem)
        return refuse(dir, problem, why);
    if ((st.st_mode & 077) != 0)
        close_to_others(dir);
    return true;
}

int safefile_open(const char *path, SafeUse use, char **why)
{
    clear_why(why);
    /* O_NONBLOCK: a FIFO put in the file's place must not hang the open */
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0) {
        int saved = errno;
        if (saved == ELOOP && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
            refuse(path, safefile_judge(use, st.st_mode, st.st_uid, geteuid()), why);
        else
            errno = saved;
        return -1;
    }
    if (fstat(fd, &st) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    const char *problem = safefile_judge(use, st.st_mode, st.st_uid, geteuid());
    if (problem) {
        close(fd);
        refuse(path, problem, why);
        return -1;
    }
    return fd;
}

static char *read_all(int fd, size_t *len)
{
    StrBuf buf = STRBUF_INIT;
    char chunk[4096];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int saved = errno;
            sb_free(&buf);
            errno = saved;
            return NULL;
        }
        sb_append_n(&buf, chunk, (size_t)n);
    }
    if (len)
        *len = buf.len;
    return buf.data ? sb_steal(&buf) : xstrdup("");
}

char *safefile_read_private(const char *path, SafeUse use, size_t *len, char **why)
{
    int fd = safefile_open(path, use, why);
    if (fd < 0)
        return NULL;
    char *data = read_all(fd, len);
    int saved = errno;
    close(fd);
    errno = saved;
    return data;
}

char *safefile_read(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    char *data = read_all(fd, len);
    int saved = errno;
    close(fd);
    errno = saved;
    return data;
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

/* what is there may be replaced only when it is a file of the user's: a link, a folder or another's file stays */
static bool may_replace(const char *path, char **why)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT;
    const char *problem = safefile_judge(SAFE_OWN_FILE, st.st_mode, st.st_uid, geteuid());
    return !problem || refuse(path, problem, why);
}

static bool replace_file(const char *path, const void *data, size_t len, bool durable, char **why)
{
    clear_why(why);
    if (!may_replace(path, why))
        return false;
    char *tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        int saved = errno;
        free(tmp);
        errno = saved;
        return false;
    }
    bool ok = write_all(fd, data, len) && (!durable || fsync(fd) == 0);
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

bool safefile_write(const char *path, const void *data, size_t len, char **why)
{
    return replace_file(path, data, len, true, why);
}

bool safefile_write_cache(const char *path, const void *data, size_t len, char **why)
{
    return replace_file(path, data, len, false, why);
}

/* $XDG_x_HOME/pgconsole or ~/fallback/pgconsole, created private */
static char *xdg_dir(const char *env, const char *fallback, char **why)
{
    clear_why(why);
    const char *base = getenv(env);
    char *dir;
    if (base && base[0] == '/') {
        dir = path_join(base, "pgconsole");
    } else {
        const char *home = path_home();
        if (!home) {
            errno = ENOENT;
            return NULL;
        }
        char *sub = xasprintf("%s/pgconsole", fallback);
        dir = path_join(home, sub);
        free(sub);
    }
    if (!safefile_private_dir(dir, why)) {
        int saved = errno;
        free(dir);
        errno = saved;
        return NULL;
    }
    return dir;
}

char *safefile_config_dir(char **why)
{
    return xdg_dir("XDG_CONFIG_HOME", ".config", why);
}

char *safefile_cache_dir(char **why)
{
    return xdg_dir("XDG_CACHE_HOME", ".cache", why);
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
