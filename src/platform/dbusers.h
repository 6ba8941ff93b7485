/*
 * The users of one database on the database API: list, create (with a password or
 * one the platform makes), a new password, a password reset, delete.  Passwords that
 * come back are handed over once and wiped from the parsed answer.
 */
#ifndef PGC_PLATFORM_DBUSERS_H
#define PGC_PLATFORM_DBUSERS_H

#include <stdbool.h>

#include "platform/dbapi.h"

typedef struct DbUser {
    char *name;
    bool read_only;
    bool is_protected;      /* the addon's own user: it cannot be changed or deleted */
    char *password_encryption;  /* NULL when not said */
} DbUser;

bool dbusers_list(DbApi *db, DbUser **users, int *count, PlatformError *e);
void dbusers_free(DbUser *users, int count);

/*
 * Creates a user; password NULL lets the platform make one.  *password_out gets the
 * password the answer holds (the made one), or NULL; free it with dbusers_wipe.
 */
bool dbusers_create(DbApi *db, const char *name, bool read_only, const char *password, char **password_out,
                    PlatformError *e);
/* PATCH: a password chosen by the user */
bool dbusers_set_password(DbApi *db, const char *name, const char *password, PlatformError *e);
/* POST reset_password: a new password made by the platform, in *password_out */
bool dbusers_reset_password(DbApi *db, const char *name, char **password_out, PlatformError *e);
bool dbusers_delete(DbApi *db, const char *name, PlatformError *e);

/* overwrites and frees a password */
void dbusers_wipe(char *password);

#endif
