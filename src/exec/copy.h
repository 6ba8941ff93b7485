/* COPY data transfer and the \copy command. */
#ifndef PGC_COPY_H
#define PGC_COPY_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>

#include "session/session.h"

/*
 * Moves the data of a COPY_IN or COPY_OUT result (out_stream receives COPY OUT
 * data); replaces *resp with the COPY's final status, or NULL when printing it
 * would mix it into the data.
 */
bool copy_handle_result(Session *s, PGresult **resp, FILE *out_stream);
/* \copy ARGS */
bool copy_slash_command(Session *s, const char *args);

#endif
