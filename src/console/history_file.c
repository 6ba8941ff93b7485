#include "console/history_file.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/paths.h"
#include "util/safefile.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static const char COOKIE[] = "_HiStOrY_V2_";

char *history_file_encode(const char *entry)
{
    StrBuf line = STRBUF_INIT;
    for (const unsigned char *p = (const unsigned char *)entry; *p; p++) {
        /* octal escapes are what libedit's reader decodes for any byte: one entry stays one line */
        if (*p == ' ' || *p == '\\' || *p < 0x20 || *p == 0x7f)
            sb_printf(&line, "\\%03o", *p);
        else
            sb_append_char(&line, (char)*p);
    }
    if (!line.data)
        return xstrdup("");
    return sb_steal(&line);
}

/* the entry lines of an existing file: every non-empty line but the cookie */
static size_t collect_lines(char *text, char ***lines)
{
    size_t n = 0, cap = 0;
    *lines = NULL;
    for (char *line = text; line && *line;) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        if (*line && strcmp(line, COOKIE) != 0) {
            if (n == cap)
                *lines = xrealloc(*lines, (cap = cap ? cap * 2 : 64) * sizeof(char *));
            (*lines)[n++] = line;
        }
        line = end ? end + 1 : NULL;
    }
    return n;
}

char *history_file_merge(const char *existing, const char *const *entries, int n, int histsize)
{
    char *copy = xstrdup(existing ? existing : "");
    char **old;
    size_t n_old = collect_lines(copy, &old);
    size_t n_new = n > 0 ? (size_t)n : 0;
    size_t keep = histsize < 0 ? SIZE_MAX : (size_t)histsize;
    /* the oldest lines of the file go first, then the oldest of this session's */
    size_t skip_old = n_old + n_new > keep ? n_old + n_new - keep : 0;
    size_t skip_new = skip_old > n_old ? skip_old - n_old : 0;
    StrBuf out = STRBUF_INIT;
    sb_printf(&out, "%s\n", COOKIE);
    for (size_t i = skip_old < n_old ? skip_old : n_old; i < n_old; i++)
        sb_printf(&out, "%s\n", old[i]);
    for (size_t i = skip_new; i < n_new; i++) {
        char *line = history_file_encode(entries[i]);
        sb_printf(&out, "%s\n", line);
        free(line);
    }
    free(old);
    free(copy);
    return sb_steal(&out);
}

/* A missing file reached through links (a dotfiles link made before its file): the path
 * the last link names, where psql too would create the file.  Each hop is read with
 * readlink, as realpath gives up on the missing end. */
static char *follow_to_missing_file(const char *path)
{
    char *current = xstrdup(path);
    for (int hops = 0; hops < 40; hops++) {
        struct stat st;
        if (lstat(current, &st) != 0 || !S_ISLNK(st.st_mode))
            return current;
        char named[PATH_MAX];
        ssize_t n = readlink(current, named, sizeof(named) - 1);
        if (n < 0) {
            free(current);
            return NULL;
        }
        named[n] = '\0';
        char *dir = path_dirname(current);
        char *next = named[0] == '/' ? xstrdup(named) : path_join(dir, named);
        free(dir);
        free(current);
        current = next;
    }
    free(current);
    errno = ELOOP;
    return NULL;
}

/* the file history goes to: path with its symbolic links followed, so that a link stays one */
static char *resolve(const char *path)
{
    char *target = realpath(path, NULL);
    if (!target && errno == ENOENT)
        target = follow_to_missing_file(path);
    return target;
}

bool history_file_usable(const char *path)
{
    char *target = resolve(path);
    int fd = target ? safefile_open(target, SAFE_OWN_FILE, NULL) : -1;
    bool usable = fd >= 0 || (target && errno == ENOENT);
    if (fd >= 0)
        close(fd);
    free(target);
    return usable;
}

bool history_file_save(const char *path, const char *const *entries, int n, int histsize, char **why)
{
    *why = NULL;
    char *target = resolve(path);
    if (!target)
        return false;
    /* another user's file (or a device) is neither merged nor replaced */
    char *existing = safefile_read_private(target, SAFE_OWN_FILE, NULL, why);
    if (!existing && errno != ENOENT) {
        int err = errno;
        free(target);
        errno = err;
        return false;
    }
    char *text = history_file_merge(existing, entries, n, histsize);
    bool ok = safefile_write(target, text, strlen(text), why);
    int err = errno;
    free(text);
    free(existing);
    free(target);
    errno = err;
    return ok;
}
