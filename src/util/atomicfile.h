/*
 * A file written as a stream that appears whole or not at all: the data goes to a
 * temporary file beside the target, which replaces the target only once everything
 * was written and synced. Until then the old file (if any) stays as it was.
 */
#ifndef PGC_ATOMICFILE_H
#define PGC_ATOMICFILE_H

#include <stdbool.h>
#include <stdio.h>

typedef struct AtomicFile {
    FILE *fp;       /* where to write */
    char *target;   /* the file the data is for (symbolic links resolved) */
    char *temp;     /* the temporary file, NULL when writing the target in place */
} AtomicFile;

/*
 * Opens a stream for path. Regular files (new or existing, with one link) are written
 * through a temporary file that keeps the existing file's mode; anything else (a FIFO,
 * a device, a file with hard links, a folder we cannot create files in) is opened in
 * place as fopen(path, "w") would. NULL (errno set) when neither works.
 */
FILE *atomic_open(AtomicFile *af, const char *path);
/* flushes, syncs and renames the temporary file over the target; false (errno set) on failure */
bool atomic_commit(AtomicFile *af);
/* closes the stream and removes the temporary file: the target stays as it was */
void atomic_abort(AtomicFile *af);

/* (a temporary file still open when the process exits, as on a lost connection in a
 * script, is removed by an exit handler) */

#endif
