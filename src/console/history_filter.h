/* What must never reach the history file: statements and commands that carry a password. */
#ifndef PGC_HISTORY_FILTER_H
#define PGC_HISTORY_FILTER_H

#include <stdbool.h>

/*
 * True for \password, \setenv of a variable named like a secret (PGPASSWORD, ..._TOKEN),
 * CREATE/ALTER ROLE|USER|GROUP ... PASSWORD and OPTIONS (... password ...) anywhere in
 * the entry (every statement of it), an assignment of a secret (password=...,
 * sslpassword=..., PGPASSWORD=...) or a URL with a password (postgres://user:secret@...).
 */
bool history_entry_has_secret(const char *entry);

#endif
