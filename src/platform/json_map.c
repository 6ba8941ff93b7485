#include "platform/json_map.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/wipe.h"
#include "util/xalloc.h"

void jm_wipe_freed_memory(void)
{
    json_set_alloc_funcs(malloc, wipe_free);
}

json_t *jm_parse(const char *text, size_t len, PlatformError *e)
{
    json_error_t je;
    json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (doc)
        return doc;
    /* jansson quotes the text near the error, which may be part of a secret: keep only its reason */
    char *reason = xstrdup(je.text);
    char *near = strstr(reason, " near ");
    if (near)
        *near = '\0';
    if (len == 0)
        platform_error_set(e, xstrdup("an empty answer where JSON was expected"));
    else
        platform_error_set(e, xasprintf("invalid JSON (%s at line %d, column %d)", reason, je.line, je.column));
    free(reason);
    return NULL;
}

static const char *type_name(json_type t)
{
    switch (t) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

static char *field_name(const char *where, const char *path)
{
    return where && *where ? xasprintf("%s.%s", where, path) : xstrdup(path);
}

/* the member at a dotted path, or NULL when any step is missing or not an object */
static json_t *lookup(json_t *obj, const char *path)
{
    char *copy = xstrdup(path);
    json_t *cur = obj;
    for (char *part = copy, *dot; cur && part; part = dot ? dot + 1 : NULL) {
        dot = strchr(part, '.');
        if (dot)
            *dot = '\0';
        cur = json_is_object(cur) ? json_object_get(cur, part) : NULL;
    }
    free(copy);
    return cur;
}

json_t *jm_get(json_t *obj, const char *path, json_type type, const char *where, PlatformError *e)
{
    json_t *v = lookup(obj, path);
    if (v && json_typeof(v) == type)
        return v;
    char *name = field_name(where, path);
    if (!v)
        platform_error_set(e, xasprintf("field \"%s\" is missing", name));
    else
        platform_error_set(e, xasprintf("field \"%s\" is %s, not %s", name, type_name(json_typeof(v)),
                                        type_name(type)));
    free(name);
    return NULL;
}

static bool type_matches(json_t *v, JmType t)
{
    switch (t) {
    case JM_STRING: return json_is_string(v);
    case JM_BOOL: return json_is_boolean(v);
    case JM_INT: return json_is_integer(v);
    case JM_NUMBER: return json_is_number(v);
    case JM_OBJECT: return json_is_object(v);
    case JM_ARRAY: return json_is_array(v);
    }
    return false;
}

static const char *jm_type_name(JmType t)
{
    static const char *names[] = {"a string", "a boolean", "an integer", "a number", "an object", "an array"};
    return names[t];
}

static void store(json_t *v, JmType t, void *slot)
{
    switch (t) {
    case JM_STRING: *(char **)slot = v ? xstrdup(json_string_value(v)) : NULL; break;
    case JM_BOOL: *(bool *)slot = v ? json_is_true(v) : false; break;
    case JM_INT: *(long long *)slot = v ? (long long)json_integer_value(v) : 0; break;
    case JM_NUMBER: *(double *)slot = v ? json_number_value(v) : 0.0; break;
    case JM_OBJECT:
    case JM_ARRAY: *(json_t **)slot = v; break;
    }
}

bool jm_map(json_t *obj, const JmField *fields, void *out, const char *where, PlatformError *e)
{
    for (const JmField *f = fields; f->path; f++)
        store(NULL, f->type, (char *)out + f->offset);
    if (!json_is_object(obj)) {
        platform_error_set(e, xasprintf("\"%s\" is %s, not an object", where && *where ? where : "the answer",
                                        obj ? type_name(json_typeof(obj)) : "missing"));
        return false;
    }
    for (const JmField *f = fields; f->path; f++) {
        json_t *v = lookup(obj, f->path);
        if (v && json_is_null(v) && !f->required)
            v = NULL;
        if (!v && !f->required)
            continue;
        if (!v || !type_matches(v, f->type)) {
            char *name = field_name(where, f->path);
            platform_error_set(e, !v ? xasprintf("field \"%s\" is missing", name)
                                     : xasprintf("field \"%s\" is %s, not %s", name, type_name(json_typeof(v)),
                                                 jm_type_name(f->type)));
            free(name);
            jm_free(fields, out);
            return false;
        }
        store(v, f->type, (char *)out + f->offset);
    }
    return true;
}

void jm_free(const JmField *fields, void *out)
{
    for (const JmField *f = fields; f->path; f++) {
        if (f->type != JM_STRING)
            continue;
        char **slot = (char **)((char *)out + f->offset);
        free(*slot);
        *slot = NULL;
    }
}

bool jm_map_array(json_t *obj, const char *path, const JmField *fields, size_t size, void **items, int *count,
                  PlatformError *e)
{
    *items = NULL;
    *count = 0;
    json_t *arr = jm_get(obj, path, JSON_ARRAY, NULL, e);
    if (!arr)
        return false;
    char *base = xcalloc(json_array_size(arr) + 1, size);
    size_t i;
    json_t *item;
    json_array_foreach(arr, i, item) {
        char *where = xasprintf("%s[%zu]", path, i);
        bool ok = jm_map(item, fields, base + i * size, where, e);
        free(where);
        if (!ok) {
            jm_free_array(fields, base, size, (int)i);
            return false;
        }
    }
    *items = base;
    *count = (int)json_array_size(arr);
    return true;
}

void jm_free_array(const JmField *fields, void *items, size_t size, int count)
{
    for (int i = 0; items && i < count; i++)
        jm_free(fields, (char *)items + (size_t)i * size);
    free(items);
}

char *jm_printable(const char *text, size_t max)
{
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "");
    for (const unsigned char *p = (const unsigned char *)text; p && *p && sb.len < max; p++)
        sb_append_char(&sb, (*p < 0x20 || *p == 0x7f) ? ' ' : (char)*p);
    if (text && strlen(text) > max) {
        /* cut at a character boundary: drop the continuation bytes and lead byte of a split sequence */
        size_t len = sb.len;
        while (len > 0 && ((unsigned char)sb.data[len - 1] & 0xc0) == 0x80)
            len--;
        if (len > 0 && ((unsigned char)sb.data[len - 1] & 0x80))
            len--;
        sb_truncate(&sb, len);
        sb_append(&sb, "...");
    }
    return sb_steal(&sb);
}
