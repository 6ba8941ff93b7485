/*
 * The pure parts of the dashboard's administration commands: typed lists from the API's
 * JSON, the backup a download takes, plan names, the confirmation of destructive
 * commands, results printed like SQL results (typed columns, footers, kept out of the
 * -L log when they show a secret), sizes and times for reading.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "meta/dashboard/common.h"
#include "meta/dashboard/figures.h"
#include "meta/dashboard/table.h"
#include "platform/backups.h"
#include "platform/json_map.h"
#include "platform/plans.h"
#include "session/frontend.h"
#include "session/session.h"
#include "unit.h"
#include "util/xalloc.h"

static char *contents(FILE *f)
{
    fflush(f);
    long len = ftell(f);
    char *text = xcalloc((size_t)len + 1, 1);
    rewind(f);
    size_t got = fread(text, 1, (size_t)len, f);
    text[got] = '\0';
    return text;
}

typedef struct Item {
    char *id;
    long long size;
} Item;

static const JmField item_fields[] = {
    {"id", JM_STRING, true, offsetof(Item, id)},
    {"size", JM_INT, false, offsetof(Item, size)},
    JM_END,
};

static void test_map_array(void)
{
    PlatformError e = {0};
    const char *text = "{\"list\": {\"items\": [{\"id\": \"a\", \"size\": 3}, {\"id\": \"b\"}]}}";
    json_t *doc = jm_parse(text, strlen(text), &e);
    Item *items;
    int n;
    CHECK(jm_map_array(doc, "list.items", item_fields, sizeof(Item), (void **)&items, &n, &e));
    CHECK_INT(n, 2);
    CHECK_STR(items[0].id, "a");
    CHECK_INT(items[0].size, 3);
    CHECK_STR(items[1].id, "b");
    CHECK_INT(items[1].size, 0);
    CHECK(items[2].id == NULL);
    jm_free_array(item_fields, items, sizeof(Item), n);
    json_decref(doc);
    /* the message names the element and the field, never a value */
    text = "{\"items\": [{\"id\": \"a\"}, {\"id\": \"secret\", \"size\": \"big\"}]}";
    doc = jm_parse(text, strlen(text), &e);
    CHECK(!jm_map_array(doc, "items", item_fields, sizeof(Item), (void **)&items, &n, &e));
    CHECK_STR(e.message, "field \"items[1].size\" is a string, not an integer");
    CHECK(items == NULL && n == 0);
    platform_error_free(&e);
    CHECK(!jm_map_array(doc, "nothing", item_fields, sizeof(Item), (void **)&items, &n, &e));
    CHECK_STR(e.message, "field \"nothing\" is missing");
    platform_error_free(&e);
    json_decref(doc);
}

static void test_backup_choice(void)
{
    Backup list[] = {
        {.id = "bk-3", .status = "running"},
        {.id = "bk-2", .status = "error"},
        {.id = "bk-1", .status = "done", .size = 10},
        {.id = "bk-0", .status = "done", .size = 9},
    };
    CHECK_STR(backups_newest_done(list, 4)->id, "bk-1");
    CHECK(backups_newest_done(list, 2) == NULL);
    CHECK(backups_find(list, 4, "bk-2") == &list[1]);
    CHECK(backups_find(list, 4, "bk-9") == NULL);
    CHECK_INT(backups_state("done"), FOLLOW_SUCCEEDED);
    CHECK_INT(backups_state("error"), FOLLOW_FAILED);
    CHECK_INT(backups_state("cancelled"), FOLLOW_FAILED);
    CHECK_INT(backups_state("scheduled"), FOLLOW_GOING);
    CHECK_INT(backups_state("pending"), FOLLOW_GOING);
    CHECK_INT(backups_state(NULL), FOLLOW_GOING);
}

static void test_plan_names(void)
{
    AddonPlan plans[] = {{.id = "pl-1", .name = "postgresql-starter-512"},
                         {.id = "pl-2", .name = "postgresql-business-1024"},
                         {.id = "pl-3", .name = "custom"}};
    CHECK_STR(plans_find(plans, 3, "postgresql-business-1024")->id, "pl-2");
    CHECK_STR(plans_find(plans, 3, "starter-512")->id, "pl-1");
    CHECK_STR(plans_find(plans, 3, "custom")->id, "pl-3");
    CHECK(plans_find(plans, 3, "starter") == NULL);
    CHECK(plans_find(plans, 3, "postgresql-") == NULL);
}

/* ---- confirmation ---- */

static const char *typed_answer;
static int questions;

static char *fake_ask(const char *prompt, bool echo)
{
    questions++;
    CHECK(echo);
    CHECK_STR(prompt, "Type the database's name (shop) to confirm: ");
    return xstrdup(typed_answer);
}

static const FrontEnd fake_frontend = {.ask = fake_ask};

static bool confirm(Session *s, const char *given, const char *typed, char **err)
{
    typed_answer = typed;
    FILE *saved = stderr;
    stderr = tmpfile();
    bool ok = dash_confirm(s, "users delete", given, "The user x will be deleted.");
    *err = contents(stderr);
    fclose(stderr);
    stderr = saved;
    return ok;
}

static void test_confirmation_rules(void)
{
    /* dash_confirm_word reads PQdb of the connection: a session that looks connected to "shop" */
    Session *s = session_create();
    s->frontend = &fake_frontend;
    PGconn *conn = PQconnectStart("dbname=shop host=/nonexistent");
    s->db = conn;
    char *err;
    questions = 0;
    CHECK(confirm(s, "shop", NULL, &err));
    CHECK_STR(err, "");
    free(err);
    CHECK(!confirm(s, "shops", NULL, &err));
    CHECK(strstr(err, "--confirm shops is not the database's name (shop): nothing was done\n") != NULL);
    free(err);
    /* no terminal: one line saying how, nothing asked */
    s->stdin_is_tty = false;
    CHECK(!confirm(s, NULL, "shop", &err));
    CHECK(strstr(err, "\\users delete needs a confirmation: run it at a terminal, or add --confirm shop\n") != NULL);
    CHECK(strchr(err, '\n') == err + strlen(err) - 1);
    free(err);
    CHECK_INT(questions, 0);
    /* at a terminal: what happens, then the question; only the exact word (spaces aside) confirms */
    s->stdin_is_tty = true;
    CHECK(confirm(s, NULL, "  shop ", &err));
    CHECK_STR(err, "The user x will be deleted.\n");
    free(err);
    CHECK(!confirm(s, NULL, "SHOP", &err));
    CHECK(strstr(err, "not confirmed: nothing was done") != NULL);
    free(err);
    CHECK(!confirm(s, NULL, "", &err));
    free(err);
    CHECK_INT(questions, 3);
    s->db = NULL;
    PQfinish(conn);
    session_destroy(s);
}

/* ---- results ---- */

static void test_results_print_like_sql(void)
{
    Session *s = session_create();
    s->query_out = tmpfile();
    s->log_file = tmpfile();
    static const char *const names[] = {"Name", "Size", "Done"};
    DashTable t;
    dash_table_init(&t, 3, names);
    dash_table_type(&t, 1, PTYPE_INT8);
    dash_table_type(&t, 2, PTYPE_BOOL);
    dash_table_add_copy(&t, "first");
    dash_table_add_copy(&t, "12");
    dash_table_add_copy(&t, "t");
    dash_table_add_copy(&t, "second");
    dash_table_add(&t, NULL);
    dash_table_add_copy(&t, "f");
    CHECK_INT(t.nrows, 2);
    dash_table_footer(&t, xstrdup("Daily backup: off"));
    ListingPrint spec = {.title = "Backups"};
    dash_table_print(s, &t, &spec);
    char *out = contents(s->query_out);
    CHECK_STR(out, "       Backups\n"
                   "  Name  | Size | Done \n"
                   "--------+------+------\n"
                   " first  |   12 | t\n"
                   " second |      | f\n"
                   "Daily backup: off\n\n");
    char *log = contents(s->log_file);
    CHECK_STR(log, out);
    free(out);
    free(log);
    /* a secret shown once: the output has it, the log does not */
    fclose(s->query_out);
    fclose(s->log_file);
    s->query_out = tmpfile();
    s->log_file = tmpfile();
    spec = (ListingPrint){.title = "New password", .not_logged = true};
    dash_table_print(s, &t, &spec);
    out = contents(s->query_out);
    log = contents(s->log_file);
    CHECK(strstr(out, "second") != NULL);
    CHECK_STR(log, "");
    free(out);
    free(log);
    /* json reads the types: numbers, booleans and nulls */
    fclose(s->query_out);
    s->query_out = tmpfile();
    popt_pset(&s->popt, "format", "json", true);
    spec = (ListingPrint){.title = "Backups"};
    dash_table_print(s, &t, &spec);
    out = contents(s->query_out);
    CHECK(strstr(out, "\"Size\": 12,") != NULL);
    CHECK(strstr(out, "\"Size\": null,") != NULL);
    CHECK(strstr(out, "\"Done\": true") != NULL);
    CHECK(strstr(out, "\"Done\": false") != NULL);
    free(out);
    dash_table_free(&t);
    session_destroy(s);
}

static void test_sizes_and_times(void)
{
    char *t;
    CHECK_STR(t = dash_pretty_bytes(10.0 * 1024 * 1024 * 1024), "10 GB");
    free(t);
    Session *s = session_create();
    CHECK_STR(t = dash_bytes(s, 2048), "2.0 kB");
    free(t);
    popt_pset(&s->popt, "format", "csv", true);
    CHECK_STR(t = dash_bytes(s, 2048), "2048");
    free(t);
    session_destroy(s);
    setenv("TZ", "Europe/Paris", 1);
    tzset();
    CHECK_STR(t = dash_api_time("2026-07-18T23:00:00.123+00:00"), "2026-07-19 01:00:00+02");
    free(t);
    CHECK(dash_api_time("yesterday") == NULL);
    CHECK(dash_api_time(NULL) == NULL);
}

int main(void)
{
    RUN(test_map_array);
    RUN(test_backup_choice);
    RUN(test_plan_names);
    RUN(test_confirmation_rules);
    RUN(test_results_print_like_sql);
    RUN(test_sizes_and_times);
    UNIT_DONE();
}
