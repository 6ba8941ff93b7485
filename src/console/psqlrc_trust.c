#include "console/psqlrc_trust.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "console/mainloop.h"
#include "util/log.h"
#include "util/paths.h"
#include "util/safefile.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* how deep trusted files may include one another before we call it a loop */
#define MAX_INCLUDE_DEPTH 16

/* while a trusted file runs, its includes must be trusted too (a count: includes nest) */
static int trusted_run_depth;

static char *store_path(char **why)
{
    char *dir = safefile_config_dir(why);
    char *path = dir ? xasprintf("%s/trusted-psqlrc", dir) : NULL;
    free(dir);
    return path;
}

/* a path may hold any byte but NUL: escape what would break a line or the escape itself */
static bool needs_escape(unsigned char c)
{
    return c < 0x20 || c == 0x7f || c == '%';
}

char *psqlrc_trust_format_line(const char *hash, const char *path)
{
    StrBuf out = STRBUF_INIT;
    sb_printf(&out, "%s\t", hash);
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (needs_escape(*p))
            sb_printf(&out, "%%%02X", *p);
        else
            sb_append_char(&out, (char)*p);
    }
    sb_append_char(&out, '\n');
    return sb_steal(&out);
}

static int hex_value(char c)
{
    return isdigit((unsigned char)c) ? c - '0' : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
}

bool psqlrc_trust_parse_line(const char *line, size_t len, char **hash, char **path)
{
    const char *tab = memchr(line, '\t', len);
    if (!tab || tab == line)
        return false;
    StrBuf out = STRBUF_INIT;
    for (const char *p = tab + 1; p < line + len; p++) {
        if (*p != '%') {
            sb_append_char(&out, *p);
            continue;
        }
        int hi = p + 2 < line + len ? hex_value(p[1]) : -1, lo = hi >= 0 ? hex_value(p[2]) : -1;
        if (lo < 0 || (hi == 0 && lo == 0)) {
            sb_free(&out);
            return false;
        }
        sb_append_char(&out, (char)(hi * 16 + lo));
        p += 2;
    }
    *hash = xstrndup(line, (size_t)(tab - line));
    *path = sb_steal(&out);
    return true;
}

/* calls each(hash, path, ctx) for every well-formed line of the store; lines of older formats are skipped */
static void for_each_entry(const char *content, void (*each)(const char *, const char *, void *), void *ctx)
{
    for (const char *line = content; line && *line;) {
        size_t n = strcspn(line, "\n");
        char *hash, *path;
        if (psqlrc_trust_parse_line(line, n, &hash, &path)) {
            each(hash, path, ctx);
            free(hash);
            free(path);
        }
        line += n + (line[n] ? 1 : 0);
    }
}

typedef struct Lookup {
    const char *hash;
    const char *path;
    bool found;
} Lookup;

static void match_entry(const char *hash, const char *path, void *ctx)
{
    Lookup *l = ctx;
    if (strcmp(hash, l->hash) == 0 && strcmp(path, l->path) == 0)
        l->found = true;
}

/* the store's lines; NULL when there is no store yet, or (*why set) when the private rules refuse it */
static char *read_store(const char *store, char **why)
{
    /* a store others could write could trust anything */
    return safefile_read_private(store, SAFE_PRIVATE_FILE, NULL, why);
}

/* why (may be NULL) is set when the store cannot be used */
static bool is_trusted(const char *path, const char *hash, char **why)
{
    char *store = store_path(why);
    char *content = store ? read_store(store, why) : NULL;
    Lookup l = {hash, path, false};
    for_each_entry(content, match_entry, &l);
    free(content);
    free(store);
    return l.found;
}

typedef struct Rewrite {
    const char *path;
    StrBuf *out;
} Rewrite;

static void keep_other_paths(const char *hash, const char *path, void *ctx)
{
    Rewrite *r = ctx;
    if (strcmp(path, r->path) != 0) {
        char *line = psqlrc_trust_format_line(hash, path);
        sb_append(r->out, line);
        free(line);
    }
}

/* replaces any older entry for path with its current hash */
static bool record_entry(const char *path, const char *hash)
{
    char *why;
    char *store = store_path(&why);
    if (!store) {
        log_error("could not record trust: %s", why ? why : "no configuration directory");
        free(why);
        return false;
    }
    char *content = read_store(store, &why);
    /* a store that cannot be read must not be replaced by one that lacks its lines */
    if (!content && (why || errno != ENOENT)) {
        log_error("could not record trust: %s", why ? why : strerror(errno));
        free(why);
        free(store);
        return false;
    }
    StrBuf out = STRBUF_INIT;
    Rewrite r = {path, &out};
    for_each_entry(content, keep_other_paths, &r);
    char *line = psqlrc_trust_format_line(hash, path);
    sb_append(&out, line);
    free(line);
    bool ok = safefile_write(store, sb_str(&out), out.len, &why);
    if (!ok && why)
        log_error("could not record trust: %s", why);
    else if (!ok)
        log_error("could not record trust in \"%s\": %s", store, strerror(errno));
    free(why);
    sb_free(&out);
    free(content);
    free(store);
    return ok;
}

/* the argument after an include command on a line: NULL when none, or when it is not a literal name */
static char *literal_argument(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '\'') {
        StrBuf name = STRBUF_INIT;
        for (p++; *p && *p != '\n'; p++) {
            if (*p == '\'' && p[1] == '\'')
                p++;
            else if (*p == '\'')
                return sb_steal(&name);
            sb_append_char(&name, *p);
        }
        sb_free(&name);
        return NULL;
    }
    size_t n = strcspn(p, " \t\n\\");
    if (n == 0 || memchr(p, ':', n) || memchr(p, '`', n) || memchr(p, '"', n))
        return NULL;
    return xstrndup(p, n);
}

/* \i NAME, \include NAME, \ir NAME, \include_relative NAME: is_relative set for the last two */
static const char *include_command_end(const char *p, bool *is_relative)
{
    static const struct {
        const char *name;
        bool relative;
    } commands[] = {{"include_relative", true}, {"include", false}, {"ir", true}, {"i", false}};
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        size_t n = strlen(commands[i].name);
        if (strncmp(p, commands[i].name, n) == 0 && (p[n] == ' ' || p[n] == '\t')) {
            *is_relative = commands[i].relative;
            return p + n;
        }
    }
    return NULL;
}

static bool record_with_includes(const char *path, int depth);

static void record_includes_of(const char *path, const char *data, int depth)
{
    char *dir = path_dirname(path);
    for (const char *p = strchr(data, '\\'); p; p = strchr(p + 1, '\\')) {
        bool relative;
        const char *end = include_command_end(p + 1, &relative);
        char *name = end ? literal_argument(end) : NULL;
        if (!name)
            continue;
        char *expanded = path_expand_tilde(name);
        char *joined = relative && expanded[0] != '/' ? path_join(dir, expanded) : xstrdup(expanded);
        char *real = realpath(joined, NULL);
        if (real)
            record_with_includes(real, depth + 1);
        else
            log_prefixed(LOG_WARNING, "%s includes %s, which cannot be read: %s", path, joined, strerror(errno));
        free(real);
        free(joined);
        free(expanded);
        free(name);
    }
    free(dir);
}

static bool record_with_includes(const char *path, int depth)
{
    if (depth > MAX_INCLUDE_DEPTH)
        return true;
    size_t len;
    char *data = safefile_read(path, &len);
    if (!data) {
        log_prefixed(LOG_ERROR, "%s: %s", path, strerror(errno));
        return false;
    }
    char *hash = safefile_sha256_hex(data, len);
    bool already = is_trusted(path, hash, NULL);
    bool ok = already || record_entry(path, hash);
    if (ok && !already) {
        printf("Trusted %s (sha256 %.12s).\n", path, hash);
        record_includes_of(path, data, depth);
    }
    explicit_bzero(data, len);
    free(data);
    free(hash);
    return ok;
}

bool psqlrc_trust_record(const char *path)
{
    return record_with_includes(path, 0);
}

typedef enum TrustedRun { RUN_DONE, RUN_UNREADABLE, RUN_NOT_TRUSTED } TrustedRun;

/* reads path once and runs those very bytes when their hash is trusted (*result: the run's exit code;
 * why, when not NULL, is set when the store cannot be used) */
static TrustedRun run_if_trusted(Session *s, const char *path, const char *shown, int *result, char **why)
{
    size_t len;
    char *data = safefile_read(path, &len);
    *result = EXIT_FAIL;
    if (!data) {
        log_error("%s: %s", shown, strerror(errno));
        return RUN_UNREADABLE;
    }
    char *hash = safefile_sha256_hex(data, len);
    bool trusted = is_trusted(path, hash, why);
    if (trusted) {
        trusted_run_depth++;
        *result = mainloop_process_bytes(s, shown, data, len);
        trusted_run_depth--;
    }
    free(hash);
    free(data);
    return trusted ? RUN_DONE : RUN_NOT_TRUSTED;
}

bool psqlrc_trust_run(Session *s, const char *path, char **why)
{
    int result;
    *why = NULL;
    return run_if_trusted(s, path, path, &result, why) != RUN_NOT_TRUSTED;
}

int psqlrc_trust_run_include(Session *s, const char *filename, bool relative)
{
    if (trusted_run_depth == 0)
        return mainloop_process_file(s, filename, relative);
    if (!filename || strcmp(filename, "-") == 0 || trusted_run_depth > MAX_INCLUDE_DEPTH) {
        log_error("a trusted .psqlrc may include only trusted files");
        return EXIT_FAIL;
    }
    char *shown = mainloop_include_path(s, filename, relative);
    char *real = realpath(shown, NULL);
    int result = EXIT_FAIL;
    if (!real)
        log_error("%s: %s", shown, strerror(errno));
    else if (run_if_trusted(s, real, shown, &result, NULL) == RUN_NOT_TRUSTED)
        log_error("%s: not run: the app's .psqlrc includes it, and it is new or has changed since the .psqlrc "
                  "was trusted; review it, then run \"%s --app APP --trust-psqlrc\"",
                  shown, log_progname());
    free(real);
    free(shown);
    return result;
}
