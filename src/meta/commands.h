/*
 * Backslash commands as data: every command is a row naming its handler and how its
 * arguments are skipped in an inactive \if branch (\? prints psql's own help text,
 * kept in help.c in psql's order).  Families of
 * commands (core, conditionals, input/output, printing, large objects, editing,
 * \watch, describe, \l, \h) each contribute a table.
 */
#ifndef PGC_META_COMMANDS_H
#define PGC_META_COMMANDS_H

#include <stdbool.h>

#include "session/session.h"
#include "sql/conditional.h"
#include "sql/scanner.h"
#include "util/strbuf.h"

typedef enum MetaResult {
    META_UNKNOWN,     /* not a command */
    META_SEND,        /* send the query buffer now */
    META_SKIP_LINE,   /* done; go on scanning the line */
    META_TERMINATE,   /* \q */
    META_NEWEDIT,     /* the query buffer was edited: scan it again */
    META_ERROR        /* failed (already reported) */
} MetaResult;

typedef struct MetaContext {
    Session *s;
    Scanner *scan;
    CondStack *cond;
    StrBuf *query_buf;        /* NULL when run from -c */
    StrBuf *previous_buf;     /* NULL when run from -c */
    const char *cmd;          /* the name as typed, e.g. "dt+" */
    bool active;              /* in an active \if branch */
} MetaContext;

typedef MetaResult (*MetaHandler)(MetaContext *ctx);

/* how to consume a command's arguments without acting on them */
typedef enum ArgSkip { SKIP_OPTIONS, SKIP_FILEPIPE, SKIP_WHOLE_LINE, SKIP_OWN } ArgSkip;

typedef struct MetaCommand {
    const char *name;
    MetaHandler handler;
    ArgSkip skip;             /* SKIP_OWN: the handler deals with inactive branches itself */
    bool prefix;              /* matches every command starting with name (\d..., \lo_...) */
} MetaCommand;


/* one family's table, terminated by an entry with a NULL name */
extern const MetaCommand meta_core_commands[];
extern const MetaCommand meta_cond_commands[];
extern const MetaCommand meta_io_commands[];
extern const MetaCommand meta_print_commands[];
extern const MetaCommand meta_lo_commands[];
extern const MetaCommand meta_edit_commands[];
extern const MetaCommand meta_watch_commands[];
extern const MetaCommand meta_describe_commands[];
extern const MetaCommand meta_database_commands[];
extern const MetaCommand meta_sql_help_commands[];

/* psql's HandleSlashCmds: after SCAN_BACKSLASH, reads and runs one command */
MetaResult meta_run(Session *s, Scanner *scan, CondStack *cond, StrBuf *query_buf, StrBuf *previous_buf);

/* helpers for handlers */
char *meta_arg(MetaContext *ctx, SlashOptType type, char *quote, bool strip_semicolon);
void meta_skip_args(MetaContext *ctx, ArgSkip skip);
/* \g and friends run the previous query when the buffer is empty */
void meta_copy_previous(MetaContext *ctx);
/* every command, for \? and completion */
const MetaCommand *meta_lookup(const char *name);
void meta_for_each(void (*fn)(const MetaCommand *cmd, void *arg), void *arg);

#endif
