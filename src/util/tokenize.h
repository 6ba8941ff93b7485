/*
 * psql's word splitter for the arguments of \copy and similar commands: whitespace
 * separates tokens, delimiter characters are tokens of their own, and quoted runs
 * (with doubled quotes, an escape character, and E'' strings) stay whole.
 */
#ifndef PGC_TOKENIZE_H
#define PGC_TOKENIZE_H

#include <stdbool.h>

typedef struct Tokenizer Tokenizer;

Tokenizer *tok_start(const char *text, int encoding);
/* the next token (valid until the next call), or NULL at the end; "" as whitespace takes the rest */
const char *tok_next(Tokenizer *t, const char *whitespace, const char *delim, const char *quote, char escape,
                     bool e_strings, bool del_quotes);
void tok_end(Tokenizer *t);
/* removes the quotes (and escapes) of a quoted token, in place */
void tok_strip_quotes(char *source, char quote, char escape, int encoding);

#endif
