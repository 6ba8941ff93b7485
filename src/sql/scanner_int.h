/* What the SQL scanner and the backslash-argument scanner share: the input stack. */
#ifndef PGC_SCANNER_INT_H
#define PGC_SCANNER_INT_H

#include "sql/scanner.h"

typedef enum LexState {
    LX_INITIAL,
    LX_BITSTR,     /* B'...' */
    LX_COMMENT,    /* slash-star comment, nested */
    LX_DQUOTE,     /* "identifier" */
    LX_HEXSTR,     /* X'...' */
    LX_QUOTE,      /* '...' with standard_conforming_strings */
    LX_QUOTESTOP,  /* just after a closing quote: a continuation may follow */
    LX_ESTRING,    /* E'...' (or '...' without standard strings) */
    LX_DOLLAR,     /* $tag$...$tag$ */
    LX_UIDENT,     /* U&"..." */
    LX_USTRING     /* U&'...' */
} LexState;

/* one text being scanned: the input line at the bottom, expanded variables above it */
typedef struct InputText {
    const char *text;
    size_t len;
    size_t pos;
    char *owned;          /* set when the text is a copy we free */
    char *varname;        /* the variable this text expands, for recursion checks */
    struct InputText *below;
} InputText;

struct Scanner {
    ScanCallbacks cb;
    InputText *input;     /* top of the stack; NULL when not scanning */
    int encoding;
    bool safe_encoding;
    bool std_strings;
    LexState state;
    LexState state_before_stop;
    int paren_depth;
    int comment_depth;
    int begin_depth;
    int identifier_count;
    char identifiers[4];
    char *dollar_tag;
    unsigned traits;      /* SCAN_STMT_* of the statement being scanned */
    StrBuf *out;
};

/* bytes of the character starting at s (1 unless a multibyte encoding needs more) */
size_t scan_char_len(const Scanner *sc, const InputText *in);
void scan_push_text(Scanner *sc, const char *text, const char *varname);
void scan_pop_text(Scanner *sc);
bool scan_var_is_expanding(const Scanner *sc, const char *name);

#endif
