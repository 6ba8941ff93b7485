/*
 * \crosstabview: turns a result of (row key, column key, value) rows into a grid
 * whose row headers are the distinct row keys and whose column headers are the
 * distinct column keys, then hands the grid to the ordinary printer.
 *
 * The output has to match psql 15 to the byte, so a few of psql's quirks are kept
 * on purpose: the column order when a sort column has ties, the way sort values
 * are read as integers, and "(null)" in the duplicate-cell message.
 */
#include "print/crosstab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "print/printer.h"
#include "print/table.h"
#include "sql/scanner.h"
#include "util/log.h"
#include "util/xalloc.h"

/* psql refuses more distinct column keys than a table may have columns */
#define CROSSTAB_MAX_COLUMNS 1600

/* one distinct key of the row or column header; strings point into the PGresult */
typedef struct HeaderKey {
    const char *name;       /* NULL for an SQL NULL key */
    const char *sort_value; /* sort column of the key's first row; NULL if none */
} HeaderKey;

/*
 * The distinct keys in order of first appearance, with a hash index so that
 * large results stay linear.  NULL keys are one value of their own, kept
 * outside the hash.
 */
typedef struct KeySet {
    HeaderKey *keys;
    int count;
    int cap;
    int *slots;             /* key index + 1; 0 marks a free slot */
    size_t nslots;          /* a power of two, kept at least twice count */
    int null_index;         /* -1 until a NULL key is seen */
} KeySet;

/* which result columns play which part; -1 for an absent sort column */
typedef struct PivotColumns {
    int rows;
    int cols;
    int data;
    int sort;
} PivotColumns;

static void keyset_init(KeySet *ks)
{
    memset(ks, 0, sizeof *ks);
    ks->null_index = -1;
}

static void keyset_free(KeySet *ks)
{
    free(ks->keys);
    free(ks->slots);
    keyset_init(ks);
}

static size_t hash_text(const char *s)
{
    /* FNV-1a: short keys, no adversary worth a stronger hash */
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return (size_t)h;
}

static void keyset_place(KeySet *ks, int index)
{
    size_t mask = ks->nslots - 1;
    size_t pos = hash_text(ks->keys[index].name) & mask;

    while (ks->slots[pos] != 0)
        pos = (pos + 1) & mask;
    ks->slots[pos] = index + 1;
}

static void keyset_grow_slots(KeySet *ks)
{
    size_t want = ks->nslots ? ks->nslots * 2 : 64;

    free(ks->slots);
    ks->slots = xcalloc(want, sizeof *ks->slots);
    ks->nslots = want;
    for (int i = 0; i < ks->count; i++)
        if (ks->keys[i].name)
            keyset_place(ks, i);
}

static int keyset_append(KeySet *ks, const char *name, const char *sort_value)
{
    if (ks->count == ks->cap) {
        ks->cap = ks->cap ? ks->cap * 2 : 16;
        ks->keys = xrealloc(ks->keys, (size_t)ks->cap * sizeof *ks->keys);
    }
    ks->keys[ks->count].name = name;
    ks->keys[ks->count].sort_value = sort_value;
    return ks->count++;
}

/* the index of name, adding it (with its sort value) when it is new */
static int keyset_intern(KeySet *ks, const char *name, const char *sort_value)
{
    if (!name) {
        if (ks->null_index < 0)
            ks->null_index = keyset_append(ks, NULL, sort_value);
        return ks->null_index;
    }
    if ((size_t)ks->count * 2 + 2 > ks->nslots)
        keyset_grow_slots(ks);

    size_t mask = ks->nslots - 1;
    size_t pos = hash_text(name) & mask;
    while (ks->slots[pos] != 0) {
        int idx = ks->slots[pos] - 1;
        if (ks->keys[idx].name && strcmp(ks->keys[idx].name, name) == 0)
            return idx;
        pos = (pos + 1) & mask;
    }
    int idx = keyset_append(ks, name, sort_value);
    ks->slots[pos] = idx + 1;
    return idx;
}

static const char *value_or_null(const PGresult *res, int row, int col)
{
    return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

static bool all_digits(const char *s)
{
    return strspn(s, "0123456789") == strlen(s);
}

/* a column name after psql's identifier rules: a number is already ruled out */
static int column_by_name(const PGresult *res, const char *arg, int encoding)
{
    char *name = xstrdup(arg);
    int found = -1;
    int nfields = PQnfields(res);

    dequote_downcase_identifier(name, true, encoding);
    for (int i = 0; i < nfields; i++) {
        if (strcmp(name, PQfname(res, i)) != 0)
            continue;
        if (found >= 0) {
            log_error("\\crosstabview: ambiguous column name: \"%s\"", name);
            free(name);
            return -1;
        }
        found = i;
    }
    if (found < 0)
        log_error("\\crosstabview: column name not found: \"%s\"", name);
    free(name);
    return found;
}

/*
 * A 1-based column number or a column name, as a 0-based index; -1 after
 * reporting.  Digits are tested before dequoting so that "22" names a column.
 */
static int column_index(const PGresult *res, const char *arg, int encoding)
{
    if (arg[0] == '\0' || !all_digits(arg))
        return column_by_name(res, arg, encoding);

    /* psql reads the number with atoi(), whose overflow glibc defines as strtol's truncated */
    int number = (int)strtol(arg, NULL, 10);
    if (number < 1 || number > PQnfields(res)) {
        log_error("\\crosstabview: column number %d is out of range 1..%d", number,
                  PQnfields(res));
        return -1;
    }
    return number - 1;
}

/* an optional argument: its column, or fallback when it was not given */
static bool optional_column(const PGresult *res, const char *arg, int fallback, int encoding,
                            int *col)
{
    if (!arg) {
        *col = fallback;
        return true;
    }
    *col = column_index(res, arg, encoding);
    return *col >= 0;
}

static bool resolve_columns(const PGresult *res, char *const args[4], int encoding,
                            PivotColumns *pc)
{
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        log_error("\\crosstabview: statement did not return a result set");
        return false;
    }
    if (PQnfields(res) < 3) {
        log_error("\\crosstabview: query must return at least three columns");
        return false;
    }
    if (!optional_column(res, args[0], 0, encoding, &pc->rows) ||
        !optional_column(res, args[1], 1, encoding, &pc->cols))
        return false;
    if (pc->rows == pc->cols) {
        log_error("\\crosstabview: vertical and horizontal headers must be different columns");
        return false;
    }
    if (!args[2]) {
        /* only with exactly three columns is "the remaining one" well defined */
        if (PQnfields(res) != 3) {
            log_error("\\crosstabview: data column must be specified when query returns more than three columns");
            return false;
        }
        pc->data = 3 - pc->rows - pc->cols;
    } else if ((pc->data = column_index(res, args[2], encoding)) < 0) {
        return false;
    }
    return optional_column(res, args[3], -1, encoding, &pc->sort);
}

/*
 * Gathers the distinct keys and, per result row, the grid row and key index it
 * belongs to.  Stops, like psql, as soon as there are too many column keys.
 */
static bool collect_keys(const PGresult *res, const PivotColumns *pc, KeySet *rows,
                         KeySet *cols, int *row_of, int *col_of)
{
    int ntuples = PQntuples(res);

    for (int r = 0; r < ntuples; r++) {
        const char *sort = pc->sort >= 0 ? value_or_null(res, r, pc->sort) : NULL;

        col_of[r] = keyset_intern(cols, value_or_null(res, r, pc->cols), sort);
        if (cols->count > CROSSTAB_MAX_COLUMNS) {
            log_error("\\crosstabview: maximum number of columns (%d) exceeded",
                      CROSSTAB_MAX_COLUMNS);
            return false;
        }
        row_of[r] = keyset_intern(rows, value_or_null(res, r, pc->rows), NULL);
    }
    return true;
}

/* psql's reading of a sort value: only text matching -?[0-9]* counts, anything else is 0 */
static int sort_rank(const char *value)
{
    if (!value)
        return 0;
    if (!all_digits(*value == '-' ? value + 1 : value))
        return 0;
    return (int)strtol(value, NULL, 10);
}

/*
 * The header order with a sort column has to be psql's exactly, ties included,
 * and psql gets it from PostgreSQL's own quicksort (not the C library's) run
 * over the keys in byte order with a comparator that subtracts the ranks.  The
 * sort below makes the same comparisons and swaps, so ties and ranks far enough
 * apart to wrap around come out as psql shows them.
 */
typedef struct RankedKey {
    int rank;
    int index;              /* into the KeySet */
} RankedKey;

static int rank_cmp(const RankedKey *a, const RankedKey *b)
{
    /* wraps like psql's int subtraction (built with -fwrapv) instead of overflowing */
    return (int)((unsigned)a->rank - (unsigned)b->rank);
}

static void swap_ranked(RankedKey *a, RankedKey *b)
{
    RankedKey t = *a;
    *a = *b;
    *b = t;
}

static void swap_ranked_runs(RankedKey *a, RankedKey *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        swap_ranked(&a[i], &b[i]);
}

static RankedKey *median_of_three(RankedKey *a, RankedKey *b, RankedKey *c)
{
    if (rank_cmp(a, b) < 0) {
        if (rank_cmp(b, c) < 0)
            return b;
        return rank_cmp(a, c) < 0 ? c : a;
    }
    if (rank_cmp(b, c) > 0)
        return b;
    return rank_cmp(a, c) < 0 ? a : c;
}

static void insertion_sort_ranked(RankedKey *a, size_t n)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && rank_cmp(&a[j - 1], &a[j]) > 0; j--)
            swap_ranked(&a[j], &a[j - 1]);
}

static bool ranked_in_order(const RankedKey *a, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (rank_cmp(&a[i - 1], &a[i]) > 0)
            return false;
    return true;
}

/* moves the pivot to a[0], chosen by median of three (of nine for large arrays) */
static void choose_pivot(RankedKey *a, size_t n)
{
    RankedKey *mid = a + n / 2;

    if (n > 7) {
        RankedKey *lo = a, *hi = a + n - 1;
        if (n > 40) {
            size_t step = n / 8;
            lo = median_of_three(lo, lo + step, lo + 2 * step);
            mid = median_of_three(mid - step, mid, mid + step);
            hi = median_of_three(hi - 2 * step, hi - step, hi);
        }
        mid = median_of_three(lo, mid, hi);
    }
    swap_ranked(a, mid);
}

/*
 * Three-way partition around a[0]: afterwards the *less smaller keys lead the
 * array and the *greater larger ones end it, with the equal ones in between.
 */
static void partition_ranked(RankedKey *a, size_t n, size_t *less, size_t *greater)
{
    RankedKey *eq_lo = a + 1, *lo = a + 1, *hi = a + n - 1, *eq_hi = a + n - 1;
    RankedKey *end = a + n;
    int r;

    for (;;) {
        for (; lo <= hi && (r = rank_cmp(lo, a)) <= 0; lo++)
            if (r == 0)
                swap_ranked(eq_lo++, lo);
        for (; lo <= hi && (r = rank_cmp(hi, a)) >= 0; hi--)
            if (r == 0)
                swap_ranked(hi, eq_hi--);
        if (lo > hi)
            break;
        swap_ranked(lo++, hi--);
    }
    size_t run = (size_t)(eq_lo - a) < (size_t)(lo - eq_lo) ? (size_t)(eq_lo - a) : (size_t)(lo - eq_lo);
    swap_ranked_runs(a, lo - run, run);
    size_t tail = (size_t)(end - eq_hi) - 1;
    run = (size_t)(eq_hi - hi) < tail ? (size_t)(eq_hi - hi) : tail;
    swap_ranked_runs(lo, end - run, run);
    *less = (size_t)(lo - eq_lo);
    *greater = (size_t)(eq_hi - hi);
}

static void sort_ranked(RankedKey *a, size_t n)
{
    for (;;) {
        if (n < 7) {
            insertion_sort_ranked(a, n);
            return;
        }
        if (ranked_in_order(a, n))
            return;
        choose_pivot(a, n);

        size_t less, greater;
        partition_ranked(a, n, &less, &greater);
        RankedKey *upper = a + n - greater;
        /* recursing only into the smaller side bounds the stack depth */
        if (less <= greater) {
            if (less > 1)
                sort_ranked(a, less);
            a = upper;
            n = greater;
        } else {
            if (greater > 1)
                sort_ranked(upper, greater);
            n = less;
        }
        if (n <= 1)
            return;
    }
}

typedef struct NamedKey {
    const char *name;
    int index;
} NamedKey;

/* byte order with the NULL key last: the order psql's key tree hands out */
static int compare_named(const void *a, const void *b)
{
    const NamedKey *x = a, *y = b;

    if (!x->name || !y->name)
        return !x->name - !y->name;
    return strcmp(x->name, y->name);
}

/* position[i] gets the display position of column key i */
static void order_columns(const KeySet *cols, bool sorted, int *position)
{
    size_t n = (size_t)cols->count;

    if (!sorted || n == 0) {
        for (size_t i = 0; i < n; i++)
            position[i] = (int)i;
        return;
    }
    NamedKey *named = xmalloc(n * sizeof *named);
    for (size_t i = 0; i < n; i++) {
        named[i].name = cols->keys[i].name;
        named[i].index = (int)i;
    }
    qsort(named, n, sizeof *named, compare_named);

    RankedKey *ranked = xmalloc(n * sizeof *ranked);
    for (size_t i = 0; i < n; i++) {
        ranked[i].index = named[i].index;
        ranked[i].rank = sort_rank(cols->keys[named[i].index].sort_value);
    }
    sort_ranked(ranked, n);
    for (size_t i = 0; i < n; i++)
        position[ranked[i].index] = (int)i;
    free(ranked);
    free(named);
}

static const char *null_display(const PrintOptions *opt)
{
    return opt->null_print ? opt->null_print : "";
}

/*
 * psql names a NULL key by the null display, or "(null)" when \pset null was
 * never set; unset and "" cannot be told apart here, so "" counts as unset.
 */
static const char *key_for_message(const char *name, const PrintOptions *opt)
{
    if (name)
        return name;
    return opt->null_print && *opt->null_print ? opt->null_print : "(null)";
}

/* everything the grid is made of, so that the steps can share it */
typedef struct Grid {
    KeySet rows;
    KeySet cols;
    int *row_of;            /* per result row: its grid row */
    int *col_of;            /* per result row: its column key */
    int *position;          /* per column key: its grid column, not counting the header */
    const char **cells;     /* rows.count * (cols.count + 1) */
} Grid;

/* fills the cells, or reports the first cell that two result rows both claim */
static bool fill_cells(const PGresult *res, const PivotColumns *pc, Grid *g,
                       const PrintOptions *opt)
{
    int width = g->cols.count + 1;
    int ntuples = PQntuples(res);

    for (int i = 0; i < g->rows.count; i++)
        g->cells[(size_t)i * width] = g->rows.keys[i].name ? g->rows.keys[i].name : null_display(opt);
    for (int r = 0; r < ntuples; r++) {
        size_t at = (size_t)g->row_of[r] * width + 1 + g->position[g->col_of[r]];
        if (g->cells[at]) {
            log_error("\\crosstabview: query result contains multiple data values for row \"%s\", column \"%s\"",
                      key_for_message(g->rows.keys[g->row_of[r]].name, opt),
                      key_for_message(g->cols.keys[g->col_of[r]].name, opt));
            return false;
        }
        const char *value = value_or_null(res, r, pc->data);
        g->cells[at] = value ? value : null_display(opt);
    }
    /* psql hands the printer strings only: an empty cell is "", not a NULL */
    for (size_t i = 0; i < (size_t)g->rows.count * width; i++)
        if (!g->cells[i])
            g->cells[i] = "";
    return true;
}

static void print_grid(const PGresult *res, const PivotColumns *pc, const Grid *g,
                       const PrintOptions *opt, FILE *out)
{
    int ncolumns = g->cols.count + 1;
    const char **headers = xcalloc((size_t)ncolumns, sizeof *headers);
    char *aligns = xmalloc((size_t)ncolumns + 1);
    char data_align = ptable_type_is_numeric(PQftype(res, pc->data)) ? 'r' : 'l';

    headers[0] = PQfname(res, pc->rows);
    aligns[0] = ptable_type_is_numeric(PQftype(res, pc->rows)) ? 'r' : 'l';
    for (int i = 0; i < g->cols.count; i++) {
        const char *name = g->cols.keys[i].name;
        headers[1 + g->position[i]] = name ? name : null_display(opt);
        aligns[1 + i] = data_align;
    }
    aligns[ncolumns] = '\0';

    PrintTable t;
    ptable_init(&t, ncolumns, g->rows.count, headers, aligns, g->cells);
    if (opt->title)
        ptable_set_title(&t, opt->title);

    /* psql places the cells itself and so never applies \pset numericlocale to them */
    PrintOptions local = *opt;
    local.numeric_locale = false;
    print_table(&t, &local, out, 0);

    ptable_free(&t);
    free(headers);
    free(aligns);
}

static void grid_free(Grid *g)
{
    keyset_free(&g->rows);
    keyset_free(&g->cols);
    free(g->row_of);
    free(g->col_of);
    free(g->position);
    free(g->cells);
}

bool crosstab_print(const PGresult *res, char *const args[4], const PrintOptions *opt, FILE *out,
                    int encoding)
{
    PivotColumns pc;

    if (!resolve_columns(res, args, encoding, &pc))
        return false;

    Grid g;
    int ntuples = PQntuples(res);
    bool ok = false;

    memset(&g, 0, sizeof g);
    keyset_init(&g.rows);
    keyset_init(&g.cols);
    g.row_of = xmalloc(((size_t)ntuples + 1) * sizeof *g.row_of);
    g.col_of = xmalloc(((size_t)ntuples + 1) * sizeof *g.col_of);
    if (collect_keys(res, &pc, &g.rows, &g.cols, g.row_of, g.col_of)) {
        g.position = xmalloc(((size_t)g.cols.count + 1) * sizeof *g.position);
        order_columns(&g.cols, pc.sort >= 0, g.position);
        g.cells = xcalloc((size_t)g.rows.count * (g.cols.count + 1) + 1, sizeof *g.cells);
        ok = fill_cells(res, &pc, &g, opt);
        if (ok)
            print_grid(res, &pc, &g, opt, out);
    }
    grid_free(&g);
    return ok;
}
