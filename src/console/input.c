#include "console/input.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>

#include "exec/cancel.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

char *input_read_line(FILE *source)
{
    char *line = NULL;
    size_t cap = 0;
    errno = 0;
    ssize_t len = getline(&line, &cap, source);
    if (len < 0) {
        /* Ctrl-C while waiting for input ends a script quietly */
        if (ferror(source) && !(errno == EINTR && cancel_was_pressed()))
            log_error("could not read from input file: %s", strerror(errno));
        free(line);
        return NULL;
    }
    if (len > 0 && line[len - 1] == '\n')
        line[len - 1] = '\0';
    return line;
}

bool input_would_block(FILE *source)
{
#ifdef __GLIBC__
    /* a whole line already in stdio's buffer */
    if (source->_IO_read_ptr < source->_IO_read_end &&
        memchr(source->_IO_read_ptr, '\n', (size_t)(source->_IO_read_end - source->_IO_read_ptr)))
        return false;
#endif
    struct pollfd fd = {.fd = fileno(source), .events = POLLIN};
    return poll(&fd, 1, 0) != 1;
}

char *input_prompt_line(const char *prompt, bool echo)
{
    FILE *in = fopen("/dev/tty", "r");
    FILE *out = in ? fopen("/dev/tty", "w") : NULL;
    if (!in || !out) {
        if (in)
            fclose(in);
        in = stdin;
        out = stderr;
    }
    struct termios saved;
    bool restore = false;
    if (!echo && tcgetattr(fileno(in), &saved) == 0) {
        struct termios quiet = saved;
        quiet.c_lflag &= (tcflag_t)~ECHO;
        restore = tcsetattr(fileno(in), TCSAFLUSH, &quiet) == 0;
    }
    if (prompt && *prompt) {
        fputs(prompt, out);
        fflush(out);
    }
    char *line = input_read_line(in);
    if (restore)
        tcsetattr(fileno(in), TCSAFLUSH, &saved);
    /* the Enter typed was not echoed: end the line ourselves, as psql does even without a terminal */
    if (!echo) {
        fputc('\n', out);
        fflush(out);
    }
    if (in != stdin) {
        fclose(in);
        fclose(out);
    }
    return line ? line : xstrdup("");
}
