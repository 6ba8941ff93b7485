/*
 * Trust in an app's .psqlrc, which comes from a checkout and may run shell commands:
 * a file runs only when its exact bytes were trusted (path and SHA-256, recorded by
 * --trust-psqlrc, as direnv does), and it runs from the very bytes that were hashed.
 * What such a file includes (\i, \ir) is held to the same rule while it runs.
 */
#ifndef PGC_PSQLRC_TRUST_H
#define PGC_PSQLRC_TRUST_H

#include <stdbool.h>

#include "session/session.h"

/*
 * Records path (a real path) and the files it includes with a literal name, each with
 * the SHA-256 of its current content, printing a line per file; false after an error.
 */
bool psqlrc_trust_record(const char *path);

/*
 * Runs path when its content is trusted; false, without running it, when not (true after a
 * read error, reported).  *why is set (malloc'd) when the trust store is refused by the
 * private rules (util/safefile.h): then nothing can be trusted.
 */
bool psqlrc_trust_run(Session *s, const char *path, char **why);

/* the front end's \i and \ir: gated by the recorded trust while a trusted file runs */
int psqlrc_trust_run_include(Session *s, const char *filename, bool relative);

/* "hash<TAB>path" with the path escaped, and the way back; for the store's lines (unit tests) */
char *psqlrc_trust_format_line(const char *hash, const char *path);
bool psqlrc_trust_parse_line(const char *line, size_t len, char **hash, char **path);

#endif
