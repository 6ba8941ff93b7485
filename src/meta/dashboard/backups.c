/*
 * \backups: the database's backups (through the database API only).  A download goes
 * to FILE.part, created 0600 and never over anything, renamed to FILE once complete and
 * of the backup's size; it never overwrites a file, never shows the pre-signed URL, and
 * ends with the commands that restore the archive.  Waits show progress on a terminal
 * only; Ctrl-C stops the waiting, never the backup.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "meta/dashboard/admin.h"
#include "meta/dashboard/common.h"
#include "meta/dashboard/figures.h"
#include "meta/dashboard/pitr_time.h"
#include "meta/dashboard/table.h"
#include "platform/backups.h"
#include "platform/dbstate.h"
#include "util/log.h"
#include "util/paths.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static long long now_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/* "01:00 UTC (03:00 CEST here)": the daily backup's hour, UTC and local */
static char *schedule_text(int hour_utc)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    tm.tm_hour = hour_utc;
    tm.tm_min = tm.tm_sec = 0;
    time_t at = timegm(&tm);
    char local[32];
    localtime_r(&at, &tm);
    strftime(local, sizeof(local), "%H:%M %Z", &tm);
    if (strcmp(local + 6, "UTC") == 0 || strcmp(local + 6, "GMT") == 0)
        return xasprintf("%02d:00 UTC", hour_utc);
    return xasprintf("%02d:00 UTC (%s here)", hour_utc, local);
}

static char *schedule_footer(const DbState *st)
{
    if (!st->backups_enabled || st->backup_hour < 0)
        return xstrdup("Daily backup: off");
    char *when = schedule_text(st->backup_hour);
    char *line = xasprintf("Daily backup: at %s", when);
    free(when);
    return line;
}

/* ---- the list ---- */

static const char *const backup_columns[] = {"ID", "Created", "Name", "Size", "Status", "Method"};

static void backups_table(Session *s, DashTable *t, const Backup *backups, int count)
{
    dash_table_init(t, 6, backup_columns);
    dash_table_numeric(t, 3);
    for (int i = 0; i < count; i++) {
        const Backup *b = &backups[i];
        char *created = dash_api_time(b->created_at);
        dash_table_add_copy(t, b->id);
        dash_table_add(t, created ? created : xstrdup(b->created_at ? b->created_at : ""));
        dash_table_add_copy(t, b->name);
        /* a size means something once the backup is done */
        dash_table_add(t, backups_state(b->status) == FOLLOW_SUCCEEDED ? dash_bytes(s, (double)b->size) : NULL);
        dash_table_add_copy(t, b->status);
        dash_table_add_copy(t, b->method);
    }
}

static bool list_backups(Session *s, DbApi *db)
{
    PlatformError e = {0};
    Backup *backups;
    int n;
    DbState st;
    if (!backups_list(db, &backups, &n, &e)) {
        dash_report("backups", &e);
        return false;
    }
    if (!dbstate_get(db, &st, &e)) {
        backups_free(backups, n);
        dash_report("backups", &e);
        return false;
    }
    DashTable t;
    backups_table(s, &t, backups, n);
    dash_table_footer(&t, schedule_footer(&st));
    char *title = xasprintf("Backups of %s", dbapi_app(db));
    ListingPrint spec = {.title = title};
    dash_table_print(s, &t, &spec);
    free(title);
    dash_table_free(&t);
    dbstate_free(&st);
    backups_free(backups, n);
    return true;
}

/* ---- a new backup ---- */

static void on_backup_status(void *ctx, const char *status)
{
    DashProgress *p = ctx;
    dash_progress_show(p, "Backup: %s", status);
}

static bool create_backup(Session *s, DbApi *db, bool wait)
{
    PlatformError e = {0};
    Backup b;
    if (!backups_create(db, &b, &e)) {
        dash_report("backups create", &e);
        return false;
    }
    bool ok = true;
    if (wait) {
        DashProgress p;
        dash_progress_begin(&p);
        FollowOptions o = {.on_status = on_backup_status, .status_ctx = &p};
        ok = backups_follow(db, b.id, &o, &e);
        dash_progress_end(&p);
        Backup now;
        if (ok && backups_show(db, b.id, &now, &e)) {
            backup_free(&b);
            b = now;
        }
        /* a failed backup, or one no longer followed: the line names it */
        if (!ok || e.message)
            dash_report("backups create", &e);
    }
    if (ok) {
        DashTable t;
        backups_table(s, &t, &b, 1);
        ListingPrint spec = {.title = wait ? "New backup" : "New backup (being made: \\backups shows how it goes)"};
        dash_table_print(s, &t, &spec);
        dash_table_free(&t);
    }
    backup_free(&b);
    return ok;
}

/* ---- the daily schedule ---- */

/* "3", "03", "3:00" or "03:00"; -1 when it is none of those */
static int parse_hour(const char *text)
{
    char *end;
    long h = strtol(text, &end, 10);
    if (end == text || end - text > 2 || h < 0 || h > 23)
        return -1;
    if (*end == ':' && strcmp(end, ":00") == 0)
        end += 3;
    return *end ? -1 : (int)h;
}

static bool schedule_backups(Session *s, DbApi *db, const DashArgs *a)
{
    const char *command = "backups schedule";
    PlatformError e = {0};
    if (a->nwords == 2 && strcmp(a->words[1], "off") == 0) {
        if (!backups_schedule(db, false, 0, &e)) {
            dash_report(command, &e);
            return false;
        }
        dash_say(s, "Daily backup of %s: off.", dbapi_app(db));
        return true;
    }
    int hour = a->nwords >= 2 ? parse_hour(a->words[1]) : -1;
    if (hour < 0 || a->nwords > 3) {
        log_error("\\%s: give an hour from 0 to 23 and a time zone (default UTC), or off", command);
        return false;
    }
    const char *zone = a->nwords == 3 ? a->words[2] : NULL;
    int utc;
    char *why = pitr_hour_in_utc(hour, zone, now_ms(), &utc);
    if (why) {
        log_error("\\%s: %s", command, why);
        free(why);
        return false;
    }
    if (!backups_schedule(db, true, utc, &e)) {
        dash_report(command, &e);
        return false;
    }
    char *when = schedule_text(utc);
    dash_say(s, "Daily backup of %s: at %s.", dbapi_app(db), when);
    free(when);
    return true;
}

/* ---- downloads ---- */

typedef struct Bar {
    DashProgress p;
    long long size;             /* what the list says, when the answer does not */
    int last_percent;
} Bar;

static void on_download_progress(void *ctx, long long received, long long total)
{
    Bar *bar = ctx;
    if (total <= 0)
        total = bar->size;
    char *got = dash_pretty_bytes(received);
    if (total > 0) {
        int percent = (int)(received * 100 / total);
        percent = percent > 100 ? 100 : percent;
        if (percent != bar->last_percent) {
            char *all = dash_pretty_bytes(total);
            char marks[31];
            memset(marks, '#', (size_t)(percent * 30 / 100));
            memset(marks + percent * 30 / 100, '.', (size_t)(30 - percent * 30 / 100));
            marks[30] = '\0';
            dash_progress_show(&bar->p, "[%s] %3d%%  %s of %s", marks, percent, got, all);
            free(all);
            bar->last_percent = percent;
        }
    } else {
        dash_progress_show(&bar->p, "%s", got);
    }
    free(got);
}

/* a word as the shell reads it: quoted unless it is plain */
static char *shell_word(const char *word)
{
    if (*word && strspn(word, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._/-+:@") ==
                     strlen(word))
        return xstrdup(word);
    StrBuf sb = STRBUF_INIT;
    sb_append_char(&sb, '\'');
    for (const char *p = word; *p; p++)
        sb_append(&sb, *p == '\'' ? "'\\''" : (char[]){*p, '\0'});
    sb_append_char(&sb, '\'');
    return sb_steal(&sb);
}

static void print_restore_help(Session *s, const Backup *b, const char *file)
{
    char *size = dash_pretty_bytes(b->size);
    char *word = shell_word(file);
    dash_say(s, "Backup %s (%s, %s) downloaded to %s.\n"
                "To restore it into a database (the archive holds one pg_dump file):\n"
                "  tar -xzf %s\n"
                "  pg_restore --no-owner --dbname=DATABASE_URL \"$(tar -tzf %s)\"",
             b->id, b->name ? b->name : b->id, size, file, word, word);
    free(word);
    free(size);
}

/* streams the archive to fd; false after e (which never shows the URL) */
static bool fetch_archive(DbApi *db, const Backup *b, int fd, const char *dest, long long *written,
                          PlatformError *e)
{
    char *url = backups_archive_url(db, b->id, e);
    bool ok = url != NULL;
    if (ok) {
        Bar bar = {.size = b->size, .last_percent = -1};
        dash_progress_begin(&bar.p);
        HttpDownload d = {fd, dest, on_download_progress, &bar};
        ok = dbapi_download(db, url, &d, written, e);
        if (ok && bar.p.on)
            on_download_progress(&bar, *written, *written);
        dash_progress_end(&bar.p);
        explicit_bzero(url, strlen(url));
        free(url);
    }
    if (ok && b->size > 0 && *written != b->size) {
        platform_error_set(e, xasprintf("the download has %lld bytes where the backup has %lld", *written, b->size));
        ok = false;
    }
    return ok;
}

static bool download_to_stdout(Session *s, DbApi *db, const Backup *b)
{
    fflush(s->query_out);
    int fd = fileno(s->query_out);
    if (isatty(fd)) {
        log_error("\\backups download: the output is a terminal: give a file name, or redirect the output");
        return false;
    }
    long long written;
    PlatformError e = {0};
    if (!fetch_archive(db, b, fd, "the output", &written, &e)) {
        dash_report("backups download", &e);
        return false;
    }
    if (isatty(STDERR_FILENO))
        fprintf(stderr, "Backup %s (%s): %lld bytes written.\n", b->id, b->name ? b->name : b->id, written);
    return true;
}

/* FILE.part becomes FILE, which must not exist: a plain rename(2) would replace a file that appeared meanwhile */
static bool put_in_place(const char *part, const char *file)
{
    if (renameat2(AT_FDCWD, part, AT_FDCWD, file, RENAME_NOREPLACE) == 0)
        return true;
    /* file systems without RENAME_NOREPLACE: link(2) refuses an existing name too */
    if ((errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) && link(part, file) == 0) {
        unlink(part);
        return true;
    }
    log_error("\\backups download: could not name the archive %s (%s): it stays in %s", file, strerror(errno),
              part);
    return false;
}

static bool download_to_file(Session *s, DbApi *db, const Backup *b, const char *file)
{
    struct stat st;
    if (lstat(file, &st) == 0) {
        log_error("\\backups download: %s exists: nothing is overwritten, give another file name", file);
        return false;
    }
    char *part = xasprintf("%s.part", file);
    int fd = open(part, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        log_error("\\backups download: could not create %s: %s%s", part, strerror(errno),
                  errno == EEXIST ? " (an interrupted download? remove it, or give another file name)" : "");
        free(part);
        return false;
    }
    long long written = 0;
    PlatformError e = {0};
    bool ok = fetch_archive(db, b, fd, part, &written, &e);
    if (ok && (fsync(fd) != 0 || close(fd) != 0)) {
        platform_error_set(&e, xasprintf("could not write %s: %s", part, strerror(errno)));
        ok = false;
    } else if (!ok) {
        close(fd);
    }
    if (!ok) {
        unlink(part);
        /* formatted before it replaces the message it quotes */
        char *message = xasprintf("%s; nothing was kept (%s removed)", e.message, part);
        platform_error_set(&e, message);
        dash_report("backups download", &e);
    }
    ok = ok && put_in_place(part, file);
    if (ok)
        print_restore_help(s, b, file);
    free(part);
    return ok;
}

/* NAME.tar.gz in the current directory, whatever characters the platform put in the name */
static char *default_file_name(const Backup *b)
{
    char *name = xasprintf("%s.tar.gz", b->name && *b->name ? b->name : b->id);
    for (char *p = name; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr("._-+", *p))
            *p = '_';
    if (name[0] == '.')
        name[0] = '_';
    return name;
}

/* which backup ([ID]) and where ([FILE|-]) from the words after "download"; false after one line */
static bool download_target(const DashArgs *a, const Backup *backups, int n, const Backup **chosen,
                            const char **file)
{
    const char *command = "backups download";
    int words = a->nwords - 1;
    const char *first = words >= 1 ? a->words[1] : NULL;
    *file = NULL;
    *chosen = first ? backups_find(backups, n, first) : NULL;
    if (words > 2 || (words == 2 && !*chosen)) {
        log_error("\\%s: %s", command, words > 2 ? "give a backup ID and a file name, no more"
                                                  : "no backup has this ID (\\backups lists them)");
        return false;
    }
    if (*chosen) {
        *file = words == 2 ? a->words[2] : NULL;
    } else if (first && strcmp(first, "-") != 0 && !strpbrk(first, "./")) {
        /* a mistyped ID must not become the name of a file holding another backup */
        log_error("\\%s: no backup has the ID %s (a file name needs a dot or a slash: %s.tar.gz, ./%s)", command,
                  first, first, first);
        return false;
    } else {
        *file = first;
    }
    if (!*chosen && !(*chosen = backups_newest_done(backups, n))) {
        log_error("\\%s: no backup is done yet (\\backups create --wait makes one)", command);
        return false;
    }
    if (backups_state((*chosen)->status) != FOLLOW_SUCCEEDED) {
        log_error("\\%s: backup %s is %s, not done: there is nothing to download yet", command, (*chosen)->id,
                  (*chosen)->status);
        return false;
    }
    return true;
}

static bool download_backup(Session *s, DbApi *db, const DashArgs *a)
{
    PlatformError e = {0};
    Backup *backups;
    int n;
    if (!backups_list(db, &backups, &n, &e)) {
        dash_report("backups download", &e);
        return false;
    }
    const Backup *b;
    const char *file;
    bool ok = download_target(a, backups, n, &b, &file);
    if (ok && file && strcmp(file, "-") == 0) {
        ok = download_to_stdout(s, db, b);
    } else if (ok) {
        char *name = file ? path_expand_tilde(file) : default_file_name(b);
        ok = download_to_file(s, db, b, name);
        free(name);
    }
    backups_free(backups, n);
    return ok;
}

MetaResult dash_cmd_backups(MetaContext *ctx)
{
    static const char *const flags[] = {"--wait", NULL};
    DashArgs a;
    if (!dash_args_read(ctx, "backups", flags, -1, &a))
        return META_ERROR;
    const char *sub = a.nwords ? a.words[0] : "list";
    if (strcmp(sub, "help") == 0) {
        dash_args_free(&a);
        return dash_print_help(ctx, "backups");
    }
    DbApi *db = dash_require_api(ctx->s, "backups", "backups are made and kept by the platform");
    bool ok = db != NULL;
    if (ok && (a.confirm || (a.flags && strcmp(sub, "create") != 0))) {
        log_error("\\backups %s: %s", sub, a.confirm ? "nothing here needs --confirm" : "--wait goes with create");
        ok = false;
    } else if (ok && strcmp(sub, "list") == 0 && a.nwords <= 1) {
        ok = list_backups(ctx->s, db);
    } else if (ok && strcmp(sub, "create") == 0 && a.nwords == 1) {
        ok = create_backup(ctx->s, db, dash_args_flag(&a, 0));
    } else if (ok && strcmp(sub, "download") == 0) {
        ok = download_backup(ctx->s, db, &a);
    } else if (ok && strcmp(sub, "schedule") == 0) {
        ok = schedule_backups(ctx->s, db, &a);
    } else if (ok) {
        ok = dash_unknown_subcommand("backups", sub);
    }
    dash_args_free(&a);
    return ok ? META_SKIP_LINE : META_ERROR;
}
