/* pgconsole: options -> session -> run. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "console/options.h"
#include "session/session.h"
#include "console/startup.h"
#include "tunnel/tunnel.h"
#include "util/log.h"

int main(int argc, char **argv)
{
    log_init(argv[0]);
    setlocale(LC_ALL, "");
    /* subcommands (to become rows of a table) */
    if (argc > 1 && strcmp(argv[1], "tunnel") == 0)
        return tunnel_main(argc - 1, argv + 1);
    Session *s = session_create();
    Options opts;
    int result = options_parse(argc, argv, &opts, s);
    if (result < 0)
        result = startup_run(s, &opts);
    options_free(&opts);
    session_destroy(s);
    return result;
}
