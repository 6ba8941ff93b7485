/*
 * Print settings: everything \pset controls, and the \pset command itself.
 */
#ifndef PGC_PRINT_OPTIONS_H
#define PGC_PRINT_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

typedef enum PrintFormat {
    PRINT_NOTHING,          /* suppress all output (used internally) */
    PRINT_ALIGNED,
    PRINT_ASCIIDOC,
    PRINT_CSV,
    PRINT_HTML,
    PRINT_LATEX,
    PRINT_LATEX_LONGTABLE,
    PRINT_TROFF_MS,
    PRINT_UNALIGNED,
    PRINT_WRAPPED,
    PRINT_JSON              /* pgconsole's own: an array of typed objects (print/json.c) */
} PrintFormat;

typedef enum LineStyleKind { LINESTYLE_ASCII, LINESTYLE_OLD_ASCII, LINESTYLE_UNICODE } LineStyleKind;
typedef enum UnicodeLineKind { UNICODE_SINGLE, UNICODE_DOUBLE } UnicodeLineKind;
typedef enum PagerMode { PAGER_OFF, PAGER_ON, PAGER_ALWAYS } PagerMode;
typedef enum ExpandedMode { EXPANDED_OFF, EXPANDED_ON, EXPANDED_AUTO } ExpandedMode;

typedef struct PrintOptions {
    PrintFormat format;
    ExpandedMode expanded;
    int border;                 /* 0..2 (3 accepted for html/latex) */
    PagerMode pager;
    int pager_min_lines;
    bool tuples_only;
    bool default_footer;        /* \pset footer */
    bool numeric_locale;
    LineStyleKind line_style;
    UnicodeLineKind unicode_border;
    UnicodeLineKind unicode_column;
    UnicodeLineKind unicode_header;
    char *field_sep;            /* unaligned separators; "" when the *_zero flag is set */
    bool field_sep_zero;
    char *record_sep;
    bool record_sep_zero;
    char csv_field_sep[2];
    char *table_attr;           /* html/latex table attributes, NULL when unset */
    char *null_print;           /* \pset null, "" by default */
    char *title;                /* \pset title, NULL when unset */
    int columns;                /* \pset columns; 0 means use the terminal / COLUMNS */
    int encoding;               /* client encoding id, for display width */
    /* set per print, not by \pset: */
    bool start_table;           /* print header and title (false for later FETCH_COUNT chunks) */
    bool stop_table;            /* print footers (false for early FETCH_COUNT chunks) */
    unsigned long prior_records; /* rows printed in earlier chunks */
    bool is_pager;              /* out is a pager the caller opened for a whole chunked
                                 * (FETCH_COUNT) result: expanded auto then always uses
                                 * the expanded layout, as psql does */
} PrintOptions;

void popt_init(PrintOptions *opt);
void popt_copy(PrintOptions *dst, const PrintOptions *src);
void popt_free(PrintOptions *opt);

/*
 * \pset NAME [VALUE]: changes one setting and, unless quiet, prints psql's status
 * line ("Border style is 2.").  A NULL value toggles or shows, as psql does.
 * Returns false after printing psql's error when the name or value is invalid.
 */
bool popt_pset(PrintOptions *opt, const char *name, const char *value, bool quiet);
/* the same, with the status line written to out instead of stdout (errors still go to log_error) */
bool popt_pset_to(PrintOptions *opt, const char *name, const char *value, bool quiet, FILE *out);
/* the settings \pset lists, in its order, NULL-terminated (for completion too) */
extern const char *const popt_names[];
/* \pset with no argument: every setting, one per line */
void popt_show_all(const PrintOptions *opt, FILE *out);
/* the current value of a setting as \pset shows it, for tests and completion; NULL if unknown */
char *popt_value_string(const PrintOptions *opt, const char *name);
const char *popt_format_name(PrintFormat format);

#endif
