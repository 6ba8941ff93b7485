/*
 * Small private files under the user's cache directory ($XDG_CACHE_HOME/pgconsole,
 * else ~/.cache/pgconsole): created 0600 in a 0700 directory, replaced atomically,
 * and read back only when they are still ours and still private.
 */
#ifndef PGC_PLATFORM_CACHEFILE_H
#define PGC_PLATFORM_CACHEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/*
 * The path of a file named name in the cache directory, creating the directory; NULL when
 * there is none.  A directory or file the private rules refuse (util/safefile.h) is said
 * once per run, as a warning, and the session goes on without it.
 */
char *cache_path(const char *name);
/* the first such refusal of the run ("refusing to use PATH: ..."), or NULL */
const char *cache_refusal(void);
/*
 * The contents of path, NUL-terminated, when it is a regular file owned by this user (not
 * a symbolic link), not accessible to others, at most max_size bytes and (max_age >= 0)
 * modified less than max_age seconds ago; else NULL.  *mtime gets the modification time
 * when not NULL.
 */
char *cache_read(const char *path, long max_age, size_t max_size, time_t *mtime);
/* writes data to a new 0600 file beside path, then renames it over path, without waiting for the
 * disk (safefile_write_cache: every reader of a cache file checks what it reads); false when it
 * could not, with *why set when the private rules refused what is at path (see safefile_write) */
bool cache_write(const char *path, const char *data, size_t len, char **why);
/* cache_write for a copy the session can do without: a failure is a warning (once per run) */
void cache_store(const char *path, const char *data, size_t len);
void cache_remove(const char *path);
/* a short hex digest of the parts, to name a cache file after values that must not appear in it */
char *cache_key(const char *const *parts, int nparts);

#endif
