/*
 * Messages to stderr in psql's format.  Before the session starts, messages read
 * "pgconsole: error: ..."; once it runs ("terse" mode) they are bare, except while
 * reading a script file, when they are prefixed "pgconsole:FILE:LINE: ".
 */
#ifndef PGC_LOG_H
#define PGC_LOG_H

#include <stdbool.h>

typedef enum LogLevel { LOG_INFO, LOG_WARNING, LOG_ERROR, LOG_HINT, LOG_DETAIL, LOG_FATAL } LogLevel;

/* reports where input currently comes from; *file NULL when not reading a file */
typedef void (*LogLocusFn)(void *ctx, const char **file, unsigned long *line);

/*
 * Asked before a message is written: it may first write what must come before it (the output of
 * statements sent ahead, exec/pipeline.c), or answer false to drop the message (the script stops
 * at a statement that failed before this message's line was reached).  NULL for none.
 */
typedef bool (*LogGateFn)(void *ctx);

void log_init(const char *argv0);
void log_set_gate(LogGateFn fn, void *ctx);
const char *log_progname(void);
void log_set_terse(bool terse);
void log_set_locus(LogLocusFn fn, void *ctx);
void log_msg(LogLevel level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* always "pgconsole: level: message", for pgconsole's own notices outside any script */
void log_prefixed(LogLevel level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_warning(...) log_msg(LOG_WARNING, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_hint(...) log_msg(LOG_HINT, __VA_ARGS__)
#define log_detail(...) log_msg(LOG_DETAIL, __VA_ARGS__)

#endif
