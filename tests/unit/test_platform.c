/* The platform client's pure parts: database URLs and their masking, JWT expiry, strict JSON mapping. */
#include <stddef.h>

#include "platform/json_map.h"
#include "platform/token_cache.h"
#include "platform/url.h"
#include "unit.h"

static void test_url_parts(void)
{
    PgUrl u;
    char *err = NULL;
    CHECK(pgurl_parse("postgresql://my_app:s3cr%40t@my-app.postgresql.a.osc-fr1.scalingo-dbs.com:30000/my_app"
                      "?sslmode=prefer&connect_timeout=5", &u, &err));
    CHECK_STR(u.user, "my_app");
    CHECK_STR(u.password, "s3cr@t");
    CHECK_STR(u.host, "my-app.postgresql.a.osc-fr1.scalingo-dbs.com");
    CHECK_STR(u.port, "30000");
    CHECK_STR(u.dbname, "my_app");
    CHECK_INT(u.nparams, 2);
    CHECK_STR(pgurl_param(&u, "connect_timeout"), "5");
    CHECK_STR(u.masked, "postgresql://my_app:****@my-app.postgresql.a.osc-fr1.scalingo-dbs.com:30000/my_app"
                        "?sslmode=prefer&connect_timeout=5");
    pgurl_free(&u);
}

static void test_url_schemes_and_forms(void)
{
    PgUrl u;
    char *err = NULL;
    CHECK(pgurl_parse("postgis://u:p@[::1]:5432/geo", &u, &err));
    CHECK_STR(u.host, "::1");
    CHECK_STR(u.masked, "postgis://u:****@[::1]:5432/geo");
    pgurl_free(&u);
    CHECK(pgurl_parse("POSTGRES://host", &u, &err));
    CHECK(u.user == NULL && u.password == NULL && u.port == NULL && u.dbname == NULL);
    CHECK_STR(u.masked, "postgres://host");
    pgurl_free(&u);
    /* an unencoded '@' in the password: the last '@' ends the user-info */
    CHECK(pgurl_parse("postgres://u:p@ss@h/d", &u, &err));
    CHECK_STR(u.password, "p@ss");
    CHECK_STR(u.host, "h");
    pgurl_free(&u);
}

static void test_url_errors_quote_nothing(void)
{
    const char *bad[] = {"mysql://u:topsecret@h/d", "postgres://u:topsecret@h:99999/d",
                         "postgres://u:top%zzsecret@h/d", "postgres://u:topsecret@/d", "redis://:topsecret@h"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        PgUrl u;
        char *err = NULL;
        CHECK(!pgurl_parse(bad[i], &u, &err));
        CHECK(err && !strstr(err, "topsecret") && !strstr(err, "top"));
        free(err);
    }
}

static void test_mask_any_text(void)
{
    char *m = pgurl_mask("postgres://u:pa/ss?x@h:1/d");
    CHECK(!strstr(m, "pa/ss"));
    free(m);
    m = pgurl_mask("https://api.example.com/v1/apps");
    CHECK_STR(m, "https://api.example.com/v1/apps");
    free(m);
}

static void test_jwt_expiry(void)
{
    /* {"alg":"HS256"} . {"exp":1900000000,"sub":"us-1"} . signature */
    CHECK_INT(jwt_expiry("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE5MDAwMDAwMDAsInN1YiI6InVzLTEifQ.c2ln"), 1900000000);
    CHECK_INT(jwt_expiry("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1cy0xIn0.c2ln"), 0);
    CHECK_INT(jwt_expiry("not-a-jwt"), 0);
    CHECK_INT(jwt_expiry("a.!!!.b"), 0);
}

typedef struct Thing {
    char *name;
    bool flag;
    long long n;
    char *nested;
} Thing;

static const JmField thing_fields[] = {
    {"name", JM_STRING, true, offsetof(Thing, name)},
    {"flag", JM_BOOL, false, offsetof(Thing, flag)},
    {"n", JM_INT, false, offsetof(Thing, n)},
    {"inner.value", JM_STRING, false, offsetof(Thing, nested)},
    JM_END,
};

static void test_json_map(void)
{
    char *err = NULL;
    const char *text = "{\"name\": \"x\", \"flag\": true, \"n\": 7, \"inner\": {\"value\": \"v\"}}";
    json_t *doc = jm_parse(text, strlen(text), &err);
    Thing t;
    CHECK(doc && jm_map(doc, thing_fields, &t, "thing", &err));
    CHECK_STR(t.name, "x");
    CHECK(t.flag);
    CHECK_INT(t.n, 7);
    CHECK_STR(t.nested, "v");
    jm_clear(thing_fields, &t);
    json_decref(doc);

    doc = jm_parse("{\"name\": 5}", 11, &err);
    CHECK(!jm_map(doc, thing_fields, &t, "things[2]", &err));
    CHECK_STR(err, "field \"things[2].name\" is an integer, not a string");
    free(err);
    json_decref(doc);

    CHECK(jm_parse("{\"token\": \"secret-abc", 21, &err) == NULL);
    CHECK(strstr(err, "invalid JSON (") == err && !strstr(err, "secret"));
    free(err);
}

int main(void)
{
    RUN(test_url_parts);
    RUN(test_url_schemes_and_forms);
    RUN(test_url_errors_quote_nothing);
    RUN(test_mask_any_text);
    RUN(test_jwt_expiry);
    RUN(test_json_map);
    UNIT_DONE();
}
