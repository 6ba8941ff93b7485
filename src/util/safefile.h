/* Writing private files safely: created 0600 in a 0700 folder, replaced atomically. */
#ifndef PGC_SAFEFILE_H
#define PGC_SAFEFILE_H

#include <stdbool.h>
#include <stddef.h>

/* creates the folder (and its parents) with mode 0700 when missing; false unless it is ours and private */
bool safefile_make_dirs(const char *dir);
/* writes data to path through a temporary file and rename(2); false (errno set) on failure */
bool safefile_write(const char *path, const void *data, size_t len);
/* the whole file, NUL-terminated (malloc'd), or NULL */
char *safefile_read(const char *path, size_t *len);
/* $XDG_CONFIG_HOME/pgconsole or ~/.config/pgconsole, created private (malloc'd); NULL when impossible */
char *safefile_config_dir(void);
/* $XDG_CACHE_HOME/pgconsole or ~/.cache/pgconsole, created private (malloc'd); NULL when impossible */
char *safefile_cache_dir(void);
/* the SHA-256 of data in lower-case hex (malloc'd) */
char *safefile_sha256_hex(const void *data, size_t len);

#endif
