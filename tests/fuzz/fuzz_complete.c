/*
 * Tab completion (src/console/complete*.c) on what the line editor hands over: the
 * earlier lines of the statement, the current line and the word under the cursor, on
 * a session without a connection (no catalog look-up runs).  File names complete in
 * the current directory and under "~/", which is a scratch directory made for the run
 * with awkward names in it (the current directory stays: libFuzzer's paths may be
 * relative to it).
 *
 * Input: one flag byte (COMP_KEYWORD_CASE, client encoding), one byte that places the
 * cursor, one that says where the editor starts the word (at the last word break, or
 * earlier), then the buffer and the line separated by a NUL byte.  Lines starting with
 * 0x01 before them ("\x01name=value") define variables, for :name completion.
 *
 * Calls: session_create, session_destroy, vars_set, complete_candidates,
 * complete_reset_cache.
 */
#include "fuzz_common.h"

#include <sys/stat.h>

#include "console/complete.h"
#include "session/session.h"

/* psql's WORD_BREAKS, where the line editor starts the word it asks about */
static const char word_breaks[] = " \t\n@$><=;|&{()";

static char scratch[] = "/tmp/pgconsole-fuzz-complete.XXXXXX";
static const char *const files[] = {"plain.sql", "with space.sql", "quote'd.sql", "dq\"uote", "back\\slash",
                                    "ünïcödé.txt", ".hidden"};
static const char *const dirs[] = {"sub dir", "subdir"};

static void in_scratch(const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", scratch, name);
}

static void remove_scratch(void)
{
    char path[256];
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        in_scratch(files[i], path, sizeof(path));
        unlink(path);
    }
    for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
        in_scratch(dirs[i], path, sizeof(path));
        rmdir(path);
    }
    rmdir(scratch);
}

static void scratch_home(void)
{
    if (!mkdtemp(scratch))
        return;
    char path[256];
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        in_scratch(files[i], path, sizeof(path));
        FILE *fp = fopen(path, "w");
        if (fp)
            fclose(fp);
    }
    for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
        in_scratch(dirs[i], path, sizeof(path));
        mkdir(path, 0700);
    }
    setenv("HOME", scratch, 1);
    atexit(remove_scratch);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet();
    scratch_home();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzIn in = {data, size};
    uint8_t flags = fuzz_byte(&in), cursor = fuzz_byte(&in), back = fuzz_byte(&in);
    Session *s = session_create();
    s->comp_case = (CompCase)(flags & 3);
    s->encoding = fuzz_encoding((uint8_t)(flags >> 2) & 15);
    s->popt.encoding = s->encoding;
    while (in.n > 0 && in.p[0] == 0x01) {
        in.p++;
        in.n--;
        char *def = fuzz_until(&in, '\n');
        char *eq = strchr(def, '=');
        if (eq) {
            *eq = '\0';
            vars_set(s->vars, def, eq + 1);
        }
        free(def);
    }
    char *buffer = fuzz_until(&in, '\0');
    char *line = fuzz_until(&in, '\0');
    int len = (int)strlen(line);
    int end = len - (len ? cursor % (len + 1) : 0);
    int start = end;
    while (start > 0 && !strchr(word_breaks, line[start - 1]))
        start--;
    start -= start ? back % (start + 1) : 0;
    if (back & 0x80)
        start = end;

    CompletionRequest req = {buffer, line, start, end};
    CompletionHints hints;
    char **cands = complete_candidates(s, &req, &hints);
    for (size_t i = 0; cands && cands[i]; i++)
        free(cands[i]);
    free(cands);
    complete_reset_cache(s);
    free(buffer);
    free(line);
    session_destroy(s);
    return 0;
}
