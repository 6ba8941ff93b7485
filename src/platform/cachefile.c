#include "platform/cachefile.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/log.h"
#include "util/paths.h"
#include "util/safefile.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* the first refusal of the run: said once, and kept for a caller that cannot do without the cache */
static char *refusal;

static void note_refusal(char *why)
{
    if (!why)
        return;
    if (refusal) {
        free(why);
        return;
    }
    refusal = why;
    log_prefixed(LOG_WARNING, "%s", refusal);
}

const char *cache_refusal(void)
{
    return refusal;
}

char *cache_path(const char *name)
{
    /* the cache holds tokens and database passwords: safefile holds its folder to the private rules */
    char *why;
    char *dir = safefile_cache_dir(&why);
    if (!dir) {
        note_refusal(why);
        return NULL;
    }
    char *path = path_join(dir, name);
    free(dir);
    return path;
}

/* a file of ours that others could read or write may have been seen or changed: it is not used (and is replaced) */
static bool trustworthy(int fd, size_t max_size, long max_age, time_t *mtime)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || (st.st_mode & 077) != 0 || (size_t)st.st_size > max_size)
        return false;
    time_t now = time(NULL);
    if (max_age >= 0 && (st.st_mtime > now + 60 || now - st.st_mtime >= max_age))
        return false;
    if (mtime)
        *mtime = st.st_mtime;
    return true;
}

char *cache_read(const char *path, long max_age, size_t max_size, time_t *mtime)
{
    if (!path)
        return NULL;
    char *why;
    int fd = safefile_open(path, SAFE_OWN_FILE, &why);
    if (fd < 0) {
        note_refusal(why);
        return NULL;
    }
    if (!trustworthy(fd, max_size, max_age, mtime)) {
        close(fd);
        return NULL;
    }
    StrBuf sb = STRBUF_INIT;
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof(buf))) > 0 && sb.len + (size_t)n <= max_size)
        sb_append_n_wiping(&sb, buf, (size_t)n);
    close(fd);
    /* the files hold tokens and passwords */
    explicit_bzero(buf, sizeof(buf));
    if (n != 0) {
        sb_wipe_free(&sb);
        return NULL;
    }
    return sb.data ? sb_steal(&sb) : xstrdup("");
}

bool cache_write(const char *path, const char *data, size_t len, char **why)
{
    *why = NULL;
    if (!path) {
        errno = ENOENT;
        return false;
    }
    return safefile_write_cache(path, data, len, why);
}

void cache_store(const char *path, const char *data, size_t len)
{
    static bool warned;
    char *why;
    if (!path || cache_write(path, data, len, &why))
        return;
    if (why) {
        note_refusal(why);
        return;
    }
    /* the session goes on without this copy (a full disk, a read-only folder): say so once */
    if (!warned)
        log_warning("could not write cache file \"%s\": %s", path, strerror(errno));
    warned = true;
}

void cache_remove(const char *path)
{
    if (path)
        unlink(path);
}

char *cache_key(const char *const *parts, int nparts)
{
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int dlen = 0;
    EVP_DigestInit_ex(md, EVP_sha256(), NULL);
    for (int i = 0; i < nparts; i++) {
        const char *p = parts[i] ? parts[i] : "";
        /* the terminating NUL separates parts, so ("ab","c") and ("a","bc") differ */
        EVP_DigestUpdate(md, p, strlen(p) + 1);
    }
    EVP_DigestFinal_ex(md, digest, &dlen);
    EVP_MD_CTX_free(md);
    char *hex = xmalloc(33);
    for (unsigned int i = 0; i < 16 && i < dlen; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    return hex;
}
