/* Keeping a process that holds secrets (API tokens, database passwords) from leaking them. */
#ifndef PGC_UTIL_HARDENING_H
#define PGC_UTIL_HARDENING_H

/*
 * No core dump, and (on Linux) not dumpable: a crash leaves no file holding the
 * process's memory, and other processes of the user cannot read it through /proc.
 */
void hardening_no_core_dumps(void);

#endif
