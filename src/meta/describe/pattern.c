/*
 * Shell-style object patterns turned into catalog WHERE clauses, as psql does:
 * "*" and "?" are wildcards, unquoted letters are folded to lower case, "..."
 * keeps its contents literally, "." splits database, schema and name, and "$"
 * is always literal.
 */
#include <ctype.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "meta/describe/describe.h"
#include "util/log.h"
#include "util/xalloc.h"

typedef struct PatternParts {
    StrBuf part[3];           /* regexps of the dot-separated parts, in order */
    int nparts;
    StrBuf first_literal;     /* the first part as typed (the database name, never a regexp) */
} PatternParts;

static void append_pattern_char(PatternParts *pp, const char **cp, bool inquotes, bool force_escape,
                                int encoding, bool in_first)
{
    StrBuf *cur = &pp->part[pp->nparts - 1];
    char ch = **cp;
    /* "[]" is far more likely an array type than a bracket expression */
    if (((inquotes || force_escape) && strchr("|*+?()[]{}.^$\\", ch)) || (ch == '[' && (*cp)[1] == ']'))
        sb_append_char(cur, '\\');
    int n = PQmblen(*cp, encoding);
    size_t left = strlen(*cp);
    size_t len = n < 1 ? 1 : ((size_t)n > left ? left : (size_t)n);
    sb_append_n(cur, *cp, len);
    if (in_first)
        sb_append_n(&pp->first_literal, *cp, len);
    *cp += len;
}

/* splits pattern into up to maxbufs regexps, each "^(...)$"; counts every dot in *dotcnt */
static void pattern_to_regex(const char *pattern, int maxbufs, bool force_escape, int encoding, PatternParts *pp,
                             int *dotcnt)
{
    bool inquotes = false, in_first = true;
    pp->nparts = 1;
    sb_append(&pp->part[0], "^(");
    for (const char *cp = pattern; *cp;) {
        StrBuf *cur = &pp->part[pp->nparts - 1];
        char ch = *cp;
        if (ch == '"') {
            if (inquotes && cp[1] == '"') {
                sb_append_char(cur, '"');
                if (in_first)
                    sb_append_char(&pp->first_literal, '"');
                cp++;
            } else {
                inquotes = !inquotes;
            }
            cp++;
        } else if (!inquotes && isupper((unsigned char)ch)) {
            sb_append_char(cur, (char)tolower((unsigned char)ch));
            if (in_first)
                sb_append_char(&pp->first_literal, (char)tolower((unsigned char)ch));
            cp++;
        } else if (!inquotes && (ch == '*' || ch == '?')) {
            sb_append(cur, ch == '*' ? ".*" : ".");
            if (in_first)
                sb_append_char(&pp->first_literal, ch);
            cp++;
        } else if (!inquotes && ch == '.') {
            in_first = false;
            (*dotcnt)++;
            if (pp->nparts < maxbufs) {
                sb_append(cur, ")$");
                sb_append(&pp->part[pp->nparts++], "^(");
            } else {
                sb_append_char(cur, ch);
            }
            cp++;
        } else if (ch == '$') {
            sb_append(cur, "\\$");
            if (in_first)
                sb_append_char(&pp->first_literal, '$');
            cp++;
        } else {
            append_pattern_char(pp, &cp, inquotes, force_escape, encoding, in_first);
        }
    }
    sb_append(&pp->part[pp->nparts - 1], ")$");
}

static void where_and(StrBuf *sql, bool *have_where, bool *added)
{
    sb_append(sql, *have_where ? "  AND " : "WHERE ");
    *have_where = true;
    *added = true;
}

static void append_match(Session *s, StrBuf *sql, const char *var, const char *regex)
{
    char *lit = PQescapeLiteral(s->db, regex, strlen(regex));
    /* libpq puts a space before E'...' literals; psql's query text has none */
    const char *text = lit ? lit + (lit[0] == ' ') : "''";
    sb_printf(sql, "%s OPERATOR(pg_catalog.~) %s", var, text);
    if (PQserverVersion(s->db) >= 120000)
        sb_append(sql, " COLLATE pg_catalog.default");
    PQfreemem(lit);
}

bool describe_pattern_clause(Session *s, StrBuf *sql, const char *pattern, bool have_where, bool force_escape,
                             const char *schemavar, const char *namevar, const char *altnamevar,
                             const char *visibilityrule, StrBuf *dbname, int *dotcnt)
{
    bool added = false;
    int dots = 0;
    if (!pattern) {
        if (visibilityrule) {
            where_and(sql, &have_where, &added);
            sb_printf(sql, "%s\n", visibilityrule);
        }
        if (dotcnt)
            *dotcnt = 0;
        return added;
    }
    PatternParts pp;
    memset(&pp, 0, sizeof(pp));
    int maxbufs = schemavar ? (dbname ? 3 : 2) : 1;
    pattern_to_regex(pattern, maxbufs, force_escape, PQclientEncoding(s->db), &pp, &dots);
    /* the last part is the name, the one before it the schema, the first of three the database */
    const char *name = sb_str(&pp.part[pp.nparts - 1]);
    const char *schema = pp.nparts >= 2 ? sb_str(&pp.part[pp.nparts - 2]) : NULL;
    if (dbname && pp.nparts == 3)
        sb_append(dbname, sb_str(&pp.first_literal));
    if (namevar && strcmp(name, "^(.*)$") != 0) {
        where_and(sql, &have_where, &added);
        if (altnamevar) {
            sb_append_char(sql, '(');
            append_match(s, sql, namevar, name);
            sb_append(sql, "\n        OR ");
            append_match(s, sql, altnamevar, name);
            sb_append(sql, ")\n");
        } else {
            append_match(s, sql, namevar, name);
            sb_append_char(sql, '\n');
        }
    }
    if (schemavar && schema) {
        if (strcmp(schema, "^(.*)$") != 0) {
            where_and(sql, &have_where, &added);
            append_match(s, sql, schemavar, schema);
            sb_append_char(sql, '\n');
        }
    } else if (visibilityrule) {
        where_and(sql, &have_where, &added);
        sb_printf(sql, "%s\n", visibilityrule);
    }
    for (int i = 0; i < 3; i++)
        sb_free(&pp.part[i]);
    sb_free(&pp.first_literal);
    if (dotcnt)
        *dotcnt = dots;
    return added;
}

bool describe_validate_pattern(Session *s, StrBuf *sql, const char *pattern, bool have_where, bool force_escape,
                               const char *schemavar, const char *namevar, const char *altnamevar,
                               const char *visibilityrule, bool *added_clause, int maxparts)
{
    int dots = 0;
    StrBuf dbname = STRBUF_INIT;
    bool added = describe_pattern_clause(s, sql, pattern, have_where, force_escape, schemavar, namevar,
                                         altnamevar, visibilityrule, &dbname, &dots);
    if (added_clause)
        *added_clause = added;
    bool ok = true;
    if (dots >= maxparts) {
        log_error("improper qualified name (too many dotted names): %s", pattern);
        ok = false;
    } else if (maxparts > 1 && dots == maxparts - 1) {
        if (!PQdb(s->db)) {
            log_error("You are currently not connected to a database.");
            ok = false;
        } else if (strcmp(PQdb(s->db), sb_str(&dbname)) != 0) {
            log_error("cross-database references are not implemented: %s", pattern);
            ok = false;
        }
    }
    sb_free(&dbname);
    return ok;
}
