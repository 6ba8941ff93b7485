/* What must never reach the history file, and what may. */
#include <stdbool.h>

#include "console/history_filter.h"
#include "unit.h"

static void test_role_passwords_in_any_statement(void)
{
    CHECK(history_entry_has_secret("alter role r password 'x';"));
    CHECK(history_entry_has_secret("CREATE USER bob WITH LOGIN PASSWORD 'x'"));
    CHECK(history_entry_has_secret("select 1; alter role r password 'secret';"));
    CHECK(history_entry_has_secret("select 1 \\; create role r with\nlogin\npassword 'x';"));
    CHECK(history_entry_has_secret("ALTER GROUP g ... PASSWORD"));
    CHECK(!history_entry_has_secret("alter role r set search_path = public;"));
    CHECK(!history_entry_has_secret("select password_is_wrong from t;"));
}

static void test_server_and_user_mapping_options(void)
{
    CHECK(history_entry_has_secret("ALTER SERVER s OPTIONS (SET password 'x')"));
    CHECK(history_entry_has_secret("CREATE USER MAPPING FOR bob SERVER s OPTIONS (user 'bob', password 'x');"));
    CHECK(history_entry_has_secret("alter user mapping for public server s options (add password 'x');"));
    CHECK(!history_entry_has_secret("CREATE SERVER s FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'h');"));
}

static void test_backslash_commands(void)
{
    CHECK(history_entry_has_secret("\\password"));
    CHECK(history_entry_has_secret("\\password bob"));
    CHECK(history_entry_has_secret("select 1;\n\\password"));
    CHECK(history_entry_has_secret("\\setenv PGPASSWORD hunter2"));
    CHECK(history_entry_has_secret("\\setenv SCALINGO_API_TOKEN tk-us-x"));
    CHECK(!history_entry_has_secret("\\setenv PAGER less"));
    CHECK(!history_entry_has_secret("\\set ON_ERROR_STOP on"));
}

static void test_conninfo_urls_and_environment(void)
{
    CHECK(history_entry_has_secret("\\c \"host=h password=x\""));
    CHECK(history_entry_has_secret("\\c 'host=h sslpassword = x'"));
    CHECK(history_entry_has_secret("\\c postgres://u:secret@h/db"));
    CHECK(history_entry_has_secret("\\! PGPASSWORD=x pg_dump db"));
    CHECK(history_entry_has_secret("\\! SCALINGO_API_TOKEN=tk scalingo apps"));
    CHECK(history_entry_has_secret("select dblink_connect('dbname=x password=y');"));
    CHECK(!history_entry_has_secret("\\c postgres://u@h/db"));
    CHECK(!history_entry_has_secret("select * from users where password_hash = $1;"));
}

int main(void)
{
    RUN(test_role_passwords_in_any_statement);
    RUN(test_server_and_user_mapping_options);
    RUN(test_backslash_commands);
    RUN(test_conninfo_urls_and_environment);
    UNIT_DONE();
}
