#include "print/options.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/log.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

void popt_init(PrintOptions *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->format = PRINT_ALIGNED;
    opt->expanded = EXPANDED_OFF;
    opt->border = 1;
    opt->pager = PAGER_ON;
    opt->pager_min_lines = 0;
    opt->default_footer = true;
    opt->line_style = LINESTYLE_ASCII;
    opt->unicode_border = UNICODE_SINGLE;
    opt->unicode_column = UNICODE_SINGLE;
    opt->unicode_header = UNICODE_SINGLE;
    opt->field_sep = xstrdup("|");
    opt->record_sep = xstrdup("\n");
    opt->csv_field_sep[0] = ',';
    opt->csv_field_sep[1] = '\0';
    opt->null_print = xstrdup("");
    /* psql measures text in SQL_ASCII until a connection says otherwise */
    opt->encoding = PQenv2encoding();
    opt->start_table = true;
    opt->stop_table = true;
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

void popt_copy(PrintOptions *dst, const PrintOptions *src)
{
    *dst = *src;
    dst->field_sep = dup_or_null(src->field_sep);
    dst->record_sep = dup_or_null(src->record_sep);
    dst->table_attr = dup_or_null(src->table_attr);
    dst->null_print = dup_or_null(src->null_print);
    dst->title = dup_or_null(src->title);
}

void popt_free(PrintOptions *opt)
{
    free(opt->field_sep);
    free(opt->record_sep);
    free(opt->table_attr);
    free(opt->null_print);
    free(opt->title);
    opt->field_sep = opt->record_sep = opt->table_attr = opt->null_print = opt->title = NULL;
}

const char *popt_format_name(PrintFormat format)
{
    switch (format) {
    case PRINT_NOTHING: return "nothing";
    case PRINT_ALIGNED: return "aligned";
    case PRINT_ASCIIDOC: return "asciidoc";
    case PRINT_CSV: return "csv";
    case PRINT_HTML: return "html";
    case PRINT_LATEX: return "latex";
    case PRINT_LATEX_LONGTABLE: return "latex-longtable";
    case PRINT_TROFF_MS: return "troff-ms";
    case PRINT_UNALIGNED: return "unaligned";
    case PRINT_WRAPPED: return "wrapped";
    case PRINT_JSON: return "json";
    }
    return "unknown";
}

static const char *line_style_name(LineStyleKind kind)
{
    switch (kind) {
    case LINESTYLE_ASCII: return "ascii";
    case LINESTYLE_OLD_ASCII: return "old-ascii";
    case LINESTYLE_UNICODE: return "unicode";
    }
    return "unknown";
}

static const char *unicode_line_name(UnicodeLineKind kind)
{
    return kind == UNICODE_DOUBLE ? "double" : "single";
}

/* psql's test "value is a prefix of word" (an empty value matches everything) */
static bool is_prefix_of(const char *word, const char *value)
{
    return strncasecmp(word, value, strlen(value)) == 0;
}

/*
 * psql's boolean parser: unique prefixes of true/false/yes/no, "on"/"off"
 * needing at least two letters, and 1/0.  name NULL means report nothing.
 */
static bool parse_pset_bool(const char *value, const char *name, bool *result)
{
    size_t len = strlen(value);
    size_t onoff_len = len > 2 ? len : 2;

    if (len > 0 && strncasecmp(value, "true", len) == 0)
        *result = true;
    else if (len > 0 && strncasecmp(value, "false", len) == 0)
        *result = false;
    else if (len > 0 && strncasecmp(value, "yes", len) == 0)
        *result = true;
    else if (len > 0 && strncasecmp(value, "no", len) == 0)
        *result = false;
    else if (strncasecmp(value, "on", onoff_len) == 0)
        *result = true;
    else if (strncasecmp(value, "off", onoff_len) == 0)
        *result = false;
    else if (strcasecmp(value, "1") == 0)
        *result = true;
    else if (strcasecmp(value, "0") == 0)
        *result = false;
    else {
        if (name)
            log_error("unrecognized value \"%s\" for \"%s\": Boolean expected", value, name);
        return false;
    }
    return true;
}

static void enum_error(const char *name, const char *value, const char *allowed)
{
    log_error("unrecognized value \"%s\" for \"%s\"\nAvailable values are: %s.", value, name,
              allowed);
}

/* psql keeps border and the other small numbers in unsigned shorts or ints after atoi */
static int atoi_border(const char *value)
{
    return (unsigned short)atoi(value);
}

static bool set_format(PrintOptions *opt, const char *value)
{
    /* latex-longtable is tried last so that "latex" alone is not ambiguous */
    static const struct { const char *name; PrintFormat format; } formats[] = {
        {"aligned", PRINT_ALIGNED}, {"asciidoc", PRINT_ASCIIDOC}, {"csv", PRINT_CSV},
        {"html", PRINT_HTML},       {"latex", PRINT_LATEX},       {"troff-ms", PRINT_TROFF_MS},
        {"unaligned", PRINT_UNALIGNED}, {"wrapped", PRINT_WRAPPED},
    };
    int match = -1;

    for (int i = 0; i < (int)(sizeof formats / sizeof formats[0]); i++) {
        if (!is_prefix_of(formats[i].name, value))
            continue;
        if (match >= 0) {
            log_error("\\pset: ambiguous abbreviation \"%s\" matches both \"%s\" and \"%s\"",
                      value, formats[match].name, formats[i].name);
            return false;
        }
        match = i;
    }
    if (match >= 0)
        opt->format = formats[match].format;
    else if (is_prefix_of("latex-longtable", value))
        opt->format = PRINT_LATEX_LONGTABLE;
    else if (is_prefix_of("json", value))
        opt->format = PRINT_JSON;   /* pgconsole's own, after psql's: no abbreviation of theirs changes */
    else {
        log_error("\\pset: allowed formats are aligned, asciidoc, csv, html, latex, "
                  "latex-longtable, troff-ms, unaligned, wrapped");
        return false;
    }
    return true;
}

static bool set_line_style(PrintOptions *opt, const char *value)
{
    if (is_prefix_of("ascii", value))
        opt->line_style = LINESTYLE_ASCII;
    else if (is_prefix_of("old-ascii", value))
        opt->line_style = LINESTYLE_OLD_ASCII;
    else if (is_prefix_of("unicode", value))
        opt->line_style = LINESTYLE_UNICODE;
    else {
        log_error("\\pset: allowed line styles are ascii, old-ascii, unicode");
        return false;
    }
    return true;
}

static bool set_unicode_line(UnicodeLineKind *kind, const char *value, const char *what)
{
    if (is_prefix_of("single", value))
        *kind = UNICODE_SINGLE;
    else if (is_prefix_of("double", value))
        *kind = UNICODE_DOUBLE;
    else {
        log_error("\\pset: allowed Unicode %s line styles are single, double", what);
        return false;
    }
    return true;
}

static bool set_expanded(PrintOptions *opt, const char *name, const char *value)
{
    bool on;

    if (!value)
        opt->expanded = opt->expanded == EXPANDED_OFF ? EXPANDED_ON : EXPANDED_OFF;
    else if (strcasecmp(value, "auto") == 0)
        opt->expanded = EXPANDED_AUTO;
    else if (parse_pset_bool(value, NULL, &on))
        opt->expanded = on ? EXPANDED_ON : EXPANDED_OFF;
    else {
        enum_error(name, value, "on, off, auto");
        return false;
    }
    return true;
}

static bool set_pager(PrintOptions *opt, const char *value)
{
    bool on;

    if (!value)
        opt->pager = opt->pager == PAGER_ON ? PAGER_OFF : PAGER_ON;
    else if (strcasecmp(value, "always") == 0)
        opt->pager = PAGER_ALWAYS;
    else if (parse_pset_bool(value, NULL, &on))
        opt->pager = on ? PAGER_ON : PAGER_OFF;
    else {
        enum_error("pager", value, "on, off, always");
        return false;
    }
    return true;
}

static bool set_csv_fieldsep(PrintOptions *opt, const char *value)
{
    if (strlen(value) != 1) {
        log_error("\\pset: csv_fieldsep must be a single one-byte character");
        return false;
    }
    if (value[0] == '"' || value[0] == '\n' || value[0] == '\r') {
        log_error("\\pset: csv_fieldsep cannot be a double quote, a newline, or a carriage return");
        return false;
    }
    opt->csv_field_sep[0] = value[0];
    opt->csv_field_sep[1] = '\0';
    return true;
}

static void replace_string(char **slot, const char *value)
{
    free(*slot);
    *slot = value ? xstrdup(value) : NULL;
}

typedef enum PsetResult { PSET_UNKNOWN, PSET_FAILED, PSET_DONE, PSET_DONE_SILENT } PsetResult;

/* a boolean setting: toggled without a value; psql reports nothing after an explicit value */
static PsetResult set_bool(bool *field, const char *name, const char *value)
{
    if (!value) {
        *field = !*field;
        return PSET_DONE;
    }
    return parse_pset_bool(value, name, field) ? PSET_DONE_SILENT : PSET_FAILED;
}

static PsetResult ok_if(bool ok)
{
    return ok ? PSET_DONE : PSET_FAILED;
}

static PsetResult apply_style(PrintOptions *opt, const char *name, const char *value)
{
    if (strcmp(name, "format") == 0)
        return ok_if(!value || set_format(opt, value));
    if (strcmp(name, "linestyle") == 0)
        return ok_if(!value || set_line_style(opt, value));
    if (strcmp(name, "unicode_border_linestyle") == 0)
        return ok_if(!value || set_unicode_line(&opt->unicode_border, value, "border"));
    if (strcmp(name, "unicode_column_linestyle") == 0)
        return ok_if(!value || set_unicode_line(&opt->unicode_column, value, "column"));
    if (strcmp(name, "unicode_header_linestyle") == 0)
        return ok_if(!value || set_unicode_line(&opt->unicode_header, value, "header"));
    if (strcmp(name, "border") == 0) {
        if (value)
            opt->border = atoi_border(value);
        return PSET_DONE;
    }
    if (strcmp(name, "x") == 0 || strcmp(name, "expanded") == 0 || strcmp(name, "vertical") == 0)
        return ok_if(set_expanded(opt, name, value));
    if (strcmp(name, "columns") == 0) {
        if (value)
            opt->columns = atoi(value);
        return PSET_DONE;
    }
    return PSET_UNKNOWN;
}

static PsetResult apply_separator(PrintOptions *opt, const char *name, const char *value)
{
    if (strcmp(name, "csv_fieldsep") == 0)
        return ok_if(!value || set_csv_fieldsep(opt, value));
    if (strcmp(name, "fieldsep") == 0) {
        if (value) {
            replace_string(&opt->field_sep, value);
            opt->field_sep_zero = false;
        }
        return PSET_DONE;
    }
    if (strcmp(name, "fieldsep_zero") == 0) {
        replace_string(&opt->field_sep, "");
        opt->field_sep_zero = true;
        return PSET_DONE;
    }
    if (strcmp(name, "recordsep") == 0) {
        if (value) {
            replace_string(&opt->record_sep, value);
            opt->record_sep_zero = false;
        }
        return PSET_DONE;
    }
    if (strcmp(name, "recordsep_zero") == 0) {
        replace_string(&opt->record_sep, "");
        opt->record_sep_zero = true;
        return PSET_DONE;
    }
    return PSET_UNKNOWN;
}

static PsetResult apply_other(PrintOptions *opt, const char *name, const char *value)
{
    if (strcmp(name, "numericlocale") == 0)
        return set_bool(&opt->numeric_locale, name, value);
    if (strcmp(name, "t") == 0 || strcmp(name, "tuples_only") == 0)
        return set_bool(&opt->tuples_only, name, value);
    if (strcmp(name, "footer") == 0)
        return set_bool(&opt->default_footer, name, value);
    if (strcmp(name, "null") == 0) {
        if (value)
            replace_string(&opt->null_print, value);
        return PSET_DONE;
    }
    if (strcmp(name, "C") == 0 || strcmp(name, "title") == 0) {
        replace_string(&opt->title, value);
        return PSET_DONE;
    }
    if (strcmp(name, "T") == 0 || strcmp(name, "tableattr") == 0) {
        replace_string(&opt->table_attr, value);
        return PSET_DONE;
    }
    if (strcmp(name, "pager") == 0)
        return ok_if(set_pager(opt, value));
    if (strcmp(name, "pager_min_lines") == 0) {
        if (value)
            opt->pager_min_lines = atoi(value);
        return PSET_DONE;
    }
    return PSET_UNKNOWN;
}

/* psql's status line for a setting; false when the name is unknown */
static bool format_status(const PrintOptions *opt, const char *name, StrBuf *sb)
{
    if (strcmp(name, "format") == 0)
        sb_printf(sb, "Output format is %s.", popt_format_name(opt->format));
    else if (strcmp(name, "linestyle") == 0)
        sb_printf(sb, "Line style is %s.", line_style_name(opt->line_style));
    else if (strcmp(name, "unicode_border_linestyle") == 0)
        sb_printf(sb, "Unicode border line style is \"%s\".", unicode_line_name(opt->unicode_border));
    else if (strcmp(name, "unicode_column_linestyle") == 0)
        sb_printf(sb, "Unicode column line style is \"%s\".", unicode_line_name(opt->unicode_column));
    else if (strcmp(name, "unicode_header_linestyle") == 0)
        sb_printf(sb, "Unicode header line style is \"%s\".", unicode_line_name(opt->unicode_header));
    else if (strcmp(name, "border") == 0)
        sb_printf(sb, "Border style is %d.", opt->border);
    else if (strcmp(name, "x") == 0 || strcmp(name, "expanded") == 0 || strcmp(name, "vertical") == 0)
        sb_append(sb, opt->expanded == EXPANDED_AUTO ? "Expanded display is used automatically."
                      : opt->expanded == EXPANDED_ON ? "Expanded display is on."
                                                     : "Expanded display is off.");
    else if (strcmp(name, "columns") == 0) {
        if (opt->columns == 0)
            sb_append(sb, "Target width is unset.");
        else
            sb_printf(sb, "Target width is %d.", opt->columns);
    } else
        return false;
    return true;
}

static bool format_status_more(const PrintOptions *opt, const char *name, StrBuf *sb)
{
    if (strcmp(name, "csv_fieldsep") == 0)
        sb_printf(sb, "Field separator for CSV is \"%s\".", opt->csv_field_sep);
    else if (strcmp(name, "fieldsep") == 0 || strcmp(name, "fieldsep_zero") == 0) {
        if (opt->field_sep_zero || strcmp(name, "fieldsep_zero") == 0)
            sb_append(sb, "Field separator is zero byte.");
        else
            sb_printf(sb, "Field separator is \"%s\".", opt->field_sep ? opt->field_sep : "");
    } else if (strcmp(name, "recordsep") == 0 || strcmp(name, "recordsep_zero") == 0) {
        if (opt->record_sep_zero || strcmp(name, "recordsep_zero") == 0)
            sb_append(sb, "Record separator is zero byte.");
        else if (opt->record_sep && strcmp(opt->record_sep, "\n") == 0)
            sb_append(sb, "Record separator is <newline>.");
        else
            sb_printf(sb, "Record separator is \"%s\".", opt->record_sep ? opt->record_sep : "");
    } else if (strcmp(name, "footer") == 0)
        sb_printf(sb, "Default footer is %s.", opt->default_footer ? "on" : "off");
    else if (strcmp(name, "numericlocale") == 0)
        sb_printf(sb, "Locale-adjusted numeric output is %s.", opt->numeric_locale ? "on" : "off");
    else if (strcmp(name, "t") == 0 || strcmp(name, "tuples_only") == 0)
        sb_printf(sb, "Tuples only is %s.", opt->tuples_only ? "on" : "off");
    else if (strcmp(name, "null") == 0)
        sb_printf(sb, "Null display is \"%s\".", opt->null_print ? opt->null_print : "");
    else
        return false;
    return true;
}

static bool format_status_rest(const PrintOptions *opt, const char *name, StrBuf *sb)
{
    if (strcmp(name, "C") == 0 || strcmp(name, "title") == 0) {
        if (opt->title)
            sb_printf(sb, "Title is \"%s\".", opt->title);
        else
            sb_append(sb, "Title is unset.");
    } else if (strcmp(name, "T") == 0 || strcmp(name, "tableattr") == 0) {
        if (opt->table_attr)
            sb_printf(sb, "Table attributes are \"%s\".", opt->table_attr);
        else
            sb_append(sb, "Table attributes unset.");
    } else if (strcmp(name, "pager") == 0) {
        sb_append(sb, opt->pager == PAGER_ON       ? "Pager is used for long output."
                      : opt->pager == PAGER_ALWAYS ? "Pager is always used."
                                                   : "Pager usage is off.");
    } else if (strcmp(name, "pager_min_lines") == 0) {
        sb_printf(sb, opt->pager_min_lines == 1 ? "Pager won't be used for less than %d line."
                                                : "Pager won't be used for less than %d lines.",
                  opt->pager_min_lines);
    } else
        return false;
    return true;
}

bool popt_pset_to(PrintOptions *opt, const char *name, const char *value, bool quiet, FILE *out)
{
    PsetResult r = apply_style(opt, name, value);
    if (r == PSET_UNKNOWN)
        r = apply_separator(opt, name, value);
    if (r == PSET_UNKNOWN)
        r = apply_other(opt, name, value);
    if (r == PSET_UNKNOWN) {
        log_error("\\pset: unknown option: %s", name);
        return false;
    }
    if (r == PSET_FAILED)
        return false;
    if (r == PSET_DONE && !quiet) {
        StrBuf sb = STRBUF_INIT;
        if (format_status(opt, name, &sb) || format_status_more(opt, name, &sb) ||
            format_status_rest(opt, name, &sb)) {
            sb_append_char(&sb, '\n');
            fputs(sb_str(&sb), out);
        }
        sb_free(&sb);
    }
    return true;
}

bool popt_pset(PrintOptions *opt, const char *name, const char *value, bool quiet)
{
    return popt_pset_to(opt, name, value, quiet, stdout);
}

/* psql's quoting in the \pset listing: single quotes, with \n and ' backslashed */
static char *quoted(const char *s)
{
    StrBuf sb = STRBUF_INIT;
    sb_append_char(&sb, '\'');
    for (; s && *s; s++) {
        if (*s == '\n')
            sb_append(&sb, "\\n");
        else if (*s == '\'')
            sb_append(&sb, "\\'");
        else
            sb_append_char(&sb, *s);
    }
    sb_append_char(&sb, '\'');
    return sb_steal(&sb);
}

static const char *on_off(bool b)
{
    return b ? "on" : "off";
}

static char *value_string_a(const PrintOptions *opt, const char *name)
{
    if (strcmp(name, "border") == 0)
        return xasprintf("%d", opt->border);
    if (strcmp(name, "columns") == 0)
        return xasprintf("%d", opt->columns);
    if (strcmp(name, "csv_fieldsep") == 0)
        return quoted(opt->csv_field_sep);
    if (strcmp(name, "expanded") == 0)
        return xstrdup(opt->expanded == EXPANDED_AUTO ? "auto" : on_off(opt->expanded == EXPANDED_ON));
    if (strcmp(name, "fieldsep") == 0)
        return quoted(opt->field_sep_zero ? "" : opt->field_sep);
    if (strcmp(name, "fieldsep_zero") == 0)
        return xstrdup(on_off(opt->field_sep_zero));
    if (strcmp(name, "footer") == 0)
        return xstrdup(on_off(opt->default_footer));
    if (strcmp(name, "format") == 0)
        return xstrdup(popt_format_name(opt->format));
    if (strcmp(name, "linestyle") == 0)
        return xstrdup(line_style_name(opt->line_style));
    if (strcmp(name, "null") == 0)
        return quoted(opt->null_print);
    if (strcmp(name, "numericlocale") == 0)
        return xstrdup(on_off(opt->numeric_locale));
    return NULL;
}

static char *value_string_b(const PrintOptions *opt, const char *name)
{
    if (strcmp(name, "pager") == 0)
        return xasprintf("%d", (int)opt->pager);
    if (strcmp(name, "pager_min_lines") == 0)
        return xasprintf("%d", opt->pager_min_lines);
    if (strcmp(name, "recordsep") == 0)
        return quoted(opt->record_sep_zero ? "" : opt->record_sep);
    if (strcmp(name, "recordsep_zero") == 0)
        return xstrdup(on_off(opt->record_sep_zero));
    if (strcmp(name, "tableattr") == 0)
        return opt->table_attr ? quoted(opt->table_attr) : xstrdup("");
    if (strcmp(name, "title") == 0)
        return opt->title ? quoted(opt->title) : xstrdup("");
    if (strcmp(name, "tuples_only") == 0)
        return xstrdup(on_off(opt->tuples_only));
    if (strcmp(name, "unicode_border_linestyle") == 0)
        return xstrdup(unicode_line_name(opt->unicode_border));
    if (strcmp(name, "unicode_column_linestyle") == 0)
        return xstrdup(unicode_line_name(opt->unicode_column));
    if (strcmp(name, "unicode_header_linestyle") == 0)
        return xstrdup(unicode_line_name(opt->unicode_header));
    return NULL;
}

char *popt_value_string(const PrintOptions *opt, const char *name)
{
    char *v = value_string_a(opt, name);
    return v ? v : value_string_b(opt, name);
}

const char *const popt_names[] = {
    "border",       "columns",         "csv_fieldsep",  "expanded",
    "fieldsep",     "fieldsep_zero",   "footer",        "format",
    "linestyle",    "null",            "numericlocale", "pager",
    "pager_min_lines", "recordsep",    "recordsep_zero", "tableattr",
    "title",        "tuples_only",     "unicode_border_linestyle",
    "unicode_column_linestyle", "unicode_header_linestyle", NULL,
};

void popt_show_all(const PrintOptions *opt, FILE *out)
{
    for (int i = 0; popt_names[i]; i++) {
        char *v = popt_value_string(opt, popt_names[i]);
        fprintf(out, "%-24s %s\n", popt_names[i], v);
        free(v);
    }
}
