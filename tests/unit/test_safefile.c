/* The private rules of util/safefile: what may hold secrets, and what a refusal leaves as it was. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "util/safefile.h"
#include "util/xalloc.h"

#define ME 1000
#define OTHER 1001

static void test_private_folder(void)
{
    CHECK(safefile_judge(SAFE_PRIVATE_FOLDER, S_IFDIR | 0700, ME, ME) == NULL);
    /* readable by others is closed by safefile_private_dir, not refused */
    CHECK(safefile_judge(SAFE_PRIVATE_FOLDER, S_IFDIR | 0755, ME, ME) == NULL);
    CHECK_STR(safefile_judge(SAFE_PRIVATE_FOLDER, S_IFDIR | 0770, ME, ME), "it is writable by others (chmod 700 it)");
    CHECK_STR(safefile_judge(SAFE_PRIVATE_FOLDER, S_IFDIR | 0702, ME, ME), "it is writable by others (chmod 700 it)");
    CHECK_STR(safefile_judge(SAFE_PRIVATE_FOLDER, S_IFDIR | 01777, ME, ME),
              "it is writable by others (chmod 700 it)");
    CHECK_STR(safefile_judge(SAFE_PRIVATE_FOLDER, S_IFDIR | 0700, OTHER, ME),
              "it belongs to another user (it must be yours)");
    CHECK_STR(safefile_judge(SAFE_PRIVATE_FOLDER, S_IFLNK | 0777, ME, ME),
              "it is a symbolic link (remove it: pgconsole makes the folder itself)");
    CHECK_STR(safefile_judge(SAFE_PRIVATE_FOLDER, S_IFREG | 0600, ME, ME), "it is not a folder (move it away)");
    /* root is held to the same rules: a folder of nobody's is not root's */
    CHECK(safefile_judge(SAFE_PRIVATE_FOLDER, S_IFDIR | 0700, 65534, 0) != NULL);
}

static void test_files(void)
{
    CHECK(safefile_judge(SAFE_OWN_FILE, S_IFREG | 0600, ME, ME) == NULL);
    CHECK(safefile_judge(SAFE_OWN_FILE, S_IFREG | 0666, ME, ME) == NULL);
    CHECK(safefile_judge(SAFE_PRIVATE_FILE, S_IFREG | 0644, ME, ME) == NULL);
    CHECK_STR(safefile_judge(SAFE_PRIVATE_FILE, S_IFREG | 0620, ME, ME),
              "it is writable by others (check what it holds, then chmod 600 it)");
    CHECK_STR(safefile_judge(SAFE_OWN_FILE, S_IFREG | 0600, OTHER, ME), "it belongs to another user (it must be yours)");
    CHECK_STR(safefile_judge(SAFE_OWN_FILE, S_IFLNK | 0777, ME, ME), "it is a symbolic link (remove it)");
    CHECK_STR(safefile_judge(SAFE_PRIVATE_FILE, S_IFDIR | 0700, ME, ME), "it is not a regular file (move it away)");
    CHECK_STR(safefile_judge(SAFE_OWN_FILE, S_IFIFO | 0600, ME, ME), "it is not a regular file (move it away)");
}

/* ---- on disk, in a folder of the test's own ---- */

static char *scratch;

static char *in_scratch(const char *name)
{
    return xasprintf("%s/%s", scratch, name);
}

static void put(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    CHECK(fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text));
    close(fd);
    chmod(path, mode);
}

static void check_refused(bool ok, char *why, const char *want)
{
    CHECK(!ok);
    CHECK_INT(errno, EPERM);
    CHECK_STR(why, want);
    free(why);
}

static void test_folders_made_and_refused(void)
{
    char *made = in_scratch("a/b/pgconsole");
    char *why;
    CHECK(safefile_private_dir(made, &why) && why == NULL);
    struct stat st;
    CHECK(lstat(made, &st) == 0 && (st.st_mode & 07777) == 0700);
    chmod(made, 0755);
    CHECK(safefile_private_dir(made, &why));
    CHECK(lstat(made, &st) == 0 && (st.st_mode & 07777) == 0700);
    chmod(made, 0770);
    bool ok = safefile_private_dir(made, &why);
    char *want = xasprintf("refusing to use %s: it is writable by others (chmod 700 it)", made);
    check_refused(ok, why, want);
    CHECK(lstat(made, &st) == 0 && (st.st_mode & 07777) == 0770);
    free(want);

    char *link = in_scratch("linked");
    CHECK(symlink(made, link) == 0);
    chmod(made, 0700);
    ok = safefile_private_dir(link, &why);
    want = xasprintf("refusing to use %s: it is a symbolic link (remove it: pgconsole makes the folder itself)", link);
    check_refused(ok, why, want);
    free(want);
    free(link);
    free(made);
}

static void test_files_refused_and_left_alone(void)
{
    char *real = in_scratch("real");
    char *link = in_scratch("token-link");
    put(real, "kept", 0600);
    CHECK(symlink(real, link) == 0);
    char *why;
    CHECK(safefile_read_private(link, SAFE_OWN_FILE, NULL, &why) == NULL);
    char *want = xasprintf("refusing to use %s: it is a symbolic link (remove it)", link);
    check_refused(false, why, want);
    bool ok = safefile_write(link, "new", 3, &why);
    check_refused(ok, why, want);
    struct stat st;
    CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
    char *text = safefile_read_private(real, SAFE_PRIVATE_FILE, NULL, &why);
    CHECK_STR(text, "kept");
    free(text);
    free(want);

    chmod(real, 0622);
    CHECK(safefile_read_private(real, SAFE_PRIVATE_FILE, NULL, &why) == NULL);
    CHECK(why != NULL && strstr(why, "writable by others") != NULL);
    free(why);
    /* a file of ours is replaced whole, and private */
    CHECK(safefile_write(real, "new", 3, &why) && why == NULL);
    CHECK(lstat(real, &st) == 0 && (st.st_mode & 07777) == 0600);

    char *missing = in_scratch("missing");
    CHECK(safefile_read_private(missing, SAFE_OWN_FILE, NULL, &why) == NULL && errno == ENOENT && why == NULL);
    free(missing);
    free(real);
    free(link);
}

/* the cache's writes skip the fsync but keep the rest: replaced whole, private, links refused */
static void test_cache_writes(void)
{
    char *path = in_scratch("cached");
    char *why;
    put(path, "old and longer", 0644);
    CHECK(safefile_write_cache(path, "new", 3, &why) && why == NULL);
    struct stat st;
    CHECK(lstat(path, &st) == 0 && (st.st_mode & 07777) == 0600 && st.st_size == 3);
    char *text = safefile_read_private(path, SAFE_PRIVATE_FILE, NULL, &why);
    CHECK_STR(text, "new");
    free(text);
    char *link = in_scratch("cached-link");
    CHECK(symlink(path, link) == 0);
    bool ok = safefile_write_cache(link, "evil", 4, &why);
    char *want = xasprintf("refusing to use %s: it is a symbolic link (remove it)", link);
    check_refused(ok, why, want);
    CHECK(lstat(path, &st) == 0 && st.st_size == 3);
    free(want);
    free(link);
    free(path);
}

static void test_another_users_file(void)
{
    if (geteuid() != 0)
        return;    /* only root can give a file away */
    char *theirs = in_scratch("theirs");
    put(theirs, "theirs", 0600);
    CHECK(chown(theirs, 65534, 65534) == 0);
    char *why;
    bool ok = safefile_write(theirs, "mine", 4, &why);
    char *want = xasprintf("refusing to use %s: it belongs to another user (it must be yours)", theirs);
    check_refused(ok, why, want);
    struct stat st;
    CHECK(lstat(theirs, &st) == 0 && st.st_uid == 65534 && st.st_size == 6);
    free(want);
    free(theirs);
}

int main(void)
{
    char tmpl[] = "/tmp/pgconsole-unit-safefile-XXXXXX";
    scratch = mkdtemp(tmpl);
    if (!scratch)
        return 1;
    RUN(test_private_folder);
    RUN(test_files);
    RUN(test_folders_made_and_refused);
    RUN(test_files_refused_and_left_alone);
    RUN(test_cache_writes);
    RUN(test_another_users_file);
    char *cmd = xasprintf("rm -rf '%s'", scratch);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", scratch);
    free(cmd);
    UNIT_DONE();
}
