/*
 * The session: one object that holds the connection, the variables, the print
 * settings, where output goes and where input comes from.  Everything that runs a
 * command receives it explicitly.  It sits below every layer that uses it and knows
 * none of them: the front end lends its functions through s->frontend
 * (session/frontend.h), and what upper layers hang here comes with its destructor.
 */
#ifndef PGC_SESSION_H
#define PGC_SESSION_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>

#include "session/variables.h"
#include "print/options.h"

typedef enum EchoMode { ECHO_NONE, ECHO_ERRORS, ECHO_QUERIES, ECHO_ALL } EchoMode;
typedef enum EchoHiddenMode { HIDDEN_OFF, HIDDEN_ON, HIDDEN_NOEXEC } EchoHiddenMode;
typedef enum ErrorRollbackMode { ROLLBACK_OFF, ROLLBACK_INTERACTIVE, ROLLBACK_ON } ErrorRollbackMode;
typedef enum CompCase { COMP_LOWER, COMP_UPPER, COMP_PRESERVE_LOWER, COMP_PRESERVE_UPPER } CompCase;
typedef enum HistControl { HISTCTL_NONE, HISTCTL_IGNORESPACE, HISTCTL_IGNOREDUPS, HISTCTL_IGNOREBOTH } HistControl;
typedef enum PasswordMode { PASSWORD_AUTO, PASSWORD_NEVER, PASSWORD_ALWAYS } PasswordMode;

/* psql's exit codes */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_BADCONN = 2, EXIT_USER = 3 };

/* what a \g-family command asks of the next query */
typedef struct PendingQuery {
    char *output_target;        /* \g FILE or \g |CMD */
    PrintOptions *saved_popt;   /* print settings to restore after \g (opts) or \gx */
    char *gset_prefix;          /* \gset [PREFIX] */
    bool describe_only;         /* \gdesc */
    bool exec_results;          /* \gexec */
    bool crosstab;              /* \crosstabview */
    char *crosstab_args[4];
} PendingQuery;

typedef struct PlatformContext PlatformContext;
typedef struct FrontEnd FrontEnd;

typedef struct Session {
    PGconn *db;
    VarStore *vars;
    PrintOptions popt;
    PendingQuery pending;

    /* output */
    FILE *query_out;            /* stdout, or the \o target */
    bool query_out_is_pipe;
    FILE *watch_pager;          /* PSQL_WATCH_PAGER while \watch runs: when it quits, \watch just stops */
    FILE *log_file;             /* -L */
    FILE *copy_stream;          /* \copy's file while a COPY runs */

    /* input */
    FILE *cur_source;
    bool interactive;           /* reading a terminal right now */
    bool notty;                 /* stdin or stdout is not a terminal */
    bool stdin_is_tty;
    char *inputfile;            /* the script being read, for message prefixes */
    unsigned long lineno;
    unsigned long stmt_lineno;

    /* settings kept in step with special variables */
    bool autocommit;
    bool on_error_stop;
    bool quiet;
    bool singleline;
    bool singlestep;
    bool hide_compression;
    bool hide_tableam;
    bool show_all_results;
    int fetch_count;
    int histsize;
    int ignoreeof;
    EchoMode echo;
    EchoHiddenMode echo_hidden;
    ErrorRollbackMode on_error_rollback;
    CompCase comp_case;
    HistControl histcontrol;
    PGVerbosity verbosity;
    PGContextVisibility show_context;
    const char *prompt1;
    const char *prompt2;
    const char *prompt3;

    bool timing;
    PasswordMode password_mode; /* -w / -W, for \connect as for the first connection */
    char *restrict_key;         /* set by \restrict: only \unrestrict with this key runs */
    int encoding;
    int sversion;
    PGresult *last_error_result;    /* for \errverbose */

    struct CondStack *cond;     /* the \if stack of the input being read */
    const struct StrBuf *current_query; /* the statement being typed, for completion */
    size_t last_prompt1_width;  /* for %w in PROMPT2 */
    const FrontEnd *frontend;   /* the console's callbacks (session/frontend.h), set at start-up */

    /*
     * State that layers above hang on the session, each with the function that frees it,
     * set by its owner: session_destroy calls them without knowing those layers.
     */
    struct CompletionCache *completion_cache;
    void (*free_completion_cache)(struct Session *s);
    PlatformContext *platform;  /* set when connected through the platform (--app) */
    void (*free_platform)(PlatformContext *p);
    struct SshLeg *ssh_leg;     /* the SSH gateway leg of an --app session (gateway/ssh_leg.h), or NULL */
    void (*free_ssh_leg)(struct SshLeg *leg);
    /*
     * Set by the console when the connection needs more than PQreset after it was lost
     * (through the SSH gateway, whose leg may have died): reconnects s->db, or returns
     * false with *why (malloc'd, or NULL) when it cannot.
     */
    bool (*reset_connection)(struct Session *s, char **why);
} Session;

Session *session_create(void);
void session_destroy(Session *s);

/* the escaping of :'var' and :"var" needs the connection; NULL and an error without one */
char *session_quote_variable(Session *s, const char *value, int quoting);
/* what a :reference becomes for the scanner: nothing in a skipped \if branch or for an unset variable */
char *session_variable_for_scanner(Session *s, const struct CondStack *cond, const char *name, int quoting);

/* refresh DBNAME, USER, HOST, PORT, ENCODING, SERVER_VERSION_* and friends after (re)connecting */
void session_sync_variables(Session *s);
void session_unsync_variables(Session *s);

/* change the query output (\o); NULL or "" restores stdout */
bool session_set_output(Session *s, const char *target);

#endif
