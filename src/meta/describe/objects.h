/*
 * The describe commands for database objects other than relations: functions,
 * operators, types, roles, privileges, access methods, extensions and the rest.
 * objects.c holds their command table; the handlers below live in the files of
 * their kind.  Most of them are one catalog listing (see query_spec.h); the few
 * that print more than one query result (\du, \dx+, \dn, \drds) post-process
 * the result themselves.
 */
#ifndef PGC_DESCRIBE_OBJECTS_H
#define PGC_DESCRIBE_OBJECTS_H

#include "meta/describe/describe.h"
#include "meta/describe/query_spec.h"

/* handlers in functions.c, roles.c and access_methods.c */
MetaResult describe_functions_cmd(DescribeCtx *d);
MetaResult describe_operators_cmd(DescribeCtx *d);
MetaResult describe_aggregates_cmd(DescribeCtx *d);
MetaResult describe_roles_cmd(DescribeCtx *d);
MetaResult describe_role_settings_cmd(DescribeCtx *d);
MetaResult describe_default_acls_cmd(DescribeCtx *d);
MetaResult describe_privileges_cmd(DescribeCtx *d);
MetaResult describe_access_methods_cmd(DescribeCtx *d);
MetaResult describe_opclasses_cmd(DescribeCtx *d);
MetaResult describe_opfamilies_cmd(DescribeCtx *d);
MetaResult describe_opfamily_operators_cmd(DescribeCtx *d);
MetaResult describe_opfamily_functions_cmd(DescribeCtx *d);

#endif
