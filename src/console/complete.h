/*
 * Tab completion: given the statement typed so far and the word under the cursor,
 * the candidates psql would offer (SQL keywords in COMP_KEYWORD_CASE, objects from
 * the catalogs, backslash commands and their arguments, :variables, file names).
 * Catalog look-ups are bounded in time so that typing never blocks for long.
 */
#ifndef PGC_COMPLETE_H
#define PGC_COMPLETE_H

#include "session/session.h"

typedef struct CompletionRequest {
    const char *buffer;   /* earlier lines of the statement being typed ("" if none) */
    const char *line;     /* the whole current input line */
    int start;            /* byte offset in line where the word being completed starts */
    int end;              /* byte offset of the cursor */
} CompletionRequest;

/* how the line editor should use the candidates */
typedef struct CompletionHints {
    bool append_space;    /* a space follows a unique match (not after a directory, "schema.", ...) */
    bool keep_typed;      /* several matches: list them but leave the typed word as it is */
} CompletionHints;

/*
 * A NULL-terminated, malloc'd array of malloc'd candidates (each a full
 * replacement for line[start..end]), or NULL when there is nothing to offer.
 * hints may be NULL.
 */
char **complete_candidates(Session *s, const CompletionRequest *req, CompletionHints *hints);

/* forgets cached catalog answers (after \c, or a statement that may change the catalog) */
void complete_reset_cache(Session *s);

#endif
