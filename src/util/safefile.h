/*
 * Where pgconsole keeps what must stay private (tokens, database URLs, the trust store,
 * the SSH control socket): in a folder of its own that is a real folder (not a symbolic
 * link) of the user's, which no one else may write; its files are opened without
 * following a symbolic link and used only when they are regular files of the user's;
 * new files are created 0600 and replace the old ones atomically.  What breaks a rule is
 * refused, not repaired: the caller gets "refusing to use PATH: REASON (FIX)" and goes on
 * without the file, or stops, as suits it.
 */
#ifndef PGC_SAFEFILE_H
#define PGC_SAFEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef enum SafeUse {
    SAFE_PRIVATE_FOLDER, /* a folder of pgconsole's own: a real folder of the user's that no one else may write */
    SAFE_OWN_FILE,       /* a regular file of the user's (not a symbolic link) */
    SAFE_PRIVATE_FILE,   /* a regular file of the user's that no one else may write */
} SafeUse;

/* NULL when a thing of this mode (as lstat gives it) and owner may serve as use for the user me;
 * else the reason and the fix, as "it is writable by others (chmod 700 it)" */
const char *safefile_judge(SafeUse use, mode_t mode, uid_t owner, uid_t me);

/*
 * On failure the functions below return false, NULL or -1 with errno set; when a rule
 * refused the thing, errno is EPERM and *why (if why is not NULL) is "refusing to use
 * PATH: ..." (malloc'd), else *why is NULL.
 */

/* creates dir (and its missing parents) 0700 and checks it as SAFE_PRIVATE_FOLDER; a folder
 * that passes but that others may read or enter is closed to them */
bool safefile_private_dir(const char *dir, char **why);
/* $XDG_CONFIG_HOME/pgconsole or ~/.config/pgconsole, as safefile_private_dir makes it (malloc'd) */
char *safefile_config_dir(char **why);
/* $XDG_CACHE_HOME/pgconsole or ~/.cache/pgconsole, as safefile_private_dir makes it (malloc'd) */
char *safefile_cache_dir(char **why);
/* path opened for reading without following a symbolic link, when it is fit for use (close-on-exec) */
int safefile_open(const char *path, SafeUse use, char **why);
/* the whole of such a file, NUL-terminated (malloc'd); NULL with errno ENOENT when there is none */
char *safefile_read_private(const char *path, SafeUse use, size_t *len, char **why);
/* writes data to a new 0600 file beside path, then renames it over path; an existing path
 * that is not a regular file of the user's is refused and left as it is */
bool safefile_write(const char *path, const void *data, size_t len, char **why);
/* safefile_write without the fsync, for a copy that can be fetched again: the rename still shows
 * readers the old file or the whole new one, but after a crash the file may have lost its content,
 * so its readers must check what they read (a cold start costs one fsync per file otherwise,
 * milliseconds each and tens of them on a busy disk) */
bool safefile_write_cache(const char *path, const void *data, size_t len, char **why);

/* any file, symbolic links followed (a user's file, not a private one): the whole of it,
 * NUL-terminated (malloc'd), or NULL with errno set */
char *safefile_read(const char *path, size_t *len);
/* the SHA-256 of data in lower-case hex (malloc'd) */
char *safefile_sha256_hex(const void *data, size_t len);

#endif
