/*
 * What the dashboard commands share: the database API of an --app session (or one
 * line saying that a command needs it), API failures reported on one line, progress
 * on a terminal, a yes/no question, the server version a report needs.  Their
 * tables are in table.h, their figures in figures.h.
 */
#ifndef PGC_META_DASHBOARD_COMMON_H
#define PGC_META_DASHBOARD_COMMON_H

#include <jansson.h>
#include <libpq-fe.h>
#include <stdbool.h>

#include "platform/dbapi.h"
#include "session/session.h"

/* the addon's database API when the console was opened with --app, else NULL */
DbApi *dash_api(const Session *s);
/* the same, or NULL after one line: "\COMMAND needs the Scalingo API (what): open the console with --app APP" */
DbApi *dash_require_api(const Session *s, const char *command, const char *what);
/* true when the connection is the addon's own database, which the API commands describe */
bool dash_on_addon_database(const Session *s);

/* reports a platform failure on one line ("\COMMAND: message"), forgets a Ctrl-C that ended it, frees e */
void dash_report(const char *command, PlatformError *e);
/* dbapi_call; NULL after one line "\COMMAND: what failed" (Ctrl-C included, and then forgotten) */
json_t *dash_call(DbApi *db, const char *command, const char *method, const char *path, const char *body,
                  bool retry_safe);
/* a database action (POST /action): its result, a new reference (JSON null for none); NULL after one line */
json_t *dash_action(DbApi *db, const char *command, const char *action, json_t *params);

/* a member of an API object: a string (else NULL), a number (false when absent or not one) */
const char *dash_json_string(const json_t *obj, const char *key);
bool dash_json_number(const json_t *obj, const char *key, double *out);

/* progress on stderr while it is a terminal, one line rewritten in place; nothing otherwise */
typedef struct DashProgress {
    bool on;
    bool shown;
} DashProgress;

void dash_progress_begin(DashProgress *p);
void dash_progress_show(DashProgress *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* clears the line */
void dash_progress_end(DashProgress *p);

/* asks a yes/no question at the terminal; false (without asking) when input is not one */
bool dash_ask_yes(Session *s, const char *question);

/* the server's version as a number (150004), from the connection; 0 without one */
int dash_server_version(const Session *s);
/* false after one line when the connection is missing or older than min_version ("\stats locks needs ...") */
bool dash_require_sql(Session *s, const char *command, int min_version);

#endif
