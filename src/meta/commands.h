/*
 * Backslash commands as data: every command is a row naming its handler, the other
 * names it answers to, how its arguments are skipped in an inactive \if branch, and
 * its lines in \? (help.c puts every row's lines together, by section, in psql's
 * order).  Families of commands (core, conditionals, input/output, printing, large
 * objects, editing, \watch, describe, \l, \h, the dashboard) each contribute a table.
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

/* the sections of \?, in their order (pgconsole's own after psql's); help.c has their headings */
typedef enum HelpSection {
    HELP_GENERAL,
    HELP_HELP,
    HELP_QUERY_BUFFER,
    HELP_INPUT_OUTPUT,
    HELP_CONDITIONAL,
    HELP_INFORMATIONAL,
    HELP_LARGE_OBJECTS,
    HELP_FORMATTING,
    HELP_CONNECTION,
    HELP_OPERATING_SYSTEM,
    HELP_VARIABLES,
    HELP_DASHBOARD,           /* pgconsole's own: the database dashboard (meta/dashboard/) */
    HELP_SECTION_COUNT
} HelpSection;

/* a setting \? shows as "(currently ...)" after a command's help */
typedef enum HelpShows {
    SHOWS_NOTHING,
    SHOWS_HTML,
    SHOWS_TUPLES_ONLY,
    SHOWS_EXPANDED,
    SHOWS_TIMING,
    SHOWS_DATABASE
} HelpShows;

/*
 * One entry of \?: "  USAGE  TEXT", the text starting at column 25 (at least one space
 * after the usage), on the next line when below is set; each '\n' in text starts a
 * line at that column.  psql's own layout is irregular in places, hence column and below.
 */
typedef struct MetaHelp {
    HelpSection section;
    int order;                /* its place in its section: psql's order for psql's commands */
    const char *usage;        /* "\\g [(OPTIONS)] [FILE]" */
    const char *text;
    int column;               /* where text starts when not 25 */
    bool below;
    HelpShows shows;
} MetaHelp;

/* a row's help entries: META_HELP({...}, {...}), ended for the reader by a NULL usage */
#define META_HELP(...) ((const MetaHelp[]){__VA_ARGS__, {.usage = NULL}})

/* calls fn for each help entry, with the command it documents ("dt" for an entry of \d's family) */
typedef void (*MetaHelpVisitor)(const MetaHelp *help, const char *command, void *arg);

enum { META_MAX_ALIASES = 3 };

typedef struct MetaCommand {
    const char *name;
    MetaHandler handler;
    ArgSkip skip;             /* SKIP_OWN: the handler deals with inactive branches itself */
    bool prefix;              /* matches every command starting with name (\d..., \lo_...) */
    const char *aliases[META_MAX_ALIASES];  /* other names for the same command: "quit" for "q" */
    const MetaHelp *help;     /* its lines in \? (META_HELP), or NULL */
    void (*family_help)(MetaHelpVisitor fn, void *arg);  /* the help of the commands behind a prefix */
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
extern const MetaCommand meta_dbinfo_commands[];
extern const MetaCommand meta_feature_commands[];
extern const MetaCommand meta_stats_commands[];
extern const MetaCommand meta_queries_commands[];
extern const MetaCommand meta_dashboard_admin_commands[];

/* psql's HandleSlashCmds: after SCAN_BACKSLASH, reads and runs one command */
MetaResult meta_run(Session *s, Scanner *scan, CondStack *cond, StrBuf *query_buf, StrBuf *previous_buf);

/* helpers for handlers */
char *meta_arg(MetaContext *ctx, SlashOptType type, char *quote, bool strip_semicolon);
void meta_skip_args(MetaContext *ctx, ArgSkip skip);
/* \g and friends run the previous query when the buffer is empty */
void meta_copy_previous(MetaContext *ctx);
/* the command a name (or an alias) runs */
const MetaCommand *meta_lookup(const char *name);
/*
 * Calls fn once for every name a command answers to (for completion): for an alias,
 * cmd is a copy of the row whose name is the alias, valid during the call only.
 */
void meta_for_each(void (*fn)(const MetaCommand *cmd, void *arg), void *arg);
/* every help entry of every command, in table order (help.c sorts them) */
void meta_for_each_help(MetaHelpVisitor fn, void *arg);

#endif
