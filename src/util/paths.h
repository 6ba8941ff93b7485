/* File-name helpers with psql's rules: ~ expansion, canonical form, relative includes. */
#ifndef PGC_PATHS_H
#define PGC_PATHS_H

/* "~" and "~user" at the start, as a new string */
char *path_expand_tilde(const char *path);
/* collapses duplicate and trailing slashes and "." components, in place */
void path_canonicalize(char *path);
/* the directory part of path, as a new string ("." when there is none) */
char *path_dirname(const char *path);
/* dir + "/" + name, canonicalized, as a new string */
char *path_join(const char *dir, const char *name);
/* the user's home directory, or NULL */
const char *path_home(void);

#endif
