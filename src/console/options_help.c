/*
 * What the option table prints: --help (psql's layout: the option, then its help from
 * column 27, or on the next line when the option is too wide) and the option list of
 * the man page, in troff.
 */
#include <libpq-fe.h>
#include <pg_config.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "console/options.h"
#include "console/options_table.h"
#include "console/subcommands.h"
#include "util/strbuf.h"

enum { HELP_COLUMN = 27 };

void options_print_version(FILE *out)
{
    int v = PQlibVersion();
    fprintf(out, "pgconsole %s (psql 15 compatible, libpq %d.%d)\n", PGCONSOLE_VERSION, v / 10000, v % 10000);
}

static const char *os_user(void)
{
    const char *user = getenv("PGUSER");
    if (!user) {
        struct passwd *pw = getpwuid(geteuid());
        user = pw ? pw->pw_name : "";
    }
    return user;
}

static const char *env_or(const char *name, const char *fallback)
{
    const char *value = getenv(name);
    return value ? value : fallback;
}

/* the defaults psql's --help shows: libpq's environment, else the OS user and the compiled port */
static const char *connection_default(OptionDefault which)
{
    switch (which) {
    case DEFAULT_NONE: return NULL;
    case DEFAULT_USER: return os_user();
    case DEFAULT_DBNAME: return env_or("PGDATABASE", os_user());
    case DEFAULT_HOST: return env_or("PGHOST", "local socket");
    case DEFAULT_PORT: return env_or("PGPORT", DEF_PGPORT_STR);
    }
    return NULL;
}

/* "-v, --set=, --variable=NAME=VALUE", "    --help[=options]", "-1 ("one"), --single-transaction" */
static void help_label(StrBuf *sb, const OptionSpec *opt)
{
    sb_append(sb, "  ");
    if (opt->letter)
        sb_printf(sb, "-%c%s%s, ", opt->letter, opt->letter_gloss ? " " : "",
                  opt->letter_gloss ? opt->letter_gloss : "");
    else
        sb_append(sb, "    ");
    sb_printf(sb, "--%s", opt->name);
    if (opt->alias)
        sb_printf(sb, "%s, --%s", opt->arg ? "=" : "", opt->alias);
    if (opt->arg)
        sb_printf(sb, opt->optional_arg ? "[=%s]" : "=%s", opt->arg);
}

static void print_help_row(FILE *out, const OptionSpec *opt)
{
    if (!opt->name) {
        fprintf(out, "  %s\n", opt->help);
        return;
    }
    StrBuf line = STRBUF_INIT;
    help_label(&line, opt);
    if (line.len + 2 <= HELP_COLUMN)
        sb_printf(&line, "%*s", (int)(HELP_COLUMN - line.len), "");
    else
        sb_printf(&line, "\n%*s", HELP_COLUMN, "");
    for (const char *text = opt->help; *text;) {
        size_t n = strcspn(text, "\n");
        sb_append_n(&line, text, n);
        const char *dflt = text == opt->help ? connection_default(opt->shows) : NULL;
        if (dflt)
            sb_printf(&line, " (default: \"%s\")", dflt);
        sb_append_char(&line, '\n');
        text += n;
        if (*text == '\n' && *++text)
            sb_printf(&line, "%*s", HELP_COLUMN, "");
    }
    fputs(sb_str(&line), out);
    sb_free(&line);
}

void options_print_usage(FILE *out)
{
    fputs("pgconsole is a psql-compatible PostgreSQL console for Scalingo apps.\n\n"
          "Usage:\n"
          "  pgconsole [OPTION]... [DBNAME [USERNAME]]\n"
          "  pgconsole --app APP [OPTION]...\n",
          out);
    subcommands_print_usage(subcommands, out);
    fputc('\n', out);
    subcommands_print_list(subcommands, out);
    for (size_t i = 0; i < option_count; i++) {
        const OptionSpec *opt = &option_table[i];
        if (i == 0 || opt->section != option_table[i - 1].section)
            fprintf(out, "%s%s\n", i == 0 ? "" : "\n", option_sections[opt->section].help);
        print_help_row(out, opt);
    }
    fputs("\nFor more information, type \"\\?\" (for internal commands) from within pgconsole,\n"
          "or see pgconsole(1).\n",
          out);
}

/* ---- the man page ---- */

static void troff_name(StrBuf *sb, const char *dashes, const char *name)
{
    sb_append(sb, dashes);
    for (; *name; name++)
        sb_append(sb, *name == '-' ? "\\-" : (char[]){*name, '\0'});
}

/* placeholders (NAME) in italics, literal words (options) in bold, the rest as it is */
static void troff_arg(StrBuf *sb, const char *arg)
{
    while (*arg) {
        size_t word = strspn(arg, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_");
        if (word == 0) {
            sb_append_char(sb, *arg++);
            continue;
        }
        bool placeholder = strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZ", *arg) != NULL;
        sb_append(sb, placeholder ? "\\fI" : "\\fB");
        sb_append_n(sb, arg, word);
        sb_append(sb, "\\fR");
        arg += word;
    }
}

/* .BR alternates bold and roman: the names in bold, the separators and argument in roman */
static void man_label(FILE *out, const OptionSpec *opt)
{
    StrBuf sb = STRBUF_INIT;
    if (opt->letter) {
        troff_name(&sb, "\\-", (char[]){opt->letter, '\0'});
        sb_append(&sb, " \", \" ");
    }
    troff_name(&sb, "\\-\\-", opt->name);
    if (opt->alias) {
        sb_append(&sb, " \", \" ");
        troff_name(&sb, "\\-\\-", opt->alias);
    }
    if (opt->arg) {
        sb_append(&sb, opt->optional_arg ? " [=" : " =");
        troff_arg(&sb, opt->arg);
        if (opt->optional_arg)
            sb_append_char(&sb, ']');
    }
    bool one_piece = !opt->letter && !opt->alias && !opt->arg;
    fprintf(out, "%s %s\n", one_piece ? ".B" : ".BR", sb_str(&sb));
    sb_free(&sb);
}

void options_print_man(FILE *out)
{
    bool shares_next = false;
    int section = -1;
    for (size_t i = 0; i < option_count; i++) {
        const OptionSpec *opt = &option_table[i];
        if (!opt->name)
            continue;
        if ((int)opt->section != section) {
            const char *title = option_sections[opt->section].man;
            fprintf(out, strchr(title, ' ') ? ".SS \"%s\"\n" : ".SS %s\n", title);
            section = (int)opt->section;
        }
        fputs(shares_next ? ".TQ\n" : ".TP\n", out);
        man_label(out, opt);
        if (opt->man)
            fprintf(out, "%s\n", opt->man);
        shares_next = !opt->man;
    }
}
