/*
 * The administration commands of the database dashboard, one file each: their
 * handlers, gathered into one family table by admin.c.
 */
#ifndef PGC_META_DASHBOARD_ADMIN_H
#define PGC_META_DASHBOARD_ADMIN_H

#include "meta/commands.h"

MetaResult dash_cmd_users(MetaContext *ctx);
MetaResult dash_cmd_backups(MetaContext *ctx);
MetaResult dash_cmd_pitr(MetaContext *ctx);
MetaResult dash_cmd_plan(MetaContext *ctx);
MetaResult dash_cmd_upgrade(MetaContext *ctx);

#endif
