#include "util/atomicfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/paths.h"
#include "util/xalloc.h"

/* temporary files not yet committed or aborted: exit() can come from deep inside a
 * statement (a script that loses its connection), and must not leave them behind */
enum { MAX_PENDING = 4 };
static char *pending[MAX_PENDING];

static void remove_pending(void)
{
    for (int i = 0; i < MAX_PENDING; i++)
        if (pending[i])
            unlink(pending[i]);
}

static void track(char *temp, bool add)
{
    static bool registered;
    if (add && !registered)
        registered = atexit(remove_pending) == 0;
    for (int i = 0; i < MAX_PENDING; i++) {
        if (add ? pending[i] == NULL : pending[i] == temp) {
            pending[i] = add ? temp : NULL;
            return;
        }
    }
}

static FILE *open_in_place(AtomicFile *af, const char *path)
{
    af->fp = fopen(path, "w");
    if (!af->fp)
        return NULL;
    af->target = xstrdup(path);
    return af->fp;
}

static mode_t new_file_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

/* a temporary file beside target, with the mode (and, for root, the owner) the target would have */
static int make_temp(AtomicFile *af, const struct stat *existing)
{
    char *dir = path_dirname(af->target);
    const char *slash = strrchr(af->target, '/');
    af->temp = xasprintf("%s/.%s.pgconsole-XXXXXX", dir, slash ? slash + 1 : af->target);
    free(dir);
    int fd = mkstemp(af->temp);
    if (fd < 0)
        return -1;
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    if (fchmod(fd, existing ? existing->st_mode & 07777 : new_file_mode()) != 0 ||
        (existing && geteuid() == 0 && fchown(fd, existing->st_uid, existing->st_gid) != 0)) {
        close(fd);
        unlink(af->temp);
        return -1;
    }
    return fd;
}

FILE *atomic_open(AtomicFile *af, const char *path)
{
    memset(af, 0, sizeof(*af));
    struct stat st;
    bool exists = stat(path, &st) == 0;
    /* FIFOs, devices and hard-linked files are written where they are, as psql does */
    if (exists && (!S_ISREG(st.st_mode) || st.st_nlink > 1))
        return open_in_place(af, path);
    /* a symbolic link stays a link: the file it points to is the one replaced */
    af->target = exists ? realpath(path, NULL) : xstrdup(path);
    int fd = af->target ? make_temp(af, exists ? &st : NULL) : -1;
    if (fd < 0) {
        free(af->target);
        free(af->temp);
        memset(af, 0, sizeof(*af));
        return open_in_place(af, path);
    }
    if (!(af->fp = fdopen(fd, "w"))) {
        int err = errno;
        close(fd);
        unlink(af->temp);
        free(af->target);
        free(af->temp);
        memset(af, 0, sizeof(*af));
        errno = err;
        return NULL;
    }
    track(af->temp, true);
    return af->fp;
}

static void release(AtomicFile *af)
{
    if (af->temp) {
        track(af->temp, false);
        free(af->temp);
    }
    free(af->target);
    memset(af, 0, sizeof(*af));
}

bool atomic_commit(AtomicFile *af)
{
    bool ok = fflush(af->fp) == 0 && !ferror(af->fp);
    int err = ok ? 0 : errno ? errno : EIO;
    /* a full disk can show itself only when the data reaches it */
    if (ok && af->temp && fsync(fileno(af->fp)) != 0) {
        ok = false;
        err = errno;
    }
    if (fclose(af->fp) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (ok && af->temp && rename(af->temp, af->target) != 0) {
        ok = false;
        err = errno;
    }
    if (!ok && af->temp)
        unlink(af->temp);
    release(af);
    errno = err;
    return ok;
}

void atomic_abort(AtomicFile *af)
{
    if (af->fp)
        fclose(af->fp);
    if (af->temp)
        unlink(af->temp);
    release(af);
}
