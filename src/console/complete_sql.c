/*
 * The rule engine of tab completion.  The rule tables (complete_rules_*.c and
 * the backslash commands' rules in complete_meta.c) form one chain in psql's
 * order; the first rule whose condition holds on the words before the cursor
 * decides what is offered, even when that turns out to be nothing.  When no rule
 * holds, the word before the cursor may name a type of object (TABLE, ROLE, ...)
 * whose names are then offered, as psql does.
 */
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "console/complete_int.h"
#include "util/xalloc.h"

const char complete_sql_commands[] =
    "ABORT|ALTER|ANALYZE|BEGIN|CALL|CHECKPOINT|CLOSE|CLUSTER|COMMENT|COMMIT|COPY|CREATE|"
    "DEALLOCATE|DECLARE|DELETE FROM|DISCARD|DO|DROP|END|EXECUTE|EXPLAIN|FETCH|GRANT|"
    "IMPORT FOREIGN SCHEMA|INSERT INTO|LISTEN|LOAD|LOCK|MERGE INTO|MOVE|NOTIFY|PREPARE|REASSIGN|"
    "REFRESH MATERIALIZED VIEW|REINDEX|RELEASE|RESET|REVOKE|ROLLBACK|SAVEPOINT|SECURITY LABEL|"
    "SELECT|SET|SHOW|START|TABLE|TRUNCATE|UNLISTEN|UPDATE|VACUUM|VALUES|WITH";

/* ---- the types of objects after CREATE, DROP and ALTER ---- */

enum { NO_CREATE = 1, NO_DROP = 2, NO_ALTER = 4, NOT_LISTED = NO_CREATE | NO_DROP | NO_ALTER };

typedef struct Thing {
    const char *name;
    CatKind objects;        /* offered after the type's name, when nothing else applies */
    unsigned flags;
    const char *keywords;   /* offered beside the objects */
} Thing;

static const Thing things[] = {
    {"ACCESS METHOD", CAT_NONE, NO_ALTER, NULL},
    {"AGGREGATE", CAT_AGGREGATES, 0, NULL},
    {"CAST", CAT_NONE, 0, NULL},
    {"COLLATION", CAT_COLLATIONS, 0, NULL},
    {"CONFIGURATION", CAT_TS_CONFIGURATIONS, NOT_LISTED, NULL},
    {"CONVERSION", CAT_CONVERSIONS, 0, NULL},
    {"DATABASE", CAT_DATABASES, 0, NULL},
    {"DEFAULT PRIVILEGES", CAT_NONE, NO_CREATE | NO_DROP, NULL},
    {"DICTIONARY", CAT_TS_DICTIONARIES, NOT_LISTED, NULL},
    {"DOMAIN", CAT_DOMAINS, 0, NULL},
    {"EVENT TRIGGER", CAT_NONE, 0, NULL},
    {"EXTENSION", CAT_EXTENSIONS, 0, NULL},
    {"FOREIGN DATA WRAPPER", CAT_NONE, 0, NULL},
    {"FOREIGN TABLE", CAT_NONE, 0, NULL},
    {"FUNCTION", CAT_FUNCTIONS, 0, NULL},
    {"GROUP", CAT_ROLES, 0, NULL},
    {"INDEX", CAT_INDEXES, 0, NULL},
    {"LANGUAGE", CAT_LANGUAGES, 0, NULL},
    {"LARGE OBJECT", CAT_NONE, NO_CREATE | NO_DROP, NULL},
    {"MATERIALIZED VIEW", CAT_MATVIEWS, 0, NULL},
    {"OPERATOR", CAT_NONE, 0, NULL},
    {"OR REPLACE", CAT_NONE, NO_DROP | NO_ALTER, NULL},
    {"OWNED", CAT_NONE, NO_CREATE | NO_ALTER, NULL},
    {"PARSER", CAT_TS_PARSERS, NOT_LISTED, NULL},
    {"POLICY", CAT_NONE, 0, NULL},
    {"PROCEDURE", CAT_PROCEDURES, 0, NULL},
    {"PUBLICATION", CAT_PUBLICATIONS, 0, NULL},
    {"ROLE", CAT_ROLES, 0, NULL},
    {"ROUTINE", CAT_ROUTINES, NO_CREATE, NULL},
    {"RULE", CAT_RULES, 0, NULL},
    {"SCHEMA", CAT_SCHEMAS, 0, NULL},
    {"SEQUENCE", CAT_SEQUENCES, 0, NULL},
    {"SERVER", CAT_SERVERS, 0, NULL},
    {"STATISTICS", CAT_STATISTICS, 0, NULL},
    {"SUBSCRIPTION", CAT_SUBSCRIPTIONS, 0, NULL},
    {"SYSTEM", CAT_NONE, NO_CREATE | NO_DROP, NULL},
    {"TABLE", CAT_TABLES, 0, NULL},
    {"TABLESPACE", CAT_TABLESPACES, 0, NULL},
    {"TEMP", CAT_NONE, NO_DROP | NO_ALTER, NULL},
    {"TEMPLATE", CAT_TS_TEMPLATES, NOT_LISTED, NULL},
    {"TEMPORARY", CAT_NONE, NO_DROP | NO_ALTER, NULL},
    {"TEXT SEARCH", CAT_NONE, 0, NULL},
    {"TRANSFORM", CAT_NONE, NO_ALTER, NULL},
    {"TRIGGER", CAT_TRIGGERS, 0, NULL},
    {"TYPE", CAT_DATATYPES, 0, NULL},
    {"UNIQUE", CAT_NONE, NO_DROP | NO_ALTER, NULL},
    {"UNLOGGED", CAT_NONE, NO_DROP | NO_ALTER, NULL},
    {"USER", CAT_ROLES, 0, "MAPPING FOR"},
    {"USER MAPPING FOR", CAT_NONE, 0, NULL},
    {"VIEW", CAT_VIEWS, 0, NULL},
};

static void thing_names(CompCtx *c, unsigned excluded)
{
    for (size_t i = 0; i < sizeof things / sizeof things[0]; i++)
        if (!(things[i].flags & excluded))
            cand_keywords(c, things[i].name);
}

/* the last resort: "... TABLE <tab>" offers tables wherever it is */
static void objects_of_type(CompCtx *c, const char *word)
{
    for (size_t i = 0; i < sizeof things / sizeof things[0]; i++) {
        if (!word_is(word, things[i].name))
            continue;
        if (things[i].objects != CAT_NONE)
            catalog_names(c, things[i].objects, NULL, things[i].keywords);
        return;
    }
}

/* ---- actions ---- */

static int server_version(Session *s)
{
    if (s->sversion > 0)
        return s->sversion;
    return s->db ? PQserverVersion(s->db) : 0;
}

/* psql offers a quoted label unless the user's own quote is just before the word */
static bool quote_the_values(const CompCtx *c)
{
    return c->text[0] == '\'' || c->start == 0 || c->line[c->start - 1] != '\'';
}

static void guc_value(CompCtx *c, const char *name)
{
    char *type = catalog_guc_type(c->s, name);
    if (!type)
        return;     /* not a setting: most likely not a SET at all */
    if (strcmp(type, "enum") == 0)
        catalog_names(c, CAT_GUC_ENUM_VALUES, name, "DEFAULT");
    else if (strcmp(type, "bool") == 0)
        cand_keywords(c, "on|off|true|false|yes|no|1|0|DEFAULT");
    else
        cand_keywords(c, "DEFAULT");
    free(type);
}

static void apply(CompCtx *c, const Rule *r, const Words *w)
{
    const char *ref = r->ref > 0 ? word_back(w, r->ref) : NULL;
    switch ((Act)r->act) {
    case ACT_NONE: break;
    case ACT_LIST: cand_keywords(c, r->words); break;
    case ACT_LIST_CS: cand_literals(c, r->words); break;
    case ACT_QUERY: catalog_names(c, (CatKind)r->kind, ref, r->words); break;
    case ACT_ENUM:
        catalog_names(c, quote_the_values(c) ? CAT_ENUM_VALUES_QUOTED : CAT_ENUM_VALUES, ref, NULL);
        break;
    case ACT_TIMEZONE:
        catalog_names(c, c->text[0] == '\'' ? CAT_TIMEZONES_QUOTED_IN
                         : quote_the_values(c) ? CAT_TIMEZONES_QUOTED : CAT_TIMEZONES, NULL, "DEFAULT");
        break;
    case ACT_GUC_VALUE: guc_value(c, ref); break;
    case ACT_FILES_SQL: complete_files(c, '\0', true); break;
    case ACT_FILES_COPY: complete_files(c, '\0', false); break;
    case ACT_FILES: complete_files(c, '\\', false); break;
    case ACT_CREATABLE: thing_names(c, NO_CREATE); break;
    case ACT_DROPPABLE: thing_names(c, NO_DROP); break;
    case ACT_ALTERABLE: thing_names(c, NO_ALTER); break;
    case ACT_SQL_COMMANDS: cand_keywords(c, complete_sql_commands); break;
    case ACT_VARIABLES: complete_variables(c, false); break;
    case ACT_SET_VARIABLES: complete_variables(c, true); break;
    case ACT_CONNECT_DATABASE:
        if (!complete_is_connection_string(c->text))
            catalog_names(c, CAT_DATABASES, NULL, NULL);
        break;
    case ACT_CONNECT_USER:
        if (!complete_is_connection_string(word_back(w, 1)))
            catalog_names(c, CAT_ROLES, NULL, NULL);
        break;
    }
}

void complete_sql(CompCtx *c, const Words *prev)
{
    static const RuleTable *const chain[] = {
        &complete_rules_alter, &complete_rules_commands, &complete_rules_clauses, &complete_rules_meta,
    };
    int version = server_version(c->s);
    for (size_t t = 0; t < sizeof chain / sizeof chain[0]; t++)
        for (size_t i = 0; i < chain[t]->count; i++)
            if (condition_holds(chain[t]->rules[i].when, prev, version)) {
                apply(c, &chain[t]->rules[i], prev);
                return;
            }
    objects_of_type(c, word_back(prev, 1));
}
