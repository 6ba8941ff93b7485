/*
 * The administration commands of the database dashboard as a family of rows, with
 * their lines in \? (section "Database dashboard"); each command's own file does the
 * work.
 */
#include "meta/dashboard/admin.h"

/* long usages put their text on the next line, as psql does for its own */
const MetaCommand meta_dashboard_admin_commands[] = {
    {"users", dash_cmd_users, SKIP_OPTIONS,
     .help = META_HELP({HELP_DASHBOARD, 50, .usage = "\\users", .text = "the database's users"},
                       {HELP_DASHBOARD, 51, .usage = "\\users create NAME [--read-only]", .below = true,
                        .text = "a user with the platform's grants; its password typed twice,\n"
                                "or made and shown once"},
                       {HELP_DASHBOARD, 52, .usage = "\\users password NAME", .text = "type a user's new password"},
                       {HELP_DASHBOARD, 53, .usage = "\\users reset|delete NAME [--confirm APP]", .below = true,
                        .text = "a new password shown once, or no more user (confirmed by\n"
                                "the app's name; without --app, the database's)"})},
    {"backups", dash_cmd_backups, SKIP_OPTIONS,
     .help = META_HELP({HELP_DASHBOARD, 60, .usage = "\\backups", .text = "the backups and the daily backup's hour"},
                       {HELP_DASHBOARD, 61, .usage = "\\backups create [--wait]", .below = true,
                        .text = "a backup now (--wait: until it is done)"},
                       {HELP_DASHBOARD, 62, .usage = "\\backups download [ID] [FILE|-]", .below = true,
                        .text = "an archive (default: the newest) to a new FILE, or to the output"},
                       {HELP_DASHBOARD, 63, .usage = "\\backups schedule HOUR [ZONE]|off", .below = true,
                        .text = "the daily backup's hour (default zone: UTC), or none"})},
    {"pitr", dash_cmd_pitr, SKIP_OPTIONS,
     .help = META_HELP({HELP_DASHBOARD, 70, .usage = "\\pitr", .text = "the point-in-time recovery window"},
                       {HELP_DASHBOARD, 71, .usage = "\\pitr restore TIME [--confirm APP]", .below = true,
                        .text = "restore the database as it was at TIME: 2026-07-18 23:00 [ZONE],\n"
                                "RFC 3339, or 2 hours ago"})},
    {"plan", dash_cmd_plan, SKIP_OPTIONS,
     .help = META_HELP({HELP_DASHBOARD, 80, .usage = "\\plan", .text = "the database's plan, the plans available"},
                       {HELP_DASHBOARD, 81, .usage = "\\plan change NAME [--confirm APP]", .below = true,
                        .text = "move the database to another plan"})},
    {"upgrade", dash_cmd_upgrade, SKIP_OPTIONS,
     .help = META_HELP({HELP_DASHBOARD, 90, .usage = "\\upgrade", .text = "the engine's version and the next one"},
                       {HELP_DASHBOARD, 91, .usage = "\\upgrade start [--confirm APP]", .below = true,
                        .text = "upgrade the engine to the next version"})},
    {.name = NULL},
};
