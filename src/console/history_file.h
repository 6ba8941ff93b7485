/*
 * The history file in libedit's format (a "_HiStOrY_V2_" line, then one line per
 * entry with blanks, backslashes and control characters escaped), saved psql's way:
 * the file's entries trimmed to HISTSIZE, then this session's added. The new file
 * replaces the old one only once it is whole on disk, so a full disk or a read-only
 * folder leaves the old history as it was.  A file that is not a regular file of the
 * user's (another user's, as under sudo without -H) is left alone.
 */
#ifndef PGC_HISTORY_FILE_H
#define PGC_HISTORY_FILE_H

#include <stdbool.h>
#include <stddef.h>

/* one entry as a line of the file (without the newline), malloc'd */
char *history_file_encode(const char *entry);
/* the new file: existing (NULL or what the file held), then entries; at most histsize
 * entries in all when histsize >= 0 (the oldest go first); malloc'd */
char *history_file_merge(const char *existing, const char *const *entries, int n, int histsize);
/* whether the file at path (its links followed) may be read: absent, or a regular file
 * of the user's (util/safefile.h); another's file is neither read nor written */
bool history_file_usable(const char *path);
/* merges entries into the file at path and replaces it atomically (mode 0600); false
 * with errno set when the file could not be read or written, and *why (malloc'd) when
 * the file is refused ("refusing to use PATH: ...") */
bool history_file_save(const char *path, const char *const *entries, int n, int histsize, char **why);

#endif
