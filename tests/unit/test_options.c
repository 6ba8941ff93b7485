/*
 * The command line: the option table (well-formed, every kind of row parsed into
 * Options and the session), --help's layout rules, and subcommand dispatch with a
 * table of test commands (the real table may be empty).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console/options.h"
#include "console/options_table.h"
#include "console/subcommands.h"
#include "session/session.h"
#include "unit.h"

/* ---- the table itself ---- */

static bool same_name(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static void test_table_is_well_formed(void)
{
    for (size_t i = 0; i < option_count; i++) {
        const OptionSpec *a = &option_table[i];
        CHECK(a->help && *a->help);
        CHECK(a->section < OPTSEC_COUNT);
        if (i > 0)
            CHECK(a->section >= option_table[i - 1].section);   /* --help groups them in order */
        if (!a->name || !a->apply)
            continue;
        for (size_t j = i + 1; j < option_count; j++) {
            const OptionSpec *b = &option_table[j];
            if (!b->name || !b->apply)
                continue;
            CHECK(!a->letter || a->letter != b->letter);
            CHECK(!same_name(a->name, b->name) && !same_name(a->name, b->alias));
            CHECK(!same_name(a->alias, b->name) && !same_name(a->alias, b->alias));
        }
    }
}

/* a row without a man paragraph shares the next one's, which must exist in the same subsection */
static void test_every_option_reaches_the_man_page(void)
{
    for (size_t i = 0; i < option_count; i++) {
        const OptionSpec *opt = &option_table[i];
        if (!opt->name || opt->man)
            continue;
        CHECK(i + 1 < option_count);
        if (i + 1 < option_count) {
            CHECK(option_table[i + 1].name != NULL);
            CHECK(option_table[i + 1].section == opt->section);
        }
    }
}

/* ---- parsing ---- */

static int parse(Options *o, Session *s, char **argv)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    return options_parse(argc, argv, o, s);
}

static void test_parse_fills_options_and_session(void)
{
    Session *s = session_create();
    Options o;
    char *argv[] = {"pgconsole", "-h", "db.example", "--port=6543", "-U", "alice", "--app", "my-app",
                    "--region=osc-fr1", "--trust-psqlrc", "-X", "-1", "-w", "-c", "select 1", "-c", "\\dt",
                    "--file=f.sql", "--variable", "A=1", "-v", "B=2", "-q", "--csv", "-t", "-F", ";",
                    "-z", "mydb", "bob", NULL};
    CHECK_INT(parse(&o, s, argv), -1);
    CHECK_STR(o.host, "db.example");
    CHECK_STR(o.port, "6543");
    CHECK_STR(o.username, "alice");
    CHECK_STR(o.platform.app, "my-app");
    CHECK_STR(o.platform.region, "osc-fr1");
    CHECK(o.trust_psqlrc && o.no_psqlrc && o.single_txn);
    CHECK(o.password == PASSWORD_NEVER);
    CHECK_STR(o.dbname, "mydb");
    CHECK_INT(o.nactions, 3);
    CHECK(o.actions[0].kind == ACT_SQL && strcmp(o.actions[0].text, "select 1") == 0);
    CHECK(o.actions[1].kind == ACT_SLASH && strcmp(o.actions[1].text, "dt") == 0);
    CHECK(o.actions[2].kind == ACT_FILE && strcmp(o.actions[2].text, "f.sql") == 0);
    CHECK_STR(vars_get(s->vars, "A"), "1");
    CHECK_STR(vars_get(s->vars, "B"), "2");
    CHECK_STR(vars_get(s->vars, "QUIET"), "on");
    CHECK(s->popt.format == PRINT_CSV && s->popt.tuples_only);
    CHECK_STR(s->popt.field_sep, ";");
    CHECK(s->popt.field_sep_zero);
    /* the second positional argument is the user, unless -U named one */
    CHECK_STR(o.username, "alice");
    options_free(&o);
    session_destroy(s);
}

static void test_parse_positional_user_and_later_options(void)
{
    Session *s = session_create();
    Options o;
    char *argv[] = {"pgconsole", "mydb", "bob", "-a", "-W", "--no-align", "-P", "border=2", NULL};
    CHECK_INT(parse(&o, s, argv), -1);
    CHECK_STR(o.dbname, "mydb");
    CHECK_STR(o.username, "bob");
    CHECK_STR(vars_get(s->vars, "ECHO"), "all");
    CHECK(o.password == PASSWORD_ALWAYS);
    CHECK(s->popt.format == PRINT_UNALIGNED);
    CHECK_INT(s->popt.border, 2);
    options_free(&o);
    session_destroy(s);
}

static void test_parse_errors_stop_with_psqls_code(void)
{
    Session *s = session_create();
    Options o;
    char *unknown[] = {"pgconsole", "--no-such-option", NULL};
    CHECK_INT(parse(&o, s, unknown), EXIT_FAIL);
    options_free(&o);
    char *bad_topic[] = {"pgconsole", "-X", "--help=nothing", NULL};
    CHECK_INT(parse(&o, s, bad_topic), EXIT_FAIL);
    options_free(&o);
    char *bad_pset[] = {"pgconsole", "-P", "nosuchsetting=1", NULL};
    CHECK_INT(parse(&o, s, bad_pset), EXIT_FAIL);
    options_free(&o);
    session_destroy(s);
}

/* ---- --help ---- */

static char *usage_text(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    options_print_usage(out);
    fclose(out);
    return text;
}

static bool has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; (p = strstr(p, line)) != NULL; p++)
        if ((p == text || p[-1] == '\n') && p[n] == '\n')
            return true;
    return false;
}

static void test_usage_layout(void)
{
    setenv("PGPORT", "7777", 1);
    char *text = usage_text();
    /* help at column 27, or on the next line after a wide option; defaults after the first line */
    CHECK(has_line(text, "  -c, --command=COMMAND    run only single command (SQL or internal) and exit"));
    CHECK(has_line(text, "  -v, --set=, --variable=NAME=VALUE"));
    CHECK(has_line(text, "                           (e.g., -v ON_ERROR_STOP=1)"));
    CHECK(has_line(text, "  -1 (\"one\"), --single-transaction"));
    CHECK(has_line(text, "  -?, --help[=options]     show this help, then exit"));
    CHECK(has_line(text, "      --help=commands      list backslash commands, then exit"));
    CHECK(has_line(text, "  -p, --port=PORT          database server port (default: \"7777\")"));
    CHECK(has_line(text, "  With no database named, DATABASE_URL is used when it is set."));
    CHECK(has_line(text, "Platform options (Scalingo):"));
    /* subcommands are mentioned once there are some */
    CHECK((strstr(text, "\nCommands:\n") != NULL) == (subcommands[0].name != NULL));
    free(text);
    unsetenv("PGPORT");
}

/* ---- subcommands ---- */

static int calls;
static char last_args[256];

static int record_call(int argc, char **argv)
{
    calls++;
    last_args[0] = '\0';
    for (int i = 0; i < argc; i++)
        snprintf(last_args + strlen(last_args), sizeof(last_args) - strlen(last_args), "%s%s", i ? " " : "",
                 argv[i]);
    return 42;
}

static const Subcommand test_commands[] = {
    {"tunnel", record_call, 0, "--app APP [OPTION]...", "forward local connections to the database"},
    {"secret", record_call, SUBCMD_HIDDEN, NULL, "not listed"},
    {NULL, NULL, 0, NULL, NULL},
};

static const Subcommand no_commands[] = {
    {NULL, NULL, 0, NULL, NULL},
};

static bool dispatch(const Subcommand *table, char **argv, int *code)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    calls = 0;
    return subcommand_dispatch(table, argc, argv, code);
}

static void test_subcommand_is_the_first_argument_only(void)
{
    int code = 0;
    char *run[] = {"pgconsole", "tunnel", "--app", "x", NULL};
    CHECK(dispatch(test_commands, run, &code));
    CHECK_INT(code, 42);
    CHECK_STR(last_args, "tunnel --app x");
    /* the ways to a database that has a subcommand's name */
    char *by_d[] = {"pgconsole", "-d", "tunnel", NULL};
    char *after_dashes[] = {"pgconsole", "--", "tunnel", NULL};
    char *after_option[] = {"pgconsole", "-X", "tunnel", NULL};
    char *plain[] = {"pgconsole", NULL};
    CHECK(!dispatch(test_commands, by_d, &code));
    CHECK(!dispatch(test_commands, after_dashes, &code));
    CHECK(!dispatch(test_commands, after_option, &code));
    CHECK(!dispatch(test_commands, plain, &code));
    CHECK_INT(calls, 0);
    char *hidden[] = {"pgconsole", "secret", NULL};
    CHECK(dispatch(test_commands, hidden, &code));
    CHECK_INT(calls, 1);
}

static void test_help_command_only_once_there_are_commands(void)
{
    int code = 0;
    char *help_tunnel[] = {"pgconsole", "help", "tunnel", NULL};
    CHECK(dispatch(test_commands, help_tunnel, &code));
    CHECK_INT(code, 42);
    CHECK_STR(last_args, "tunnel --help");
    char *help_unknown[] = {"pgconsole", "help", "nothing", NULL};
    CHECK(dispatch(test_commands, help_unknown, &code));
    CHECK_INT(code, EXIT_FAIL);
    CHECK_INT(calls, 0);
    /* without commands, "help" is a database name, as in psql */
    char *help[] = {"pgconsole", "help", NULL};
    CHECK(!dispatch(no_commands, help, &code));
}

static char *listing(const Subcommand *table)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    subcommands_print_usage(table, out);
    fputs("--\n", out);
    subcommands_print_list(table, out);
    fclose(out);
    return text;
}

static void test_subcommand_listing(void)
{
    char *text = listing(test_commands);
    CHECK_STR(text, "  pgconsole COMMAND [ARGUMENT]...\n"
                    "--\n"
                    "Commands:\n"
                    "  tunnel --app APP [OPTION]...\n"
                    "                           forward local connections to the database\n"
                    "  help [COMMAND]           show this help, or a command's own\n"
                    "  A database named like a command is opened with -d NAME.\n"
                    "\n");
    free(text);
    text = listing(no_commands);
    CHECK_STR(text, "--\n");
    free(text);
}

int main(void)
{
    RUN(test_table_is_well_formed);
    RUN(test_every_option_reaches_the_man_page);
    RUN(test_parse_fills_options_and_session);
    RUN(test_parse_positional_user_and_later_options);
    RUN(test_parse_errors_stop_with_psqls_code);
    RUN(test_usage_layout);
    RUN(test_subcommand_is_the_first_argument_only);
    RUN(test_help_command_only_once_there_are_commands);
    RUN(test_subcommand_listing);
    UNIT_DONE();
}
