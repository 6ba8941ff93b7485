/* Formatting commands: \pset and its shorthands \a \t \x \f \H \T \C. */
#include <stdlib.h>

#include "meta/commands.h"
#include "util/log.h"

static MetaResult result_of(bool ok)
{
    return ok ? META_SKIP_LINE : META_ERROR;
}

static MetaResult cmd_pset(MetaContext *ctx)
{
    char *name = meta_arg(ctx, OT_NORMAL, NULL, false);
    char *value = meta_arg(ctx, OT_NORMAL, NULL, false);
    bool ok = true;
    if (!name)
        popt_show_all(&ctx->s->popt, stdout);
    else
        ok = popt_pset(&ctx->s->popt, name, value, ctx->s->quiet);
    free(name);
    free(value);
    return result_of(ok);
}

static MetaResult cmd_aligned_toggle(MetaContext *ctx)
{
    Session *s = ctx->s;
    return result_of(popt_pset(&s->popt, "format", s->popt.format != PRINT_ALIGNED ? "aligned" : "unaligned",
                               s->quiet));
}

static MetaResult cmd_html_toggle(MetaContext *ctx)
{
    Session *s = ctx->s;
    return result_of(popt_pset(&s->popt, "format", s->popt.format != PRINT_HTML ? "html" : "aligned", s->quiet));
}

/* the shorthands that take one optional argument for one \pset option */
static MetaResult pset_shorthand(MetaContext *ctx, const char *option, bool strip_semicolon)
{
    char *value = meta_arg(ctx, OT_NORMAL, NULL, strip_semicolon);
    bool ok = popt_pset(&ctx->s->popt, option, value, ctx->s->quiet);
    free(value);
    return result_of(ok);
}

static MetaResult cmd_tuples(MetaContext *ctx)
{
    return pset_shorthand(ctx, "tuples_only", true);
}

static MetaResult cmd_expanded(MetaContext *ctx)
{
    return pset_shorthand(ctx, "expanded", true);
}

static MetaResult cmd_fieldsep(MetaContext *ctx)
{
    return pset_shorthand(ctx, "fieldsep", false);
}

static MetaResult cmd_tableattr(MetaContext *ctx)
{
    return pset_shorthand(ctx, "tableattr", false);
}

static MetaResult cmd_title(MetaContext *ctx)
{
    return pset_shorthand(ctx, "title", true);
}


const MetaCommand meta_print_commands[] = {
    {"pset", cmd_pset, SKIP_OPTIONS,
     .help = META_HELP({HELP_FORMATTING, 5, .usage = "\\pset [NAME [VALUE]]",
                        .text = "set table output option\n"
                        "(border|columns|csv_fieldsep|expanded|fieldsep|\n"
                        "fieldsep_zero|footer|format|linestyle|null|\n"
                        "numericlocale|pager|pager_min_lines|recordsep|\n"
                        "recordsep_zero|tableattr|title|tuples_only|\n"
                        "unicode_border_linestyle|unicode_column_linestyle|\n"
                        "unicode_header_linestyle)"})},
    {"a", cmd_aligned_toggle, SKIP_OPTIONS,
     .help = META_HELP({HELP_FORMATTING, 1, .usage = "\\a",
                        .text = "toggle between unaligned and aligned output mode"})},
    {"t", cmd_tuples, SKIP_OPTIONS,
     .help = META_HELP({HELP_FORMATTING, 6, .usage = "\\t [on|off]",
                        .text = "show only rows", .shows = SHOWS_TUPLES_ONLY})},
    {"x", cmd_expanded, SKIP_OPTIONS,
     .help = META_HELP({HELP_FORMATTING, 8, .usage = "\\x [on|off|auto]",
                        .text = "toggle expanded output", .shows = SHOWS_EXPANDED})},
    {"f", cmd_fieldsep, SKIP_OPTIONS,
     .help = META_HELP({HELP_FORMATTING, 3, .usage = "\\f [STRING]",
                        .text = "show or set field separator for unaligned query output"})},
    {"H", cmd_html_toggle, SKIP_OPTIONS, .aliases = {"html"},
     .help = META_HELP({HELP_FORMATTING, 4, .usage = "\\H",
                        .text = "toggle HTML output mode", .shows = SHOWS_HTML})},
    {"T", cmd_tableattr, SKIP_OPTIONS,
     .help = META_HELP({HELP_FORMATTING, 7, .usage = "\\T [STRING]",
                        .text = "set HTML <table> tag attributes, or unset if none"})},
    {"C", cmd_title, SKIP_OPTIONS,
     .help = META_HELP({HELP_FORMATTING, 2, .usage = "\\C [STRING]", .text = "set table title, or unset if none"})},
    {.name = NULL},
};
