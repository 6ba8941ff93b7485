/*
 * The SQL scanner: psql's lexical rules for deciding where a statement ends and
 * where a backslash command starts, fed one input line at a time.  It copies the
 * statement text into a query buffer, substituting :variables as it goes, and keeps
 * its state (inside a quote, a comment, parentheses, a BEGIN ATOMIC body) from one
 * line to the next.
 */
#ifndef PGC_SCANNER_H
#define PGC_SCANNER_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

typedef enum ScanResult {
    SCAN_SEMICOLON,   /* a statement ended: send the query buffer, then scan on */
    SCAN_BACKSLASH,   /* a backslash command starts: read it with the slash functions */
    SCAN_INCOMPLETE,  /* end of line inside something unfinished */
    SCAN_EOL          /* end of line at a place a statement could end */
} ScanResult;

typedef enum PromptStatus {
    PROMPT_READY,
    PROMPT_CONTINUE,
    PROMPT_COMMENT,
    PROMPT_SINGLEQUOTE,
    PROMPT_DOUBLEQUOTE,
    PROMPT_DOLLARQUOTE,
    PROMPT_PAREN,
    PROMPT_COPY
} PromptStatus;

typedef enum VarQuoting { QUOTE_PLAIN, QUOTE_SQL_LITERAL, QUOTE_SQL_IDENT, QUOTE_SHELL_ARG } VarQuoting;

/* how a backslash command's argument is to be read */
typedef enum SlashOptType {
    OT_NORMAL,      /* whitespace-separated, with quoting and :variables */
    OT_SQLID,       /* as normal, then dequoted and downcased like an SQL identifier */
    OT_SQLIDHACK,   /* as OT_SQLID but not downcased */
    OT_FILEPIPE,    /* as normal, but a leading | takes the rest of the line */
    OT_WHOLE_LINE   /* the rest of the line, verbatim */
} SlashOptType;

typedef struct ScanCallbacks {
    /* a malloc'd value quoted as asked, or NULL to leave the reference as typed */
    char *(*get_variable)(void *ctx, const char *name, VarQuoting quoting);
    /* whether backticks may run (false in an inactive \if branch) */
    bool (*may_run_backticks)(void *ctx);
    void *ctx;
} ScanCallbacks;

typedef struct Scanner Scanner;

Scanner *scanner_create(const ScanCallbacks *callbacks);
void scanner_destroy(Scanner *sc);

/* start scanning a line (kept by reference until scanner_finish) */
void scanner_setup(Scanner *sc, const char *line, size_t len, int encoding, bool std_strings);
ScanResult scanner_scan(Scanner *sc, StrBuf *query, PromptStatus *prompt);
/* drop what is left of the line */
void scanner_finish(Scanner *sc);
/* forget quote, comment and parenthesis state (after \r, or a forced send) */
void scanner_reset(Scanner *sc);
bool scanner_in_quote(const Scanner *sc);
/* parenthesis depth, saved and restored around skipped \if branches */
int scanner_paren_depth(const Scanner *sc);
void scanner_set_paren_depth(Scanner *sc, int depth);

/*
 * What the statement in the query buffer holds that only a plain Query message carries as
 * psql sends it (exec/pipeline.c sends statements with the extended protocol otherwise).
 */
enum {
    SCAN_STMT_SEVERAL = 1,      /* several statements joined with \; */
    SCAN_STMT_PARAMETER = 2     /* a $n parameter reference outside quotes */
};
unsigned scanner_statement_traits(const Scanner *sc);

/* backslash commands, after SCAN_BACKSLASH */
char *scanner_slash_command(Scanner *sc);
/* the next argument (malloc'd), or NULL at the end of the command; *quote gets the last quote char used */
char *scanner_slash_option(Scanner *sc, SlashOptType type, char *quote, bool strip_semicolon);
/* eat a "\\" that ends a backslash command */
void scanner_slash_command_end(Scanner *sc);
/* undo dequoting rules of SQL identifiers in place */
void dequote_downcase_identifier(char *str, bool downcase, int encoding);

#endif
