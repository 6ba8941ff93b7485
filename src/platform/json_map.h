/*
 * From the JSON of an API answer to C structs, strictly: a table of fields says what
 * each member must be, and anything else (malformed or truncated JSON, a missing or
 * mistyped field) becomes one message that says which field, never the values
 * (an answer may hold passwords and tokens).
 */
#ifndef PGC_PLATFORM_JSON_MAP_H
#define PGC_PLATFORM_JSON_MAP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "platform/error.h"

typedef enum JmType {
    JM_STRING,      /* char *, copied; NULL when optional and absent or null */
    JM_BOOL,        /* bool */
    JM_INT,         /* long long */
    JM_NUMBER,      /* double (an integer is accepted) */
    JM_OBJECT,      /* json_t *, borrowed from the document */
    JM_ARRAY,       /* json_t *, borrowed from the document */
} JmType;

typedef struct JmField {
    const char *path;   /* a member name, or names joined with '.' to reach into nested objects */
    JmType type;
    bool required;
    size_t offset;      /* where the value goes in the output struct */
} JmField;

#define JM_END {NULL, JM_STRING, false, 0}

/* from now on, every block jansson frees is wiped first (parsed answers hold passwords and tokens); idempotent */
void jm_wipe_freed_memory(void);
/* the parsed body; NULL after e ("invalid JSON (...)") when it is not a complete JSON value */
json_t *jm_parse(const char *text, size_t len, PlatformError *e);
/* the member at path, of the given type; NULL after e when absent or of another type */
json_t *jm_get(json_t *obj, const char *path, json_type type, const char *where, PlatformError *e);
/* fills out from obj as fields describe; false after e naming the first bad field (where names obj) */
bool jm_map(json_t *obj, const JmField *fields, void *out, const char *where, PlatformError *e);
/* frees the strings jm_map copied into out */
void jm_free(const JmField *fields, void *out);
/*
 * Maps every element of the array at path (dotted, in obj) into a new array of items of
 * the given size (one more, zeroed, at the end); false after e naming the first bad
 * field ("database_backups[2].size").
 */
bool jm_map_array(json_t *obj, const char *path, const JmField *fields, size_t size, void **items, int *count,
                  PlatformError *e);
/* frees what jm_map_array made */
void jm_free_array(const JmField *fields, void *items, size_t size, int count);
/* a server's message made fit for one line of a terminal: printable, bounded length */
char *jm_printable(const char *text, size_t max);

#endif
