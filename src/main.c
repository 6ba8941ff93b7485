/* pgconsole: a subcommand, or options -> session -> run. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "console/frontend.h"
#include "console/options.h"
#include "console/startup.h"
#include "console/subcommands.h"
#include "platform/credentials.h"
#include "session/session.h"
#include "util/log.h"

static int run_console(int argc, char **argv)
{
    Session *s = session_create();
    frontend_attach(s);
    Options opts;
    int result = options_parse(argc, argv, &opts, s);
    if (result < 0)
        result = startup_run(s, &opts);
    options_free(&opts);
    session_destroy(s);
    return result;
}

int main(int argc, char **argv)
{
    /*
     * every pgconsole, with or without --app, takes the API token out of its environment first:
     * from then on no child inherits it and /proc/PID/environ no longer shows it
     */
    credentials_capture_environment();
    log_init(argv[0]);
    setlocale(LC_ALL, "");
    int result;
    if (subcommand_dispatch(subcommands, argc, argv, &result))
        return result;
    return run_console(argc, argv);
}
