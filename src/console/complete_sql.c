/*
 * Completion inside SQL statements.  The context is recognised from the words
 * before the cursor by a table of rules, tried in order: each names the words the
 * statement must start with and/or end with, and what to offer (keywords, objects
 * of a kind, columns, ...).  Object types after CREATE/DROP/ALTER/COMMENT ON come
 * from a second table, so that each type is described once.
 */
#include <stdlib.h>
#include <string.h>

#include "console/complete_int.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

const char complete_sql_commands[] =
    "ABORT|ALTER|ANALYZE|BEGIN|CALL|CHECKPOINT|CLOSE|CLUSTER|COMMENT|COMMIT|COPY|CREATE|"
    "DEALLOCATE|DECLARE|DELETE FROM|DISCARD|DO|DROP|END|EXECUTE|EXPLAIN|FETCH|GRANT|"
    "IMPORT FOREIGN SCHEMA|INSERT INTO|LISTEN|LOAD|LOCK|MERGE INTO|MOVE|NOTIFY|PREPARE|REASSIGN|"
    "REFRESH MATERIALIZED VIEW|REINDEX|RELEASE|RESET|REVOKE|ROLLBACK|SAVEPOINT|SECURITY LABEL|"
    "SELECT|SET|SHOW|START|TABLE|TRUNCATE|UNLISTEN|UPDATE|VACUUM|VALUES|WITH";

/* ---- object types ---- */

enum { NO_CREATE = 1, NO_DROP = 2, NO_ALTER = 4, NO_COMMENT = 8, NOT_AN_OBJECT = NO_DROP | NO_ALTER | NO_COMMENT };

typedef struct Thing {
    const char *name;
    CatKind objects;
    unsigned flags;
    const char *after_alter;    /* after ALTER <type> <name> */
    const char *after_drop;     /* after DROP <type> <name>; NULL: CASCADE|RESTRICT */
} Thing;

#define ROLE_OPTIONS \
    "BYPASSRLS|CONNECTION LIMIT|CREATEDB|CREATEROLE|ENCRYPTED PASSWORD|INHERIT|LOGIN|NOBYPASSRLS|" \
    "NOCREATEDB|NOCREATEROLE|NOINHERIT|NOLOGIN|NOREPLICATION|NOSUPERUSER|PASSWORD|REPLICATION|" \
    "SUPERUSER|VALID UNTIL"
#define ALTER_ROLE ROLE_OPTIONS "|RENAME TO|RESET|SET|WITH"
#define ALTER_TABLE \
    "ADD|ALTER|ATTACH PARTITION|CLUSTER ON|DETACH PARTITION|DISABLE|DROP|ENABLE|" \
    "FORCE ROW LEVEL SECURITY|INHERIT|NO FORCE ROW LEVEL SECURITY|NO INHERIT|NOT OF|OF|OWNER TO|" \
    "RENAME|REPLICA IDENTITY|RESET|SET|VALIDATE CONSTRAINT"

static const Thing things[] = {
    {"ACCESS METHOD", CAT_ACCESS_METHODS, NO_ALTER, NULL, NULL},
    {"AGGREGATE", CAT_AGGREGATES, 0, "(", "("},
    {"CAST", CAT_NONE, NO_ALTER, NULL, "("},
    {"COLLATION", CAT_COLLATIONS, 0, "OWNER TO|REFRESH VERSION|RENAME TO|SET SCHEMA", NULL},
    {"CONVERSION", CAT_CONVERSIONS, 0, "OWNER TO|RENAME TO|SET SCHEMA", NULL},
    {"DATABASE", CAT_DATABASES, 0,
     "ALLOW_CONNECTIONS|CONNECTION LIMIT|IS_TEMPLATE|OWNER TO|REFRESH COLLATION VERSION|RENAME TO|"
     "RESET|SET", "WITH (FORCE)"},
    {"DEFAULT PRIVILEGES", CAT_NONE, NO_CREATE | NO_DROP | NO_COMMENT, NULL, NULL},
    {"DOMAIN", CAT_DOMAINS, 0,
     "ADD CONSTRAINT|ALTER CONSTRAINT|DROP|DROP CONSTRAINT|OWNER TO|RENAME|RENAME CONSTRAINT|SET|"
     "VALIDATE CONSTRAINT", NULL},
    {"EVENT TRIGGER", CAT_EVENT_TRIGGERS, 0, "DISABLE|ENABLE|OWNER TO|RENAME TO", NULL},
    {"EXTENSION", CAT_EXTENSIONS, 0, "ADD|DROP|SET SCHEMA|UPDATE", NULL},
    {"FOREIGN DATA WRAPPER", CAT_FDWS, 0, "HANDLER|NO|OPTIONS|OWNER TO|RENAME TO|VALIDATOR", NULL},
    {"FOREIGN TABLE", CAT_FOREIGN_TABLES, 0,
     "ADD|ALTER|DISABLE TRIGGER|DROP|ENABLE|INHERIT|NO INHERIT|OPTIONS|OWNER TO|RENAME|SET|"
     "VALIDATE CONSTRAINT", NULL},
    {"FUNCTION", CAT_FUNCTIONS, 0, "(", "("},
    {"GROUP", CAT_ROLES, NO_COMMENT, "ADD USER|DROP USER|RENAME TO", ""},
    {"INDEX", CAT_INDEXES, 0,
     "ALTER COLUMN|ATTACH PARTITION|DEPENDS ON EXTENSION|NO DEPENDS ON EXTENSION|OWNER TO|RENAME TO|"
     "RESET|SET", NULL},
    {"LANGUAGE", CAT_LANGUAGES, 0, "OWNER TO|RENAME TO", NULL},
    {"LARGE OBJECT", CAT_NONE, NO_CREATE | NO_DROP, NULL, NULL},
    {"MATERIALIZED VIEW", CAT_MATVIEWS, 0,
     "ALTER COLUMN|CLUSTER ON|DEPENDS ON EXTENSION|NO DEPENDS ON EXTENSION|OWNER TO|RENAME|RESET|SET",
     NULL},
    {"OPERATOR", CAT_NONE, 0, NULL, NULL},
    {"OR REPLACE", CAT_NONE, NOT_AN_OBJECT, NULL, NULL},
    {"OWNED", CAT_NONE, NO_CREATE | NO_ALTER | NO_COMMENT, NULL, ""},
    {"POLICY", CAT_POLICIES, 0, "ON", "ON"},
    {"PROCEDURE", CAT_PROCEDURES, 0, "(", "("},
    {"PUBLICATION", CAT_PUBLICATIONS, 0, "ADD|DROP|OWNER TO|RENAME TO|SET", NULL},
    {"ROLE", CAT_ROLES, 0, ALTER_ROLE, ""},
    {"ROUTINE", CAT_ROUTINES, NO_CREATE, "(", "("},
    {"RULE", CAT_RULES, 0, "ON", "ON"},
    {"SCHEMA", CAT_SCHEMAS, 0, "OWNER TO|RENAME TO", NULL},
    {"SEQUENCE", CAT_SEQUENCES, 0,
     "AS|CACHE|CYCLE|INCREMENT|MAXVALUE|MINVALUE|NO|OWNED BY|OWNER TO|RENAME TO|RESTART|SET|START", NULL},
    {"SERVER", CAT_SERVERS, 0, "OPTIONS|OWNER TO|RENAME TO|VERSION", NULL},
    {"STATISTICS", CAT_STATISTICS, 0, "OWNER TO|RENAME TO|SET SCHEMA|SET STATISTICS", NULL},
    {"SUBSCRIPTION", CAT_SUBSCRIPTIONS, 0,
     "ADD PUBLICATION|CONNECTION|DISABLE|DROP PUBLICATION|ENABLE|OWNER TO|REFRESH PUBLICATION|"
     "RENAME TO|SET|SKIP (", NULL},
    {"SYSTEM", CAT_NONE, NO_CREATE | NO_DROP | NO_COMMENT, NULL, NULL},
    {"TABLE", CAT_TABLES, 0, ALTER_TABLE, NULL},
    {"TABLESPACE", CAT_TABLESPACES, 0, "OWNER TO|RENAME TO|RESET|SET", ""},
    {"TEMP", CAT_NONE, NOT_AN_OBJECT, NULL, NULL},
    {"TEMPORARY", CAT_NONE, NOT_AN_OBJECT, NULL, NULL},
    {"TEXT SEARCH", CAT_NONE, 0, NULL, NULL},
    {"TRANSFORM", CAT_NONE, NO_ALTER, NULL, NULL},
    {"TRIGGER", CAT_TRIGGERS, 0, "ON", "ON"},
    {"TYPE", CAT_TYPES, 0,
     "ADD ATTRIBUTE|ADD VALUE|ALTER ATTRIBUTE|DROP ATTRIBUTE|OWNER TO|RENAME|SET (|SET SCHEMA", NULL},
    {"UNIQUE", CAT_NONE, NOT_AN_OBJECT, NULL, NULL},
    {"UNLOGGED", CAT_NONE, NOT_AN_OBJECT, NULL, NULL},
    {"USER", CAT_ROLES, NO_COMMENT, ALTER_ROLE, ""},
    {"USER MAPPING FOR", CAT_ROLES, NO_COMMENT, "SERVER", "SERVER"},
    {"VIEW", CAT_VIEWS, 0, "ALTER COLUMN|OWNER TO|RENAME|RESET|SET", NULL},
};

/* ---- rules ---- */

enum SqlWhat {
    SW_NONE = CAT_COUNT,    /* only the rule's keywords (possibly none: the context is known, nothing fits) */
    SW_COLUMNS,             /* columns of the tables the statement names */
    SW_SELECT_LIST,         /* the same, and functions */
    SW_COLUMNS_OF,          /* columns of the table named by the reference word */
    SW_CONSTRAINTS_OF,      /* constraints of the table named by the reference word */
    SW_GUC_VALUES,          /* values of the setting named by the reference word */
    SW_FILES,               /* a file name as a string literal */
    SW_THINGS,              /* object types and their objects after CREATE, DROP, ALTER, COMMENT ON */
};

typedef struct SqlRule {
    const char *head;       /* words the statement starts with, or NULL */
    const char *tail;       /* words just before the cursor, or NULL */
    bool exact;             /* the tail is the whole statement */
    int what;               /* CatKind or SqlWhat */
    int ref;                /* for *_OF and SW_GUC_VALUES: which word before the cursor (1: the last) */
    const char *words;      /* keywords offered as well */
} SqlRule;

#define M(pat, what, words)            {NULL, pat, true, what, 0, words}
#define K(pat, words)                  {NULL, pat, true, SW_NONE, 0, words}
#define MR(pat, what, ref, words)      {NULL, pat, true, what, ref, words}
#define T(pat, what, words)            {NULL, pat, false, what, 0, words}
#define TK(pat, words)                 {NULL, pat, false, SW_NONE, 0, words}
#define TR(pat, what, ref, words)      {NULL, pat, false, what, ref, words}
#define HT(head, pat, what, words)     {head, pat, false, what, 0, words}
#define HK(head, pat, words)           {head, pat, false, SW_NONE, 0, words}
#define HTR(head, pat, what, ref)      {head, pat, false, what, ref, NULL}

#define PRIVILEGES \
    "SELECT|INSERT|UPDATE|DELETE|TRUNCATE|REFERENCES|TRIGGER|CREATE|CONNECT|TEMPORARY|EXECUTE|USAGE|" \
    "SET|ALTER SYSTEM|ALL"
#define GRANT_ROLES "PUBLIC|CURRENT_ROLE|CURRENT_USER|SESSION_USER"
#define SPECIAL_ROLES "CURRENT_ROLE|CURRENT_USER|SESSION_USER"
#define TRANSACTION_MODES "ISOLATION LEVEL|READ|DEFERRABLE|NOT DEFERRABLE"
#define EXPLAINABLE \
    "SELECT|INSERT INTO|UPDATE|DELETE FROM|MERGE INTO|DECLARE|EXECUTE|CREATE TABLE|" \
    "CREATE MATERIALIZED VIEW|WITH|VALUES|TABLE"
#define AFTER_FROM_ITEM \
    "WHERE|JOIN|INNER JOIN|LEFT JOIN|RIGHT JOIN|FULL JOIN|CROSS JOIN|NATURAL JOIN|GROUP BY|" \
    "ORDER BY|HAVING|LIMIT|OFFSET|UNION|FOR UPDATE"
/* words that end a FROM item rather than name its alias */
#define NOT_ALIAS_WORDS \
    "WHERE|JOIN|INNER|LEFT|RIGHT|FULL|CROSS|NATURAL|ON|USING|GROUP|ORDER|HAVING|LIMIT|OFFSET|UNION|" \
    "INTERSECT|EXCEPT|WINDOW|FOR|SET|VALUES|SELECT|DEFAULT|RETURNING|TABLESAMPLE|FETCH|OVERRIDING|" \
    "WITH|AS|OUTER|LATERAL|ONLY|WHEN|THEN|,|;|)|("
#define ALIAS "!" NOT_ALIAS_WORDS
#define ALTER_COLUMN "ADD GENERATED|DROP|OPTIONS|RESET|SET|TYPE"
#define LOCK_MODES \
    "ACCESS SHARE MODE|ROW SHARE MODE|ROW EXCLUSIVE MODE|SHARE UPDATE EXCLUSIVE MODE|SHARE MODE|" \
    "SHARE ROW EXCLUSIVE MODE|EXCLUSIVE MODE|ACCESS EXCLUSIVE MODE"

static const SqlRule rules[] = {
    /* IF [NOT] EXISTS would otherwise read as an object name */
    HK("CREATE", "IF", "NOT EXISTS"),
    TK("IF", "EXISTS"),
    TK("IF NOT", "EXISTS"),

    /* CREATE, before the object types take over */
    K("CREATE OR", "REPLACE"),
    K("CREATE OR REPLACE", "AGGREGATE|FUNCTION|LANGUAGE|PROCEDURE|RULE|TRANSFORM|TRIGGER|VIEW"),
    K("CREATE TEMP|TEMPORARY", "SEQUENCE|TABLE|VIEW"),
    K("CREATE UNLOGGED", "SEQUENCE|TABLE"),
    K("CREATE UNIQUE", "INDEX"),
    M("CREATE EXTENSION", CAT_AVAILABLE_EXTENSIONS, NULL),
    K("CREATE EXTENSION *", "CASCADE|SCHEMA|VERSION|WITH SCHEMA"),
    HT("CREATE EXTENSION", "SCHEMA", CAT_SCHEMAS, NULL),
    K("CREATE INDEX", "ON|CONCURRENTLY"),
    K("CREATE INDEX *", "ON"),
    HT("CREATE INDEX", "ON", CAT_VACUUMABLES, NULL),
    HK("CREATE INDEX", "ON *", "(|USING"),
    HT("CREATE INDEX", "USING", CAT_INDEX_METHODS, NULL),
    HTR("CREATE INDEX", "ON * (", SW_COLUMNS_OF, 2),
    HTR("CREATE INDEX", "ON * USING * (", SW_COLUMNS_OF, 4),
    K("CREATE TABLE *", "(|OF|PARTITION OF"),
    HK("CREATE TABLE", "PARTITION BY", "HASH|LIST|RANGE"),
    HT("CREATE TABLE", "PARTITION OF", CAT_TABLES, NULL),
    K("CREATE VIEW * | CREATE MATERIALIZED VIEW *", "AS"),
    HK("CREATE", "AS", "SELECT|TABLE|VALUES|WITH"),
    K("CREATE SCHEMA", "AUTHORIZATION"),
    K("CREATE ROLE|USER|GROUP *", ROLE_OPTIONS "|ADMIN|IN|ROLE|WITH"),
    K("CREATE|ALTER ROLE|USER|GROUP * WITH", ROLE_OPTIONS),
    HK("CREATE ROLE|USER|GROUP", "IN", "GROUP|ROLE"),
    HT("CREATE ROLE|USER|GROUP", "IN ROLE|GROUP | ADMIN", CAT_ROLES, NULL),
    K("CREATE DATABASE *",
      "ALLOW_CONNECTIONS|CONNECTION LIMIT|ENCODING|ICU_LOCALE|IS_TEMPLATE|LC_COLLATE|LC_CTYPE|LOCALE|"
      "LOCALE_PROVIDER|OID|OWNER|STRATEGY|TABLESPACE|TEMPLATE|WITH"),
    HT("CREATE DATABASE", "OWNER", CAT_ROLES, NULL),
    HT("CREATE DATABASE", "TEMPLATE", CAT_DATABASES, NULL),
    K("CREATE TRIGGER *", "AFTER|BEFORE|INSTEAD OF"),
    HK("CREATE TRIGGER", "BEFORE|AFTER|OF|OR", "DELETE|INSERT|TRUNCATE|UPDATE"),
    HK("CREATE TRIGGER", "INSERT|DELETE|UPDATE|TRUNCATE", "ON|OR"),
    HT("CREATE TRIGGER", "ON", CAT_UPDATABLES, NULL),
    HK("CREATE TRIGGER", "ON *", "DEFERRABLE|EXECUTE FUNCTION|FOR|FROM|INITIALLY|NOT DEFERRABLE|REFERENCING|WHEN"),
    HK("CREATE TRIGGER", "FOR", "EACH ROW|EACH STATEMENT|ROW|STATEMENT"),
    HK("CREATE TRIGGER", "ROW|STATEMENT", "EXECUTE FUNCTION|WHEN"),
    HT("CREATE", "ON", CAT_TABLES, NULL),

    K("DROP OWNED", "BY"),
    M("DROP INDEX CONCURRENTLY", CAT_INDEXES, NULL),

    /* ALTER */
    K("ALTER SYSTEM", "RESET|SET"),
    M("ALTER SYSTEM SET", CAT_SYSTEM_VARS, NULL),
    M("ALTER SYSTEM RESET", CAT_SYSTEM_VARS, "ALL"),
    K("ALTER SYSTEM SET *", "=|TO"),
    K("ALTER DEFAULT", "PRIVILEGES"),
    K("ALTER TABLE * ADD", "CHECK|COLUMN|CONSTRAINT|EXCLUDE|FOREIGN KEY|PRIMARY KEY|UNIQUE"),
    MR("ALTER TABLE|VIEW * ALTER | ALTER MATERIALIZED VIEW * ALTER", SW_COLUMNS_OF, 2, "COLUMN|CONSTRAINT"),
    MR("ALTER TABLE * DROP", SW_COLUMNS_OF, 2, "COLUMN|CONSTRAINT"),
    MR("ALTER TABLE|VIEW * RENAME | ALTER MATERIALIZED VIEW * RENAME", SW_COLUMNS_OF, 2, "COLUMN|CONSTRAINT|TO"),
    MR("ALTER TABLE|VIEW * ALTER|DROP|RENAME COLUMN | ALTER MATERIALIZED VIEW * ALTER|RENAME COLUMN",
       SW_COLUMNS_OF, 3, NULL),
    MR("ALTER TABLE * ALTER|DROP|RENAME|VALIDATE CONSTRAINT", SW_CONSTRAINTS_OF, 3, NULL),
    K("ALTER TABLE * RENAME COLUMN|CONSTRAINT *", "TO"),
    K("ALTER TABLE * RENAME !TO", "TO"),
    K("ALTER TABLE * ALTER COLUMN *", ALTER_COLUMN),
    K("ALTER TABLE * ALTER !COLUMN|CONSTRAINT", ALTER_COLUMN),
    K("ALTER TABLE * ALTER COLUMN * SET | ALTER TABLE * ALTER * SET",
      "(|COMPRESSION|DATA TYPE|DEFAULT|NOT NULL|STATISTICS|STORAGE"),
    K("ALTER TABLE * ALTER COLUMN * DROP | ALTER TABLE * ALTER * DROP", "DEFAULT|EXPRESSION|IDENTITY|NOT NULL"),
    K("ALTER TABLE * SET", "(|ACCESS METHOD|LOGGED|SCHEMA|TABLESPACE|UNLOGGED|WITHOUT CLUSTER|WITHOUT OIDS"),
    K("ALTER TABLE * ENABLE|DISABLE", "ALWAYS|REPLICA|ROW LEVEL SECURITY|RULE|TRIGGER"),
    K("ALTER TABLE * ENABLE ALWAYS|REPLICA", "RULE|TRIGGER"),
    K("ALTER TABLE * CLUSTER", "ON"),
    HT("ALTER TABLE", "CLUSTER ON", CAT_INDEXES, NULL),
    K("ALTER TABLE * ATTACH|DETACH", "PARTITION"),
    HT("ALTER TABLE", "ATTACH|DETACH PARTITION", CAT_TABLES, NULL),
    HT("ALTER TABLE", "INHERIT", CAT_TABLES, NULL),
    K("ALTER TABLE * REPLICA", "IDENTITY"),
    K("ALTER TABLE * REPLICA IDENTITY", "DEFAULT|FULL|NOTHING|USING INDEX"),
    MR("ALTER|DROP FUNCTION|PROCEDURE|ROUTINE|AGGREGATE * (", CAT_TYPES, 0, NULL),
    K("ALTER FUNCTION|PROCEDURE|ROUTINE|AGGREGATE * (*)",
      "CALLED ON NULL INPUT|COST|DEPENDS ON EXTENSION|EXTERNAL SECURITY|IMMUTABLE|LEAKPROOF|"
      "NO DEPENDS ON EXTENSION|NOT LEAKPROOF|OWNER TO|PARALLEL|RENAME TO|RESET|RETURNS NULL ON NULL INPUT|"
      "ROWS|SECURITY|SET|SET SCHEMA|STABLE|STRICT|SUPPORT|VOLATILE"),
    K("ALTER INDEX * ALTER", "COLUMN"),
    K("ALTER SEQUENCE * NO", "CYCLE|MAXVALUE|MINVALUE"),
    HT("CREATE|ALTER SEQUENCE", "OWNED BY", CAT_TABLES, "NONE"),
    K("ALTER EXTENSION * UPDATE", "TO"),
    K("ALTER TYPE * ADD", "ATTRIBUTE|VALUE"),
    K("ALTER GROUP * ADD|DROP", "USER"),
    HT("ALTER GROUP", "USER", CAT_ROLES, NULL),
    M("ALTER DATABASE|ROLE|USER * SET", CAT_SET_VARS, NULL),
    M("ALTER DATABASE|ROLE|USER * RESET", CAT_SET_VARS, "ALL"),
    K("ALTER DATABASE|ROLE|USER * SET *", "=|TO"),

    /* COMMENT */
    K("COMMENT", "ON"),
    M("COMMENT ON COLUMN", CAT_SELECTABLES, NULL),

    /* the object types, their objects and what follows them */
    {"CREATE|DROP|ALTER|COMMENT", NULL, false, SW_THINGS, 0, NULL},
    HT("DROP|ALTER", "ON", CAT_TABLES, NULL),

    /* GRANT and REVOKE */
    M("GRANT", CAT_ROLES, PRIVILEGES),
    M("REVOKE", CAT_ROLES, PRIVILEGES "|ADMIN OPTION FOR|GRANT OPTION FOR"),
    K("REVOKE GRANT|ADMIN", "OPTION FOR"),
    HK("REVOKE", "OPTION FOR", PRIVILEGES),
    HT("GRANT", "TO", CAT_ROLES, GRANT_ROLES),
    HT("REVOKE", "FROM", CAT_ROLES, GRANT_ROLES),
    HT("GRANT|REVOKE", "ON", CAT_GRANTABLES,
       "ALL FUNCTIONS IN SCHEMA|ALL PROCEDURES IN SCHEMA|ALL ROUTINES IN SCHEMA|ALL SEQUENCES IN SCHEMA|"
       "ALL TABLES IN SCHEMA|DATABASE|DOMAIN|FOREIGN DATA WRAPPER|FOREIGN SERVER|FUNCTION|LANGUAGE|"
       "LARGE OBJECT|PARAMETER|PROCEDURE|ROUTINE|SCHEMA|SEQUENCE|TABLE|TABLESPACE|TYPE"),
    HK("GRANT|REVOKE", "ON ALL", "FUNCTIONS IN SCHEMA|PROCEDURES IN SCHEMA|ROUTINES IN SCHEMA|"
                                 "SEQUENCES IN SCHEMA|TABLES IN SCHEMA"),
    HK("GRANT|REVOKE", "ON ALL *", "IN SCHEMA"),
    HK("GRANT|REVOKE", "ON FOREIGN", "DATA WRAPPER|SERVER"),
    HK("GRANT|REVOKE", "ON LARGE", "OBJECT"),
    HT("GRANT|REVOKE", "ON TABLE", CAT_GRANTABLES, NULL),
    HT("GRANT|REVOKE", "ON SEQUENCE", CAT_SEQUENCES, NULL),
    HT("GRANT|REVOKE", "ON DATABASE", CAT_DATABASES, NULL),
    HT("GRANT|REVOKE", "ON SCHEMA", CAT_SCHEMAS, NULL),
    HT("GRANT|REVOKE", "ON FUNCTION", CAT_FUNCTIONS, NULL),
    HT("GRANT|REVOKE", "ON PROCEDURE", CAT_PROCEDURES, NULL),
    HT("GRANT|REVOKE", "ON ROUTINE", CAT_ROUTINES, NULL),
    HT("GRANT|REVOKE", "ON LANGUAGE", CAT_LANGUAGES, NULL),
    HT("GRANT|REVOKE", "ON TABLESPACE", CAT_TABLESPACES, NULL),
    HT("GRANT|REVOKE", "ON TYPE", CAT_TYPES, NULL),
    HT("GRANT|REVOKE", "ON DOMAIN", CAT_DOMAINS, NULL),
    HT("GRANT|REVOKE", "ON PARAMETER", CAT_SYSTEM_VARS, NULL),
    HT("GRANT|REVOKE", "DATA WRAPPER", CAT_FDWS, NULL),
    HT("GRANT|REVOKE", "ON FOREIGN SERVER", CAT_SERVERS, NULL),
    HT("GRANT|REVOKE", "IN SCHEMA", CAT_SCHEMAS, NULL),
    HK("GRANT", "IN SCHEMA * | ON * | ON * * | WRAPPER * | FOREIGN SERVER *", "TO"),
    HK("REVOKE", "IN SCHEMA * | ON * | ON * * | WRAPPER * | FOREIGN SERVER *", "FROM"),
    HT("GRANT|REVOKE", "GRANTED BY", CAT_ROLES, SPECIAL_ROLES),
    HK("GRANT", "TO *", "GRANTED BY|WITH ADMIN OPTION|WITH GRANT OPTION"),
    HK("REVOKE", "FROM *", "CASCADE|GRANTED BY|RESTRICT"),
    HK("GRANT|REVOKE", "ALL", "ON|PRIVILEGES"),
    HK("GRANT|REVOKE", "SELECT|INSERT|UPDATE|DELETE|TRUNCATE|REFERENCES|TRIGGER|CREATE|CONNECT|TEMP|"
                       "TEMPORARY|EXECUTE|USAGE|SET|SYSTEM|PRIVILEGES", "ON"),
    K("GRANT *", "TO"),
    K("REVOKE *", "FROM"),

    /* transactions */
    K("BEGIN", "WORK|TRANSACTION|" TRANSACTION_MODES),
    K("START", "TRANSACTION"),
    K("BEGIN|START WORK|TRANSACTION", TRANSACTION_MODES),
    K("SET TRANSACTION", TRANSACTION_MODES "|SNAPSHOT"),
    K("SET SESSION CHARACTERISTICS AS TRANSACTION", TRANSACTION_MODES),
    TK("ISOLATION", "LEVEL"),
    TK("ISOLATION LEVEL", "READ COMMITTED|READ UNCOMMITTED|REPEATABLE READ|SERIALIZABLE"),
    TK("ISOLATION LEVEL READ", "COMMITTED|UNCOMMITTED"),
    TK("ISOLATION LEVEL REPEATABLE", "READ"),
    HK("BEGIN|START|SET", "READ", "ONLY|WRITE"),
    HK("BEGIN|START|SET", "NOT", "DEFERRABLE"),
    K("COMMIT", "AND|PREPARED|TRANSACTION|WORK"),
    K("END|ABORT", "AND|TRANSACTION|WORK"),
    K("ROLLBACK", "AND|PREPARED|TO SAVEPOINT|TRANSACTION|WORK"),
    K("COMMIT|END|ABORT WORK|TRANSACTION", "AND"),
    K("ROLLBACK WORK|TRANSACTION", "AND|TO SAVEPOINT"),
    HK("COMMIT|END|ABORT|ROLLBACK", "AND", "CHAIN|NO CHAIN"),
    K("ROLLBACK TO | ROLLBACK WORK|TRANSACTION TO", "SAVEPOINT"),
    K("RELEASE", "SAVEPOINT"),

    /* SET, RESET, SHOW */
    M("SET", CAT_SET_VARS, "CONSTRAINTS|LOCAL|ROLE|SESSION|SESSION AUTHORIZATION|TIME ZONE|TRANSACTION"),
    M("SET SESSION", CAT_SET_VARS, "AUTHORIZATION|CHARACTERISTICS AS TRANSACTION|ROLE|TIME ZONE"),
    M("SET LOCAL", CAT_SET_VARS, "ROLE|SESSION AUTHORIZATION|TIME ZONE"),
    M("SET ROLE | SET LOCAL|SESSION ROLE", CAT_ROLES, "NONE"),
    M("SET SESSION AUTHORIZATION | SET LOCAL SESSION AUTHORIZATION", CAT_ROLES, "DEFAULT"),
    K("SET CONSTRAINTS", "ALL"),
    K("SET CONSTRAINTS *", "DEFERRED|IMMEDIATE"),
    K("SET TIME | SET LOCAL|SESSION TIME", "ZONE"),
    K("SET TIME ZONE | SET LOCAL|SESSION TIME ZONE", "DEFAULT|LOCAL"),
    K("SET * | SET LOCAL|SESSION *", "=|TO"),
    HK("UPDATE", "SET * =", NULL),
    TR("SET * TO|= | SET LOCAL|SESSION * TO|=", SW_GUC_VALUES, 2, "DEFAULT"),
    M("RESET", CAT_SET_VARS, "ALL|ROLE|SESSION AUTHORIZATION"),
    M("SHOW", CAT_SHOW_VARS, "ALL|SESSION AUTHORIZATION|TIME ZONE|TRANSACTION ISOLATION LEVEL"),

    /* EXPLAIN */
    K("EXPLAIN", "(|ANALYZE|VERBOSE|" EXPLAINABLE),
    K("EXPLAIN ANALYZE|ANALYSE", "VERBOSE|" EXPLAINABLE),
    K("EXPLAIN VERBOSE | EXPLAIN ANALYZE|ANALYSE VERBOSE | EXPLAIN (*)", EXPLAINABLE),
    HK("EXPLAIN", "(", "ANALYZE|BUFFERS|COSTS|FORMAT|SETTINGS|SUMMARY|TIMING|VERBOSE|WAL"),
    HK("EXPLAIN", "FORMAT", "JSON|TEXT|XML|YAML"),

    /* maintenance */
    M("ANALYZE", CAT_ANALYZABLES, "VERBOSE"),
    M("ANALYZE VERBOSE", CAT_ANALYZABLES, NULL),
    M("VACUUM", CAT_VACUUMABLES, "(|ANALYZE|FREEZE|FULL|VERBOSE"),
    HT("VACUUM", "FULL|FREEZE|VERBOSE|ANALYZE", CAT_VACUUMABLES, "ANALYZE|FREEZE|VERBOSE"),
    HK("VACUUM", "(", "ANALYZE|DISABLE_PAGE_SKIPPING|FREEZE|FULL|INDEX_CLEANUP|PARALLEL|PROCESS_TOAST|"
                      "SKIP_LOCKED|TRUNCATE|VERBOSE"),
    M("VACUUM (*)", CAT_VACUUMABLES, NULL),
    M("CLUSTER", CAT_TABLES, "VERBOSE"),
    M("CLUSTER VERBOSE", CAT_TABLES, NULL),
    K("CLUSTER *", "USING"),
    HT("CLUSTER", "USING", CAT_INDEXES, NULL),
    K("REINDEX", "(|DATABASE|INDEX|SCHEMA|SYSTEM|TABLE"),
    M("REINDEX TABLE", CAT_VACUUMABLES, "CONCURRENTLY"),
    M("REINDEX TABLE CONCURRENTLY", CAT_VACUUMABLES, NULL),
    M("REINDEX INDEX", CAT_INDEXES, "CONCURRENTLY"),
    M("REINDEX INDEX CONCURRENTLY", CAT_INDEXES, NULL),
    M("REINDEX SCHEMA", CAT_SCHEMAS, "CONCURRENTLY"),
    M("REINDEX SYSTEM|DATABASE", CAT_DATABASES, "CONCURRENTLY"),
    K("REFRESH", "MATERIALIZED VIEW"),
    K("REFRESH MATERIALIZED", "VIEW"),
    M("REFRESH MATERIALIZED VIEW", CAT_MATVIEWS, "CONCURRENTLY"),
    M("REFRESH MATERIALIZED VIEW CONCURRENTLY", CAT_MATVIEWS, NULL),
    K("REFRESH MATERIALIZED VIEW *", "WITH DATA|WITH NO DATA"),

    /* COPY, TRUNCATE, LOCK */
    M("COPY", CAT_TABLES, "(|BINARY"),
    M("COPY BINARY", CAT_TABLES, NULL),
    K("COPY * | COPY * (*)", "FROM|TO"),
    M("COPY * FROM | COPY * (*) FROM", SW_FILES, "PROGRAM|STDIN"),
    M("COPY * TO | COPY * (*) TO", SW_FILES, "PROGRAM|STDOUT"),
    HK("COPY", "FROM|TO *", "WHERE|WITH ("),
    HK("COPY", "WITH (", "DEFAULT|DELIMITER|ENCODING|ESCAPE|FORCE_NOT_NULL|FORCE_NULL|FORCE_QUOTE|FORMAT|"
                         "FREEZE|HEADER|NULL|QUOTE"),
    HK("COPY", "FORMAT", "BINARY|CSV|TEXT"),
    M("TRUNCATE", CAT_TRUNCATABLES, "ONLY|TABLE"),
    M("TRUNCATE TABLE", CAT_TRUNCATABLES, "ONLY"),
    K("TRUNCATE * | TRUNCATE TABLE *", "CASCADE|CONTINUE IDENTITY|RESTART IDENTITY|RESTRICT"),
    HK("TRUNCATE", "IDENTITY", "CASCADE|RESTRICT"),
    M("LOCK", CAT_TABLES, "ONLY|TABLE"),
    M("LOCK TABLE", CAT_TABLES, "ONLY"),
    K("LOCK * | LOCK TABLE *", "IN|NOWAIT"),
    HK("LOCK", "IN", LOCK_MODES),
    HK("LOCK", "MODE", "NOWAIT"),

    /* cursors, prepared statements, notifications and the rest */
    M("TABLE", CAT_SELECTABLES, NULL),
    K("WITH", "RECURSIVE"),
    K("WITH * | WITH RECURSIVE *", "AS"),
    HK("WITH", "AS", "(|MATERIALIZED|NOT MATERIALIZED"),
    K("DISCARD", "ALL|PLANS|SEQUENCES|TEMP"),
    M("NOTIFY", CAT_CHANNELS, NULL),
    M("UNLISTEN", CAT_CHANNELS, "*"),
    M("FETCH|MOVE", CAT_CURSORS, "ABSOLUTE|ALL|BACKWARD|FIRST|FORWARD|LAST|NEXT|PRIOR|RELATIVE"),
    K("FETCH|MOVE !FROM|IN | FETCH|MOVE ABSOLUTE|BACKWARD|FORWARD|RELATIVE *", "FROM|IN"),
    HT("FETCH|MOVE", "FROM|IN", CAT_CURSORS, NULL),
    M("CLOSE", CAT_CURSORS, "ALL"),
    K("DECLARE *", "ASENSITIVE|BINARY|CURSOR|INSENSITIVE|NO SCROLL|SCROLL"),
    HK("DECLARE", "BINARY|ASENSITIVE|INSENSITIVE|SCROLL", "CURSOR"),
    HK("DECLARE", "CURSOR", "FOR|WITH HOLD|WITHOUT HOLD"),
    HK("DECLARE", "HOLD", "FOR"),
    HK("DECLARE", "CURSOR FOR|HOLD FOR", "SELECT|TABLE|VALUES|WITH"),
    M("EXECUTE", CAT_PREPARED, NULL),
    M("DEALLOCATE", CAT_PREPARED, "ALL|PREPARE"),
    M("DEALLOCATE PREPARE", CAT_PREPARED, NULL),
    K("PREPARE *", "AS"),
    HK("PREPARE", "AS", "DELETE FROM|INSERT INTO|MERGE INTO|SELECT|TABLE|UPDATE|VALUES|WITH"),
    M("CALL", CAT_PROCEDURES, NULL),
    K("IMPORT", "FOREIGN SCHEMA"),
    K("SECURITY", "LABEL"),
    K("REASSIGN", "OWNED BY"),
    HK("REASSIGN", "OWNED BY *", "TO"),
    HT("REASSIGN", "TO", CAT_ROLES, SPECIAL_ROLES),
    T("OWNED BY", CAT_ROLES, SPECIAL_ROLES),

    /* foreign keys, before UPDATE and DELETE read as statements */
    T("REFERENCES", CAT_TABLES, NULL),
    TR("REFERENCES * (", SW_COLUMNS_OF, 2, NULL),
    TK("ON UPDATE|DELETE", "CASCADE|NO ACTION|RESTRICT|SET DEFAULT|SET NULL"),

    /* INSERT, UPDATE, DELETE, MERGE */
    K("INSERT", "INTO"),
    T("INSERT INTO", CAT_UPDATABLES, NULL),
    TK("INSERT INTO *", "(|DEFAULT VALUES|OVERRIDING|SELECT|TABLE|VALUES"),
    TR("INSERT INTO * (", SW_COLUMNS_OF, 2, NULL),
    TK("INSERT INTO * (*)", "DEFAULT VALUES|OVERRIDING|SELECT|TABLE|VALUES"),
    HK("INSERT", "DEFAULT", "VALUES"),
    TK("VALUES", "("),
    TK("ON CONFLICT", "(|DO NOTHING|DO UPDATE SET|ON CONSTRAINT"),
    TK("DO UPDATE", "SET"),
    T("DO UPDATE SET", SW_COLUMNS, NULL),
    TK("FOR UPDATE|SHARE | KEY UPDATE|SHARE", "NOWAIT|OF|SKIP LOCKED"),
    T("UPDATE", CAT_UPDATABLES, NULL),
    TK("UPDATE *", "SET"),
    HT("UPDATE", "SET", SW_COLUMNS, NULL),
    HK("UPDATE", "SET *", "="),
    K("DELETE", "FROM"),
    T("DELETE FROM", CAT_UPDATABLES, NULL),
    TK("DELETE FROM *", "AS|RETURNING|USING|WHERE"),
    HT("DELETE", "USING", CAT_SELECTABLES, NULL),
    K("MERGE", "INTO"),
    TK("MERGE INTO *", "AS|USING"),
    HT("MERGE", "USING", CAT_SELECTABLES, NULL),
    HK("MERGE", "USING *", "AS|ON"),
    HK("MERGE", "WHEN", "MATCHED|NOT MATCHED"),
    HK("MERGE", "MATCHED", "AND|THEN"),

    /* queries: keywords that end the previous clause first, then the items of FROM and JOIN */
    T("SELECT | SELECT DISTINCT|ALL", SW_SELECT_LIST, NULL),
    HK("SELECT", "FOR", "KEY SHARE|NO KEY UPDATE|SHARE|UPDATE"),
    TK("IS", "DISTINCT FROM|FALSE|NOT|NOT DISTINCT FROM|NULL|TRUE|UNKNOWN"),
    TK("IS NOT", "DISTINCT FROM|FALSE|NULL|TRUE|UNKNOWN"),
    T("DISTINCT FROM", SW_COLUMNS, NULL),
    T("FROM|JOIN", CAT_SELECTABLES, NULL),
    T("ONLY", CAT_SELECTABLES, NULL),
    TK("LEFT|RIGHT|FULL", "JOIN|OUTER JOIN"),
    TK("INNER|CROSS|NATURAL|OUTER", "JOIN"),
    TK("AS", NULL),
    TK("GROUP|ORDER|PARTITION", "BY"),
    TK("ORDER BY *", "ASC|DESC|LIMIT|NULLS FIRST|NULLS LAST|OFFSET"),
    TK("ASC|DESC", "LIMIT|NULLS FIRST|NULLS LAST|OFFSET"),
    TK("NULLS", "FIRST|LAST"),
    TK("UNION|INTERSECT|EXCEPT", "ALL|DISTINCT|SELECT"),
    TK("AT", "LOCAL|TIME ZONE"),
    T("WHERE|AND|OR|ON|HAVING|BY|RETURNING", SW_COLUMNS, NULL),
    TK("USING", "("),
    T("USING (", SW_COLUMNS, NULL),
    TK("JOIN *", "AS|ON|USING"),
    TK("JOIN * " ALIAS " | JOIN * AS *", "ON|USING"),
    TK("FROM *", "AS|" AFTER_FROM_ITEM),
    TK("FROM * " ALIAS " | FROM * AS *", AFTER_FROM_ITEM),
    TK("SELECT *", "FROM"),
    HT("SELECT", "(", SW_COLUMNS, NULL),

    /* generic tails */
    T("INTO", CAT_UPDATABLES, NULL),
    T("TABLESPACE", CAT_TABLESPACES, NULL),
    T("SCHEMA", CAT_SCHEMAS, NULL),
    TK("OWNER", "TO"),
    T("OWNER TO", CAT_ROLES, SPECIAL_ROLES),
    TK("RENAME", "TO"),
    T("LANGUAGE", CAT_LANGUAGES, NULL),
    T("RETURNS", CAT_TYPES, "SETOF|TABLE"),
    T("EXECUTE FUNCTION|PROCEDURE", CAT_FUNCTIONS, NULL),
};

/* ---- preparing the words ---- */

static bool at_create(const Words *w, int i)
{
    return i > 0 && (word_is(w->v[i - 1], "CREATE") ||
                     /* CREATE OR REPLACE, CREATE TEMP ... : what follows CREATE counts alike */
                     (i > 1 && word_is(w->v[i - 2], "CREATE") && word_is(w->v[i - 1], "OR")));
}

/*
 * How many noise words start at i: optional words that do not change what comes
 * next.  *always tells whether they go even at the end of the statement (where a
 * lone CONCURRENTLY or UNIQUE must stay for the rules that follow it up).
 */
static int noise_at(const Words *w, int i, bool *always)
{
    const char *v = w->v[i];
    *always = true;
    if (word_is(v, "IF") && i + 1 < w->n && word_is(w->v[i + 1], "EXISTS"))
        return 2;
    if (word_is(v, "IF") && i + 2 < w->n && word_is(w->v[i + 1], "NOT") && word_is(w->v[i + 2], "EXISTS"))
        return 3;
    *always = false;
    if (word_is(v, "CONCURRENTLY") || word_is(v, "ONLY"))
        return 1;
    if (word_is(v, "OR") && at_create(w, i) && i + 1 < w->n && word_is(w->v[i + 1], "REPLACE"))
        return 2;
    if (at_create(w, i) && word_in(v, "TEMP|TEMPORARY|UNLOGGED|UNIQUE|GLOBAL|LOCAL"))
        return 1;
    return 0;
}

static void drop_noise(Words *w)
{
    for (int i = 0; i < w->n; i++) {
        bool always;
        int n = noise_at(w, i, &always);
        while (n > 0 && (always || i + n < w->n)) {
            words_remove(w, i, n);
            n = i < w->n ? noise_at(w, i, &always) : 0;
        }
    }
}

/* words after which a comma-separated list of the same things goes on */
static const char list_heads[] =
    "SELECT|DISTINCT|FROM|JOIN|BY|TABLE|TRUNCATE|SET|TO|ON|(|GRANT|REVOKE|RETURNING|USING|VALUES|"
    "VACUUM|ANALYZE|LOCK|TABLES|SCHEMA|ROLE|USER|GROUP|DATABASE|FUNCTION|PROCEDURE|ROUTINE|INDEX|VIEW|"
    "SEQUENCE|EXTENSION|TYPE|DOMAIN|FROM|INTO|WITH|OWNED";

/* "FROM a x, b, " reads as "FROM": the completed items of a list do not matter */
static void drop_list_items(Words *w)
{
    if (w->n < 2 || !word_ends_with(w->v[w->n - 1], ','))
        return;
    for (int i = w->n - 2; i >= 0; i--) {
        if (word_in(w->v[i], list_heads)) {
            words_remove(w, i + 1, w->n - i - 1);
            return;
        }
    }
}

static const char statement_words[] = "SELECT|WITH|VALUES|INSERT|UPDATE|DELETE|TABLE|MERGE";
static const char explainable_words[] = "SELECT|WITH|VALUES|INSERT|UPDATE|DELETE|TABLE|MERGE|DECLARE|EXECUTE|CREATE";

static int skip_explain(const Words *w, int from)
{
    if (from >= w->n || !word_is(w->v[from], "EXPLAIN"))
        return from;
    int j = from + 1;
    while (j < w->n && (word_in(w->v[j], "ANALYZE|ANALYSE|VERBOSE") ||
                        (w->v[j][0] == '(' && word_ends_with(w->v[j], ')'))))
        j++;
    return j < w->n && word_in(w->v[j], explainable_words) ? j : from;
}

/* past "WITH [RECURSIVE] name [(cols)] AS [NOT] [MATERIALIZED] (...) [, ...]" */
static int skip_with(const Words *w, int from)
{
    if (from >= w->n || !word_is(w->v[from], "WITH"))
        return from;
    int j = from + 1;
    if (j < w->n && word_is(w->v[j], "RECURSIVE"))
        j++;
    for (;;) {
        j++;                                        /* the name */
        if (j < w->n && w->v[j][0] == '(')
            j++;
        if (j >= w->n || !word_is(w->v[j], "AS"))
            return from;
        j++;
        while (j < w->n && word_in(w->v[j], "NOT|MATERIALIZED"))
            j++;
        if (j >= w->n || w->v[j][0] != '(' || !word_ends_with(w->v[j], ')'))
            return from;
        j++;
        if (j < w->n && strcmp(w->v[j], ",") == 0)
            j++;
        else
            return j < w->n && word_in(w->v[j], statement_words) ? j : from;
    }
}

/* where the statement that rules look at starts: inside an open subquery, after EXPLAIN or WITH */
static int statement_start(const Words *w)
{
    int from = 0;
    for (int i = w->n - 2; i >= 0; i--)
        if (strcmp(w->v[i], "(") == 0 && word_in(w->v[i + 1], statement_words)) {
            from = i + 1;
            break;
        }
    from = skip_explain(w, from);
    return skip_with(w, from);
}

/* ---- table references, for columns ---- */

static const char not_alias[] = NOT_ALIAS_WORDS;

static bool usable_name(const char *word)
{
    return word[0] != '(' && !word_in(word, not_alias);
}

/* the tables a statement names after FROM, JOIN, UPDATE, INTO and USING, with their aliases */
static void table_refs(const Words *stmt, Words *tables, Words *aliases)
{
    for (int i = 0; i < stmt->n; i++) {
        if (!word_in(stmt->v[i], "FROM|JOIN|UPDATE|INTO|USING"))
            continue;
        int j = i + 1;
        while (j < stmt->n) {
            while (j < stmt->n && word_in(stmt->v[j], "ONLY|LATERAL"))
                j++;
            if (j >= stmt->n || !usable_name(stmt->v[j]))
                break;
            const char *name = stmt->v[j++], *alias = "";
            if (j < stmt->n && word_is(stmt->v[j], "AS"))
                j++;
            if (j < stmt->n && usable_name(stmt->v[j]))
                alias = stmt->v[j++];
            words_push(tables, name, strlen(name));
            words_push(aliases, alias, strlen(alias));
            if (j >= stmt->n || strcmp(stmt->v[j], ",") != 0)
                break;
            j++;
        }
    }
}

static char *normalized(const Session *s, const char *ident, bool last_part)
{
    char *schema, *object;
    bool sq, oq;
    ident_parse(ident, s->encoding, last_part, &schema, &object, &sq, &oq);
    free(schema);
    return object;
}

/* the table a qualifier such as "o" in "o.id" stands for */
static char *resolve_qualifier(const Session *s, const Words *stmt, const char *qualifier)
{
    Words tables = {0}, aliases = {0};
    table_refs(stmt, &tables, &aliases);
    char *want = normalized(s, qualifier, false), *found = NULL;
    for (int pass = 0; pass < 2 && !found; pass++)
        for (int i = 0; i < tables.n && !found; i++) {
            char *name = normalized(s, pass == 0 ? aliases.v[i] : tables.v[i], pass == 1);
            if (*name && strcmp(name, want) == 0)
                found = xstrdup(tables.v[i]);
            free(name);
        }
    free(want);
    words_free(&tables);
    words_free(&aliases);
    return found ? found : xstrdup(qualifier);
}

/* offset of the last '.' outside double quotes, or -1 */
static int last_dot(const char *text)
{
    int dot = -1;
    bool quoted = false;
    for (int i = 0; text[i]; i++) {
        if (text[i] == '"')
            quoted = !quoted;
        else if (text[i] == '.' && !quoted)
            dot = i;
    }
    return dot;
}

static void columns(CompCtx *c, const Words *stmt, const char *table, bool with_functions)
{
    Words tables = {0}, aliases = {0};
    int dot = last_dot(c->text);
    if (dot > 0) {
        char *qualifier = xstrndup(c->text, (size_t)dot);
        char *resolved = resolve_qualifier(c->s, stmt, qualifier);
        words_push(&tables, resolved, strlen(resolved));
        free(resolved);
        free(qualifier);
        ctx_keep_prefix(c, (size_t)dot + 1);
        with_functions = false;
    } else if (table) {
        words_push(&tables, table, strlen(table));
    } else {
        table_refs(stmt, &tables, &aliases);
    }
    catalog_columns(c, &tables, with_functions);
    words_free(&tables);
    words_free(&aliases);
}

/* ---- object types ---- */

static int name_words(const char *name, Words *out)
{
    const char *p = name;
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t n = sp ? (size_t)(sp - p) : strlen(p);
        words_push(out, p, n);
        p += n + (sp ? 1 : 0);
    }
    return out->n;
}

/* the verb at `from`, as the flag excluding types that do not go with it; sets *at past it */
static unsigned verb_at(const Words *w, int from, int *at)
{
    *at = from + 1;
    if (word_is(w->v[from], "DROP"))
        return NO_DROP;
    if (word_is(w->v[from], "ALTER"))
        return NO_ALTER;
    if (word_is(w->v[from], "COMMENT") && from + 1 < w->n && word_is(w->v[from + 1], "ON")) {
        *at = from + 2;
        return NO_COMMENT;
    }
    if (!word_is(w->v[from], "CREATE"))
        return 0;
    while (*at < w->n && word_in(w->v[*at], "OR|REPLACE|TEMP|TEMPORARY|UNLOGGED|UNIQUE"))
        (*at)++;
    return NO_CREATE;
}

static void thing_names(CompCtx *c, unsigned excluded)
{
    for (size_t i = 0; i < sizeof things / sizeof things[0]; i++)
        if (!(things[i].flags & excluded))
            cand_keywords(c, things[i].name);
    if (excluded == NO_COMMENT)
        cand_keywords(c, "COLUMN|CONSTRAINT");
}

/* what follows once `rest` words after the verb matched the first words of a type's name */
static bool thing_follows(CompCtx *c, const Thing *t, const Words *name, int rest, unsigned verb)
{
    if (rest < name->n) {
        StrBuf more = STRBUF_INIT;
        for (int i = rest; i < name->n; i++)
            sb_printf(&more, "%s%s", i > rest ? " " : "", name->v[i]);
        cand_keywords(c, sb_str(&more));
        sb_free(&more);
        return true;
    }
    if (rest == name->n) {
        if (verb != NO_CREATE)
            catalog_names(c, t->objects);
        return true;
    }
    const char *after = verb == NO_DROP ? (t->after_drop ? t->after_drop : "CASCADE|RESTRICT")
                      : verb == NO_ALTER ? t->after_alter
                      : verb == NO_COMMENT ? "IS" : NULL;
    if (rest != name->n + 1 || !after || !*after)
        return false;
    cand_keywords(c, after);
    return true;
}

static bool things_rule(CompCtx *c, const Words *w, int from)
{
    int at;
    unsigned verb = verb_at(w, from, &at);
    int rest = w->n - at;
    if (!verb)
        return false;
    if (rest <= 0) {
        thing_names(c, verb);
        return true;
    }
    bool handled = false;
    for (size_t i = 0; i < sizeof things / sizeof things[0]; i++) {
        if (things[i].flags & verb)
            continue;
        Words name = {0};
        int k = name_words(things[i].name, &name), m = 0;
        while (m < k && m < rest && word_is(w->v[at + m], name.v[m]))
            m++;
        if (m == k || m == rest)
            handled |= thing_follows(c, &things[i], &name, rest, verb);
        words_free(&name);
    }
    return handled;
}

/* ---- applying the rules ---- */

static bool rule_matches(const SqlRule *r, const Words *w, int from)
{
    if (r->head && !words_head_match(w, from, r->head, false))
        return false;
    if (!r->tail)
        return r->head != NULL;
    return r->exact ? words_exact_match(w, from, r->tail, false) : words_tail_match(w, from, r->tail, false);
}

static void guc_values(CompCtx *c, const char *guc)
{
    if (word_is(guc, "search_path"))
        catalog_names(c, CAT_SCHEMAS);
    else if (word_is(guc, "datestyle"))
        cand_literals(c, "ISO|SQL|Postgres|German|YMD|DMY|MDY|US|European|NonEuropean");
    else
        catalog_guc_values(c, guc);
}

static const char *ref_word(const Words *w, int ref)
{
    return ref >= 1 && ref <= w->n ? w->v[w->n - ref] : "";
}

/* offers what a matching rule says; false when it turns out not to apply */
static bool apply(CompCtx *c, const SqlRule *r, const Words *w, int from, const Words *stmt)
{
    if (r->what == SW_THINGS)
        return things_rule(c, w, from);
    if (r->words)
        cand_keywords(c, r->words);
    switch (r->what) {
    case SW_NONE: break;
    case SW_COLUMNS: columns(c, stmt, NULL, false); break;
    case SW_SELECT_LIST: columns(c, stmt, NULL, true); break;
    case SW_COLUMNS_OF: columns(c, stmt, ref_word(w, r->ref), false); break;
    case SW_CONSTRAINTS_OF: catalog_constraints(c, ref_word(w, r->ref)); break;
    case SW_GUC_VALUES: guc_values(c, ref_word(w, r->ref)); break;
    case SW_FILES: complete_files(c, FILES_SQL); break;
    default: catalog_names(c, (CatKind)r->what); break;
    }
    return true;
}

/* "a,b" being typed: only "b" is completed, "a," stays */
static void keep_list_prefix(CompCtx *c)
{
    char quote = 0;
    int comma = -1;
    for (int i = 0; c->text[i]; i++) {
        char ch = c->text[i];
        if (quote && ch == quote)
            quote = 0;
        else if (!quote && (ch == '"' || ch == '\''))
            quote = ch;
        else if (!quote && ch == ',')
            comma = i;
    }
    if (comma >= 0)
        ctx_keep_prefix(c, (size_t)comma + 1);
}

void complete_sql(CompCtx *c, Words *prev, const Words *stmt)
{
    keep_list_prefix(c);
    if (prev->n == 0) {
        cand_keywords(c, complete_sql_commands);
        return;
    }
    drop_noise(prev);
    drop_list_items(prev);
    int from = statement_start(prev);
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (rule_matches(&rules[i], prev, from) && apply(c, &rules[i], prev, from, stmt))
            return;
}
