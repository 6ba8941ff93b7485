/* What must never reach the history file: statements and commands that carry a password. */
#ifndef PGC_HISTORY_FILTER_H
#define PGC_HISTORY_FILTER_H

#include <stdbool.h>

/*
 * True for \password, CREATE/ALTER ROLE|USER|GROUP ... PASSWORD, and anything with
 * a conninfo password (password=...) or a URL with one (postgres://user:secret@...).
 */
bool history_entry_has_secret(const char *entry);

#endif
