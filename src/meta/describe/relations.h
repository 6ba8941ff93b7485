/*
 * \d on one relation, shared by the files that build it: relations.c finds the
 * relations a pattern names, table_details.c prints the column table of each, and
 * table_footers.c adds the lines psql prints under it.
 */
#ifndef PGC_DESCRIBE_RELATIONS_H
#define PGC_DESCRIBE_RELATIONS_H

#include <stdbool.h>

#include "session/session.h"
#include "print/table.h"

/* what pg_class says about the relation being described */
typedef struct RelInfo {
    const char *oid;
    const char *schema;
    const char *name;
    bool verbose;
    char kind;                /* pg_class.relkind */
    char persistence;
    char replident;
    int checks;
    bool hasindex;
    bool hasrules;
    bool hastriggers;
    bool rowsecurity;
    bool forcerowsecurity;
    bool hasoids;
    bool ispartition;
    unsigned long tablespace; /* 0: the database's default */
    char *reloptions;         /* "" unless verbose */
    char *oftype;             /* NULL unless a typed table */
    char *am;                 /* NULL when the relation has no access method */
} RelInfo;

/* whether kind is one of the relkind letters in set */
static inline bool relkind_in(char kind, const char *set)
{
    for (; *set; set++)
        if (*set == kind)
            return true;
    return false;
}

/* prints \d for one relation; false after an error (already reported, or silent as psql is) */
bool relation_describe_one(Session *s, const char *oid, const char *schema, const char *name, bool verbose);

/* adds every footer psql prints for the relation, in psql's order; false when a query failed */
bool relation_add_footers(Session *s, const RelInfo *r, PrintTable *t);

#endif
