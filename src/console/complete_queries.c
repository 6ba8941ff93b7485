/*
 * What each kind of catalog object offered by tab completion is: where it is
 * found, which rows count, how it is named and qualified, and -- for objects
 * that belong to another one (a table's columns, an enum's labels) -- how that
 * reference object is found.  complete_catalog.c turns a row into a query.
 */
#include "console/complete_int.h"

#define PG_CLASS "pg_catalog.pg_class c"
#define TABLE_VISIBLE "pg_catalog.pg_table_is_visible(c.oid)"
/* relations of the given kinds, pg_catalog's hidden unless "pg_" is typed */
#define RELATIONS(kind, kinds) \
    {kind, 0, PG_CLASS, "c.relkind IN (" kinds ")", TABLE_VISIBLE, "c.relnamespace", "c.relname", \
     NULL, NULL, NULL, NULL, NULL, Q_HIDE_CATALOG}
#define ROUTINES(kind, version, where) \
    {kind, version, "pg_catalog.pg_proc p", where, "pg_catalog.pg_function_is_visible(p.oid)", \
     "p.pronamespace", "p.proname", NULL, NULL, NULL, NULL, NULL, 0}
#define TYPES(kind, where, keywords) \
    {kind, 0, "pg_catalog.pg_type t", where, "pg_catalog.pg_type_is_visible(t.oid)", "t.typnamespace", \
     "t.typname", NULL, NULL, NULL, NULL, keywords, 0}
#define QUALIFIED(kind, from, visible, nsp, result) \
    {kind, 0, from, NULL, visible, nsp, result, NULL, NULL, NULL, NULL, NULL, 0}
/* the objects of a reference table (or type) named earlier in the statement */
#define OF_TABLE(kind, from, where, result, flags) \
    {kind, 0, from, where, NULL, NULL, result, NULL, "c1.relname", "pg_catalog.pg_table_is_visible(c1.oid)", \
     "c1.relnamespace", NULL, flags}
/* tables holding the reference object: a constraint, a policy, a rule, a trigger */
#define TABLES_FOR(kind, from, where, ref) \
    {kind, 0, "pg_catalog.pg_class c, " from, where, TABLE_VISIBLE, "c.relnamespace", "c.relname", NULL, \
     ref, NULL, NULL, NULL, Q_DISTINCT}
/* names without a schema */
#define NAMES(kind, from, where, result) \
    {kind, 0, from, where, NULL, NULL, result, NULL, NULL, NULL, NULL, NULL, 0}
#define NAMES_AS_TYPED(kind, from, where, result, match, flags) \
    {kind, 0, from, where, NULL, NULL, result, match, NULL, NULL, NULL, NULL, Q_VERBATIM | (flags)}

#define ROW_TYPES_OR_NONE \
    "(t.typrelid = 0 OR (SELECT r.relkind = 'c' FROM pg_catalog.pg_class r WHERE r.oid = t.typrelid))"
#define ROW_TYPES "(SELECT r.relkind = 'c' FROM pg_catalog.pg_class r WHERE r.oid = t.typrelid)"
#define TIMEZONES "pg_catalog.pg_timezone_names() z"

static const CatQuery queries[] = {
    ROUTINES(CAT_AGGREGATES, 110000, "p.prokind = 'a'"),
    ROUTINES(CAT_AGGREGATES, 0, "p.proisagg"),
    ROUTINES(CAT_FUNCTIONS, 110000, "p.prokind <> 'p'"),
    ROUTINES(CAT_FUNCTIONS, 0, NULL),
    ROUTINES(CAT_PROCEDURES, 110000, "p.prokind = 'p'"),
    ROUTINES(CAT_ROUTINES, 0, NULL),
    TYPES(CAT_DATATYPES, ROW_TYPES_OR_NONE " AND t.typname !~ '^_'",
          "bigint|boolean|character|double precision|integer|real|smallint"),
    TYPES(CAT_COMPOSITE_TYPES, ROW_TYPES " AND t.typname !~ '^_'", NULL),
    TYPES(CAT_DOMAINS, "t.typtype = 'd'", NULL),
    RELATIONS(CAT_SEQUENCES, "'S'"),
    RELATIONS(CAT_FOREIGN_TABLES, "'f'"),
    RELATIONS(CAT_TABLES, "'r', 'p'"),
    RELATIONS(CAT_PARTITIONED_TABLES, "'p'"),
    RELATIONS(CAT_VIEWS, "'v'"),
    RELATIONS(CAT_MATVIEWS, "'m'"),
    RELATIONS(CAT_INDEXES, "'i', 'I'"),
    RELATIONS(CAT_PARTITIONED_INDEXES, "'I'"),
    {CAT_RELATIONS, 0, PG_CLASS, NULL, TABLE_VISIBLE, "c.relnamespace", "c.relname", NULL, NULL, NULL, NULL, NULL,
     Q_HIDE_CATALOG},
    RELATIONS(CAT_PARTITIONED_RELATIONS, "'p', 'I'"),
    QUALIFIED(CAT_OPERATOR_FAMILIES, "pg_catalog.pg_opfamily f", "pg_catalog.pg_opfamily_is_visible(f.oid)",
              "f.opfnamespace", "f.opfname"),
    RELATIONS(CAT_UPDATABLES, "'r', 'f', 'v', 'p'"),
    RELATIONS(CAT_MERGE_TARGETS, "'r', 'p'"),
    RELATIONS(CAT_SELECTABLES, "'r', 'S', 'v', 'm', 'f', 'p'"),
    RELATIONS(CAT_TRUNCATABLES, "'r', 'f', 'p'"),
    RELATIONS(CAT_ANALYZABLES, "'r', 'p', 'm', 'f'"),
    RELATIONS(CAT_INDEXABLES, "'r', 'p', 'm'"),
    RELATIONS(CAT_CLUSTERABLES, "'r', 'p', 'm'"),
    {CAT_CONSTRAINTS_WITH_SCHEMA, 0, "pg_catalog.pg_constraint k", "k.conrelid <> 0", NULL, "k.connamespace",
     "k.conname", NULL, NULL, NULL, NULL, NULL, 0},
    QUALIFIED(CAT_STATISTICS, "pg_catalog.pg_statistic_ext s", "pg_catalog.pg_statistics_obj_is_visible(s.oid)",
              "s.stxnamespace", "s.stxname"),
    {CAT_COLLATIONS, 0, "pg_catalog.pg_collation l",
     "l.collencoding IN (-1, pg_catalog.pg_char_to_encoding(pg_catalog.getdatabaseencoding()))",
     "pg_catalog.pg_collation_is_visible(l.oid)", "l.collnamespace", "l.collname", NULL, NULL, NULL, NULL, NULL, 0},
    QUALIFIED(CAT_TS_CONFIGURATIONS, "pg_catalog.pg_ts_config g", "pg_catalog.pg_ts_config_is_visible(g.oid)",
              "g.cfgnamespace", "g.cfgname"),
    QUALIFIED(CAT_TS_DICTIONARIES, "pg_catalog.pg_ts_dict d", "pg_catalog.pg_ts_dict_is_visible(d.oid)",
              "d.dictnamespace", "d.dictname"),
    QUALIFIED(CAT_TS_PARSERS, "pg_catalog.pg_ts_parser p", "pg_catalog.pg_ts_parser_is_visible(p.oid)",
              "p.prsnamespace", "p.prsname"),
    QUALIFIED(CAT_TS_TEMPLATES, "pg_catalog.pg_ts_template t", "pg_catalog.pg_ts_template_is_visible(t.oid)",
              "t.tmplnamespace", "t.tmplname"),

    OF_TABLE(CAT_CONSTRAINTS_OF_TABLE, "pg_catalog.pg_constraint k, pg_catalog.pg_class c1",
             "k.conrelid = c1.oid", "k.conname", 0),
    OF_TABLE(CAT_UNVALIDATED_CONSTRAINTS_OF_TABLE, "pg_catalog.pg_constraint k, pg_catalog.pg_class c1",
             "k.conrelid = c1.oid AND NOT k.convalidated", "k.conname", 0),
    {CAT_CONSTRAINTS_OF_TYPE, 0, "pg_catalog.pg_constraint k, pg_catalog.pg_type t", "k.contypid = t.oid", NULL,
     NULL, "k.conname", NULL, "t.typname", "pg_catalog.pg_type_is_visible(t.oid)", "t.typnamespace", NULL, 0},
    OF_TABLE(CAT_INDEXES_OF_TABLE, "pg_catalog.pg_class c1, pg_catalog.pg_class c2, pg_catalog.pg_index i",
             "c1.oid = i.indrelid AND i.indexrelid = c2.oid", "c2.relname", 0),
    OF_TABLE(CAT_UNIQUE_INDEXES_OF_TABLE, "pg_catalog.pg_class c1, pg_catalog.pg_class c2, pg_catalog.pg_index i",
             "c1.oid = i.indrelid AND i.indexrelid = c2.oid AND i.indisunique", "c2.relname", 0),
    OF_TABLE(CAT_ATTRIBUTES, "pg_catalog.pg_attribute a, pg_catalog.pg_class c1",
             "c1.oid = a.attrelid AND a.attnum > 0 AND NOT a.attisdropped", "a.attname", 0),
    OF_TABLE(CAT_ATTRIBUTE_NUMBERS, "pg_catalog.pg_attribute a, pg_catalog.pg_class c1",
             "c1.oid = a.attrelid AND a.attnum > 0 AND NOT a.attisdropped", "a.attnum::pg_catalog.text",
             Q_VERBATIM),
    {CAT_ENUM_VALUES_QUOTED, 0, "pg_catalog.pg_enum e, pg_catalog.pg_type t", "t.oid = e.enumtypid", NULL, NULL,
     "pg_catalog.quote_literal(e.enumlabel)", NULL, "t.typname", "pg_catalog.pg_type_is_visible(t.oid)",
     "t.typnamespace", NULL, Q_VERBATIM},
    {CAT_ENUM_VALUES, 0, "pg_catalog.pg_enum e, pg_catalog.pg_type t", "t.oid = e.enumtypid", NULL, NULL,
     "e.enumlabel", NULL, "t.typname", "pg_catalog.pg_type_is_visible(t.oid)", "t.typnamespace", NULL, Q_VERBATIM},
    {CAT_FUNCTION_ARGUMENTS, 0, "pg_catalog.pg_proc p", NULL, NULL, NULL,
     "pg_catalog.oidvectortypes(p.proargtypes) || ')'", NULL, "p.proname",
     "pg_catalog.pg_function_is_visible(p.oid)", "p.pronamespace", NULL, Q_VERBATIM},
    TABLES_FOR(CAT_TABLES_FOR_CONSTRAINT, "pg_catalog.pg_constraint k",
               "c.oid = k.conrelid AND c.relkind IN ('r', 'p')", "k.conname"),
    TABLES_FOR(CAT_TABLES_FOR_POLICY, "pg_catalog.pg_policy p", "c.oid = p.polrelid", "p.polname"),
    TABLES_FOR(CAT_TABLES_FOR_RULE, "pg_catalog.pg_rewrite r", "c.oid = r.ev_class", "r.rulename"),
    TABLES_FOR(CAT_TABLES_FOR_TRIGGER, "pg_catalog.pg_trigger t", "c.oid = t.tgrelid", "t.tgname"),
    {CAT_PARTITIONS_OF_TABLE, 0, "pg_catalog.pg_class c1, pg_catalog.pg_class c2, pg_catalog.pg_inherits i",
     "c1.oid = i.inhparent AND i.inhrelid = c2.oid AND c2.relispartition",
     "pg_catalog.pg_table_is_visible(c2.oid)", "c2.relnamespace", "c2.relname", NULL, "c1.relname",
     "pg_catalog.pg_table_is_visible(c1.oid)", "c1.relnamespace", NULL, 0},
    OF_TABLE(CAT_RULES_OF_TABLE, "pg_catalog.pg_rewrite r, pg_catalog.pg_class c1", "r.ev_class = c1.oid",
             "r.rulename", 0),
    OF_TABLE(CAT_TRIGGERS_OF_TABLE, "pg_catalog.pg_trigger t, pg_catalog.pg_class c1",
             "t.tgrelid = c1.oid AND NOT t.tgisinternal", "t.tgname", 0),

    NAMES(CAT_TEMPLATE_DATABASES, "pg_catalog.pg_database d",
          "(d.datistemplate OR pg_catalog.pg_has_role(d.datdba, 'USAGE'))", "d.datname"),
    NAMES(CAT_DATABASES, "pg_catalog.pg_database d", NULL, "d.datname"),
    NAMES(CAT_TABLESPACES, "pg_catalog.pg_tablespace t", NULL, "t.spcname"),
    NAMES_AS_TYPED(CAT_ENCODINGS, "(SELECT DISTINCT pg_catalog.pg_encoding_to_char(v.conforencoding) AS name"
                                  " FROM pg_catalog.pg_conversion v) e", NULL, "e.name", NULL, Q_UPPER),
    NAMES(CAT_LANGUAGES, "pg_catalog.pg_language l", "l.lanname <> 'internal'", "l.lanname"),
    NAMES(CAT_SCHEMAS, "pg_catalog.pg_namespace n", NULL, "n.nspname"),
    NAMES(CAT_USER_SCHEMAS, "pg_catalog.pg_namespace n", "n.nspname !~ '^pg_'", "n.nspname"),
    NAMES(CAT_SEARCH_PATH_SCHEMAS, "pg_catalog.pg_namespace n", "n.nspname !~ '^pg_(toast|temp)'", "n.nspname"),
    NAMES_AS_TYPED(CAT_SYSTEM_VARS, "pg_catalog.pg_settings s", "s.context <> 'internal'",
                   "pg_catalog.lower(s.name)", NULL, Q_CI),
    NAMES_AS_TYPED(CAT_SET_VARS, "pg_catalog.pg_settings s", "s.context IN ('user', 'superuser')",
                   "pg_catalog.lower(s.name)", NULL, Q_CI),
    NAMES_AS_TYPED(CAT_SHOW_VARS, "pg_catalog.pg_settings s", NULL, "pg_catalog.lower(s.name)", NULL, Q_CI),
    NAMES(CAT_ROLES, "pg_catalog.pg_roles r", NULL, "r.rolname"),
    NAMES(CAT_ALL_TABLE_CONSTRAINTS, "pg_catalog.pg_constraint k", "k.conrelid <> 0", "k.conname"),
    NAMES(CAT_FDWS, "pg_catalog.pg_foreign_data_wrapper w", NULL, "w.fdwname"),
    NAMES(CAT_SERVERS, "pg_catalog.pg_foreign_server s", NULL, "s.srvname"),
    NAMES(CAT_USER_MAPPINGS, "pg_catalog.pg_user_mappings u", NULL, "u.usename"),
    NAMES(CAT_ACCESS_METHODS, "pg_catalog.pg_am a", NULL, "a.amname"),
    NAMES(CAT_INDEX_METHODS, "pg_catalog.pg_am a", "a.amtype = 'i'", "a.amname"),
    NAMES(CAT_TABLE_METHODS, "pg_catalog.pg_am a", "a.amtype = 't'", "a.amname"),
    NAMES(CAT_EXTENSIONS, "pg_catalog.pg_extension e", NULL, "e.extname"),
    NAMES(CAT_AVAILABLE_EXTENSIONS, "pg_catalog.pg_available_extensions a", "a.installed_version IS NULL",
          "a.name"),
    {CAT_EXTENSION_VERSIONS, 0, "pg_catalog.pg_available_extension_versions v", NULL, NULL, NULL, "v.version",
     NULL, "v.name", NULL, NULL, NULL, 0},
    NAMES(CAT_PREPARED, "pg_catalog.pg_prepared_statements p", NULL, "p.name"),
    NAMES(CAT_EVENT_TRIGGERS, "pg_catalog.pg_event_trigger e", NULL, "e.evtname"),
    NAMES(CAT_TABLESAMPLE_METHODS, "pg_catalog.pg_proc p",
          "p.prorettype = 'pg_catalog.tsm_handler'::pg_catalog.regtype"
          " AND p.proargtypes[0] = 'pg_catalog.internal'::pg_catalog.regtype", "p.proname"),
    NAMES(CAT_POLICIES, "pg_catalog.pg_policy p", NULL, "p.polname"),
    {CAT_GUC_ENUM_VALUES, 0, "(SELECT s.name, pg_catalog.unnest(s.enumvals) AS val FROM pg_catalog.pg_settings s) g",
     NULL, NULL, NULL, "g.val", NULL, "pg_catalog.lower(g.name)", NULL, NULL, NULL, Q_REF_CI},
    NAMES(CAT_CHANNELS, "pg_catalog.pg_listening_channels() AS l(channel)", NULL, "l.channel"),
    NAMES(CAT_CURSORS, "pg_catalog.pg_cursors u", NULL, "u.name"),
    NAMES_AS_TYPED(CAT_TIMEZONES, TIMEZONES, NULL, "z.name", NULL, Q_CI),
    NAMES_AS_TYPED(CAT_TIMEZONES_QUOTED, TIMEZONES, NULL, "pg_catalog.quote_literal(z.name)", "z.name", Q_CI),
    NAMES_AS_TYPED(CAT_TIMEZONES_QUOTED_IN, TIMEZONES, NULL, "pg_catalog.quote_literal(z.name)",
                   "pg_catalog.quote_literal(pg_catalog.lower(z.name))", Q_CI),
    {CAT_PUBLICATIONS, 100000, "pg_catalog.pg_publication p", NULL, NULL, NULL, "p.pubname", NULL, NULL, NULL, NULL,
     NULL, 0},
    {CAT_SUBSCRIPTIONS, 100000, "pg_catalog.pg_subscription s, pg_catalog.pg_database d",
     "d.datname = pg_catalog.current_database() AND s.subdbid = d.oid", NULL, NULL, "s.subname", NULL, NULL, NULL,
     NULL, NULL, 0},
    NAMES(CAT_CONVERSIONS, "pg_catalog.pg_conversion v", NULL, "v.conname"),
    NAMES(CAT_RULES, "pg_catalog.pg_rules r", NULL, "r.rulename"),
    NAMES(CAT_TRIGGERS, "pg_catalog.pg_trigger t", "NOT t.tgisinternal", "t.tgname"),
};

const CatQuery *cat_query_for(CatKind kind, int server_version)
{
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++)
        if (queries[i].kind == kind && (server_version == 0 || server_version >= queries[i].min_version))
            return &queries[i];
    return NULL;
}
