/* SQL identifiers: when they need double quotes (psql's fmtId rule), and quoting them. */
#ifndef PGC_IDENTIFIER_H
#define PGC_IDENTIFIER_H

#include <stdbool.h>

/* only lower-case ASCII letters, digits and '_', not starting with a digit */
bool sql_ident_is_plain(const char *ident);
/* not plain, or one of the server's keywords that are not unreserved */
bool sql_ident_needs_quotes(const char *ident);
/* the identifier, double-quoted (with doubled inner quotes) when it needs to be (malloc'd) */
char *sql_quote_ident(const char *ident);

#endif
