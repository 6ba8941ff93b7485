/*
 * What the dashboard commands share: their arguments, the database API of an --app
 * session (or one line saying that a command needs it), platform failures on one line,
 * informational lines, progress on a terminal, the questions they ask (yes/no, and the
 * confirmation every destructive command asks for), the server version a report needs.
 * Their tables are in table.h, their figures and times in figures.h.
 */
#ifndef PGC_META_DASHBOARD_COMMON_H
#define PGC_META_DASHBOARD_COMMON_H

#include <jansson.h>
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

/* \COMMAND help: the command's lines of \? */
MetaResult dash_print_help(MetaContext *ctx, const char *command);
/* one line for a sub-command the command does not have; false */
bool dash_unknown_subcommand(const char *command, const char *sub);

/* ---- the platform ---- */

/* the addon's database API of an --app session, else NULL */
DbApi *dash_api(const Session *s);
/* the same, or NULL after one line: "\COMMAND needs the Scalingo API (what): open the console with --app APP" */
DbApi *dash_require_api(const Session *s, const char *command, const char *what);
/* true when the connection is the addon's own database, which the API commands describe */
bool dash_on_addon_database(const Session *s);
/* one line "\COMMAND: what failed"; a Ctrl-C that ended it is forgotten once said; e is emptied */
void dash_report(const char *command, PlatformError *e);
/* dbapi_call; NULL after one line "\COMMAND: what failed" (Ctrl-C included, and then forgotten) */
json_t *dash_call(DbApi *db, const char *command, const char *method, const char *path, const char *body,
                  bool retry_safe);
/* a database action (POST /action): its result, a new reference (JSON null for none); NULL after one line */
json_t *dash_action(DbApi *db, const char *command, const char *action, json_t *params);

/* a member of an API object: a string (else NULL), a number (false when absent or not one) */
const char *dash_json_string(const json_t *obj, const char *key);
bool dash_json_number(const json_t *obj, const char *key, double *out);

/* ---- output ---- */

/* an informational line on the query output, unless quiet */
void dash_say(Session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* progress on stderr while it is a terminal, one line rewritten in place; nothing otherwise */
typedef struct DashProgress {
    bool on;
    bool shown;
} DashProgress;

void dash_progress_begin(DashProgress *p);
void dash_progress_show(DashProgress *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* clears the line */
void dash_progress_end(DashProgress *p);

/* ---- questions ---- */

/* asks a yes/no question at the terminal; false (without asking) when input is not one */
bool dash_ask_yes(Session *s, const char *question);

/* what confirms a destructive command: the app's name with --app, else the database's name */
const char *dash_confirm_word(const Session *s);
/*
 * True when confirmed: by --confirm WORD (given), or by WORD typed at the terminal
 * after what_happens (lines, on stderr).  False after one line when not: a wrong word,
 * nothing typed, or no terminal to ask on (the line then says to add --confirm WORD).
 * Nothing has been done when it is false.
 */
bool dash_confirm(Session *s, const char *command, const char *given, const char *what_happens);

/* ---- SQL ---- */

/* the server's version as a number (150004), from the connection; 0 without one */
int dash_server_version(const Session *s);
/* false after one line when the connection is missing or older than min_version ("\stats locks needs ...") */
bool dash_require_sql(Session *s, const char *command, int min_version);

#endif
