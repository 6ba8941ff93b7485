/*
 * What exec/pipeline.c must know of a statement before sending it ahead of the
 * results of those before it: whether it is a COPY (which needs the connection to
 * itself) or empty, whether it opens or may close a transaction block, and whether a
 * rule could make it print more than one result.
 */
#ifndef PGC_STATEMENT_KIND_H
#define PGC_STATEMENT_KIND_H

#include <stdbool.h>

typedef enum StatementRole {
    STMT_OTHER,
    STMT_EMPTY,         /* nothing but semicolons */
    STMT_COPY,          /* COPY: data flows between the statement and its result */
    STMT_BLOCK_START,   /* BEGIN, START TRANSACTION */
    STMT_BLOCK_END      /* COMMIT, END, ROLLBACK (not ROLLBACK TO), ABORT, PREPARE TRANSACTION */
} StatementRole;

StatementRole exec_statement_role(const char *query, int encoding);
/* INSERT, UPDATE, DELETE, MERGE, WITH and EXECUTE: what a rule may turn into several queries */
bool exec_statement_may_fire_rules(const char *query, int encoding);

#endif
