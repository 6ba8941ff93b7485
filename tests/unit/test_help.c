/*
 * \? from the command rows: every command documents itself, entries have a place of
 * their own in psql's order, an entry's layout, and the help of one command found by
 * its name or an alias.  The whole list is compared with psql's end to end.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meta/commands.h"
#include "meta/help.h"
#include "session/session.h"
#include "unit.h"

static void check_documented(const MetaCommand *cmd, void *arg)
{
    int *undocumented = arg;
    /* a prefix row ("lo_") catches spellings of commands that have rows of their own */
    if (!cmd->help && !cmd->family_help && !cmd->prefix) {
        fprintf(stderr, "\\%s has no help\n", cmd->name);
        (*undocumented)++;
    }
}

static void test_every_command_has_help(void)
{
    int undocumented = 0;
    meta_for_each(check_documented, &undocumented);
    CHECK_INT(undocumented, 0);
}

typedef struct Places {
    const MetaHelp *seen[256];
    const char *command[256];
    int n;
    int in_psqls_sections;
    int clashes;
} Places;

static void check_place(const MetaHelp *h, const char *command, void *arg)
{
    Places *p = arg;
    CHECK(h->section < HELP_SECTION_COUNT);
    CHECK(h->text && *h->text);
    for (int i = 0; i < p->n; i++) {
        if (p->seen[i]->section == h->section && p->seen[i]->order == h->order) {
            fprintf(stderr, "\\%s and \\%s share a place in \\?\n", p->command[i], command);
            p->clashes++;
        }
    }
    if (h->section <= HELP_VARIABLES)
        p->in_psqls_sections++;
    if (p->n < 256) {
        p->seen[p->n] = h;
        p->command[p->n++] = command;
    }
}

static void test_each_entry_has_its_own_place(void)
{
    Places places = {0};
    meta_for_each_help(check_place, &places);
    CHECK_INT(places.clashes, 0);
    /* psql 15's list has 108 entries; pgconsole documents every one of them */
    CHECK_INT(places.in_psqls_sections, 108);
}

static char *help_of(Session *s, const char *name, bool *found)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    *found = help_print_command(s, out, name);
    fclose(out);
    return text;
}

static void test_help_by_name(void)
{
    Session *s = session_create();
    bool found;
    char *text = help_of(s, "dt", &found);
    CHECK(found);
    CHECK_STR(text, "  \\dt[S+] [PATTERN]      list tables\n");
    free(text);
    /* an alias finds its command's entry; several entries come in their order */
    text = help_of(s, "quit", &found);
    CHECK_STR(text, "  \\q                     quit pgconsole\n");
    free(text);
    text = help_of(s, "?", &found);
    CHECK_STR(text, "  \\? [commands]          show help on backslash commands\n"
                    "  \\? options             show help on pgconsole command-line options\n"
                    "  \\? variables           show help on special variables\n");
    free(text);
    /* the text column, a text below its usage, continuation lines and the current setting */
    text = help_of(s, "dAo", &found);
    CHECK_STR(text, "  \\dAo[+] [AMPTRN [OPFPTRN]]   list operators of operator families\n");
    free(text);
    text = help_of(s, "crosstabview", &found);
    CHECK_STR(text, "  \\crosstabview [COLUMNS] execute query and display result in crosstab\n");
    free(text);
    s->timing = true;
    text = help_of(s, "timing", &found);
    CHECK_STR(text, "  \\timing [on|off]       toggle timing of commands (currently on)\n");
    free(text);
    text = help_of(s, "connect", &found);
    CHECK_STR(text, "  \\c[onnect] {[DBNAME|- USER|- HOST|- PORT|-] | conninfo}\n"
                    "                         connect to new database (currently no connection)\n");
    free(text);
    text = help_of(s, "g", &found);
    CHECK_STR(text, "  \\g [(OPTIONS)] [FILE]  execute query (and send result to file or |pipe);\n"
                    "                         \\g with no arguments is equivalent to a semicolon\n");
    free(text);
    text = help_of(s, "nosuchcommand", &found);
    CHECK(!found);
    CHECK_STR(text, "");
    free(text);
    session_destroy(s);
}

static void collect_name(const MetaCommand *cmd, void *arg)
{
    char *names = arg;
    if (strlen(names) + strlen(cmd->name) + 2 < 4096)
        strcat(strcat(names, cmd->name), " ");
}

/* completion offers every name: aliases come out as names of their own */
static void test_for_each_visits_aliases(void)
{
    static char names[4096];
    meta_for_each(collect_name, names);
    CHECK(strstr(names, " q quit ") != NULL);
    CHECK(strstr(names, " l l+ list list+ ") != NULL);
    CHECK(strstr(names, " sf sf+ ") != NULL);
    CHECK(meta_lookup("include_relative") == meta_lookup("ir"));
    CHECK(meta_lookup("html") == meta_lookup("H"));
    CHECK(meta_lookup("lo_import") != meta_lookup("lo_nosuch"));
    CHECK(meta_lookup("lo_nosuch") != NULL && meta_lookup("lo_nosuch")->prefix);
}

int main(void)
{
    RUN(test_every_command_has_help);
    RUN(test_each_entry_has_its_own_place);
    RUN(test_help_by_name);
    RUN(test_for_each_visits_aliases);
    UNIT_DONE();
}
