/* pgconsole: a subcommand, or options -> session -> run. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "console/frontend.h"
#include "console/options.h"
#include "console/startup.h"
#include "console/subcommands.h"
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
    log_init(argv[0]);
    setlocale(LC_ALL, "");
    int result;
    if (subcommand_dispatch(subcommands, argc, argv, &result))
        return result;
    return run_console(argc, argv);
}
