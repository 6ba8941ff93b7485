/*
 * What the administration commands of the dashboard (\users, \backups, \pitr, \plan,
 * \upgrade) share: their arguments, the database API of an --app session (or one line
 * saying a command needs it), platform failures on one line, results as typed tables
 * printed like SQL results, progress on a terminal, and the confirmation that every
 * destructive command asks for.
 */
#ifndef PGC_META_DASHBOARD_COMMON_H
#define PGC_META_DASHBOARD_COMMON_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "meta/commands.h"
#include "platform/dbapi.h"
#include "platform/error.h"
#include "session/session.h"

/* ---- arguments ---- */

typedef struct DashArgs {
    char **words;               /* the arguments that are not options, in order */
    int nwords;
    char *confirm;              /* --confirm WORD (or --confirm=WORD), else NULL */
    unsigned flags;             /* bit i set: the i-th of the command's flag names was given */
} DashArgs;

/*
 * Reads the rest of the command's arguments (psql's quoting and variables apply).
 * flags: the options without a value the command takes ("--wait"), NULL-terminated.
 * The word at index sqlid_word (-1: none) is an SQL name, read as \password reads one:
 * folded to lower case unless double-quoted.  False after one line for an unknown
 * option or a --confirm without its word.
 */
bool dash_args_read(MetaContext *ctx, const char *command, const char *const *flags, int sqlid_word,
                    DashArgs *out);
bool dash_args_flag(const DashArgs *a, int index);
/* the words from index first on, joined by spaces ("2 hours ago"); NULL when there are none */
char *dash_args_join(const DashArgs *a, int first);
void dash_args_free(DashArgs *a);

/* ---- the platform ---- */

/* the addon's database API of an --app session, else NULL */
DbApi *dash_api(const Session *s);
/* the same, or NULL after one line: "\COMMAND needs the Scalingo API (what): open the console with --app APP" */
DbApi *dash_require_api(const Session *s, const char *command, const char *what);
/* one line "\COMMAND: what failed"; a Ctrl-C is forgotten once said; e is emptied */
void dash_report(const char *command, PlatformError *e);

/* ---- results ---- */

/* the types of the columns of a result, as PostgreSQL numbers them (what typed formats read) */
enum {
    DASH_BOOL = 16,
    DASH_INT8 = 20,
    DASH_TEXT = 25,
    DASH_FLOAT8 = 701,
    DASH_TIMESTAMPTZ = 1184,
};

/* an empty result with these columns, filled by dash_result_add; printed like a query's */
PGresult *dash_result(int ncolumns, const char *const *names, const Oid *types);
/* a row of ncolumns values (NULL for SQL NULL; booleans as "t" / "f") */
void dash_result_add(PGresult *res, const char *const *values);
/* prints it like a backslash command's listing, titled, with footer lines (NULL-terminated, or NULL) */
void dash_print(Session *s, const PGresult *res, const char *title, const char *const *footers, bool not_logged);
/* a size in bytes for a cell: the number in the formats made for programs, "1.5 MB" in the others */
char *dash_size_cell(const Session *s, long long bytes, Oid *type);
/* a size for reading: 512 bytes, 1.5 kB, 12 MB, 3.2 GB */
char *dash_pretty_bytes(long long bytes);
/* an RFC 3339 time from the API as PostgreSQL shows a timestamptz, in the local zone; NULL when unreadable */
char *dash_api_time(const char *rfc3339);
/* an informational line on the query output, unless quiet */
void dash_say(Session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- waiting ---- */

/* progress on stderr while it is a terminal, one line rewritten in place; nothing otherwise */
typedef struct DashProgress {
    bool on;
    bool shown;
} DashProgress;

void dash_progress_begin(DashProgress *p);
void dash_progress_show(DashProgress *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* clears the line */
void dash_progress_end(DashProgress *p);

/* ---- confirmation ---- */

/* what confirms a destructive command: the app's name with --app, else the database's name */
const char *dash_confirm_word(const Session *s);
/*
 * True when confirmed: by --confirm WORD (given), or by WORD typed at the terminal
 * after what_happens (lines, on stderr).  False after one line when not: a wrong word,
 * nothing typed, or no terminal to ask on (the line then says to add --confirm WORD).
 * Nothing has been done when it is false.
 */
bool dash_confirm(Session *s, const char *command, const char *given, const char *what_happens);

#endif
