/*
 * The SSH leg's pure parts: PGCONSOLE_SSH_COMMAND's words, gateway addresses, the ssh
 * command lines, and the one-line messages made from what ssh writes (the samples are
 * OpenSSH 9.2's own words, from the stand-in's gateway); and the control socket's folder.
 */
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gateway/ssh_command.h"
#include "gateway/ssh_leg.h"
#include "gateway/ssh_failure.h"
#include "unit.h"

static char *joined(const SshArgs *a)
{
    size_t len = 1;
    for (int i = 0; i < a->argc; i++)
        len += strlen(a->argv[i]) + 3;
    char *out = calloc(1, len);
    for (int i = 0; i < a->argc; i++) {
        strcat(out, i ? " [" : "[");
        strcat(out, a->argv[i]);
        strcat(out, "]");
    }
    return out;
}

static void check_split(const char *text, const char *want)
{
    SshArgs a = {0};
    char *err = NULL;
    CHECK(ssh_split_words(text, &a, &err));
    char *got = joined(&a);
    CHECK_STR(got, want);
    free(got);
    ssh_args_free(&a);
}

static void test_split_like_a_shell(void)
{
    check_split("ssh", "[ssh]");
    check_split("  ssh   -F /tmp/x  ", "[ssh] [-F] [/tmp/x]");
    check_split("ssh -i '/path with spaces/key'", "[ssh] [-i] [/path with spaces/key]");
    check_split("ssh -o \"ProxyCommand=nc %h %p\"", "[ssh] [-o] [ProxyCommand=nc %h %p]");
    check_split("ssh -i a\\ b \"q\\\"uote\\\\\" 'it''s'", "[ssh] [-i] [a b] [q\"uote\\] [its]");
    check_split("/usr/bin/ssh -v ''", "[/usr/bin/ssh] [-v] []");
    /* no expansion: the words go to exec as written */
    check_split("ssh -F $HOME/cfg ~/x", "[ssh] [-F] [$HOME/cfg] [~/x]");
    SshArgs a = {0};
    char *err = NULL;
    CHECK(!ssh_split_words("ssh -o 'unfinished", &a, &err));
    CHECK_STR(err, "an unfinished quote or escape");
    free(err);
    ssh_args_free(&a);
    err = NULL;
    CHECK(!ssh_split_words("ssh \\", &a, &err));
    free(err);
    ssh_args_free(&a);
}

static void check_gateway(const char *text, const char *host, const char *port)
{
    char *h = NULL, *p = NULL;
    bool ok = ssh_parse_gateway(text, &h, &p);
    CHECK_INT(ok, host != NULL);
    CHECK_STR(h, host);
    CHECK_STR(p, port);
    free(h);
    free(p);
}

static void test_gateway_addresses(void)
{
    check_gateway("ssh.osc-fr1.scalingo.com:22", "ssh.osc-fr1.scalingo.com", "22");
    check_gateway("ssh.osc-fr1.scalingo.com", "ssh.osc-fr1.scalingo.com", "22");
    check_gateway("127.0.0.1:2222", "127.0.0.1", "2222");
    check_gateway("[::1]:2222", "::1", "2222");
    check_gateway("[::1]", "::1", "22");
    /* what could pass for an ssh option, or is no address at all */
    check_gateway("-oProxyCommand=touch /tmp/x", NULL, NULL);
    check_gateway("-host:22", NULL, NULL);
    check_gateway("git@ssh.example.com", NULL, NULL);
    check_gateway("host name:22", NULL, NULL);
    check_gateway("::1", NULL, NULL);
    check_gateway("host:0", NULL, NULL);
    check_gateway("host:65536", NULL, NULL);
    check_gateway("host:ssh", NULL, NULL);
    check_gateway("host:", NULL, NULL);
    check_gateway(":22", NULL, NULL);
    check_gateway("", NULL, NULL);
    check_gateway("[]:22", NULL, NULL);
}

static void test_forward_spec(void)
{
    char *s = ssh_forward_spec(40123, "my-app.postgresql.a.osc-fr1.scalingo-dbs.com", "30000");
    CHECK_STR(s, "127.0.0.1:40123:my-app.postgresql.a.osc-fr1.scalingo-dbs.com:30000");
    free(s);
    s = ssh_forward_spec(5, "fd00::5", "5432");
    CHECK_STR(s, "127.0.0.1:5:[fd00::5]:5432");
    free(s);
}

static void test_master_command_line(void)
{
    char *forwards[] = {"127.0.0.1:40123:db.example:30000"};
    SshArgs a = {0};
    ssh_args_add(&a, "ssh");
    ssh_master_args(&a, "ssh.example", "22", "/run/user/1/pgconsole/ssh-1-1", false, forwards, 1);
    char *got = joined(&a);
    CHECK_STR(got, "[ssh] [-N] [-o] [BatchMode=yes] [-o] [ExitOnForwardFailure=yes] [-o] [ServerAliveInterval=15] "
                   "[-o] [ServerAliveCountMax=3] [-o] [ConnectTimeout=15] [-o] [LogLevel=INFO] [-o] "
                   "[ControlMaster=yes] [-o] [ControlPersist=no] [-o] [ControlPath=/run/user/1/pgconsole/ssh-1-1] "
                   "[-L] [127.0.0.1:40123:db.example:30000] [-p] [22] [-l] [git] [--] [ssh.example]");
    free(got);
    ssh_args_free(&a);
    /* at a terminal ssh may ask (a passphrase, a new host key): no BatchMode */
    ssh_master_args(&a, "ssh.example", "22", "/c", true, forwards, 1);
    got = joined(&a);
    CHECK(strstr(got, "BatchMode") == NULL);
    CHECK(strstr(got, "StrictHostKeyChecking") == NULL);
    free(got);
    ssh_args_free(&a);
    ssh_add_forward_args(&a, "ssh.example", "2222", "/c", "127.0.0.1:1:db:5");
    got = joined(&a);
    CHECK_STR(got, "[-o] [ControlPath=/c] [-o] [BatchMode=yes] [-O] [forward] [-L] [127.0.0.1:1:db:5] [-p] [2222] "
                   "[-l] [git] [--] [ssh.example]");
    free(got);
    ssh_args_free(&a);
    ssh_host_key_args(&a, "ssh.example", "22");
    got = joined(&a);
    CHECK(strstr(got, "[StrictHostKeyChecking=yes]") != NULL);
    CHECK(strstr(got, "[LogLevel=DEBUG1]") != NULL);
    free(got);
    ssh_args_free(&a);
}

static char *message_for(const char *log)
{
    SshFailure f;
    ssh_failure_parse(log, &f);
    char *m = ssh_failure_message(&f, "ssh.osc-fr1.scalingo.com", "22", 255);
    ssh_failure_free(&f);
    return m;
}

static const char changed_log[] =
    "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
    "@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n"
    "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
    "IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\n"
    "Someone could be eavesdropping on you right now (man-in-the-middle attack)!\n"
    "It is also possible that a host key has just been changed.\n"
    "The fingerprint for the ED25519 key sent by the remote host is\n"
    "SHA256:zDJbCfEtQeYPVceRBVN4Jh/DVr0nkmAilIdyGcY6H7s.\n"
    "Please contact your system administrator.\n"
    "Add correct host key in /home/me/.ssh/known_hosts to get rid of this message.\n"
    "Offending ED25519 key in /home/me/.ssh/known_hosts:7\n"
    "  remove with:\n"
    "  ssh-keygen -f \"/home/me/.ssh/known_hosts\" -R \"ssh.osc-fr1.scalingo.com\"\n"
    "Host key for ssh.osc-fr1.scalingo.com has changed and you have requested strict checking.\n"
    "Host key verification failed.\n";

static void test_host_key_messages(void)
{
    char *m = message_for(changed_log);
    CHECK_STR(m, "the host key of the SSH gateway ssh.osc-fr1.scalingo.com:22 has changed (it now shows ED25519 key "
                 "SHA256:zDJbCfEtQeYPVceRBVN4Jh/DVr0nkmAilIdyGcY6H7s; the old one is in "
                 "/home/me/.ssh/known_hosts:7): this can be an attack; only if Scalingo announced a new key, remove "
                 "the old one with \"ssh-keygen -R 'ssh.osc-fr1.scalingo.com'\" and try again");
    free(m);

    SshFailure f;
    ssh_failure_parse("Warning: something\nHost key verification failed.\n", &f);
    CHECK_INT(f.kind, SSH_FAILURE_HOST_KEY_UNKNOWN);
    f.key = ssh_failure_server_key("debug1: Connecting to x\n"
                                   "debug1: Server host key: ssh-ed25519 "
                                   "SHA256:zDJbCfEtQeYPVceRBVN4Jh/DVr0nkmAilIdyGcY6H7s\n"
                                   "debug1: checking without port identifier\n");
    m = ssh_failure_message(&f, "127.0.0.1", "2222", 255);
    CHECK_STR(m, "the SSH gateway 127.0.0.1:2222 is not in your known hosts (it shows ED25519 key "
                 "SHA256:zDJbCfEtQeYPVceRBVN4Jh/DVr0nkmAilIdyGcY6H7s): if that is the fingerprint Scalingo "
                 "publishes for it, accept it once with \"ssh -p 2222 git@127.0.0.1\", then try again");
    free(m);
    ssh_failure_free(&f);

    char *key = ssh_failure_server_key("debug1: Server host key: ecdsa-sha2-nistp256 SHA256:abc\n");
    CHECK_STR(key, "ECDSA key SHA256:abc");
    free(key);
    key = ssh_failure_server_key("debug1: Server host key: rsa-sha2-512 SHA256:abc\n");
    CHECK_STR(key, "RSA key SHA256:abc");
    free(key);
    CHECK(ssh_failure_server_key("debug1: nothing here\n") == NULL);
}

static void test_other_messages(void)
{
    char *m = message_for("git@ssh.osc-fr1.scalingo.com: Permission denied (publickey).\n");
    CHECK_STR(m, "the SSH gateway ssh.osc-fr1.scalingo.com:22 accepted none of your SSH keys (as user git): add your "
                 "public key to your Scalingo account with \"scalingo keys-add NAME ~/.ssh/id_ed25519.pub\", or load "
                 "the right key in ssh-agent");
    free(m);
    unsetenv("SCALINGO_SSH_HOST");
    m = message_for("ssh: connect to host ssh.osc-fr1.scalingo.com port 22: Connection timed out\n");
    CHECK_STR(m, "could not reach the SSH gateway ssh.osc-fr1.scalingo.com:22 (Connection timed out): check your "
                 "network connection");
    free(m);
    m = message_for("ssh: Could not resolve hostname ssh.osc-fr1.scalingo.com: Temporary failure in name "
                    "resolution\n");
    CHECK_STR(m, "could not reach the SSH gateway ssh.osc-fr1.scalingo.com:22 (Temporary failure in name "
                 "resolution): check your network connection");
    free(m);
    m = message_for("kex_exchange_identification: read: Connection reset by peer\n");
    CHECK(strstr(m, "(Connection reset by peer)") != NULL);
    free(m);
    /* unknown words: ssh's last line is the useful part */
    m = message_for("Warning: Permanently added 'x' (ED25519) to the list of known hosts.\nBad owner or permissions "
                    "on /home/me/.ssh/config\n");
    CHECK_STR(m, "the SSH connection to the gateway ssh.osc-fr1.scalingo.com:22 failed: Bad owner or permissions on "
                 "/home/me/.ssh/config");
    free(m);
    m = message_for("");
    CHECK_STR(m, "the SSH connection to the gateway ssh.osc-fr1.scalingo.com:22 failed (ssh exited with status 255 "
                 "and said nothing)");
    free(m);

    SshFailure f;
    ssh_failure_parse("bind [127.0.0.1]:35173: Address already in use\n"
                      "channel_setup_fwd_listener_tcpip: cannot listen to port: 35173\n"
                      "Could not request local forwarding.\n", &f);
    CHECK_INT(f.kind, SSH_FAILURE_LOCAL_PORT);
    ssh_failure_free(&f);
}

static void test_channel_refusals(void)
{
    char *m = ssh_failure_channel("channel 2: open failed: administratively prohibited: open failed\n", "gw", "22",
                                  "db.example", "30000");
    CHECK_STR(m, "the SSH gateway gw:22 could not open a connection to the database at db.example:30000 "
                 "(administratively prohibited: open failed)");
    free(m);
    m = ssh_failure_channel("channel 3: open failed: connect failed: Connection refused\n", "gw", "22", "db", "5");
    CHECK_STR(m, "the SSH gateway gw:22 could not open a connection to the database at db:5 (connect failed: "
                 "Connection refused)");
    free(m);
    CHECK(ssh_failure_channel("Warning: Permanently added\n", "gw", "22", "db", "5") == NULL);
}

/*
 * In a shared /tmp anyone may make /tmp/pgconsole-UID first: a folder of another user's
 * is refused, named in the error, and left as it is.  Run as "nobody" in a child, with a
 * folder root made at nobody's name; only as root, with that name free.
 */
static void test_control_folder_made_by_someone_else(void)
{
    const uid_t nobody = 65534;
    char dir[64];
    snprintf(dir, sizeof(dir), "/tmp/pgconsole-%u", (unsigned)nobody);
    struct stat st;
    if (geteuid() != 0 || mkdir(dir, 0755) != 0) {
        printf("  (skipped: needs root and no %s)\n", dir);
        return;
    }
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        if (setgroups(0, NULL) != 0 || setresgid(nobody, nobody, nobody) != 0 || setresuid(nobody, nobody, nobody) != 0)
            _exit(3);
        unsetenv("XDG_RUNTIME_DIR");
        setenv("PGCONSOLE_SSH_COMMAND", "ssh", 1);
        SshLegOptions o = {.gateway = "127.0.0.1:22"};
        SshLegError e = {0};
        SshLeg *leg = ssh_leg_create(&o, &e);
        char want[200];
        snprintf(want, sizeof(want), "no private directory for the SSH connection's control socket: refusing to "
                                     "use %s: it belongs to another user", dir);
        bool ok = !leg && e.message && strncmp(e.message, want, strlen(want)) == 0;
        if (!ok)
            fprintf(stderr, "got: %s\n", e.message ? e.message : "(a leg)");
        _exit(ok ? 0 : 1);
    }
    int status = 0;
    CHECK(waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == 0 && (st.st_mode & 07777) == 0755);
    CHECK(rmdir(dir) == 0);     /* empty: nothing went in it */
}

int main(void)
{
    RUN(test_split_like_a_shell);
    RUN(test_gateway_addresses);
    RUN(test_forward_spec);
    RUN(test_master_command_line);
    RUN(test_host_key_messages);
    RUN(test_other_messages);
    RUN(test_channel_refusals);
    RUN(test_control_folder_made_by_someone_else);
    UNIT_DONE();
}
