/*
 * Unit tests of the printers and of \pset.  Every expected text below is what
 * /usr/bin/psql 15 printed for the same data and settings against a live
 * server (the query is in the comment above each table of cases); the tables
 * here hold the same values as string cells.
 */
#include <libpq-fe.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "print/printer.h"
#include "print/width.h"
#include "unit.h"
#include "util/log.h"

typedef struct PrintCase {
    const char *settings;       /* name=value lines (a bare name: no value), as psql -P takes them */
    const char *expected;
} PrintCase;

typedef struct PsetCase {
    const char *name;
    const char *value;
    const char *out;            /* psql's stdout */
    const char *err;            /* psql's stderr, without its "psql:<stdin>:N: " prefix */
} PsetCase;

typedef struct TableDef {
    int ncols;
    long nrows;
    const char *const *headers;
    const char *aligns;
    const char *const *cells;
    const char *title;          /* the table's own title and footers, as describe commands give */
    const char *const *footers; /* NULL-terminated */
} TableDef;

/* psql -X -q [-P settings] -c "select * from (values (1, E'x\\nyy', null), (22, 'hello', 'z')) v(a, bb, c)" */
static const PrintCase basic_cases[] = {
    {"format=aligned\n"
     "border=0\n"
     "expanded=off\n"
     "null=(null)\n",
     "a   bb     c    \n"
     "-- ----- ------\n"
     " 1 x    +(null)\n"
     "   yy    \n"
     "22 hello z\n"
     "(2 rows)\n"
     "\n"},
    {"format=aligned\n"
     "border=0\n"
     "expanded=on\n"
     "null=(null)\n",
     "* Record 1\n"
     "a  1\n"
     "bb x     +\n"
     "   yy\n"
     "c  (null)\n"
     "* Record 2\n"
     "a  22\n"
     "bb hello\n"
     "c  z\n"
     "\n"},
    {"format=aligned\n"
     "border=1\n"
     "expanded=off\n"
     "null=(null)\n",
     " a  |  bb   |   c    \n"
     "----+-------+--------\n"
     "  1 | x    +| (null)\n"
     "    | yy    | \n"
     " 22 | hello | z\n"
     "(2 rows)\n"
     "\n"},
    {"format=aligned\n"
     "border=1\n"
     "expanded=on\n"
     "null=(null)\n",
     "-[ RECORD 1 ]\n"
     "a  | 1\n"
     "bb | x     +\n"
     "   | yy\n"
     "c  | (null)\n"
     "-[ RECORD 2 ]\n"
     "a  | 22\n"
     "bb | hello\n"
     "c  | z\n"
     "\n"},
    {"format=aligned\n"
     "border=2\n"
     "expanded=off\n"
     "null=(null)\n",
     "+----+-------+--------+\n"
     "| a  |  bb   |   c    |\n"
     "+----+-------+--------+\n"
     "|  1 | x    +| (null) |\n"
     "|    | yy    |        |\n"
     "| 22 | hello | z      |\n"
     "+----+-------+--------+\n"
     "(2 rows)\n"
     "\n"},
    {"format=aligned\n"
     "border=2\n"
     "expanded=on\n"
     "null=(null)\n",
     "+-[ RECORD 1 ]-+\n"
     "| a  | 1      |\n"
     "| bb | x     +|\n"
     "|    | yy     |\n"
     "| c  | (null) |\n"
     "+-[ RECORD 2 ]-+\n"
     "| a  | 22     |\n"
     "| bb | hello  |\n"
     "| c  | z      |\n"
     "+----+--------+\n"
     "\n"},
    {"format=wrapped\n"
     "border=0\n"
     "expanded=off\n"
     "null=(null)\n",
     "a   bb     c    \n"
     "-- ----- ------\n"
     " 1 x    +(null)\n"
     "   yy    \n"
     "22 hello z\n"
     "(2 rows)\n"
     "\n"},
    {"format=wrapped\n"
     "border=0\n"
     "expanded=on\n"
     "null=(null)\n",
     "* Record 1\n"
     "a  1\n"
     "bb x     +\n"
     "   yy\n"
     "c  (null)\n"
     "* Record 2\n"
     "a  22\n"
     "bb hello\n"
     "c  z\n"
     "\n"},
    {"format=wrapped\n"
     "border=1\n"
     "expanded=off\n"
     "null=(null)\n",
     " a  |  bb   |   c    \n"
     "----+-------+--------\n"
     "  1 | x    +| (null)\n"
     "    | yy    | \n"
     " 22 | hello | z\n"
     "(2 rows)\n"
     "\n"},
    {"format=wrapped\n"
     "border=1\n"
     "expanded=on\n"
     "null=(null)\n",
     "-[ RECORD 1 ]\n"
     "a  | 1\n"
     "bb | x      +\n"
     "   | yy\n"
     "c  | (null)\n"
     "-[ RECORD 2 ]\n"
     "a  | 22\n"
     "bb | hello\n"
     "c  | z\n"
     "\n"},
    {"format=wrapped\n"
     "border=2\n"
     "expanded=off\n"
     "null=(null)\n",
     "+----+-------+--------+\n"
     "| a  |  bb   |   c    |\n"
     "+----+-------+--------+\n"
     "|  1 | x    +| (null) |\n"
     "|    | yy    |        |\n"
     "| 22 | hello | z      |\n"
     "+----+-------+--------+\n"
     "(2 rows)\n"
     "\n"},
    {"format=wrapped\n"
     "border=2\n"
     "expanded=on\n"
     "null=(null)\n",
     "+-[ RECORD 1 ]-+\n"
     "| a  | 1       |\n"
     "| bb | x      +|\n"
     "|    | yy      |\n"
     "| c  | (null)  |\n"
     "+-[ RECORD 2 ]-+\n"
     "| a  | 22      |\n"
     "| bb | hello   |\n"
     "| c  | z       |\n"
     "+----+---------+\n"
     "\n"},
    {"format=unaligned\n"
     "border=1\n"
     "expanded=off\n"
     "null=(null)\n",
     "a|bb|c\n"
     "1|x\n"
     "yy|(null)\n"
     "22|hello|z\n"
     "(2 rows)\n"},
    {"format=unaligned\n"
     "border=1\n"
     "expanded=on\n"
     "null=(null)\n",
     "a|1\n"
     "bb|x\n"
     "yy\n"
     "c|(null)\n"
     "\n"
     "a|22\n"
     "bb|hello\n"
     "c|z\n"},
    {"format=csv\n"
     "border=1\n"
     "expanded=off\n"
     "null=(null)\n",
     "a,bb,c\n"
     "1,\"x\n"
     "yy\",(null)\n"
     "22,hello,z\n"},
    {"format=csv\n"
     "border=1\n"
     "expanded=on\n"
     "null=(null)\n",
     "a,1\n"
     "bb,\"x\n"
     "yy\"\n"
     "c,(null)\n"
     "a,22\n"
     "bb,hello\n"
     "c,z\n"},
    {"format=html\n"
     "border=0\n"
     "expanded=off\n"
     "null=(null)\n",
     "<table border=\"0\">\n"
     "  <tr>\n"
     "    <th align=\"center\">a</th>\n"
     "    <th align=\"center\">bb</th>\n"
     "    <th align=\"center\">c</th>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <td align=\"right\">1</td>\n"
     "    <td align=\"left\">x<br />\n"
     "yy</td>\n"
     "    <td align=\"left\">(null)</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <td align=\"right\">22</td>\n"
     "    <td align=\"left\">hello</td>\n"
     "    <td align=\"left\">z</td>\n"
     "  </tr>\n"
     "</table>\n"
     "<p>(2 rows)<br />\n"
     "</p>\n"},
    {"format=html\n"
     "border=0\n"
     "expanded=on\n"
     "null=(null)\n",
     "<table border=\"0\">\n"
     "\n"
     "  <tr><td colspan=\"2\" align=\"center\">Record 1</td></tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>a</th>\n"
     "    <td align=\"right\">1</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>bb</th>\n"
     "    <td align=\"left\">x<br />\n"
     "yy</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>c</th>\n"
     "    <td align=\"left\">(null)</td>\n"
     "  </tr>\n"
     "\n"
     "  <tr><td colspan=\"2\" align=\"center\">Record 2</td></tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>a</th>\n"
     "    <td align=\"right\">22</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>bb</th>\n"
     "    <td align=\"left\">hello</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>c</th>\n"
     "    <td align=\"left\">z</td>\n"
     "  </tr>\n"
     "</table>\n"
     "\n"},
    {"format=html\n"
     "border=1\n"
     "expanded=off\n"
     "null=(null)\n",
     "<table border=\"1\">\n"
     "  <tr>\n"
     "    <th align=\"center\">a</th>\n"
     "    <th align=\"center\">bb</th>\n"
     "    <th align=\"center\">c</th>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <td align=\"right\">1</td>\n"
     "    <td align=\"left\">x<br />\n"
     "yy</td>\n"
     "    <td align=\"left\">(null)</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <td align=\"right\">22</td>\n"
     "    <td align=\"left\">hello</td>\n"
     "    <td align=\"left\">z</td>\n"
     "  </tr>\n"
     "</table>\n"
     "<p>(2 rows)<br />\n"
     "</p>\n"},
    {"format=html\n"
     "border=1\n"
     "expanded=on\n"
     "null=(null)\n",
     "<table border=\"1\">\n"
     "\n"
     "  <tr><td colspan=\"2\" align=\"center\">Record 1</td></tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>a</th>\n"
     "    <td align=\"right\">1</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>bb</th>\n"
     "    <td align=\"left\">x<br />\n"
     "yy</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>c</th>\n"
     "    <td align=\"left\">(null)</td>\n"
     "  </tr>\n"
     "\n"
     "  <tr><td colspan=\"2\" align=\"center\">Record 2</td></tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>a</th>\n"
     "    <td align=\"right\">22</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>bb</th>\n"
     "    <td align=\"left\">hello</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>c</th>\n"
     "    <td align=\"left\">z</td>\n"
     "  </tr>\n"
     "</table>\n"
     "\n"},
    {"format=html\n"
     "border=2\n"
     "expanded=off\n"
     "null=(null)\n",
     "<table border=\"2\">\n"
     "  <tr>\n"
     "    <th align=\"center\">a</th>\n"
     "    <th align=\"center\">bb</th>\n"
     "    <th align=\"center\">c</th>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <td align=\"right\">1</td>\n"
     "    <td align=\"left\">x<br />\n"
     "yy</td>\n"
     "    <td align=\"left\">(null)</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <td align=\"right\">22</td>\n"
     "    <td align=\"left\">hello</td>\n"
     "    <td align=\"left\">z</td>\n"
     "  </tr>\n"
     "</table>\n"
     "<p>(2 rows)<br />\n"
     "</p>\n"},
    {"format=html\n"
     "border=2\n"
     "expanded=on\n"
     "null=(null)\n",
     "<table border=\"2\">\n"
     "\n"
     "  <tr><td colspan=\"2\" align=\"center\">Record 1</td></tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>a</th>\n"
     "    <td align=\"right\">1</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>bb</th>\n"
     "    <td align=\"left\">x<br />\n"
     "yy</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>c</th>\n"
     "    <td align=\"left\">(null)</td>\n"
     "  </tr>\n"
     "\n"
     "  <tr><td colspan=\"2\" align=\"center\">Record 2</td></tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>a</th>\n"
     "    <td align=\"right\">22</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>bb</th>\n"
     "    <td align=\"left\">hello</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>c</th>\n"
     "    <td align=\"left\">z</td>\n"
     "  </tr>\n"
     "</table>\n"
     "\n"},
    {"format=asciidoc\n"
     "border=0\n"
     "expanded=off\n"
     "null=(null)\n",
     "\n"
     "[options=\"header\",cols=\">l,<l,<l\",frame=\"none\",grid=\"none\"]\n"
     "|====\n"
     "^l|a ^l|bb ^l|c\n"
     "|1 |x\n"
     "yy |(null)\n"
     "|22 |hello |z\n"
     "|====\n"
     "\n"
     "....\n"
     "(2 rows)\n"
     "....\n"},
    {"format=asciidoc\n"
     "border=0\n"
     "expanded=on\n"
     "null=(null)\n",
     "\n"
     "[cols=\"h,l\",frame=\"none\",grid=\"none\"]\n"
     "|====\n"
     "2+^|Record 1\n"
     "<l|a >l|1\n"
     "<l|bb <l|x\n"
     "yy\n"
     "<l|c <l|(null)\n"
     "2+^|Record 2\n"
     "<l|a >l|22\n"
     "<l|bb <l|hello\n"
     "<l|c <l|z\n"
     "|====\n"},
    {"format=asciidoc\n"
     "border=1\n"
     "expanded=off\n"
     "null=(null)\n",
     "\n"
     "[options=\"header\",cols=\">l,<l,<l\",frame=\"none\"]\n"
     "|====\n"
     "^l|a ^l|bb ^l|c\n"
     "|1 |x\n"
     "yy |(null)\n"
     "|22 |hello |z\n"
     "|====\n"
     "\n"
     "....\n"
     "(2 rows)\n"
     "....\n"},
    {"format=asciidoc\n"
     "border=1\n"
     "expanded=on\n"
     "null=(null)\n",
     "\n"
     "[cols=\"h,l\",frame=\"none\"]\n"
     "|====\n"
     "2+^|Record 1\n"
     "<l|a >l|1\n"
     "<l|bb <l|x\n"
     "yy\n"
     "<l|c <l|(null)\n"
     "2+^|Record 2\n"
     "<l|a >l|22\n"
     "<l|bb <l|hello\n"
     "<l|c <l|z\n"
     "|====\n"},
    {"format=asciidoc\n"
     "border=2\n"
     "expanded=off\n"
     "null=(null)\n",
     "\n"
     "[options=\"header\",cols=\">l,<l,<l\",frame=\"all\",grid=\"all\"]\n"
     "|====\n"
     "^l|a ^l|bb ^l|c\n"
     "|1 |x\n"
     "yy |(null)\n"
     "|22 |hello |z\n"
     "|====\n"
     "\n"
     "....\n"
     "(2 rows)\n"
     "....\n"},
    {"format=asciidoc\n"
     "border=2\n"
     "expanded=on\n"
     "null=(null)\n",
     "\n"
     "[cols=\"h,l\",frame=\"all\",grid=\"all\"]\n"
     "|====\n"
     "2+^|Record 1\n"
     "<l|a >l|1\n"
     "<l|bb <l|x\n"
     "yy\n"
     "<l|c <l|(null)\n"
     "2+^|Record 2\n"
     "<l|a >l|22\n"
     "<l|bb <l|hello\n"
     "<l|c <l|z\n"
     "|====\n"},
    {"format=latex\n"
     "border=0\n"
     "expanded=off\n"
     "null=(null)\n",
     "\\begin{tabular}{rll}\n"
     "\\textit{a} & \\textit{bb} & \\textit{c} \\\\\n"
     "\\hline\n"
     "1 & x\\\\yy & (null) \\\\\n"
     "22 & hello & z \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent (2 rows) \\\\\n"
     "\n"},
    {"format=latex\n"
     "border=0\n"
     "expanded=on\n"
     "null=(null)\n",
     "\\begin{tabular}{cl}\n"
     "\\multicolumn{2}{c}{\\textit{Record 1}} \\\\\n"
     "a & 1 \\\\\n"
     "bb & x\\\\yy \\\\\n"
     "c & (null) \\\\\n"
     "\\multicolumn{2}{c}{\\textit{Record 2}} \\\\\n"
     "a & 22 \\\\\n"
     "bb & hello \\\\\n"
     "c & z \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent \n"},
    {"format=latex\n"
     "border=1\n"
     "expanded=off\n"
     "null=(null)\n",
     "\\begin{tabular}{r | l | l}\n"
     "\\textit{a} & \\textit{bb} & \\textit{c} \\\\\n"
     "\\hline\n"
     "1 & x\\\\yy & (null) \\\\\n"
     "22 & hello & z \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent (2 rows) \\\\\n"
     "\n"},
    {"format=latex\n"
     "border=1\n"
     "expanded=on\n"
     "null=(null)\n",
     "\\begin{tabular}{c|l}\n"
     "\\multicolumn{2}{c}{\\textit{Record 1}} \\\\\n"
     "\\hline\n"
     "a & 1 \\\\\n"
     "bb & x\\\\yy \\\\\n"
     "c & (null) \\\\\n"
     "\\multicolumn{2}{c}{\\textit{Record 2}} \\\\\n"
     "\\hline\n"
     "a & 22 \\\\\n"
     "bb & hello \\\\\n"
     "c & z \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent \n"},
    {"format=latex\n"
     "border=2\n"
     "expanded=off\n"
     "null=(null)\n",
     "\\begin{tabular}{| r | l | l |}\n"
     "\\hline\n"
     "\\textit{a} & \\textit{bb} & \\textit{c} \\\\\n"
     "\\hline\n"
     "1 & x\\\\yy & (null) \\\\\n"
     "22 & hello & z \\\\\n"
     "\\hline\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent (2 rows) \\\\\n"
     "\n"},
    {"format=latex\n"
     "border=2\n"
     "expanded=on\n"
     "null=(null)\n",
     "\\begin{tabular}{|c|l|}\n"
     "\\hline\n"
     "\\multicolumn{2}{|c|}{\\textit{Record 1}} \\\\\n"
     "\\hline\n"
     "a & 1 \\\\\n"
     "bb & x\\\\yy \\\\\n"
     "c & (null) \\\\\n"
     "\\hline\n"
     "\\multicolumn{2}{|c|}{\\textit{Record 2}} \\\\\n"
     "\\hline\n"
     "a & 22 \\\\\n"
     "bb & hello \\\\\n"
     "c & z \\\\\n"
     "\\hline\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent \n"},
    {"format=latex-longtable\n"
     "border=0\n"
     "expanded=off\n"
     "null=(null)\n",
     "\\begin{longtable}{rll}\n"
     "\\small\\textbf{\\textit{a}} & \\small\\textbf{\\textit{bb}} & \\small\\textbf{\\textit{c}} \\\\\n"
     "\\midrule\n"
     "\\endfirsthead\n"
     "\\small\\textbf{\\textit{a}} & \\small\\textbf{\\textit{bb}} & \\small\\textbf{\\textit{c}} \\\\\n"
     "\\midrule\n"
     "\\endhead\n"
     "\\raggedright{1}\n"
     "&\n"
     "\\raggedright{x\\\\yy}\n"
     "&\n"
     "\\raggedright{(null)} \\tabularnewline\n"
     "\\raggedright{22}\n"
     "&\n"
     "\\raggedright{hello}\n"
     "&\n"
     "\\raggedright{z} \\tabularnewline\n"
     "\\end{longtable}\n"},
    {"format=latex-longtable\n"
     "border=0\n"
     "expanded=on\n"
     "null=(null)\n",
     "\\begin{tabular}{cl}\n"
     "\\multicolumn{2}{c}{\\textit{Record 1}} \\\\\n"
     "a & 1 \\\\\n"
     "bb & x\\\\yy \\\\\n"
     "c & (null) \\\\\n"
     "\\multicolumn{2}{c}{\\textit{Record 2}} \\\\\n"
     "a & 22 \\\\\n"
     "bb & hello \\\\\n"
     "c & z \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent \n"},
    {"format=latex-longtable\n"
     "border=1\n"
     "expanded=off\n"
     "null=(null)\n",
     "\\begin{longtable}{r | l | l}\n"
     "\\small\\textbf{\\textit{a}} & \\small\\textbf{\\textit{bb}} & \\small\\textbf{\\textit{c}} \\\\\n"
     "\\midrule\n"
     "\\endfirsthead\n"
     "\\small\\textbf{\\textit{a}} & \\small\\textbf{\\textit{bb}} & \\small\\textbf{\\textit{c}} \\\\\n"
     "\\midrule\n"
     "\\endhead\n"
     "\\raggedright{1}\n"
     "&\n"
     "\\raggedright{x\\\\yy}\n"
     "&\n"
     "\\raggedright{(null)} \\tabularnewline\n"
     "\\raggedright{22}\n"
     "&\n"
     "\\raggedright{hello}\n"
     "&\n"
     "\\raggedright{z} \\tabularnewline\n"
     "\\end{longtable}\n"},
    {"format=latex-longtable\n"
     "border=1\n"
     "expanded=on\n"
     "null=(null)\n",
     "\\begin{tabular}{c|l}\n"
     "\\multicolumn{2}{c}{\\textit{Record 1}} \\\\\n"
     "\\hline\n"
     "a & 1 \\\\\n"
     "bb & x\\\\yy \\\\\n"
     "c & (null) \\\\\n"
     "\\multicolumn{2}{c}{\\textit{Record 2}} \\\\\n"
     "\\hline\n"
     "a & 22 \\\\\n"
     "bb & hello \\\\\n"
     "c & z \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent \n"},
    {"format=latex-longtable\n"
     "border=2\n"
     "expanded=off\n"
     "null=(null)\n",
     "\\begin{longtable}{| r | l | l |}\n"
     "\\toprule\n"
     "\\small\\textbf{\\textit{a}} & \\small\\textbf{\\textit{bb}} & \\small\\textbf{\\textit{c}} \\\\\n"
     "\\midrule\n"
     "\\endfirsthead\n"
     "\\toprule\n"
     "\\small\\textbf{\\textit{a}} & \\small\\textbf{\\textit{bb}} & \\small\\textbf{\\textit{c}} \\\\\n"
     "\\midrule\n"
     "\\endhead\n"
     "\\bottomrule\n"
     "\\endfoot\n"
     "\\bottomrule\n"
     "\\endlastfoot\n"
     "\\raggedright{1}\n"
     "&\n"
     "\\raggedright{x\\\\yy}\n"
     "&\n"
     "\\raggedright{(null)} \\tabularnewline\n"
     "\\raggedright{22}\n"
     "&\n"
     "\\raggedright{hello}\n"
     "&\n"
     "\\raggedright{z} \\tabularnewline\n"
     "\\end{longtable}\n"},
    {"format=latex-longtable\n"
     "border=2\n"
     "expanded=on\n"
     "null=(null)\n",
     "\\begin{tabular}{|c|l|}\n"
     "\\hline\n"
     "\\multicolumn{2}{|c|}{\\textit{Record 1}} \\\\\n"
     "\\hline\n"
     "a & 1 \\\\\n"
     "bb & x\\\\yy \\\\\n"
     "c & (null) \\\\\n"
     "\\hline\n"
     "\\multicolumn{2}{|c|}{\\textit{Record 2}} \\\\\n"
     "\\hline\n"
     "a & 22 \\\\\n"
     "bb & hello \\\\\n"
     "c & z \\\\\n"
     "\\hline\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent \n"},
    {"format=troff-ms\n"
     "border=0\n"
     "expanded=off\n"
     "null=(null)\n",
     ".LP\n"
     ".TS\n"
     "center;\n"
     "rll.\n"
     "\\fIa\\fP\t\\fIbb\\fP\t\\fIc\\fP\n"
     "_\n"
     "1\tx\n"
     "yy\t(null)\n"
     "22\thello\tz\n"
     ".TE\n"
     ".DS L\n"
     "(2 rows)\n"
     ".DE\n"},
    {"format=troff-ms\n"
     "border=0\n"
     "expanded=on\n"
     "null=(null)\n",
     ".LP\n"
     ".TS\n"
     "center;\n"
     "c s.\n"
     "\\fIRecord 1\\fP\n"
     ".T&\n"
     "c l.\n"
     "a\t1\n"
     "bb\tx\n"
     "yy\n"
     "c\t(null)\n"
     ".T&\n"
     "c s.\n"
     "\\fIRecord 2\\fP\n"
     ".T&\n"
     "c l.\n"
     "a\t22\n"
     "bb\thello\n"
     "c\tz\n"
     ".TE\n"
     ".DS L\n"
     ".DE\n"},
    {"format=troff-ms\n"
     "border=1\n"
     "expanded=off\n"
     "null=(null)\n",
     ".LP\n"
     ".TS\n"
     "center;\n"
     "r | l | l.\n"
     "\\fIa\\fP\t\\fIbb\\fP\t\\fIc\\fP\n"
     "_\n"
     "1\tx\n"
     "yy\t(null)\n"
     "22\thello\tz\n"
     ".TE\n"
     ".DS L\n"
     "(2 rows)\n"
     ".DE\n"},
    {"format=troff-ms\n"
     "border=1\n"
     "expanded=on\n"
     "null=(null)\n",
     ".LP\n"
     ".TS\n"
     "center;\n"
     "c s.\n"
     "\\fIRecord 1\\fP\n"
     "_\n"
     ".T&\n"
     "c | l.\n"
     "a\t1\n"
     "bb\tx\n"
     "yy\n"
     "c\t(null)\n"
     ".T&\n"
     "c s.\n"
     "\\fIRecord 2\\fP\n"
     "_\n"
     ".T&\n"
     "c | l.\n"
     "a\t22\n"
     "bb\thello\n"
     "c\tz\n"
     ".TE\n"
     ".DS L\n"
     ".DE\n"},
    {"format=troff-ms\n"
     "border=2\n"
     "expanded=off\n"
     "null=(null)\n",
     ".LP\n"
     ".TS\n"
     "center box;\n"
     "r | l | l.\n"
     "\\fIa\\fP\t\\fIbb\\fP\t\\fIc\\fP\n"
     "_\n"
     "1\tx\n"
     "yy\t(null)\n"
     "22\thello\tz\n"
     ".TE\n"
     ".DS L\n"
     "(2 rows)\n"
     ".DE\n"},
    {"format=troff-ms\n"
     "border=2\n"
     "expanded=on\n"
     "null=(null)\n",
     ".LP\n"
     ".TS\n"
     "center box;\n"
     "c s.\n"
     "\\fIRecord 1\\fP\n"
     "_\n"
     ".T&\n"
     "c l.\n"
     "a\t1\n"
     "bb\tx\n"
     "yy\n"
     "c\t(null)\n"
     "_\n"
     ".T&\n"
     "c s.\n"
     "\\fIRecord 2\\fP\n"
     "_\n"
     ".T&\n"
     "c l.\n"
     "a\t22\n"
     "bb\thello\n"
     "c\tz\n"
     ".TE\n"
     ".DS L\n"
     ".DE\n"},
    {"format=html\n"
     "border=3\n"
     "expanded=off\n",
     "<table border=\"3\">\n"
     "  <tr>\n"
     "    <th align=\"center\">a</th>\n"
     "    <th align=\"center\">bb</th>\n"
     "    <th align=\"center\">c</th>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <td align=\"right\">1</td>\n"
     "    <td align=\"left\">x<br />\n"
     "yy</td>\n"
     "    <td align=\"left\">&nbsp; </td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <td align=\"right\">22</td>\n"
     "    <td align=\"left\">hello</td>\n"
     "    <td align=\"left\">z</td>\n"
     "  </tr>\n"
     "</table>\n"
     "<p>(2 rows)<br />\n"
     "</p>\n"},
    {"format=html\n"
     "border=3\n"
     "expanded=on\n",
     "<table border=\"3\">\n"
     "\n"
     "  <tr><td colspan=\"2\" align=\"center\">Record 1</td></tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>a</th>\n"
     "    <td align=\"right\">1</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>bb</th>\n"
     "    <td align=\"left\">x<br />\n"
     "yy</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>c</th>\n"
     "    <td align=\"left\">&nbsp; </td>\n"
     "  </tr>\n"
     "\n"
     "  <tr><td colspan=\"2\" align=\"center\">Record 2</td></tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>a</th>\n"
     "    <td align=\"right\">22</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>bb</th>\n"
     "    <td align=\"left\">hello</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>c</th>\n"
     "    <td align=\"left\">z</td>\n"
     "  </tr>\n"
     "</table>\n"
     "\n"},
    {"format=latex\n"
     "border=3\n"
     "expanded=off\n",
     "\\begin{tabular}{| r | l | l |}\n"
     "\\hline\n"
     "\\textit{a} & \\textit{bb} & \\textit{c} \\\\\n"
     "\\hline\n"
     "1 & x\\\\yy &  \\\\\n"
     "\\hline\n"
     "22 & hello & z \\\\\n"
     "\\hline\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent (2 rows) \\\\\n"
     "\n"},
    {"format=latex\n"
     "border=3\n"
     "expanded=on\n",
     "\\begin{tabular}{|c|l|}\n"
     "\\hline\n"
     "\\multicolumn{2}{|c|}{\\textit{Record 1}} \\\\\n"
     "\\hline\n"
     "a & 1 \\\\\n"
     "bb & x\\\\yy \\\\\n"
     "c &  \\\\\n"
     "\\hline\n"
     "\\multicolumn{2}{|c|}{\\textit{Record 2}} \\\\\n"
     "\\hline\n"
     "a & 22 \\\\\n"
     "bb & hello \\\\\n"
     "c & z \\\\\n"
     "\\hline\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent \n"},
    {"format=latex-longtable\n"
     "border=3\n"
     "expanded=off\n",
     "\\begin{longtable}{| r | l | l |}\n"
     "\\toprule\n"
     "\\small\\textbf{\\textit{a}} & \\small\\textbf{\\textit{bb}} & \\small\\textbf{\\textit{c}} \\\\\n"
     "\\midrule\n"
     "\\endfirsthead\n"
     "\\toprule\n"
     "\\small\\textbf{\\textit{a}} & \\small\\textbf{\\textit{bb}} & \\small\\textbf{\\textit{c}} \\\\\n"
     "\\endhead\n"
     "\\bottomrule\n"
     "\\endfoot\n"
     "\\bottomrule\n"
     "\\endlastfoot\n"
     "\\raggedright{1}\n"
     "&\n"
     "\\raggedright{x\\\\yy}\n"
     "&\n"
     "\\raggedright{} \\tabularnewline\n"
     " \\hline\n"
     "\\raggedright{22}\n"
     "&\n"
     "\\raggedright{hello}\n"
     "&\n"
     "\\raggedright{z} \\tabularnewline\n"
     " \\hline\n"
     "\\end{longtable}\n"},
    {"format=latex-longtable\n"
     "border=3\n"
     "expanded=on\n",
     "\\begin{tabular}{|c|l|}\n"
     "\\hline\n"
     "\\multicolumn{2}{|c|}{\\textit{Record 1}} \\\\\n"
     "\\hline\n"
     "a & 1 \\\\\n"
     "bb & x\\\\yy \\\\\n"
     "c &  \\\\\n"
     "\\hline\n"
     "\\multicolumn{2}{|c|}{\\textit{Record 2}} \\\\\n"
     "\\hline\n"
     "a & 22 \\\\\n"
     "bb & hello \\\\\n"
     "c & z \\\\\n"
     "\\hline\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent \n"},
    {"format=asciidoc\n"
     "border=3\n"
     "expanded=off\n",
     "\n"
     "[options=\"header\",cols=\">l,<l,<l\"]\n"
     "|====\n"
     "^l|a ^l|bb ^l|c\n"
     "|1 |x\n"
     "yy |\n"
     "|22 |hello |z\n"
     "|====\n"
     "\n"
     "....\n"
     "(2 rows)\n"
     "....\n"},
    {"format=asciidoc\n"
     "border=3\n"
     "expanded=on\n",
     "\n"
     "[cols=\"h,l\"]\n"
     "|====\n"
     "2+^|Record 1\n"
     "<l|a >l|1\n"
     "<l|bb <l|x\n"
     "yy\n"
     "<l|c <l| \n"
     "2+^|Record 2\n"
     "<l|a >l|22\n"
     "<l|bb <l|hello\n"
     "<l|c <l|z\n"
     "|====\n"},
    {"format=aligned\n"
     "expanded=off\n"
     "tuples_only=on\n",
     "  1 | x    +| \n"
     "    | yy    | \n"
     " 22 | hello | z\n"
     "\n"},
    {"format=aligned\n"
     "expanded=off\n"
     "title=The Title\n"
     "footer=off\n",
     "   The Title\n"
     " a  |  bb   | c \n"
     "----+-------+---\n"
     "  1 | x    +| \n"
     "    | yy    | \n"
     " 22 | hello | z\n"
     "\n"},
    {"format=aligned\n"
     "expanded=on\n"
     "tuples_only=on\n",
     "a  | 1\n"
     "bb | x    +\n"
     "   | yy\n"
     "c  | \n"
     "---+------\n"
     "a  | 22\n"
     "bb | hello\n"
     "c  | z\n"
     "\n"},
    {"format=aligned\n"
     "expanded=on\n"
     "title=The Title\n"
     "footer=off\n",
     "The Title\n"
     "-[ RECORD 1 ]\n"
     "a  | 1\n"
     "bb | x    +\n"
     "   | yy\n"
     "c  | \n"
     "-[ RECORD 2 ]\n"
     "a  | 22\n"
     "bb | hello\n"
     "c  | z\n"
     "\n"},
    {"format=wrapped\n"
     "expanded=off\n"
     "tuples_only=on\n",
     "  1 | x    +| \n"
     "    | yy    | \n"
     " 22 | hello | z\n"
     "\n"},
    {"format=wrapped\n"
     "expanded=off\n"
     "title=The Title\n"
     "footer=off\n",
     "   The Title\n"
     " a  |  bb   | c \n"
     "----+-------+---\n"
     "  1 | x    +| \n"
     "    | yy    | \n"
     " 22 | hello | z\n"
     "\n"},
    {"format=wrapped\n"
     "expanded=on\n"
     "tuples_only=on\n",
     "a  | 1\n"
     "bb | x    +\n"
     "   | yy\n"
     "c  | \n"
     "---+------\n"
     "a  | 22\n"
     "bb | hello\n"
     "c  | z\n"
     "\n"},
    {"format=wrapped\n"
     "expanded=on\n"
     "title=The Title\n"
     "footer=off\n",
     "The Title\n"
     "-[ RECORD 1 ]\n"
     "a  | 1\n"
     "bb | x      +\n"
     "   | yy\n"
     "c  | \n"
     "-[ RECORD 2 ]\n"
     "a  | 22\n"
     "bb | hello\n"
     "c  | z\n"
     "\n"},
    {"format=unaligned\n"
     "expanded=off\n"
     "tuples_only=on\n",
     "1|x\n"
     "yy|\n"
     "22|hello|z\n"},
    {"format=unaligned\n"
     "expanded=off\n"
     "title=The Title\n"
     "footer=off\n",
     "The Title\n"
     "a|bb|c\n"
     "1|x\n"
     "yy|\n"
     "22|hello|z\n"},
    {"format=unaligned\n"
     "expanded=on\n"
     "tuples_only=on\n",
     "a|1\n"
     "bb|x\n"
     "yy\n"
     "c|\n"
     "\n"
     "a|22\n"
     "bb|hello\n"
     "c|z\n"},
    {"format=unaligned\n"
     "expanded=on\n"
     "title=The Title\n"
     "footer=off\n",
     "The Title\n"
     "\n"
     "a|1\n"
     "bb|x\n"
     "yy\n"
     "c|\n"
     "\n"
     "a|22\n"
     "bb|hello\n"
     "c|z\n"},
    {"format=csv\n"
     "expanded=off\n"
     "tuples_only=on\n",
     "1,\"x\n"
     "yy\",\n"
     "22,hello,z\n"},
    {"format=csv\n"
     "expanded=off\n"
     "title=The Title\n"
     "footer=off\n",
     "a,bb,c\n"
     "1,\"x\n"
     "yy\",\n"
     "22,hello,z\n"},
    {"format=csv\n"
     "expanded=on\n"
     "tuples_only=on\n",
     "a,1\n"
     "bb,\"x\n"
     "yy\"\n"
     "c,\n"
     "a,22\n"
     "bb,hello\n"
     "c,z\n"},
    {"format=csv\n"
     "expanded=on\n"
     "title=The Title\n"
     "footer=off\n",
     "a,1\n"
     "bb,\"x\n"
     "yy\"\n"
     "c,\n"
     "a,22\n"
     "bb,hello\n"
     "c,z\n"},
    {"format=html\n"
     "expanded=off\n"
     "tuples_only=on\n",
     "<table border=\"1\">\n"
     "  <tr valign=\"top\">\n"
     "    <td align=\"right\">1</td>\n"
     "    <td align=\"left\">x<br />\n"
     "yy</td>\n"
     "    <td align=\"left\">&nbsp; </td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <td align=\"right\">22</td>\n"
     "    <td align=\"left\">hello</td>\n"
     "    <td align=\"left\">z</td>\n"
     "  </tr>\n"
     "</table>\n"
     "\n"},
    {"format=html\n"
     "expanded=off\n"
     "title=The Title\n"
     "footer=off\n",
     "<table border=\"1\">\n"
     "  <caption>The Title</caption>\n"
     "  <tr>\n"
     "    <th align=\"center\">a</th>\n"
     "    <th align=\"center\">bb</th>\n"
     "    <th align=\"center\">c</th>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <td align=\"right\">1</td>\n"
     "    <td align=\"left\">x<br />\n"
     "yy</td>\n"
     "    <td align=\"left\">&nbsp; </td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <td align=\"right\">22</td>\n"
     "    <td align=\"left\">hello</td>\n"
     "    <td align=\"left\">z</td>\n"
     "  </tr>\n"
     "</table>\n"
     "\n"},
    {"format=html\n"
     "expanded=on\n"
     "tuples_only=on\n",
     "<table border=\"1\">\n"
     "\n"
     "  <tr><td colspan=\"2\">&nbsp;</td></tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>a</th>\n"
     "    <td align=\"right\">1</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>bb</th>\n"
     "    <td align=\"left\">x<br />\n"
     "yy</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>c</th>\n"
     "    <td align=\"left\">&nbsp; </td>\n"
     "  </tr>\n"
     "\n"
     "  <tr><td colspan=\"2\">&nbsp;</td></tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>a</th>\n"
     "    <td align=\"right\">22</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>bb</th>\n"
     "    <td align=\"left\">hello</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>c</th>\n"
     "    <td align=\"left\">z</td>\n"
     "  </tr>\n"
     "</table>\n"
     "\n"},
    {"format=html\n"
     "expanded=on\n"
     "title=The Title\n"
     "footer=off\n",
     "<table border=\"1\">\n"
     "  <caption>The Title</caption>\n"
     "\n"
     "  <tr><td colspan=\"2\" align=\"center\">Record 1</td></tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>a</th>\n"
     "    <td align=\"right\">1</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>bb</th>\n"
     "    <td align=\"left\">x<br />\n"
     "yy</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>c</th>\n"
     "    <td align=\"left\">&nbsp; </td>\n"
     "  </tr>\n"
     "\n"
     "  <tr><td colspan=\"2\" align=\"center\">Record 2</td></tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>a</th>\n"
     "    <td align=\"right\">22</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>bb</th>\n"
     "    <td align=\"left\">hello</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>c</th>\n"
     "    <td align=\"left\">z</td>\n"
     "  </tr>\n"
     "</table>\n"
     "\n"},
    {"format=asciidoc\n"
     "expanded=off\n"
     "tuples_only=on\n",
     "\n"
     "[cols=\">l,<l,<l\",frame=\"none\"]\n"
     "|====\n"
     "|1 |x\n"
     "yy |\n"
     "|22 |hello |z\n"
     "|====\n"},
    {"format=asciidoc\n"
     "expanded=off\n"
     "title=The Title\n"
     "footer=off\n",
     "\n"
     ".The Title\n"
     "[options=\"header\",cols=\">l,<l,<l\",frame=\"none\"]\n"
     "|====\n"
     "^l|a ^l|bb ^l|c\n"
     "|1 |x\n"
     "yy |\n"
     "|22 |hello |z\n"
     "|====\n"},
    {"format=asciidoc\n"
     "expanded=on\n"
     "tuples_only=on\n",
     "\n"
     "[cols=\"h,l\",frame=\"none\"]\n"
     "|====\n"
     "2+|\n"
     "<l|a >l|1\n"
     "<l|bb <l|x\n"
     "yy\n"
     "<l|c <l| \n"
     "2+|\n"
     "<l|a >l|22\n"
     "<l|bb <l|hello\n"
     "<l|c <l|z\n"
     "|====\n"},
    {"format=asciidoc\n"
     "expanded=on\n"
     "title=The Title\n"
     "footer=off\n",
     "\n"
     ".The Title\n"
     "[cols=\"h,l\",frame=\"none\"]\n"
     "|====\n"
     "2+^|Record 1\n"
     "<l|a >l|1\n"
     "<l|bb <l|x\n"
     "yy\n"
     "<l|c <l| \n"
     "2+^|Record 2\n"
     "<l|a >l|22\n"
     "<l|bb <l|hello\n"
     "<l|c <l|z\n"
     "|====\n"},
    {"format=latex\n"
     "expanded=off\n"
     "tuples_only=on\n",
     "\\begin{tabular}{r | l | l}\n"
     "1 & x\\\\yy &  \\\\\n"
     "22 & hello & z \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent \n"},
    {"format=latex\n"
     "expanded=off\n"
     "title=The Title\n"
     "footer=off\n",
     "\\begin{center}\n"
     "The Title\n"
     "\\end{center}\n"
     "\n"
     "\\begin{tabular}{r | l | l}\n"
     "\\textit{a} & \\textit{bb} & \\textit{c} \\\\\n"
     "\\hline\n"
     "1 & x\\\\yy &  \\\\\n"
     "22 & hello & z \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent \n"},
    {"format=latex\n"
     "expanded=on\n"
     "tuples_only=on\n",
     "\\begin{tabular}{c|l}\n"
     "\\hline\n"
     "a & 1 \\\\\n"
     "bb & x\\\\yy \\\\\n"
     "c &  \\\\\n"
     "\\hline\n"
     "a & 22 \\\\\n"
     "bb & hello \\\\\n"
     "c & z \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent \n"},
    {"format=latex\n"
     "expanded=on\n"
     "title=The Title\n"
     "footer=off\n",
     "\\begin{center}\n"
     "The Title\n"
     "\\end{center}\n"
     "\n"
     "\\begin{tabular}{c|l}\n"
     "\\multicolumn{2}{c}{\\textit{Record 1}} \\\\\n"
     "\\hline\n"
     "a & 1 \\\\\n"
     "bb & x\\\\yy \\\\\n"
     "c &  \\\\\n"
     "\\multicolumn{2}{c}{\\textit{Record 2}} \\\\\n"
     "\\hline\n"
     "a & 22 \\\\\n"
     "bb & hello \\\\\n"
     "c & z \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent \n"},
    {"format=latex-longtable\n"
     "expanded=off\n"
     "tuples_only=on\n",
     "\\begin{longtable}{r | l | l}\n"
     "\\raggedright{1}\n"
     "&\n"
     "\\raggedright{x\\\\yy}\n"
     "&\n"
     "\\raggedright{} \\tabularnewline\n"
     "\\raggedright{22}\n"
     "&\n"
     "\\raggedright{hello}\n"
     "&\n"
     "\\raggedright{z} \\tabularnewline\n"
     "\\end{longtable}\n"},
    {"format=latex-longtable\n"
     "expanded=off\n"
     "title=The Title\n"
     "footer=off\n",
     "\\begin{longtable}{r | l | l}\n"
     "\\small\\textbf{\\textit{a}} & \\small\\textbf{\\textit{bb}} & \\small\\textbf{\\textit{c}} \\\\\n"
     "\\midrule\n"
     "\\endfirsthead\n"
     "\\small\\textbf{\\textit{a}} & \\small\\textbf{\\textit{bb}} & \\small\\textbf{\\textit{c}} \\\\\n"
     "\\midrule\n"
     "\\endhead\n"
     "\\caption[The Title (Continued)]{The Title}\n"
     "\\endfoot\n"
     "\\caption[The Title]{The Title}\n"
     "\\endlastfoot\n"
     "\\raggedright{1}\n"
     "&\n"
     "\\raggedright{x\\\\yy}\n"
     "&\n"
     "\\raggedright{} \\tabularnewline\n"
     "\\raggedright{22}\n"
     "&\n"
     "\\raggedright{hello}\n"
     "&\n"
     "\\raggedright{z} \\tabularnewline\n"
     "\\end{longtable}\n"},
    {"format=latex-longtable\n"
     "expanded=on\n"
     "tuples_only=on\n",
     "\\begin{tabular}{c|l}\n"
     "\\hline\n"
     "a & 1 \\\\\n"
     "bb & x\\\\yy \\\\\n"
     "c &  \\\\\n"
     "\\hline\n"
     "a & 22 \\\\\n"
     "bb & hello \\\\\n"
     "c & z \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent \n"},
    {"format=latex-longtable\n"
     "expanded=on\n"
     "title=The Title\n"
     "footer=off\n",
     "\\begin{center}\n"
     "The Title\n"
     "\\end{center}\n"
     "\n"
     "\\begin{tabular}{c|l}\n"
     "\\multicolumn{2}{c}{\\textit{Record 1}} \\\\\n"
     "\\hline\n"
     "a & 1 \\\\\n"
     "bb & x\\\\yy \\\\\n"
     "c &  \\\\\n"
     "\\multicolumn{2}{c}{\\textit{Record 2}} \\\\\n"
     "\\hline\n"
     "a & 22 \\\\\n"
     "bb & hello \\\\\n"
     "c & z \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent \n"},
    {"format=troff-ms\n"
     "expanded=off\n"
     "tuples_only=on\n",
     ".LP\n"
     ".TS\n"
     "center;\n"
     "r | l | l.\n"
     "1\tx\n"
     "yy\t\n"
     "22\thello\tz\n"
     ".TE\n"
     ".DS L\n"
     ".DE\n"},
    {"format=troff-ms\n"
     "expanded=off\n"
     "title=The Title\n"
     "footer=off\n",
     ".LP\n"
     ".DS C\n"
     "The Title\n"
     ".DE\n"
     ".LP\n"
     ".TS\n"
     "center;\n"
     "r | l | l.\n"
     "\\fIa\\fP\t\\fIbb\\fP\t\\fIc\\fP\n"
     "_\n"
     "1\tx\n"
     "yy\t\n"
     "22\thello\tz\n"
     ".TE\n"
     ".DS L\n"
     ".DE\n"},
    {"format=troff-ms\n"
     "expanded=on\n"
     "tuples_only=on\n",
     ".LP\n"
     ".TS\n"
     "center;\n"
     "c l;\n"
     "_\n"
     "a\t1\n"
     "bb\tx\n"
     "yy\n"
     "c\t\n"
     "_\n"
     "a\t22\n"
     "bb\thello\n"
     "c\tz\n"
     ".TE\n"
     ".DS L\n"
     ".DE\n"},
    {"format=troff-ms\n"
     "expanded=on\n"
     "title=The Title\n"
     "footer=off\n",
     ".LP\n"
     ".DS C\n"
     "The Title\n"
     ".DE\n"
     ".LP\n"
     ".TS\n"
     "center;\n"
     "c s.\n"
     "\\fIRecord 1\\fP\n"
     "_\n"
     ".T&\n"
     "c | l.\n"
     "a\t1\n"
     "bb\tx\n"
     "yy\n"
     "c\t\n"
     ".T&\n"
     "c s.\n"
     "\\fIRecord 2\\fP\n"
     "_\n"
     ".T&\n"
     "c | l.\n"
     "a\t22\n"
     "bb\thello\n"
     "c\tz\n"
     ".TE\n"
     ".DS L\n"
     ".DE\n"},
    {"linestyle=ascii\n"
     "border=0\n"
     "expanded=off\n"
     "tuples_only=on\n",
     " 1 x    +\n"
     "   yy    \n"
     "22 hello z\n"
     "\n"},
    {"linestyle=ascii\n"
     "border=0\n"
     "expanded=on\n"
     "tuples_only=on\n",
     "a  1\n"
     "bb x    +\n"
     "   yy\n"
     "c  \n"
     "       \n"
     "a  22\n"
     "bb hello\n"
     "c  z\n"
     "\n"},
    {"linestyle=ascii\n"
     "border=1\n"
     "expanded=off\n"
     "tuples_only=on\n",
     "  1 | x    +| \n"
     "    | yy    | \n"
     " 22 | hello | z\n"
     "\n"},
    {"linestyle=ascii\n"
     "border=1\n"
     "expanded=on\n"
     "tuples_only=on\n",
     "a  | 1\n"
     "bb | x    +\n"
     "   | yy\n"
     "c  | \n"
     "---+------\n"
     "a  | 22\n"
     "bb | hello\n"
     "c  | z\n"
     "\n"},
    {"linestyle=ascii\n"
     "border=2\n"
     "expanded=off\n"
     "tuples_only=on\n",
     "|  1 | x    +|   |\n"
     "|    | yy    |   |\n"
     "| 22 | hello | z |\n"
     "+----+-------+---+\n"
     "\n"},
    {"linestyle=ascii\n"
     "border=2\n"
     "expanded=on\n"
     "tuples_only=on\n",
     "+----+-------+\n"
     "| a  | 1     |\n"
     "| bb | x    +|\n"
     "|    | yy    |\n"
     "| c  |       |\n"
     "+----+-------+\n"
     "| a  | 22    |\n"
     "| bb | hello |\n"
     "| c  | z     |\n"
     "+----+-------+\n"
     "\n"},
    {"linestyle=old-ascii\n"
     "border=0\n"
     "expanded=off\n"
     "tuples_only=on\n",
     " 1 x     \n"
     "   yy    \n"
     "22 hello z\n"
     "\n"},
    {"linestyle=old-ascii\n"
     "border=0\n"
     "expanded=on\n"
     "tuples_only=on\n",
     "a  1\n"
     "bb x\n"
     "   yy\n"
     "c  \n"
     "       \n"
     "a  22\n"
     "bb hello\n"
     "c  z\n"
     "\n"},
    {"linestyle=old-ascii\n"
     "border=1\n"
     "expanded=off\n"
     "tuples_only=on\n",
     "  1 | x     | \n"
     "    : yy      \n"
     " 22 | hello | z\n"
     "\n"},
    {"linestyle=old-ascii\n"
     "border=1\n"
     "expanded=on\n"
     "tuples_only=on\n",
     "a  | 1\n"
     "bb | x\n"
     "   : yy\n"
     "c  | \n"
     "---+------\n"
     "a  | 22\n"
     "bb | hello\n"
     "c  | z\n"
     "\n"},
    {"linestyle=old-ascii\n"
     "border=2\n"
     "expanded=off\n"
     "tuples_only=on\n",
     "|  1 | x     |   |\n"
     "|    : yy        |\n"
     "| 22 | hello | z |\n"
     "+----+-------+---+\n"
     "\n"},
    {"linestyle=old-ascii\n"
     "border=2\n"
     "expanded=on\n"
     "tuples_only=on\n",
     "+----+-------+\n"
     "| a  | 1     |\n"
     "| bb | x     |\n"
     "|    : yy    |\n"
     "| c  |       |\n"
     "+----+-------+\n"
     "| a  | 22    |\n"
     "| bb | hello |\n"
     "| c  | z     |\n"
     "+----+-------+\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=0\n"
     "expanded=off\n"
     "tuples_only=on\n",
     " 1 x    \342\206\265\n"
     "   yy    \n"
     "22 hello z\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=0\n"
     "expanded=on\n"
     "tuples_only=on\n",
     "a  1\n"
     "bb x    \342\206\265\n"
     "   yy\n"
     "c  \n"
     "       \n"
     "a  22\n"
     "bb hello\n"
     "c  z\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=1\n"
     "expanded=off\n"
     "tuples_only=on\n",
     "  1 \342\224\202 x    \342\206\265\342\224\202 \n"
     "    \342\224\202 yy    \342\224\202 \n"
     " 22 \342\224\202 hello \342\224\202 z\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=1\n"
     "expanded=on\n"
     "tuples_only=on\n",
     "a  \342\224\202 1\n"
     "bb \342\224\202 x    \342\206\265\n"
     "   \342\224\202 yy\n"
     "c  \342\224\202 \n"
     "\342\224\200\342\224\200\342\224\200\342\224\274\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\n"
     "a  \342\224\202 22\n"
     "bb \342\224\202 hello\n"
     "c  \342\224\202 z\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=2\n"
     "expanded=off\n"
     "tuples_only=on\n",
     "\342\224\202  1 \342\224\202 x    \342\206\265\342\224\202   \342\224\202\n"
     "\342\224\202    \342\224\202 yy    \342\224\202   \342\224\202\n"
     "\342\224\202 22 \342\224\202 hello \342\224\202 z \342\224\202\n"
     "\342\224\224\342\224\200\342\224\200\342\224\200\342\224\200\342\224\264\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\264\342\224\200\342\224\200\342\224\200\342\224\230\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=2\n"
     "expanded=on\n"
     "tuples_only=on\n",
     "\342\224\214\342\224\200\342\224\200\342\224\200\342\224\200\342\224\254\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\220\n"
     "\342\224\202 a  \342\224\202 1     \342\224\202\n"
     "\342\224\202 bb \342\224\202 x    \342\206\265\342\224\202\n"
     "\342\224\202    \342\224\202 yy    \342\224\202\n"
     "\342\224\202 c  \342\224\202       \342\224\202\n"
     "\342\224\234\342\224\200\342\224\200\342\224\200\342\224\200\342\224\274\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\244\n"
     "\342\224\202 a  \342\224\202 22    \342\224\202\n"
     "\342\224\202 bb \342\224\202 hello \342\224\202\n"
     "\342\224\202 c  \342\224\202 z     \342\224\202\n"
     "\342\224\224\342\224\200\342\224\200\342\224\200\342\224\200\342\224\264\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\230\n"
     "\n"},
    {NULL, NULL},
};

/* psql -X -q [-P settings] -c "select * from (values (1, E'x\\nyy', null, 'a'), (22, 'hello', 'z', E'b\\nc\\nd')) v(a, \"b\n"
"b\", c, \"d\")" */
static const PrintCase multiline_cases[] = {
    {"linestyle=old-ascii\n"
     "border=0\n"
     "expanded=off\n",
     "a    b   c d\n"
     "  +  b  + + \n"
     "-- ----- - -\n"
     " 1 x       a\n"
     "   yy      \n"
     "22 hello z b \n"
     "           c \n"
     "           d\n"
     "(2 rows)\n"
     "\n"},
    {"linestyle=old-ascii\n"
     "border=0\n"
     "expanded=on\n",
     "* Record 1\n"
     " a 1\n"
     " b x\n"
     "+b yy\n"
     " c \n"
     " d a\n"
     "* Record 2\n"
     " a 22\n"
     " b hello\n"
     "+b\n"
     " c z\n"
     " d b\n"
     "   c\n"
     "   d\n"
     "\n"},
    {"linestyle=old-ascii\n"
     "border=1\n"
     "expanded=off\n",
     " a  |   b   | c | d \n"
     "+   |+  b   |+  |+  \n"
     "----+-------+---+---\n"
     "  1 | x     |   | a\n"
     "    : yy          \n"
     " 22 | hello | z | b \n"
     "                : c \n"
     "                : d\n"
     "(2 rows)\n"
     "\n"},
    {"linestyle=old-ascii\n"
     "border=1\n"
     "expanded=on\n",
     "-[ RECORD 1 ]\n"
     " a | 1\n"
     " b | x\n"
     "+b : yy\n"
     " c | \n"
     " d | a\n"
     "-[ RECORD 2 ]\n"
     " a | 22\n"
     " b | hello\n"
     "+b ;\n"
     " c | z\n"
     " d | b\n"
     "   : c\n"
     "   : d\n"
     "\n"},
    {"linestyle=old-ascii\n"
     "border=2\n"
     "expanded=off\n",
     "+----+-------+---+---+\n"
     "| a  |   b   | c | d |\n"
     "|+   |+  b   |+  |+  |\n"
     "+----+-------+---+---+\n"
     "|  1 | x     |   | a |\n"
     "|    : yy            |\n"
     "| 22 | hello | z | b |\n"
     "|                : c |\n"
     "|                : d |\n"
     "+----+-------+---+---+\n"
     "(2 rows)\n"
     "\n"},
    {"linestyle=old-ascii\n"
     "border=2\n"
     "expanded=on\n",
     "+-[ RECORD 1 ]-+\n"
     "| a | 1     |\n"
     "| b | x     |\n"
     "|+b : yy    |\n"
     "| c |       |\n"
     "| d | a     |\n"
     "+-[ RECORD 2 ]-+\n"
     "| a | 22    |\n"
     "| b | hello |\n"
     "|+b ;       |\n"
     "| c | z     |\n"
     "| d | b     |\n"
     "|   : c     |\n"
     "|   : d     |\n"
     "+---+-------+\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=0\n"
     "expanded=off\n",
     "a    b  \342\206\265c d \n"
     "     b       \n"
     "\342\224\200\342\224\200 \342\224\200\342\224\200\342\224\200\342\224\200\342\224\200 \342\224\200 \342\224\200\n"
     " 1 x    \342\206\265  a\n"
     "   yy      \n"
     "22 hello z b\342\206\265\n"
     "           c\342\206\265\n"
     "           d\n"
     "(2 rows)\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=0\n"
     "expanded=on\n",
     "* Record 1\n"
     "a  1\n"
     "b\342\206\265 x    \342\206\265\n"
     "b  yy\n"
     "c  \n"
     "d  a\n"
     "* Record 2\n"
     "a  22\n"
     "b\342\206\265 hello\n"
     "b \n"
     "c  z\n"
     "d  b    \342\206\265\n"
     "   c    \342\206\265\n"
     "   d\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=1\n"
     "expanded=off\n",
     " a  \342\224\202   b  \342\206\265\342\224\202 c \342\224\202 d \n"
     "    \342\224\202   b   \342\224\202   \342\224\202   \n"
     "\342\224\200\342\224\200\342\224\200\342\224\200\342\224\274\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\274\342\224\200\342\224\200\342\224\200\342\224\274\342\224\200\342\224\200\342\224\200\n"
     "  1 \342\224\202 x    \342\206\265\342\224\202   \342\224\202 a\n"
     "    \342\224\202 yy    \342\224\202   \342\224\202 \n"
     " 22 \342\224\202 hello \342\224\202 z \342\224\202 b\342\206\265\n"
     "    \342\224\202       \342\224\202   \342\224\202 c\342\206\265\n"
     "    \342\224\202       \342\224\202   \342\224\202 d\n"
     "(2 rows)\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=1\n"
     "expanded=on\n",
     "\342\224\200[ RECORD 1 ]\n"
     "a \342\224\202 1\n"
     "b\342\206\265\342\224\202 x    \342\206\265\n"
     "b \342\224\202 yy\n"
     "c \342\224\202 \n"
     "d \342\224\202 a\n"
     "\342\224\200[ RECORD 2 ]\n"
     "a \342\224\202 22\n"
     "b\342\206\265\342\224\202 hello\n"
     "b \342\224\202\n"
     "c \342\224\202 z\n"
     "d \342\224\202 b    \342\206\265\n"
     "  \342\224\202 c    \342\206\265\n"
     "  \342\224\202 d\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=2\n"
     "expanded=off\n",
     "\342\224\214\342\224\200\342\224\200\342\224\200\342\224\200\342\224\254\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\254\342\224\200\342\224\200\342\224\200\342\224\254\342\224\200\342\224\200\342\224\200\342\224\220\n"
     "\342\224\202 a  \342\224\202   b  \342\206\265\342\224\202 c \342\224\202 d \342\224\202\n"
     "\342\224\202    \342\224\202   b   \342\224\202   \342\224\202   \342\224\202\n"
     "\342\224\234\342\224\200\342\224\200\342\224\200\342\224\200\342\224\274\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\274\342\224\200\342\224\200\342\224\200\342\224\274\342\224\200\342\224\200\342\224\200\342\224\244\n"
     "\342\224\202  1 \342\224\202 x    \342\206\265\342\224\202   \342\224\202 a \342\224\202\n"
     "\342\224\202    \342\224\202 yy    \342\224\202   \342\224\202   \342\224\202\n"
     "\342\224\202 22 \342\224\202 hello \342\224\202 z \342\224\202 b\342\206\265\342\224\202\n"
     "\342\224\202    \342\224\202       \342\224\202   \342\224\202 c\342\206\265\342\224\202\n"
     "\342\224\202    \342\224\202       \342\224\202   \342\224\202 d \342\224\202\n"
     "\342\224\224\342\224\200\342\224\200\342\224\200\342\224\200\342\224\264\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\264\342\224\200\342\224\200\342\224\200\342\224\264\342\224\200\342\224\200\342\224\200\342\224\230\n"
     "(2 rows)\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=2\n"
     "expanded=on\n",
     "\342\224\214\342\224\200[ RECORD 1 ]\342\224\200\342\224\220\n"
     "\342\224\202 a \342\224\202 1     \342\224\202\n"
     "\342\224\202 b\342\206\265\342\224\202 x    \342\206\265\342\224\202\n"
     "\342\224\202 b \342\224\202 yy    \342\224\202\n"
     "\342\224\202 c \342\224\202       \342\224\202\n"
     "\342\224\202 d \342\224\202 a     \342\224\202\n"
     "\342\224\234\342\224\200[ RECORD 2 ]\342\224\200\342\224\244\n"
     "\342\224\202 a \342\224\202 22    \342\224\202\n"
     "\342\224\202 b\342\206\265\342\224\202 hello \342\224\202\n"
     "\342\224\202 b \342\224\202       \342\224\202\n"
     "\342\224\202 c \342\224\202 z     \342\224\202\n"
     "\342\224\202 d \342\224\202 b    \342\206\265\342\224\202\n"
     "\342\224\202   \342\224\202 c    \342\206\265\342\224\202\n"
     "\342\224\202   \342\224\202 d     \342\224\202\n"
     "\342\224\224\342\224\200\342\224\200\342\224\200\342\224\264\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\230\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=2\n"
     "unicode_border_linestyle=single\n"
     "unicode_header_linestyle=single\n"
     "unicode_column_linestyle=single\n",
     "\342\224\214\342\224\200\342\224\200\342\224\200\342\224\200\342\224\254\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\254\342\224\200\342\224\200\342\224\200\342\224\254\342\224\200\342\224\200\342\224\200\342\224\220\n"
     "\342\224\202 a  \342\224\202   b  \342\206\265\342\224\202 c \342\224\202 d \342\224\202\n"
     "\342\224\202    \342\224\202   b   \342\224\202   \342\224\202   \342\224\202\n"
     "\342\224\234\342\224\200\342\224\200\342\224\200\342\224\200\342\224\274\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\274\342\224\200\342\224\200\342\224\200\342\224\274\342\224\200\342\224\200\342\224\200\342\224\244\n"
     "\342\224\202  1 \342\224\202 x    \342\206\265\342\224\202   \342\224\202 a \342\224\202\n"
     "\342\224\202    \342\224\202 yy    \342\224\202   \342\224\202   \342\224\202\n"
     "\342\224\202 22 \342\224\202 hello \342\224\202 z \342\224\202 b\342\206\265\342\224\202\n"
     "\342\224\202    \342\224\202       \342\224\202   \342\224\202 c\342\206\265\342\224\202\n"
     "\342\224\202    \342\224\202       \342\224\202   \342\224\202 d \342\224\202\n"
     "\342\224\224\342\224\200\342\224\200\342\224\200\342\224\200\342\224\264\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\264\342\224\200\342\224\200\342\224\200\342\224\264\342\224\200\342\224\200\342\224\200\342\224\230\n"
     "(2 rows)\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=2\n"
     "unicode_border_linestyle=single\n"
     "unicode_header_linestyle=single\n"
     "unicode_column_linestyle=double\n",
     "\342\224\214\342\224\200\342\224\200\342\224\200\342\224\200\342\225\245\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\225\245\342\224\200\342\224\200\342\224\200\342\225\245\342\224\200\342\224\200\342\224\200\342\224\220\n"
     "\342\224\202 a  \342\225\221   b  \342\206\265\342\225\221 c \342\225\221 d \342\224\202\n"
     "\342\224\202    \342\225\221   b   \342\225\221   \342\225\221   \342\224\202\n"
     "\342\224\234\342\224\200\342\224\200\342\224\200\342\224\200\342\225\253\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\225\253\342\224\200\342\224\200\342\224\200\342\225\253\342\224\200\342\224\200\342\224\200\342\224\244\n"
     "\342\224\202  1 \342\225\221 x    \342\206\265\342\225\221   \342\225\221 a \342\224\202\n"
     "\342\224\202    \342\225\221 yy    \342\225\221   \342\225\221   \342\224\202\n"
     "\342\224\202 22 \342\225\221 hello \342\225\221 z \342\225\221 b\342\206\265\342\224\202\n"
     "\342\224\202    \342\225\221       \342\225\221   \342\225\221 c\342\206\265\342\224\202\n"
     "\342\224\202    \342\225\221       \342\225\221   \342\225\221 d \342\224\202\n"
     "\342\224\224\342\224\200\342\224\200\342\224\200\342\224\200\342\225\250\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\225\250\342\224\200\342\224\200\342\224\200\342\225\250\342\224\200\342\224\200\342\224\200\342\224\230\n"
     "(2 rows)\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=2\n"
     "unicode_border_linestyle=single\n"
     "unicode_header_linestyle=double\n"
     "unicode_column_linestyle=single\n",
     "\342\224\214\342\224\200\342\224\200\342\224\200\342\224\200\342\224\254\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\254\342\224\200\342\224\200\342\224\200\342\224\254\342\224\200\342\224\200\342\224\200\342\224\220\n"
     "\342\224\202 a  \342\224\202   b  \342\206\265\342\224\202 c \342\224\202 d \342\224\202\n"
     "\342\224\202    \342\224\202   b   \342\224\202   \342\224\202   \342\224\202\n"
     "\342\225\236\342\225\220\342\225\220\342\225\220\342\225\220\342\225\252\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\252\342\225\220\342\225\220\342\225\220\342\225\252\342\225\220\342\225\220\342\225\220\342\225\241\n"
     "\342\224\202  1 \342\224\202 x    \342\206\265\342\224\202   \342\224\202 a \342\224\202\n"
     "\342\224\202    \342\224\202 yy    \342\224\202   \342\224\202   \342\224\202\n"
     "\342\224\202 22 \342\224\202 hello \342\224\202 z \342\224\202 b\342\206\265\342\224\202\n"
     "\342\224\202    \342\224\202       \342\224\202   \342\224\202 c\342\206\265\342\224\202\n"
     "\342\224\202    \342\224\202       \342\224\202   \342\224\202 d \342\224\202\n"
     "\342\224\224\342\224\200\342\224\200\342\224\200\342\224\200\342\224\264\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\264\342\224\200\342\224\200\342\224\200\342\224\264\342\224\200\342\224\200\342\224\200\342\224\230\n"
     "(2 rows)\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=2\n"
     "unicode_border_linestyle=single\n"
     "unicode_header_linestyle=double\n"
     "unicode_column_linestyle=double\n",
     "\342\224\214\342\224\200\342\224\200\342\224\200\342\224\200\342\225\245\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\225\245\342\224\200\342\224\200\342\224\200\342\225\245\342\224\200\342\224\200\342\224\200\342\224\220\n"
     "\342\224\202 a  \342\225\221   b  \342\206\265\342\225\221 c \342\225\221 d \342\224\202\n"
     "\342\224\202    \342\225\221   b   \342\225\221   \342\225\221   \342\224\202\n"
     "\342\225\236\342\225\220\342\225\220\342\225\220\342\225\220\342\225\254\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\254\342\225\220\342\225\220\342\225\220\342\225\254\342\225\220\342\225\220\342\225\220\342\225\241\n"
     "\342\224\202  1 \342\225\221 x    \342\206\265\342\225\221   \342\225\221 a \342\224\202\n"
     "\342\224\202    \342\225\221 yy    \342\225\221   \342\225\221   \342\224\202\n"
     "\342\224\202 22 \342\225\221 hello \342\225\221 z \342\225\221 b\342\206\265\342\224\202\n"
     "\342\224\202    \342\225\221       \342\225\221   \342\225\221 c\342\206\265\342\224\202\n"
     "\342\224\202    \342\225\221       \342\225\221   \342\225\221 d \342\224\202\n"
     "\342\224\224\342\224\200\342\224\200\342\224\200\342\224\200\342\225\250\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\225\250\342\224\200\342\224\200\342\224\200\342\225\250\342\224\200\342\224\200\342\224\200\342\224\230\n"
     "(2 rows)\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=2\n"
     "unicode_border_linestyle=double\n"
     "unicode_header_linestyle=single\n"
     "unicode_column_linestyle=single\n",
     "\342\225\224\342\225\220\342\225\220\342\225\220\342\225\220\342\225\244\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\244\342\225\220\342\225\220\342\225\220\342\225\244\342\225\220\342\225\220\342\225\220\342\225\227\n"
     "\342\225\221 a  \342\224\202   b  \342\206\265\342\224\202 c \342\224\202 d \342\225\221\n"
     "\342\225\221    \342\224\202   b   \342\224\202   \342\224\202   \342\225\221\n"
     "\342\225\237\342\224\200\342\224\200\342\224\200\342\224\200\342\224\274\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\274\342\224\200\342\224\200\342\224\200\342\224\274\342\224\200\342\224\200\342\224\200\342\225\242\n"
     "\342\225\221  1 \342\224\202 x    \342\206\265\342\224\202   \342\224\202 a \342\225\221\n"
     "\342\225\221    \342\224\202 yy    \342\224\202   \342\224\202   \342\225\221\n"
     "\342\225\221 22 \342\224\202 hello \342\224\202 z \342\224\202 b\342\206\265\342\225\221\n"
     "\342\225\221    \342\224\202       \342\224\202   \342\224\202 c\342\206\265\342\225\221\n"
     "\342\225\221    \342\224\202       \342\224\202   \342\224\202 d \342\225\221\n"
     "\342\225\232\342\225\220\342\225\220\342\225\220\342\225\220\342\225\247\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\247\342\225\220\342\225\220\342\225\220\342\225\247\342\225\220\342\225\220\342\225\220\342\225\235\n"
     "(2 rows)\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=2\n"
     "unicode_border_linestyle=double\n"
     "unicode_header_linestyle=single\n"
     "unicode_column_linestyle=double\n",
     "\342\225\224\342\225\220\342\225\220\342\225\220\342\225\220\342\225\246\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\246\342\225\220\342\225\220\342\225\220\342\225\246\342\225\220\342\225\220\342\225\220\342\225\227\n"
     "\342\225\221 a  \342\225\221   b  \342\206\265\342\225\221 c \342\225\221 d \342\225\221\n"
     "\342\225\221    \342\225\221   b   \342\225\221   \342\225\221   \342\225\221\n"
     "\342\225\237\342\224\200\342\224\200\342\224\200\342\224\200\342\225\253\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\225\253\342\224\200\342\224\200\342\224\200\342\225\253\342\224\200\342\224\200\342\224\200\342\225\242\n"
     "\342\225\221  1 \342\225\221 x    \342\206\265\342\225\221   \342\225\221 a \342\225\221\n"
     "\342\225\221    \342\225\221 yy    \342\225\221   \342\225\221   \342\225\221\n"
     "\342\225\221 22 \342\225\221 hello \342\225\221 z \342\225\221 b\342\206\265\342\225\221\n"
     "\342\225\221    \342\225\221       \342\225\221   \342\225\221 c\342\206\265\342\225\221\n"
     "\342\225\221    \342\225\221       \342\225\221   \342\225\221 d \342\225\221\n"
     "\342\225\232\342\225\220\342\225\220\342\225\220\342\225\220\342\225\251\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\251\342\225\220\342\225\220\342\225\220\342\225\251\342\225\220\342\225\220\342\225\220\342\225\235\n"
     "(2 rows)\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=2\n"
     "unicode_border_linestyle=double\n"
     "unicode_header_linestyle=double\n"
     "unicode_column_linestyle=single\n",
     "\342\225\224\342\225\220\342\225\220\342\225\220\342\225\220\342\225\244\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\244\342\225\220\342\225\220\342\225\220\342\225\244\342\225\220\342\225\220\342\225\220\342\225\227\n"
     "\342\225\221 a  \342\224\202   b  \342\206\265\342\224\202 c \342\224\202 d \342\225\221\n"
     "\342\225\221    \342\224\202   b   \342\224\202   \342\224\202   \342\225\221\n"
     "\342\225\240\342\225\220\342\225\220\342\225\220\342\225\220\342\225\252\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\252\342\225\220\342\225\220\342\225\220\342\225\252\342\225\220\342\225\220\342\225\220\342\225\243\n"
     "\342\225\221  1 \342\224\202 x    \342\206\265\342\224\202   \342\224\202 a \342\225\221\n"
     "\342\225\221    \342\224\202 yy    \342\224\202   \342\224\202   \342\225\221\n"
     "\342\225\221 22 \342\224\202 hello \342\224\202 z \342\224\202 b\342\206\265\342\225\221\n"
     "\342\225\221    \342\224\202       \342\224\202   \342\224\202 c\342\206\265\342\225\221\n"
     "\342\225\221    \342\224\202       \342\224\202   \342\224\202 d \342\225\221\n"
     "\342\225\232\342\225\220\342\225\220\342\225\220\342\225\220\342\225\247\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\247\342\225\220\342\225\220\342\225\220\342\225\247\342\225\220\342\225\220\342\225\220\342\225\235\n"
     "(2 rows)\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=2\n"
     "unicode_border_linestyle=double\n"
     "unicode_header_linestyle=double\n"
     "unicode_column_linestyle=double\n",
     "\342\225\224\342\225\220\342\225\220\342\225\220\342\225\220\342\225\246\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\246\342\225\220\342\225\220\342\225\220\342\225\246\342\225\220\342\225\220\342\225\220\342\225\227\n"
     "\342\225\221 a  \342\225\221   b  \342\206\265\342\225\221 c \342\225\221 d \342\225\221\n"
     "\342\225\221    \342\225\221   b   \342\225\221   \342\225\221   \342\225\221\n"
     "\342\225\240\342\225\220\342\225\220\342\225\220\342\225\220\342\225\254\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\254\342\225\220\342\225\220\342\225\220\342\225\254\342\225\220\342\225\220\342\225\220\342\225\243\n"
     "\342\225\221  1 \342\225\221 x    \342\206\265\342\225\221   \342\225\221 a \342\225\221\n"
     "\342\225\221    \342\225\221 yy    \342\225\221   \342\225\221   \342\225\221\n"
     "\342\225\221 22 \342\225\221 hello \342\225\221 z \342\225\221 b\342\206\265\342\225\221\n"
     "\342\225\221    \342\225\221       \342\225\221   \342\225\221 c\342\206\265\342\225\221\n"
     "\342\225\221    \342\225\221       \342\225\221   \342\225\221 d \342\225\221\n"
     "\342\225\232\342\225\220\342\225\220\342\225\220\342\225\220\342\225\251\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\251\342\225\220\342\225\220\342\225\220\342\225\251\342\225\220\342\225\220\342\225\220\342\225\235\n"
     "(2 rows)\n"
     "\n"},
    {"linestyle=unicode\n"
     "border=2\n"
     "expanded=on\n"
     "unicode_border_linestyle=double\n"
     "unicode_header_linestyle=double\n"
     "unicode_column_linestyle=double\n",
     "\342\225\224\342\225\220[ RECORD 1 ]\342\225\220\342\225\227\n"
     "\342\225\221 a \342\225\221 1     \342\225\221\n"
     "\342\225\221 b\342\206\265\342\225\221 x    \342\206\265\342\225\221\n"
     "\342\225\221 b \342\225\221 yy    \342\225\221\n"
     "\342\225\221 c \342\225\221       \342\225\221\n"
     "\342\225\221 d \342\225\221 a     \342\225\221\n"
     "\342\225\240\342\225\220[ RECORD 2 ]\342\225\220\342\225\243\n"
     "\342\225\221 a \342\225\221 22    \342\225\221\n"
     "\342\225\221 b\342\206\265\342\225\221 hello \342\225\221\n"
     "\342\225\221 b \342\225\221       \342\225\221\n"
     "\342\225\221 c \342\225\221 z     \342\225\221\n"
     "\342\225\221 d \342\225\221 b    \342\206\265\342\225\221\n"
     "\342\225\221   \342\225\221 c    \342\206\265\342\225\221\n"
     "\342\225\221   \342\225\221 d     \342\225\221\n"
     "\342\225\232\342\225\220\342\225\220\342\225\220\342\225\251\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\220\342\225\235\n"
     "\n"},
    {NULL, NULL},
};

/* psql -X -q [-P settings] -c "select 1 as a, 'x' as b where false" */
static const PrintCase empty_cases[] = {
    {"format=aligned\n"
     "expanded=off\n",
     " a | b \n"
     "---+---\n"
     "(0 rows)\n"
     "\n"},
    {"format=aligned\n"
     "expanded=on\n",
     "(0 rows)\n"
     "\n"},
    {"format=wrapped\n"
     "expanded=off\n",
     " a | b \n"
     "---+---\n"
     "(0 rows)\n"
     "\n"},
    {"format=wrapped\n"
     "expanded=on\n",
     "(0 rows)\n"
     "\n"},
    {"format=unaligned\n"
     "expanded=off\n",
     "a|b\n"
     "(0 rows)\n"},
    {"format=unaligned\n"
     "expanded=on\n",
     ""},
    {"format=csv\n"
     "expanded=off\n",
     "a,b\n"},
    {"format=csv\n"
     "expanded=on\n",
     ""},
    {"format=html\n"
     "expanded=off\n",
     "<table border=\"1\">\n"
     "  <tr>\n"
     "    <th align=\"center\">a</th>\n"
     "    <th align=\"center\">b</th>\n"
     "  </tr>\n"
     "</table>\n"
     "<p>(0 rows)<br />\n"
     "</p>\n"},
    {"format=html\n"
     "expanded=on\n",
     "<table border=\"1\">\n"
     "</table>\n"
     "\n"},
    {"format=asciidoc\n"
     "expanded=off\n",
     "\n"
     "[options=\"header\",cols=\">l,<l\",frame=\"none\"]\n"
     "|====\n"
     "^l|a ^l|b\n"
     "|====\n"
     "\n"
     "....\n"
     "(0 rows)\n"
     "....\n"},
    {"format=asciidoc\n"
     "expanded=on\n",
     "\n"
     "[cols=\"h,l\",frame=\"none\"]\n"
     "|====\n"
     "|====\n"},
    {"format=latex\n"
     "expanded=off\n",
     "\\begin{tabular}{r | l}\n"
     "\\textit{a} & \\textit{b} \\\\\n"
     "\\hline\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent (0 rows) \\\\\n"
     "\n"},
    {"format=latex\n"
     "expanded=on\n",
     "\\begin{tabular}{c|l}\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent \n"},
    {"format=latex-longtable\n"
     "expanded=off\n",
     "\\begin{longtable}{r | l}\n"
     "\\small\\textbf{\\textit{a}} & \\small\\textbf{\\textit{b}} \\\\\n"
     "\\midrule\n"
     "\\endfirsthead\n"
     "\\small\\textbf{\\textit{a}} & \\small\\textbf{\\textit{b}} \\\\\n"
     "\\midrule\n"
     "\\endhead\n"
     "\\end{longtable}\n"},
    {"format=latex-longtable\n"
     "expanded=on\n",
     "\\begin{tabular}{c|l}\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent \n"},
    {"format=troff-ms\n"
     "expanded=off\n",
     ".LP\n"
     ".TS\n"
     "center;\n"
     "r | l.\n"
     "\\fIa\\fP\t\\fIb\\fP\n"
     "_\n"
     ".TE\n"
     ".DS L\n"
     "(0 rows)\n"
     ".DE\n"},
    {"format=troff-ms\n"
     "expanded=on\n",
     ".LP\n"
     ".TS\n"
     "center;\n"
     ".TE\n"
     ".DS L\n"
     ".DE\n"},
    {"expanded=on\n"
     "title=T\n",
     "(0 rows)\n"
     "\n"},
    {"expanded=on\n"
     "tuples_only=on\n",
     "\n"},
    {NULL, NULL},
};

/* psql -X -q [-P settings] -c "select" */
static const PrintCase nocols_cases[] = {
    {"format=aligned\n"
     "expanded=off\n",
     "--\n"
     "(1 row)\n"
     "\n"},
    {"format=aligned\n"
     "expanded=on\n",
     "(1 row)\n"
     "\n"},
    {"format=unaligned\n"
     "expanded=off\n",
     "\n"
     "(1 row)\n"},
    {"format=unaligned\n"
     "expanded=on\n",
     ""},
    {"format=csv\n"
     "expanded=off\n",
     "\n"},
    {"format=csv\n"
     "expanded=on\n",
     ""},
    {"format=html\n"
     "expanded=off\n",
     "<table border=\"1\">\n"
     "  <tr>\n"
     "  </tr>\n"
     "</table>\n"
     "<p>(1 row)<br />\n"
     "</p>\n"},
    {"format=html\n"
     "expanded=on\n",
     "<table border=\"1\">\n"
     "</table>\n"
     "\n"},
    {NULL, NULL},
};

/* psql -X -q [-P settings] -c "select '\346\227\245\346\234\254\350\252\236' as \"\345\220\215\345\211\215\", 'e' || chr(769) || 'x' as comb, E'a\\tb' as tab, E'c\\rd' as cr, E'\\x01' as ctl, chr(128) || chr(159) as c1, '\360\237\230\200x' as emoji" */
static const PrintCase wide_cases[] = {
    {"border=0\n"
     "expanded=off\n",
     " \345\220\215\345\211\215  comb    tab     cr  ctl       c1      emoji \n"
     "------ ---- --------- ---- ---- ------------ -----\n"
     "\346\227\245\346\234\254\350\252\236 e\314\201x   a       b c\\rd \\x01 \\u0080\\u009F \360\237\230\200x\n"
     "(1 row)\n"
     "\n"},
    {"border=0\n"
     "expanded=on\n",
     "* Record 1       \n"
     "\345\220\215\345\211\215  \346\227\245\346\234\254\350\252\236\n"
     "comb  e\314\201x\n"
     "tab   a       b\n"
     "cr    c\\rd\n"
     "ctl   \\x01\n"
     "c1    \\u0080\\u009F\n"
     "emoji \360\237\230\200x\n"
     "\n"},
    {"border=1\n"
     "expanded=off\n",
     "  \345\220\215\345\211\215  | comb |    tab    |  cr  | ctl  |      c1      | emoji \n"
     "--------+------+-----------+------+------+--------------+-------\n"
     " \346\227\245\346\234\254\350\252\236 | e\314\201x   | a       b | c\\rd | \\x01 | \\u0080\\u009F | \360\237\230\200x\n"
     "(1 row)\n"
     "\n"},
    {"border=1\n"
     "expanded=on\n",
     "-[ RECORD 1 ]-------\n"
     "\345\220\215\345\211\215  | \346\227\245\346\234\254\350\252\236\n"
     "comb  | e\314\201x\n"
     "tab   | a       b\n"
     "cr    | c\\rd\n"
     "ctl   | \\x01\n"
     "c1    | \\u0080\\u009F\n"
     "emoji | \360\237\230\200x\n"
     "\n"},
    {"border=2\n"
     "expanded=off\n",
     "+--------+------+-----------+------+------+--------------+-------+\n"
     "|  \345\220\215\345\211\215  | comb |    tab    |  cr  | ctl  |      c1      | emoji |\n"
     "+--------+------+-----------+------+------+--------------+-------+\n"
     "| \346\227\245\346\234\254\350\252\236 | e\314\201x   | a       b | c\\rd | \\x01 | \\u0080\\u009F | \360\237\230\200x   |\n"
     "+--------+------+-----------+------+------+--------------+-------+\n"
     "(1 row)\n"
     "\n"},
    {"border=2\n"
     "expanded=on\n",
     "+-[ RECORD 1 ]---------+\n"
     "| \345\220\215\345\211\215  | \346\227\245\346\234\254\350\252\236       |\n"
     "| comb  | e\314\201x           |\n"
     "| tab   | a       b    |\n"
     "| cr    | c\\rd         |\n"
     "| ctl   | \\x01         |\n"
     "| c1    | \\u0080\\u009F |\n"
     "| emoji | \360\237\230\200x          |\n"
     "+-------+--------------+\n"
     "\n"},
    {"format=wrapped\n"
     "columns=20\n",
     "  \345\220\215\345\211\215  | comb |    tab    |  cr  | ctl  |      c1      | emoji \n"
     "--------+------+-----------+------+------+--------------+-------\n"
     " \346\227\245\346\234\254\350\252\236 | e\314\201x   | a       b | c\\rd | \\x01 | \\u0080\\u009F | \360\237\230\200x\n"
     "(1 row)\n"
     "\n"},
    {NULL, NULL},
};

/* psql -X -q [-P settings] -c "select g, repeat('abc ', g * 3) as txt, repeat('\346\227\245\346\234\254', g) as jp from generate_series(1, 4) g" */
static const PrintCase wrap_cases[] = {
    {"format=wrapped\n"
     "columns=30\n"
     "border=0\n"
     "expanded=off\n"
     "linestyle=ascii\n",
     "g        txt           jp     \n"
     "- ----------------- ---------\n"
     "1 abc abc abc       \346\227\245\346\234\254\n"
     "2 abc abc abc abc a.\346\227\245\346\234\254\346\227\245\346\234\254\n"
     "  bc abc            \n"
     "3 abc abc abc abc a.\346\227\245\346\234\254\346\227\245\346\234\254 .\n"
     "  bc abc abc abc ab.\346\227\245\346\234\254\n"
     "  c                 \n"
     "4 abc abc abc abc a.\346\227\245\346\234\254\346\227\245\346\234\254 .\n"
     "  bc abc abc abc ab.\346\227\245\346\234\254\346\227\245\346\234\254\n"
     "  c abc abc abc     \n"
     "(4 rows)\n"
     "\n"},
    {"format=wrapped\n"
     "columns=30\n"
     "border=0\n"
     "expanded=off\n"
     "linestyle=old-ascii\n",
     "g        txt           jp    \n"
     "- ----------------- ---------\n"
     "1 abc abc abc       \346\227\245\346\234\254\n"
     "2 abc abc abc abc a \346\227\245\346\234\254\346\227\245\346\234\254\n"
     "  bc abc            \n"
     "3 abc abc abc abc a \346\227\245\346\234\254\346\227\245\346\234\254  \n"
     "  bc abc abc abc ab \346\227\245\346\234\254\n"
     "  c                 \n"
     "4 abc abc abc abc a \346\227\245\346\234\254\346\227\245\346\234\254  \n"
     "  bc abc abc abc ab \346\227\245\346\234\254\346\227\245\346\234\254\n"
     "  c abc abc abc     \n"
     "(4 rows)\n"
     "\n"},
    {"format=wrapped\n"
     "columns=30\n"
     "border=0\n"
     "expanded=off\n"
     "linestyle=unicode\n",
     "g        txt           jp     \n"
     "\342\224\200 \342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200 \342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\n"
     "1 abc abc abc       \346\227\245\346\234\254\n"
     "2 abc abc abc abc a\342\200\246\346\227\245\346\234\254\346\227\245\346\234\254\n"
     "  bc abc            \n"
     "3 abc abc abc abc a\342\200\246\346\227\245\346\234\254\346\227\245\346\234\254 \342\200\246\n"
     "  bc abc abc abc ab\342\200\246\346\227\245\346\234\254\n"
     "  c                 \n"
     "4 abc abc abc abc a\342\200\246\346\227\245\346\234\254\346\227\245\346\234\254 \342\200\246\n"
     "  bc abc abc abc ab\342\200\246\346\227\245\346\234\254\346\227\245\346\234\254\n"
     "  c abc abc abc     \n"
     "(4 rows)\n"
     "\n"},
    {"format=wrapped\n"
     "columns=30\n"
     "border=0\n"
     "expanded=on\n"
     "linestyle=ascii\n",
     "* Record 1                  \n"
     "g   1\n"
     "txt abc abc abc \n"
     "jp  \346\227\245\346\234\254\n"
     "* Record 2                  \n"
     "g   2\n"
     "txt abc abc abc abc abc abc \n"
     "jp  \346\227\245\346\234\254\346\227\245\346\234\254\n"
     "* Record 3                  \n"
     "g   3\n"
     "txt abc abc abc abc abc abc a.\n"
     "   .bc abc abc \n"
     "jp  \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\n"
     "* Record 4                  \n"
     "g   4\n"
     "txt abc abc abc abc abc abc a.\n"
     "   .bc abc abc abc abc abc \n"
     "jp  \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\n"
     "\n"},
    {"format=wrapped\n"
     "columns=30\n"
     "border=0\n"
     "expanded=on\n"
     "linestyle=old-ascii\n",
     "* Record 1                   \n"
     "g   1\n"
     "txt abc abc abc \n"
     "jp  \346\227\245\346\234\254\n"
     "* Record 2                   \n"
     "g   2\n"
     "txt abc abc abc abc abc abc \n"
     "jp  \346\227\245\346\234\254\346\227\245\346\234\254\n"
     "* Record 3                   \n"
     "g   3\n"
     "txt abc abc abc abc abc abc ab\n"
     "    c abc abc \n"
     "jp  \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\n"
     "* Record 4                   \n"
     "g   4\n"
     "txt abc abc abc abc abc abc ab\n"
     "    c abc abc abc abc abc \n"
     "jp  \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\n"
     "\n"},
    {"format=wrapped\n"
     "columns=30\n"
     "border=0\n"
     "expanded=on\n"
     "linestyle=unicode\n",
     "* Record 1                  \n"
     "g   1\n"
     "txt abc abc abc \n"
     "jp  \346\227\245\346\234\254\n"
     "* Record 2                  \n"
     "g   2\n"
     "txt abc abc abc abc abc abc \n"
     "jp  \346\227\245\346\234\254\346\227\245\346\234\254\n"
     "* Record 3                  \n"
     "g   3\n"
     "txt abc abc abc abc abc abc a\342\200\246\n"
     "   \342\200\246bc abc abc \n"
     "jp  \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\n"
     "* Record 4                  \n"
     "g   4\n"
     "txt abc abc abc abc abc abc a\342\200\246\n"
     "   \342\200\246bc abc abc abc abc abc \n"
     "jp  \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\n"
     "\n"},
    {"format=wrapped\n"
     "columns=30\n"
     "border=1\n"
     "expanded=off\n"
     "linestyle=ascii\n",
     " g |      txt       |   jp    \n"
     "---+----------------+---------\n"
     " 1 | abc abc abc    | \346\227\245\346\234\254\n"
     " 2 | abc abc abc ab.| \346\227\245\346\234\254\346\227\245 .\n"
     "   |.c abc abc      |.\346\234\254\n"
     " 3 | abc abc abc ab.| \346\227\245\346\234\254\346\227\245 .\n"
     "   |.c abc abc abc .|.\346\234\254\346\227\245\346\234\254\n"
     "   |.abc abc        | \n"
     " 4 | abc abc abc ab.| \346\227\245\346\234\254\346\227\245 .\n"
     "   |.c abc abc abc .|.\346\234\254\346\227\245\346\234\254 .\n"
     "   |.abc abc abc ab.|.\346\227\245\346\234\254\n"
     "   |.c abc          | \n"
     "(4 rows)\n"
     "\n"},
    {"format=wrapped\n"
     "columns=30\n"
     "border=1\n"
     "expanded=off\n"
     "linestyle=old-ascii\n",
     " g |      txt       |   jp    \n"
     "---+----------------+---------\n"
     " 1 | abc abc abc    | \346\227\245\346\234\254\n"
     " 2 | abc abc abc ab | \346\227\245\346\234\254\346\227\245  \n"
     "   ; c abc abc      ; \346\234\254\n"
     " 3 | abc abc abc ab | \346\227\245\346\234\254\346\227\245  \n"
     "   ; c abc abc abc  ; \346\234\254\346\227\245\346\234\254\n"
     "   ; abc abc          \n"
     " 4 | abc abc abc ab | \346\227\245\346\234\254\346\227\245  \n"
     "   ; c abc abc abc  ; \346\234\254\346\227\245\346\234\254  \n"
     "   ; abc abc abc ab ; \346\227\245\346\234\254\n"
     "   ; c abc            \n"
     "(4 rows)\n"
     "\n"},
    {"format=wrapped\n"
     "columns=30\n"
     "border=1\n"
     "expanded=off\n"
     "linestyle=unicode\n",
     " g \342\224\202      txt       \342\224\202   jp    \n"
     "\342\224\200\342\224\200\342\224\200\342\224\274\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\274\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\n"
     " 1 \342\224\202 abc abc abc    \342\224\202 \346\227\245\346\234\254\n"
     " 2 \342\224\202 abc abc abc ab\342\200\246\342\224\202 \346\227\245\346\234\254\346\227\245 \342\200\246\n"
     "   \342\224\202\342\200\246c abc abc      \342\224\202\342\200\246\346\234\254\n"
     " 3 \342\224\202 abc abc abc ab\342\200\246\342\224\202 \346\227\245\346\234\254\346\227\245 \342\200\246\n"
     "   \342\224\202\342\200\246c abc abc abc \342\200\246\342\224\202\342\200\246\346\234\254\346\227\245\346\234\254\n"
     "   \342\224\202\342\200\246abc abc        \342\224\202 \n"
     " 4 \342\224\202 abc abc abc ab\342\200\246\342\224\202 \346\227\245\346\234\254\346\227\245 \342\200\246\n"
     "   \342\224\202\342\200\246c abc abc abc \342\200\246\342\224\202\342\200\246\346\234\254\346\227\245\346\234\254 \342\200\246\n"
     "   \342\224\202\342\200\246abc abc abc ab\342\200\246\342\224\202\342\200\246\346\227\245\346\234\254\n"
     "   \342\224\202\342\200\246c abc          \342\224\202 \n"
     "(4 rows)\n"
     "\n"},
    {"format=wrapped\n"
     "columns=30\n"
     "border=1\n"
     "expanded=on\n"
     "linestyle=ascii\n",
     "-[ RECORD 1 ]----------------\n"
     "g   | 1\n"
     "txt | abc abc abc \n"
     "jp  | \346\227\245\346\234\254\n"
     "-[ RECORD 2 ]----------------\n"
     "g   | 2\n"
     "txt | abc abc abc abc abc abc.\n"
     "    |. \n"
     "jp  | \346\227\245\346\234\254\346\227\245\346\234\254\n"
     "-[ RECORD 3 ]----------------\n"
     "g   | 3\n"
     "txt | abc abc abc abc abc abc.\n"
     "    |. abc abc abc \n"
     "jp  | \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\n"
     "-[ RECORD 4 ]----------------\n"
     "g   | 4\n"
     "txt | abc abc abc abc abc abc.\n"
     "    |. abc abc abc abc abc ab.\n"
     "    |.c \n"
     "jp  | \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\n"
     "\n"},
    {"format=wrapped\n"
     "columns=30\n"
     "border=1\n"
     "expanded=on\n"
     "linestyle=old-ascii\n",
     "-[ RECORD 1 ]-----------------\n"
     "g   | 1\n"
     "txt | abc abc abc \n"
     "jp  | \346\227\245\346\234\254\n"
     "-[ RECORD 2 ]-----------------\n"
     "g   | 2\n"
     "txt | abc abc abc abc abc abc \n"
     "jp  | \346\227\245\346\234\254\346\227\245\346\234\254\n"
     "-[ RECORD 3 ]-----------------\n"
     "g   | 3\n"
     "txt | abc abc abc abc abc abc \n"
     "    ; abc abc abc \n"
     "jp  | \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\n"
     "-[ RECORD 4 ]-----------------\n"
     "g   | 4\n"
     "txt | abc abc abc abc abc abc \n"
     "    ; abc abc abc abc abc abc \n"
     "jp  | \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\n"
     "\n"},
    {"format=wrapped\n"
     "columns=30\n"
     "border=1\n"
     "expanded=on\n"
     "linestyle=unicode\n",
     "\342\224\200[ RECORD 1 ]\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\n"
     "g   \342\224\202 1\n"
     "txt \342\224\202 abc abc abc \n"
     "jp  \342\224\202 \346\227\245\346\234\254\n"
     "\342\224\200[ RECORD 2 ]\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\n"
     "g   \342\224\202 2\n"
     "txt \342\224\202 abc abc abc abc abc abc\342\200\246\n"
     "    \342\224\202\342\200\246 \n"
     "jp  \342\224\202 \346\227\245\346\234\254\346\227\245\346\234\254\n"
     "\342\224\200[ RECORD 3 ]\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\n"
     "g   \342\224\202 3\n"
     "txt \342\224\202 abc abc abc abc abc abc\342\200\246\n"
     "    \342\224\202\342\200\246 abc abc abc \n"
     "jp  \342\224\202 \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\n"
     "\342\224\200[ RECORD 4 ]\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\n"
     "g   \342\224\202 4\n"
     "txt \342\224\202 abc abc abc abc abc abc\342\200\246\n"
     "    \342\224\202\342\200\246 abc abc abc abc abc ab\342\200\246\n"
     "    \342\224\202\342\200\246c \n"
     "jp  \342\224\202 \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\n"
     "\n"},
    {"format=wrapped\n"
     "columns=30\n"
     "border=2\n"
     "expanded=off\n"
     "linestyle=ascii\n",
     "+---+--------------+---------+\n"
     "| g |     txt      |   jp    |\n"
     "+---+--------------+---------+\n"
     "| 1 | abc abc abc  | \346\227\245\346\234\254    |\n"
     "| 2 | abc abc abc .| \346\227\245\346\234\254\346\227\245 .|\n"
     "|   |.abc abc abc  |.\346\234\254      |\n"
     "| 3 | abc abc abc .| \346\227\245\346\234\254\346\227\245 .|\n"
     "|   |.abc abc abc .|.\346\234\254\346\227\245\346\234\254  |\n"
     "|   |.abc abc abc  |         |\n"
     "| 4 | abc abc abc .| \346\227\245\346\234\254\346\227\245 .|\n"
     "|   |.abc abc abc .|.\346\234\254\346\227\245\346\234\254 .|\n"
     "|   |.abc abc abc .|.\346\227\245\346\234\254    |\n"
     "|   |.abc abc abc  |         |\n"
     "+---+--------------+---------+\n"
     "(4 rows)\n"
     "\n"},
    {"format=wrapped\n"
     "columns=30\n"
     "border=2\n"
     "expanded=off\n"
     "linestyle=old-ascii\n",
     "+---+--------------+---------+\n"
     "| g |     txt      |   jp    |\n"
     "+---+--------------+---------+\n"
     "| 1 | abc abc abc  | \346\227\245\346\234\254    |\n"
     "| 2 | abc abc abc  | \346\227\245\346\234\254\346\227\245  |\n"
     "|   ; abc abc abc  ; \346\234\254      |\n"
     "| 3 | abc abc abc  | \346\227\245\346\234\254\346\227\245  |\n"
     "|   ; abc abc abc  ; \346\234\254\346\227\245\346\234\254  |\n"
     "|   ; abc abc abc            |\n"
     "| 4 | abc abc abc  | \346\227\245\346\234\254\346\227\245  |\n"
     "|   ; abc abc abc  ; \346\234\254\346\227\245\346\234\254  |\n"
     "|   ; abc abc abc  ; \346\227\245\346\234\254    |\n"
     "|   ; abc abc abc            |\n"
     "+---+--------------+---------+\n"
     "(4 rows)\n"
     "\n"},
    {"format=wrapped\n"
     "columns=30\n"
     "border=2\n"
     "expanded=off\n"
     "linestyle=unicode\n",
     "\342\224\214\342\224\200\342\224\200\342\224\200\342\224\254\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\254\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\220\n"
     "\342\224\202 g \342\224\202     txt      \342\224\202   jp    \342\224\202\n"
     "\342\224\234\342\224\200\342\224\200\342\224\200\342\224\274\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\274\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\244\n"
     "\342\224\202 1 \342\224\202 abc abc abc  \342\224\202 \346\227\245\346\234\254    \342\224\202\n"
     "\342\224\202 2 \342\224\202 abc abc abc \342\200\246\342\224\202 \346\227\245\346\234\254\346\227\245 \342\200\246\342\224\202\n"
     "\342\224\202   \342\224\202\342\200\246abc abc abc  \342\224\202\342\200\246\346\234\254      \342\224\202\n"
     "\342\224\202 3 \342\224\202 abc abc abc \342\200\246\342\224\202 \346\227\245\346\234\254\346\227\245 \342\200\246\342\224\202\n"
     "\342\224\202   \342\224\202\342\200\246abc abc abc \342\200\246\342\224\202\342\200\246\346\234\254\346\227\245\346\234\254  \342\224\202\n"
     "\342\224\202   \342\224\202\342\200\246abc abc abc  \342\224\202         \342\224\202\n"
     "\342\224\202 4 \342\224\202 abc abc abc \342\200\246\342\224\202 \346\227\245\346\234\254\346\227\245 \342\200\246\342\224\202\n"
     "\342\224\202   \342\224\202\342\200\246abc abc abc \342\200\246\342\224\202\342\200\246\346\234\254\346\227\245\346\234\254 \342\200\246\342\224\202\n"
     "\342\224\202   \342\224\202\342\200\246abc abc abc \342\200\246\342\224\202\342\200\246\346\227\245\346\234\254    \342\224\202\n"
     "\342\224\202   \342\224\202\342\200\246abc abc abc  \342\224\202         \342\224\202\n"
     "\342\224\224\342\224\200\342\224\200\342\224\200\342\224\264\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\264\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\230\n"
     "(4 rows)\n"
     "\n"},
    {"format=wrapped\n"
     "columns=30\n"
     "border=2\n"
     "expanded=on\n"
     "linestyle=ascii\n",
     "+-[ RECORD 1 ]---------------+\n"
     "| g   | 1                    |\n"
     "| txt | abc abc abc          |\n"
     "| jp  | \346\227\245\346\234\254                 |\n"
     "+-[ RECORD 2 ]---------------+\n"
     "| g   | 2                    |\n"
     "| txt | abc abc abc abc abc .|\n"
     "|     |.abc                  |\n"
     "| jp  | \346\227\245\346\234\254\346\227\245\346\234\254             |\n"
     "+-[ RECORD 3 ]---------------+\n"
     "| g   | 3                    |\n"
     "| txt | abc abc abc abc abc .|\n"
     "|     |.abc abc abc abc      |\n"
     "| jp  | \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254         |\n"
     "+-[ RECORD 4 ]---------------+\n"
     "| g   | 4                    |\n"
     "| txt | abc abc abc abc abc .|\n"
     "|     |.abc abc abc abc abc .|\n"
     "|     |.abc abc              |\n"
     "| jp  | \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254     |\n"
     "+-----+----------------------+\n"
     "\n"},
    {"format=wrapped\n"
     "columns=30\n"
     "border=2\n"
     "expanded=on\n"
     "linestyle=old-ascii\n",
     "+-[ RECORD 1 ]---------------+\n"
     "| g   | 1                    |\n"
     "| txt | abc abc abc          |\n"
     "| jp  | \346\227\245\346\234\254                 |\n"
     "+-[ RECORD 2 ]---------------+\n"
     "| g   | 2                    |\n"
     "| txt | abc abc abc abc abc  |\n"
     "|     ; abc                  |\n"
     "| jp  | \346\227\245\346\234\254\346\227\245\346\234\254             |\n"
     "+-[ RECORD 3 ]---------------+\n"
     "| g   | 3                    |\n"
     "| txt | abc abc abc abc abc  |\n"
     "|     ; abc abc abc abc      |\n"
     "| jp  | \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254         |\n"
     "+-[ RECORD 4 ]---------------+\n"
     "| g   | 4                    |\n"
     "| txt | abc abc abc abc abc  |\n"
     "|     ; abc abc abc abc abc  |\n"
     "|     ; abc abc              |\n"
     "| jp  | \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254     |\n"
     "+-----+----------------------+\n"
     "\n"},
    {"format=wrapped\n"
     "columns=30\n"
     "border=2\n"
     "expanded=on\n"
     "linestyle=unicode\n",
     "\342\224\214\342\224\200[ RECORD 1 ]\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\220\n"
     "\342\224\202 g   \342\224\202 1                    \342\224\202\n"
     "\342\224\202 txt \342\224\202 abc abc abc          \342\224\202\n"
     "\342\224\202 jp  \342\224\202 \346\227\245\346\234\254                 \342\224\202\n"
     "\342\224\234\342\224\200[ RECORD 2 ]\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\244\n"
     "\342\224\202 g   \342\224\202 2                    \342\224\202\n"
     "\342\224\202 txt \342\224\202 abc abc abc abc abc \342\200\246\342\224\202\n"
     "\342\224\202     \342\224\202\342\200\246abc                  \342\224\202\n"
     "\342\224\202 jp  \342\224\202 \346\227\245\346\234\254\346\227\245\346\234\254             \342\224\202\n"
     "\342\224\234\342\224\200[ RECORD 3 ]\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\244\n"
     "\342\224\202 g   \342\224\202 3                    \342\224\202\n"
     "\342\224\202 txt \342\224\202 abc abc abc abc abc \342\200\246\342\224\202\n"
     "\342\224\202     \342\224\202\342\200\246abc abc abc abc      \342\224\202\n"
     "\342\224\202 jp  \342\224\202 \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254         \342\224\202\n"
     "\342\224\234\342\224\200[ RECORD 4 ]\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\244\n"
     "\342\224\202 g   \342\224\202 4                    \342\224\202\n"
     "\342\224\202 txt \342\224\202 abc abc abc abc abc \342\200\246\342\224\202\n"
     "\342\224\202     \342\224\202\342\200\246abc abc abc abc abc \342\200\246\342\224\202\n"
     "\342\224\202     \342\224\202\342\200\246abc abc              \342\224\202\n"
     "\342\224\202 jp  \342\224\202 \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254     \342\224\202\n"
     "\342\224\224\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\264\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\200\342\224\230\n"
     "\n"},
    {"expanded=auto\n"
     "columns=30\n",
     "-[ RECORD 1 ]-----------------------------------------\n"
     "g   | 1\n"
     "txt | abc abc abc \n"
     "jp  | \346\227\245\346\234\254\n"
     "-[ RECORD 2 ]-----------------------------------------\n"
     "g   | 2\n"
     "txt | abc abc abc abc abc abc \n"
     "jp  | \346\227\245\346\234\254\346\227\245\346\234\254\n"
     "-[ RECORD 3 ]-----------------------------------------\n"
     "g   | 3\n"
     "txt | abc abc abc abc abc abc abc abc abc \n"
     "jp  | \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\n"
     "-[ RECORD 4 ]-----------------------------------------\n"
     "g   | 4\n"
     "txt | abc abc abc abc abc abc abc abc abc abc abc abc \n"
     "jp  | \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\n"
     "\n"},
    {"expanded=auto\n"
     "columns=200\n",
     " g |                       txt                        |        jp        \n"
     "---+--------------------------------------------------+------------------\n"
     " 1 | abc abc abc                                      | \346\227\245\346\234\254\n"
     " 2 | abc abc abc abc abc abc                          | \346\227\245\346\234\254\346\227\245\346\234\254\n"
     " 3 | abc abc abc abc abc abc abc abc abc              | \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\n"
     " 4 | abc abc abc abc abc abc abc abc abc abc abc abc  | \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\n"
     "(4 rows)\n"
     "\n"},
    {"format=wrapped\n"
     "columns=10\n"
     "expanded=on\n",
     "-[ RECORD 1 ]\n"
     "g   | 1\n"
     "txt | abc ab.\n"
     "    |.c abc \n"
     "jp  | \346\227\245\346\234\254\n"
     "-[ RECORD 2 ]\n"
     "g   | 2\n"
     "txt | abc ab.\n"
     "    |.c abc .\n"
     "    |.abc ab.\n"
     "    |.c abc \n"
     "jp  | \346\227\245\346\234\254\346\227\245.\n"
     "    |.\346\234\254\n"
     "-[ RECORD 3 ]\n"
     "g   | 3\n"
     "txt | abc ab.\n"
     "    |.c abc .\n"
     "    |.abc ab.\n"
     "    |.c abc .\n"
     "    |.abc ab.\n"
     "    |.c abc \n"
     "jp  | \346\227\245\346\234\254\346\227\245.\n"
     "    |.\346\234\254\346\227\245\346\234\254\n"
     "-[ RECORD 4 ]\n"
     "g   | 4\n"
     "txt | abc ab.\n"
     "    |.c abc .\n"
     "    |.abc ab.\n"
     "    |.c abc .\n"
     "    |.abc ab.\n"
     "    |.c abc .\n"
     "    |.abc ab.\n"
     "    |.c abc \n"
     "jp  | \346\227\245\346\234\254\346\227\245.\n"
     "    |.\346\234\254\346\227\245\346\234\254.\n"
     "    |.\346\227\245\346\234\254\n"
     "\n"},
    {"format=wrapped\n"
     "columns=12\n",
     " g |                       txt                        |        jp        \n"
     "---+--------------------------------------------------+------------------\n"
     " 1 | abc abc abc                                      | \346\227\245\346\234\254\n"
     " 2 | abc abc abc abc abc abc                          | \346\227\245\346\234\254\346\227\245\346\234\254\n"
     " 3 | abc abc abc abc abc abc abc abc abc              | \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\n"
     " 4 | abc abc abc abc abc abc abc abc abc abc abc abc  | \346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\n"
     "(4 rows)\n"
     "\n"},
    {"format=wrapped\n"
     "columns=30\n"
     "title=a title wider than thirty columns\n",
     "a title wider than thirty columns\n"
     " g |      txt       |   jp    \n"
     "---+----------------+---------\n"
     " 1 | abc abc abc    | \346\227\245\346\234\254\n"
     " 2 | abc abc abc ab.| \346\227\245\346\234\254\346\227\245 .\n"
     "   |.c abc abc      |.\346\234\254\n"
     " 3 | abc abc abc ab.| \346\227\245\346\234\254\346\227\245 .\n"
     "   |.c abc abc abc .|.\346\234\254\346\227\245\346\234\254\n"
     "   |.abc abc        | \n"
     " 4 | abc abc abc ab.| \346\227\245\346\234\254\346\227\245 .\n"
     "   |.c abc abc abc .|.\346\234\254\346\227\245\346\234\254 .\n"
     "   |.abc abc abc ab.|.\346\227\245\346\234\254\n"
     "   |.c abc          | \n"
     "(4 rows)\n"
     "\n"},
    {NULL, NULL},
};

/* psql -X -q [-P settings] -c "select * from (values (1234567.891, -1234, 12::oid, 'text', '$1,234.50'::money, 1e20::float8)) v(n, i, o, t, m, f)" */
static const PrintCase numeric_cases[] = {
    {"numericlocale=off\n",
     "      n      |   i   | o  |  t   |     m     |   f   \n"
     "-------------+-------+----+------+-----------+-------\n"
     " 1234567.891 | -1234 | 12 | text | $1,234.50 | 1e+20\n"
     "(1 row)\n"
     "\n"},
    {"numericlocale=on\n",
     "       n       |   i    | o  |  t   |     m     |   f   \n"
     "---------------+--------+----+------+-----------+-------\n"
     " 1,234,567.891 | -1,234 | 12 | text | $1,234.50 | 1e+20\n"
     "(1 row)\n"
     "\n"},
    {"numericlocale=on\n"
     "format=unaligned\n",
     "n|i|o|t|m|f\n"
     "1,234,567.891|-1,234|12|text|$1,234.50|1e+20\n"
     "(1 row)\n"},
    {"numericlocale=on\n"
     "expanded=on\n",
     "-[ RECORD 1 ]----\n"
     "n | 1,234,567.891\n"
     "i | -1,234\n"
     "o | 12\n"
     "t | text\n"
     "m | $1,234.50\n"
     "f | 1e+20\n"
     "\n"},
    {NULL, NULL},
};

/* psql -X -q [-P settings] -c "select E'a&b<c>d\"e|f#g$h%i^j_k{l}m~n\\\\o\\np' as \"h|&_\\\\\", '  ' as blank, '  lead' as lead, 'q,\"uote' as q, '\\.' as eod, E'r\\rn' as cr" */
static const PrintCase special_cases[] = {
    {"format=html\n"
     "expanded=off\n"
     "title=T&<_|\\\n",
     "<table border=\"1\">\n"
     "  <caption>T&amp;&lt;_|\\</caption>\n"
     "  <tr>\n"
     "    <th align=\"center\">h|&amp;_\\\\</th>\n"
     "    <th align=\"center\">blank</th>\n"
     "    <th align=\"center\">lead</th>\n"
     "    <th align=\"center\">q</th>\n"
     "    <th align=\"center\">eod</th>\n"
     "    <th align=\"center\">cr</th>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <td align=\"left\">a&amp;b&lt;c&gt;d&quot;e|f#g$h%i^j_k{l}m~n\\o<br />\n"
     "p</td>\n"
     "    <td align=\"left\">&nbsp; </td>\n"
     "    <td align=\"left\">&nbsp;&nbsp;lead</td>\n"
     "    <td align=\"left\">q,&quot;uote</td>\n"
     "    <td align=\"left\">\\.</td>\n"
     "    <td align=\"left\">r\015n</td>\n"
     "  </tr>\n"
     "</table>\n"
     "<p>(1 row)<br />\n"
     "</p>\n"},
    {"format=html\n"
     "expanded=on\n"
     "title=T&<_|\\\n",
     "<table border=\"1\">\n"
     "  <caption>T&amp;&lt;_|\\</caption>\n"
     "\n"
     "  <tr><td colspan=\"2\" align=\"center\">Record 1</td></tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>h|&amp;_\\\\</th>\n"
     "    <td align=\"left\">a&amp;b&lt;c&gt;d&quot;e|f#g$h%i^j_k{l}m~n\\o<br />\n"
     "p</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>blank</th>\n"
     "    <td align=\"left\">&nbsp; </td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>lead</th>\n"
     "    <td align=\"left\">&nbsp;&nbsp;lead</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>q</th>\n"
     "    <td align=\"left\">q,&quot;uote</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>eod</th>\n"
     "    <td align=\"left\">\\.</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>cr</th>\n"
     "    <td align=\"left\">r\015n</td>\n"
     "  </tr>\n"
     "</table>\n"
     "\n"},
    {"format=latex\n"
     "expanded=off\n"
     "title=T&<_|\\\n",
     "\\begin{center}\n"
     "T\\&\\textless{}\\_\\textbar{}\\textbackslash{}\n"
     "\\end{center}\n"
     "\n"
     "\\begin{tabular}{l | l | l | l | l | l}\n"
     "\\textit{h\\textbar{}\\&\\_\\textbackslash{}\\textbackslash{}} & \\textit{blank} & \\textit{lead} & \\textit{q} & \\textit{eod} & \\textit{cr} \\\\\n"
     "\\hline\n"
     "a\\&b\\textless{}c\\textgreater{}d\"e\\textbar{}f\\#g\\$h\\%i\\^{}j\\_k\\{l\\}m\\~{}n\\textbackslash{}o\\\\p &    &   lead & q,\"uote & \\textbackslash{}. & r\015n \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent (1 row) \\\\\n"
     "\n"},
    {"format=latex\n"
     "expanded=on\n"
     "title=T&<_|\\\n",
     "\\begin{center}\n"
     "T\\&\\textless{}\\_\\textbar{}\\textbackslash{}\n"
     "\\end{center}\n"
     "\n"
     "\\begin{tabular}{c|l}\n"
     "\\multicolumn{2}{c}{\\textit{Record 1}} \\\\\n"
     "\\hline\n"
     "h\\textbar{}\\&\\_\\textbackslash{}\\textbackslash{} & a\\&b\\textless{}c\\textgreater{}d\"e\\textbar{}f\\#g\\$h\\%i\\^{}j\\_k\\{l\\}m\\~{}n\\textbackslash{}o\\\\p \\\\\n"
     "blank &    \\\\\n"
     "lead &   lead \\\\\n"
     "q & q,\"uote \\\\\n"
     "eod & \\textbackslash{}. \\\\\n"
     "cr & r\015n \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent \n"},
    {"format=latex-longtable\n"
     "expanded=off\n"
     "title=T&<_|\\\n",
     "\\begin{longtable}{l | l | l | l | l | l}\n"
     "\\small\\textbf{\\textit{h\\textbar{}\\&\\_\\textbackslash{}\\textbackslash{}}} & \\small\\textbf{\\textit{blank}} & \\small\\textbf{\\textit{lead}} & \\small\\textbf{\\textit{q}} & \\small\\textbf{\\textit{eod}} & \\small\\textbf{\\textit{cr}} \\\\\n"
     "\\midrule\n"
     "\\endfirsthead\n"
     "\\small\\textbf{\\textit{h\\textbar{}\\&\\_\\textbackslash{}\\textbackslash{}}} & \\small\\textbf{\\textit{blank}} & \\small\\textbf{\\textit{lead}} & \\small\\textbf{\\textit{q}} & \\small\\textbf{\\textit{eod}} & \\small\\textbf{\\textit{cr}} \\\\\n"
     "\\midrule\n"
     "\\endhead\n"
     "\\caption[T\\&\\textless{}\\_\\textbar{}\\textbackslash{} (Continued)]{T\\&\\textless{}\\_\\textbar{}\\textbackslash{}}\n"
     "\\endfoot\n"
     "\\caption[T\\&\\textless{}\\_\\textbar{}\\textbackslash{}]{T\\&\\textless{}\\_\\textbar{}\\textbackslash{}}\n"
     "\\endlastfoot\n"
     "\\raggedright{a\\&b\\textless{}c\\textgreater{}d\"e\\textbar{}f\\#g\\$h\\%i\\^{}j\\_k\\{l\\}m\\~{}n\\textbackslash{}o\\\\p}\n"
     "&\n"
     "\\raggedright{  }\n"
     "&\n"
     "\\raggedright{  lead}\n"
     "&\n"
     "\\raggedright{q,\"uote}\n"
     "&\n"
     "\\raggedright{\\textbackslash{}.}\n"
     "&\n"
     "\\raggedright{r\015n} \\tabularnewline\n"
     "\\end{longtable}\n"},
    {"format=latex-longtable\n"
     "expanded=on\n"
     "title=T&<_|\\\n",
     "\\begin{center}\n"
     "T\\&\\textless{}\\_\\textbar{}\\textbackslash{}\n"
     "\\end{center}\n"
     "\n"
     "\\begin{tabular}{c|l}\n"
     "\\multicolumn{2}{c}{\\textit{Record 1}} \\\\\n"
     "\\hline\n"
     "h\\textbar{}\\&\\_\\textbackslash{}\\textbackslash{} & a\\&b\\textless{}c\\textgreater{}d\"e\\textbar{}f\\#g\\$h\\%i\\^{}j\\_k\\{l\\}m\\~{}n\\textbackslash{}o\\\\p \\\\\n"
     "blank &    \\\\\n"
     "lead &   lead \\\\\n"
     "q & q,\"uote \\\\\n"
     "eod & \\textbackslash{}. \\\\\n"
     "cr & r\015n \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent \n"},
    {"format=troff-ms\n"
     "expanded=off\n"
     "title=T&<_|\\\n",
     ".LP\n"
     ".DS C\n"
     "T&<_|\\(rs\n"
     ".DE\n"
     ".LP\n"
     ".TS\n"
     "center;\n"
     "l | l | l | l | l | l.\n"
     "\\fIh|&_\\(rs\\(rs\\fP\t\\fIblank\\fP\t\\fIlead\\fP\t\\fIq\\fP\t\\fIeod\\fP\t\\fIcr\\fP\n"
     "_\n"
     "a&b<c>d\"e|f#g$h%i^j_k{l}m~n\\(rso\n"
     "p\t  \t  lead\tq,\"uote\t\\(rs.\tr\015n\n"
     ".TE\n"
     ".DS L\n"
     "(1 row)\n"
     ".DE\n"},
    {"format=troff-ms\n"
     "expanded=on\n"
     "title=T&<_|\\\n",
     ".LP\n"
     ".DS C\n"
     "T&<_|\\(rs\n"
     ".DE\n"
     ".LP\n"
     ".TS\n"
     "center;\n"
     "c s.\n"
     "\\fIRecord 1\\fP\n"
     "_\n"
     ".T&\n"
     "c | l.\n"
     "h|&_\\(rs\\(rs\ta&b<c>d\"e|f#g$h%i^j_k{l}m~n\\(rso\n"
     "p\n"
     "blank\t  \n"
     "lead\t  lead\n"
     "q\tq,\"uote\n"
     "eod\t\\(rs.\n"
     "cr\tr\015n\n"
     ".TE\n"
     ".DS L\n"
     ".DE\n"},
    {"format=asciidoc\n"
     "expanded=off\n"
     "title=T&<_|\\\n",
     "\n"
     ".T&<_|\\\n"
     "[options=\"header\",cols=\"<l,<l,<l,<l,<l,<l\",frame=\"none\"]\n"
     "|====\n"
     "^l|h\\|&_\\\\ ^l|blank ^l|lead ^l|q ^l|eod ^l|cr\n"
     "|a&b<c>d\"e\\|f#g$h%i^j_k{l}m~n\\o\n"
     "p |  |  lead |q,\"uote |\\. |r\015n\n"
     "|====\n"
     "\n"
     "....\n"
     "(1 row)\n"
     "....\n"},
    {"format=asciidoc\n"
     "expanded=on\n"
     "title=T&<_|\\\n",
     "\n"
     ".T&<_|\\\n"
     "[cols=\"h,l\",frame=\"none\"]\n"
     "|====\n"
     "2+^|Record 1\n"
     "<l|h\\|&_\\\\ <l|a&b<c>d\"e\\|f#g$h%i^j_k{l}m~n\\o\n"
     "p\n"
     "<l|blank <l| \n"
     "<l|lead <l|  lead\n"
     "<l|q <l|q,\"uote\n"
     "<l|eod <l|\\.\n"
     "<l|cr <l|r\015n\n"
     "|====\n"},
    {"format=csv\n"
     "expanded=off\n"
     "title=T&<_|\\\n",
     "h|&_\\\\,blank,lead,q,eod,cr\n"
     "\"a&b<c>d\"\"e|f#g$h%i^j_k{l}m~n\\o\n"
     "p\",  ,  lead,\"q,\"\"uote\",\"\\.\",\"r\015n\"\n"},
    {"format=csv\n"
     "expanded=on\n"
     "title=T&<_|\\\n",
     "h|&_\\\\,\"a&b<c>d\"\"e|f#g$h%i^j_k{l}m~n\\o\n"
     "p\"\n"
     "blank,  \n"
     "lead,  lead\n"
     "q,\"q,\"\"uote\"\n"
     "eod,\"\\.\"\n"
     "cr,\"r\015n\"\n"},
    {"format=unaligned\n"
     "expanded=off\n"
     "title=T&<_|\\\n",
     "T&<_|\\\n"
     "h|&_\\\\|blank|lead|q|eod|cr\n"
     "a&b<c>d\"e|f#g$h%i^j_k{l}m~n\\o\n"
     "p|  |  lead|q,\"uote|\\.|r\015n\n"
     "(1 row)\n"},
    {"format=unaligned\n"
     "expanded=on\n"
     "title=T&<_|\\\n",
     "T&<_|\\\n"
     "\n"
     "h|&_\\\\|a&b<c>d\"e|f#g$h%i^j_k{l}m~n\\o\n"
     "p\n"
     "blank|  \n"
     "lead|  lead\n"
     "q|q,\"uote\n"
     "eod|\\.\n"
     "cr|r\015n\n"},
    {"format=csv\n"
     "csv_fieldsep=;\n",
     "h|&_\\\\;blank;lead;q;eod;cr\n"
     "\"a&b<c>d\"\"e|f#g$h%i^j_k{l}m~n\\o\n"
     "p\";  ;  lead;\"q,\"\"uote\";\"\\.\";\"r\015n\"\n"},
    {"format=csv\n"
     "csv_fieldsep=.\n",
     "\"h|&_\\\\\".\"blank\".\"lead\".\"q\".\"eod\".\"cr\"\n"
     "\"a&b<c>d\"\"e|f#g$h%i^j_k{l}m~n\\o\n"
     "p\".\"  \".\"  lead\".\"q,\"\"uote\".\"\\.\".\"r\015n\"\n"},
    {"format=csv\n"
     "csv_fieldsep=\\\n",
     "\"h|&_\\\\\"\\\"blank\"\\\"lead\"\\\"q\"\\\"eod\"\\\"cr\"\n"
     "\"a&b<c>d\"\"e|f#g$h%i^j_k{l}m~n\\o\n"
     "p\"\\\"  \"\\\"  lead\"\\\"q,\"\"uote\"\\\"\\.\"\\\"r\015n\"\n"},
    {"format=csv\n"
     "csv_fieldsep=|\n"
     "expanded=on\n",
     "\"h|&_\\\\\"|\"a&b<c>d\"\"e|f#g$h%i^j_k{l}m~n\\o\n"
     "p\"\n"
     "blank|  \n"
     "lead|  lead\n"
     "q|\"q,\"\"uote\"\n"
     "eod|\"\\.\"\n"
     "cr|\"r\015n\"\n"},
    {"format=html\n"
     "tableattr=class=\"x\"\n"
     "border=0\n",
     "<table border=\"0\" class=\"x\">\n"
     "  <tr>\n"
     "    <th align=\"center\">h|&amp;_\\\\</th>\n"
     "    <th align=\"center\">blank</th>\n"
     "    <th align=\"center\">lead</th>\n"
     "    <th align=\"center\">q</th>\n"
     "    <th align=\"center\">eod</th>\n"
     "    <th align=\"center\">cr</th>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <td align=\"left\">a&amp;b&lt;c&gt;d&quot;e|f#g$h%i^j_k{l}m~n\\o<br />\n"
     "p</td>\n"
     "    <td align=\"left\">&nbsp; </td>\n"
     "    <td align=\"left\">&nbsp;&nbsp;lead</td>\n"
     "    <td align=\"left\">q,&quot;uote</td>\n"
     "    <td align=\"left\">\\.</td>\n"
     "    <td align=\"left\">r\015n</td>\n"
     "  </tr>\n"
     "</table>\n"
     "<p>(1 row)<br />\n"
     "</p>\n"},
    {"format=latex-longtable\n"
     "tableattr=0.1 0.2\n"
     "border=2\n",
     "\\begin{longtable}{| p{0.1\\textwidth} | p{0.2\\textwidth} | p{0.2\\textwidth} | p{0.2\\textwidth} | p{0.2\\textwidth} | p{0.2\\textwidth} |}\n"
     "\\toprule\n"
     "\\small\\textbf{\\textit{h\\textbar{}\\&\\_\\textbackslash{}\\textbackslash{}}} & \\small\\textbf{\\textit{blank}} & \\small\\textbf{\\textit{lead}} & \\small\\textbf{\\textit{q}} & \\small\\textbf{\\textit{eod}} & \\small\\textbf{\\textit{cr}} \\\\\n"
     "\\midrule\n"
     "\\endfirsthead\n"
     "\\toprule\n"
     "\\small\\textbf{\\textit{h\\textbar{}\\&\\_\\textbackslash{}\\textbackslash{}}} & \\small\\textbf{\\textit{blank}} & \\small\\textbf{\\textit{lead}} & \\small\\textbf{\\textit{q}} & \\small\\textbf{\\textit{eod}} & \\small\\textbf{\\textit{cr}} \\\\\n"
     "\\midrule\n"
     "\\endhead\n"
     "\\bottomrule\n"
     "\\endfoot\n"
     "\\bottomrule\n"
     "\\endlastfoot\n"
     "\\raggedright{a\\&b\\textless{}c\\textgreater{}d\"e\\textbar{}f\\#g\\$h\\%i\\^{}j\\_k\\{l\\}m\\~{}n\\textbackslash{}o\\\\p}\n"
     "&\n"
     "\\raggedright{  }\n"
     "&\n"
     "\\raggedright{  lead}\n"
     "&\n"
     "\\raggedright{q,\"uote}\n"
     "&\n"
     "\\raggedright{\\textbackslash{}.}\n"
     "&\n"
     "\\raggedright{r\015n} \\tabularnewline\n"
     "\\end{longtable}\n"},
    {NULL, NULL},
};

/* psql -X -q [-P settings] -c "select * from (values (1, 'a'), (2, null)) v(n, t)" */
static const PrintCase separator_cases[] = {
    {"format=unaligned\n"
     "expanded=off\n"
     "tuples_only=off\n"
     "fieldsep=;;\n"
     "recordsep=#\n"
     "title=T\n",
     "T#n;;t#1;;a#2;;#(2 rows)\n"},
    {"format=unaligned\n"
     "expanded=off\n"
     "tuples_only=off\n"
     "fieldsep_zero\n"
     "recordsep_zero\n",
     "n\000t\0001\000a\0002\000\000(2 rows)\000"},
    {"format=unaligned\n"
     "expanded=off\n"
     "tuples_only=on\n"
     "fieldsep=;;\n"
     "recordsep=#\n"
     "title=T\n",
     "1;;a#2;;\n"},
    {"format=unaligned\n"
     "expanded=off\n"
     "tuples_only=on\n"
     "fieldsep_zero\n"
     "recordsep_zero\n",
     "1\000a\0002\000\000"},
    {"format=unaligned\n"
     "expanded=on\n"
     "tuples_only=off\n"
     "fieldsep=;;\n"
     "recordsep=#\n"
     "title=T\n",
     "T##n;;1#t;;a##n;;2#t;;\n"},
    {"format=unaligned\n"
     "expanded=on\n"
     "tuples_only=off\n"
     "fieldsep_zero\n"
     "recordsep_zero\n",
     "n\0001\000t\000a\000\000n\0002\000t\000\000"},
    {"format=unaligned\n"
     "expanded=on\n"
     "tuples_only=on\n"
     "fieldsep=;;\n"
     "recordsep=#\n"
     "title=T\n",
     "n;;1#t;;a##n;;2#t;;\n"},
    {"format=unaligned\n"
     "expanded=on\n"
     "tuples_only=on\n"
     "fieldsep_zero\n"
     "recordsep_zero\n",
     "n\0001\000t\000a\000\000n\0002\000t\000\000"},
    {NULL, NULL},
};

/* psql -X -q [-P settings] -c "\\dRp+ pgc_print_pub" */
static const PrintCase footer_cases[] = {
    {"format=aligned\n"
     "expanded=off\n",
     "                        Publication pgc_print_pub\n"
     " Owner | All tables | Inserts | Updates | Deletes | Truncates | Via root \n"
     "-------+------------+---------+---------+---------+-----------+----------\n"
     " root  | f          | t       | t       | t       | t         | f\n"
     "Tables:\n"
     "    \"public.pgc_print_t\"\n"
     "\n"},
    {"format=aligned\n"
     "expanded=on\n",
     "Publication pgc_print_pub\n"
     "-[ RECORD 1 ]----\n"
     "Owner      | root\n"
     "All tables | f\n"
     "Inserts    | t\n"
     "Updates    | t\n"
     "Deletes    | t\n"
     "Truncates  | t\n"
     "Via root   | f\n"
     "\n"
     "Tables:\n"
     "    \"public.pgc_print_t\"\n"
     "\n"},
    {"format=wrapped\n"
     "expanded=off\n",
     "                        Publication pgc_print_pub\n"
     " Owner | All tables | Inserts | Updates | Deletes | Truncates | Via root \n"
     "-------+------------+---------+---------+---------+-----------+----------\n"
     " root  | f          | t       | t       | t       | t         | f\n"
     "Tables:\n"
     "    \"public.pgc_print_t\"\n"
     "\n"},
    {"format=wrapped\n"
     "expanded=on\n",
     "Publication pgc_print_pub\n"
     "-[ RECORD 1 ]----\n"
     "Owner      | root\n"
     "All tables | f\n"
     "Inserts    | t\n"
     "Updates    | t\n"
     "Deletes    | t\n"
     "Truncates  | t\n"
     "Via root   | f\n"
     "\n"
     "Tables:\n"
     "    \"public.pgc_print_t\"\n"
     "\n"},
    {"format=unaligned\n"
     "expanded=off\n",
     "Publication pgc_print_pub\n"
     "Owner|All tables|Inserts|Updates|Deletes|Truncates|Via root\n"
     "root|f|t|t|t|t|f\n"
     "Tables:\n"
     "    \"public.pgc_print_t\"\n"},
    {"format=unaligned\n"
     "expanded=on\n",
     "Publication pgc_print_pub\n"
     "\n"
     "Owner|root\n"
     "All tables|f\n"
     "Inserts|t\n"
     "Updates|t\n"
     "Deletes|t\n"
     "Truncates|t\n"
     "Via root|f\n"
     "\n"
     "Tables:\n"
     "    \"public.pgc_print_t\"\n"},
    {"format=csv\n"
     "expanded=off\n",
     "Owner,All tables,Inserts,Updates,Deletes,Truncates,Via root\n"
     "root,f,t,t,t,t,f\n"},
    {"format=csv\n"
     "expanded=on\n",
     "Owner,root\n"
     "All tables,f\n"
     "Inserts,t\n"
     "Updates,t\n"
     "Deletes,t\n"
     "Truncates,t\n"
     "Via root,f\n"},
    {"format=html\n"
     "expanded=off\n",
     "<table border=\"1\">\n"
     "  <caption>Publication pgc_print_pub</caption>\n"
     "  <tr>\n"
     "    <th align=\"center\">Owner</th>\n"
     "    <th align=\"center\">All tables</th>\n"
     "    <th align=\"center\">Inserts</th>\n"
     "    <th align=\"center\">Updates</th>\n"
     "    <th align=\"center\">Deletes</th>\n"
     "    <th align=\"center\">Truncates</th>\n"
     "    <th align=\"center\">Via root</th>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <td align=\"left\">root</td>\n"
     "    <td align=\"left\">f</td>\n"
     "    <td align=\"left\">t</td>\n"
     "    <td align=\"left\">t</td>\n"
     "    <td align=\"left\">t</td>\n"
     "    <td align=\"left\">t</td>\n"
     "    <td align=\"left\">f</td>\n"
     "  </tr>\n"
     "</table>\n"
     "<p>Tables:<br />\n"
     "&nbsp;&nbsp;&nbsp;&nbsp;&quot;public.pgc_print_t&quot;<br />\n"
     "</p>\n"},
    {"format=html\n"
     "expanded=on\n",
     "<table border=\"1\">\n"
     "  <caption>Publication pgc_print_pub</caption>\n"
     "\n"
     "  <tr><td colspan=\"2\" align=\"center\">Record 1</td></tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>Owner</th>\n"
     "    <td align=\"left\">root</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>All tables</th>\n"
     "    <td align=\"left\">f</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>Inserts</th>\n"
     "    <td align=\"left\">t</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>Updates</th>\n"
     "    <td align=\"left\">t</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>Deletes</th>\n"
     "    <td align=\"left\">t</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>Truncates</th>\n"
     "    <td align=\"left\">t</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>Via root</th>\n"
     "    <td align=\"left\">f</td>\n"
     "  </tr>\n"
     "</table>\n"
     "<p>Tables:<br />\n"
     "&nbsp;&nbsp;&nbsp;&nbsp;&quot;public.pgc_print_t&quot;<br />\n"
     "</p>\n"},
    {"format=asciidoc\n"
     "expanded=off\n",
     "\n"
     ".Publication pgc_print_pub\n"
     "[options=\"header\",cols=\"<l,<l,<l,<l,<l,<l,<l\",frame=\"none\"]\n"
     "|====\n"
     "^l|Owner ^l|All tables ^l|Inserts ^l|Updates ^l|Deletes ^l|Truncates ^l|Via root\n"
     "|root |f |t |t |t |t |f\n"
     "|====\n"
     "\n"
     "....\n"
     "Tables:\n"
     "    \"public.pgc_print_t\"\n"
     "....\n"},
    {"format=asciidoc\n"
     "expanded=on\n",
     "\n"
     ".Publication pgc_print_pub\n"
     "[cols=\"h,l\",frame=\"none\"]\n"
     "|====\n"
     "2+^|Record 1\n"
     "<l|Owner <l|root\n"
     "<l|All tables <l|f\n"
     "<l|Inserts <l|t\n"
     "<l|Updates <l|t\n"
     "<l|Deletes <l|t\n"
     "<l|Truncates <l|t\n"
     "<l|Via root <l|f\n"
     "|====\n"
     "\n"
     "....\n"
     "Tables:\n"
     "    \"public.pgc_print_t\"\n"
     "....\n"},
    {"format=latex\n"
     "expanded=off\n",
     "\\begin{center}\n"
     "Publication pgc\\_print\\_pub\n"
     "\\end{center}\n"
     "\n"
     "\\begin{tabular}{l | l | l | l | l | l | l}\n"
     "\\textit{Owner} & \\textit{All tables} & \\textit{Inserts} & \\textit{Updates} & \\textit{Deletes} & \\textit{Truncates} & \\textit{Via root} \\\\\n"
     "\\hline\n"
     "root & f & t & t & t & t & f \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent Tables: \\\\\n"
     "    \"public.pgc\\_print\\_t\" \\\\\n"
     "\n"},
    {"format=latex\n"
     "expanded=on\n",
     "\\begin{center}\n"
     "Publication pgc\\_print\\_pub\n"
     "\\end{center}\n"
     "\n"
     "\\begin{tabular}{c|l}\n"
     "\\multicolumn{2}{c}{\\textit{Record 1}} \\\\\n"
     "\\hline\n"
     "Owner & root \\\\\n"
     "All tables & f \\\\\n"
     "Inserts & t \\\\\n"
     "Updates & t \\\\\n"
     "Deletes & t \\\\\n"
     "Truncates & t \\\\\n"
     "Via root & f \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent Tables: \\\\\n"
     "    \"public.pgc\\_print\\_t\" \\\\\n"
     "\n"},
    {"format=latex-longtable\n"
     "expanded=off\n",
     "\\begin{longtable}{l | l | l | l | l | l | l}\n"
     "\\small\\textbf{\\textit{Owner}} & \\small\\textbf{\\textit{All tables}} & \\small\\textbf{\\textit{Inserts}} & \\small\\textbf{\\textit{Updates}} & \\small\\textbf{\\textit{Deletes}} & \\small\\textbf{\\textit{Truncates}} & \\small\\textbf{\\textit{Via root}} \\\\\n"
     "\\midrule\n"
     "\\endfirsthead\n"
     "\\small\\textbf{\\textit{Owner}} & \\small\\textbf{\\textit{All tables}} & \\small\\textbf{\\textit{Inserts}} & \\small\\textbf{\\textit{Updates}} & \\small\\textbf{\\textit{Deletes}} & \\small\\textbf{\\textit{Truncates}} & \\small\\textbf{\\textit{Via root}} \\\\\n"
     "\\midrule\n"
     "\\endhead\n"
     "\\caption[Publication pgc\\_print\\_pub (Continued)]{Publication pgc\\_print\\_pub}\n"
     "\\endfoot\n"
     "\\caption[Publication pgc\\_print\\_pub]{Publication pgc\\_print\\_pub}\n"
     "\\endlastfoot\n"
     "\\raggedright{root}\n"
     "&\n"
     "\\raggedright{f}\n"
     "&\n"
     "\\raggedright{t}\n"
     "&\n"
     "\\raggedright{t}\n"
     "&\n"
     "\\raggedright{t}\n"
     "&\n"
     "\\raggedright{t}\n"
     "&\n"
     "\\raggedright{f} \\tabularnewline\n"
     "\\end{longtable}\n"},
    {"format=latex-longtable\n"
     "expanded=on\n",
     "\\begin{center}\n"
     "Publication pgc\\_print\\_pub\n"
     "\\end{center}\n"
     "\n"
     "\\begin{tabular}{c|l}\n"
     "\\multicolumn{2}{c}{\\textit{Record 1}} \\\\\n"
     "\\hline\n"
     "Owner & root \\\\\n"
     "All tables & f \\\\\n"
     "Inserts & t \\\\\n"
     "Updates & t \\\\\n"
     "Deletes & t \\\\\n"
     "Truncates & t \\\\\n"
     "Via root & f \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent Tables: \\\\\n"
     "    \"public.pgc\\_print\\_t\" \\\\\n"
     "\n"},
    {"format=troff-ms\n"
     "expanded=off\n",
     ".LP\n"
     ".DS C\n"
     "Publication pgc_print_pub\n"
     ".DE\n"
     ".LP\n"
     ".TS\n"
     "center;\n"
     "l | l | l | l | l | l | l.\n"
     "\\fIOwner\\fP\t\\fIAll tables\\fP\t\\fIInserts\\fP\t\\fIUpdates\\fP\t\\fIDeletes\\fP\t\\fITruncates\\fP\t\\fIVia root\\fP\n"
     "_\n"
     "root\tf\tt\tt\tt\tt\tf\n"
     ".TE\n"
     ".DS L\n"
     "Tables:\n"
     "    \"public.pgc_print_t\"\n"
     ".DE\n"},
    {"format=troff-ms\n"
     "expanded=on\n",
     ".LP\n"
     ".DS C\n"
     "Publication pgc_print_pub\n"
     ".DE\n"
     ".LP\n"
     ".TS\n"
     "center;\n"
     "c s.\n"
     "\\fIRecord 1\\fP\n"
     "_\n"
     ".T&\n"
     "c | l.\n"
     "Owner\troot\n"
     "All tables\tf\n"
     "Inserts\tt\n"
     "Updates\tt\n"
     "Deletes\tt\n"
     "Truncates\tt\n"
     "Via root\tf\n"
     ".TE\n"
     ".DS L\n"
     "Tables:\n"
     "    \"public.pgc_print_t\"\n"
     ".DE\n"},
    {"format=aligned\n"
     "border=0\n"
     "expanded=off\n",
     "                 Publication pgc_print_pub\n"
     "Owner All tables Inserts Updates Deletes Truncates Via root \n"
     "----- ---------- ------- ------- ------- --------- --------\n"
     "root  f          t       t       t       t         f\n"
     "Tables:\n"
     "    \"public.pgc_print_t\"\n"
     "\n"},
    {"format=aligned\n"
     "border=0\n"
     "expanded=on\n",
     "Publication pgc_print_pub\n"
     "* Record 1    \n"
     "Owner      root\n"
     "All tables f\n"
     "Inserts    t\n"
     "Updates    t\n"
     "Deletes    t\n"
     "Truncates  t\n"
     "Via root   f\n"
     "\n"
     "Tables:\n"
     "    \"public.pgc_print_t\"\n"
     "\n"},
    {"format=aligned\n"
     "border=2\n"
     "expanded=off\n",
     "                         Publication pgc_print_pub\n"
     "+-------+------------+---------+---------+---------+-----------+----------+\n"
     "| Owner | All tables | Inserts | Updates | Deletes | Truncates | Via root |\n"
     "+-------+------------+---------+---------+---------+-----------+----------+\n"
     "| root  | f          | t       | t       | t       | t         | f        |\n"
     "+-------+------------+---------+---------+---------+-----------+----------+\n"
     "Tables:\n"
     "    \"public.pgc_print_t\"\n"
     "\n"},
    {"format=aligned\n"
     "border=2\n"
     "expanded=on\n",
     "Publication pgc_print_pub\n"
     "+-[ RECORD 1 ]------+\n"
     "| Owner      | root |\n"
     "| All tables | f    |\n"
     "| Inserts    | t    |\n"
     "| Updates    | t    |\n"
     "| Deletes    | t    |\n"
     "| Truncates  | t    |\n"
     "| Via root   | f    |\n"
     "+------------+------+\n"
     "Tables:\n"
     "    \"public.pgc_print_t\"\n"
     "\n"},
    {"format=latex\n"
     "border=2\n"
     "expanded=off\n",
     "\\begin{center}\n"
     "Publication pgc\\_print\\_pub\n"
     "\\end{center}\n"
     "\n"
     "\\begin{tabular}{| l | l | l | l | l | l | l |}\n"
     "\\hline\n"
     "\\textit{Owner} & \\textit{All tables} & \\textit{Inserts} & \\textit{Updates} & \\textit{Deletes} & \\textit{Truncates} & \\textit{Via root} \\\\\n"
     "\\hline\n"
     "root & f & t & t & t & t & f \\\\\n"
     "\\hline\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent Tables: \\\\\n"
     "    \"public.pgc\\_print\\_t\" \\\\\n"
     "\n"},
    {"format=latex\n"
     "border=2\n"
     "expanded=on\n",
     "\\begin{center}\n"
     "Publication pgc\\_print\\_pub\n"
     "\\end{center}\n"
     "\n"
     "\\begin{tabular}{|c|l|}\n"
     "\\hline\n"
     "\\multicolumn{2}{|c|}{\\textit{Record 1}} \\\\\n"
     "\\hline\n"
     "Owner & root \\\\\n"
     "All tables & f \\\\\n"
     "Inserts & t \\\\\n"
     "Updates & t \\\\\n"
     "Deletes & t \\\\\n"
     "Truncates & t \\\\\n"
     "Via root & f \\\\\n"
     "\\hline\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent Tables: \\\\\n"
     "    \"public.pgc\\_print\\_t\" \\\\\n"
     "\n"},
    {"format=latex\n"
     "border=3\n"
     "expanded=off\n",
     "\\begin{center}\n"
     "Publication pgc\\_print\\_pub\n"
     "\\end{center}\n"
     "\n"
     "\\begin{tabular}{| l | l | l | l | l | l | l |}\n"
     "\\hline\n"
     "\\textit{Owner} & \\textit{All tables} & \\textit{Inserts} & \\textit{Updates} & \\textit{Deletes} & \\textit{Truncates} & \\textit{Via root} \\\\\n"
     "\\hline\n"
     "root & f & t & t & t & t & f \\\\\n"
     "\\hline\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent Tables: \\\\\n"
     "    \"public.pgc\\_print\\_t\" \\\\\n"
     "\n"},
    {"format=latex\n"
     "border=3\n"
     "expanded=on\n",
     "\\begin{center}\n"
     "Publication pgc\\_print\\_pub\n"
     "\\end{center}\n"
     "\n"
     "\\begin{tabular}{|c|l|}\n"
     "\\hline\n"
     "\\multicolumn{2}{|c|}{\\textit{Record 1}} \\\\\n"
     "\\hline\n"
     "Owner & root \\\\\n"
     "All tables & f \\\\\n"
     "Inserts & t \\\\\n"
     "Updates & t \\\\\n"
     "Deletes & t \\\\\n"
     "Truncates & t \\\\\n"
     "Via root & f \\\\\n"
     "\\hline\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent Tables: \\\\\n"
     "    \"public.pgc\\_print\\_t\" \\\\\n"
     "\n"},
    {"tuples_only=on\n",
     " root  | f          | t       | t       | t       | t         | f\n"
     "\n"},
    {"tuples_only=on\n"
     "expanded=on\n",
     "Owner      | root\n"
     "All tables | f\n"
     "Inserts    | t\n"
     "Updates    | t\n"
     "Deletes    | t\n"
     "Truncates  | t\n"
     "Via root   | f\n"
     "\n"},
    {NULL, NULL},
};

/* the table psql -X -q -L LOG [-P settings] -c "select * from (values (1, E'x\\nyy', null), (22, 'hello', 'z')) v(a, bb, c)" wrote to LOG */
static const PrintCase log_cases[] = {
    {"format=csv\n"
     "expanded=on\n"
     "title=TT\n",
     "       TT\n"
     " a  |  bb   | c \n"
     "----+-------+---\n"
     "  1 | x    +| \n"
     "    | yy    | \n"
     " 22 | hello | z\n"
     "(2 rows)\n"
     "\n"},
    {"format=unaligned\n"
     "border=2\n",
     "+----+-------+---+\n"
     "| a  |  bb   | c |\n"
     "+----+-------+---+\n"
     "|  1 | x    +|   |\n"
     "|    | yy    |   |\n"
     "| 22 | hello | z |\n"
     "+----+-------+---+\n"
     "(2 rows)\n"
     "\n"},
    {"format=wrapped\n"
     "columns=12\n"
     "expanded=on\n",
     " a | bb | c \n"
     "---+----+---\n"
     " 1 | x +| \n"
     "   | yy | \n"
     " 2.| he.| z\n"
     ".2 |.ll.| \n"
     "   |.o  | \n"
     "(2 rows)\n"
     "\n"},
    {"format=html\n"
     "expanded=auto\n"
     "columns=8\n",
     "-[ RECORD 1 ]\n"
     "a  | 1\n"
     "bb | x    +\n"
     "   | yy\n"
     "c  | \n"
     "-[ RECORD 2 ]\n"
     "a  | 22\n"
     "bb | hello\n"
     "c  | z\n"
     "\n"},
    {"format=aligned\n"
     "tuples_only=on\n",
     "  1 | x    +| \n"
     "    | yy    | \n"
     " 22 | hello | z\n"
     "\n"},
    {NULL, NULL},
};

/* psql -X -q [-P settings] -c "select g, repeat('x', g) as r from generate_series(1, 5) g" */
static const PrintCase chunk_cases[] = {
    {"format=aligned\n"
     "expanded=off\n"
     "title=T\n",
     "   T\n"
     " g | r  \n"
     "---+----\n"
     " 1 | x\n"
     " 2 | xx\n"
     " 3 | xxx\n"
     " 4 | xxxx\n"
     " 5 | xxxxx\n"
     "(5 rows)\n"
     "\n"},
    {"format=aligned\n"
     "expanded=on\n"
     "title=T\n",
     "T\n"
     "-[ RECORD 1 ]\n"
     "g | 1\n"
     "r | x\n"
     "-[ RECORD 2 ]\n"
     "g | 2\n"
     "r | xx\n"
     "-[ RECORD 3 ]\n"
     "g | 3\n"
     "r | xxx\n"
     "-[ RECORD 4 ]\n"
     "g | 4\n"
     "r | xxxx\n"
     "-[ RECORD 5 ]\n"
     "g | 5\n"
     "r | xxxxx\n"
     "\n"},
    {"format=wrapped\n"
     "expanded=off\n"
     "title=T\n",
     "   T\n"
     " g | r  \n"
     "---+----\n"
     " 1 | x\n"
     " 2 | xx\n"
     " 3 | xxx\n"
     " 4 | xxxx\n"
     " 5 | xxxxx\n"
     "(5 rows)\n"
     "\n"},
    {"format=wrapped\n"
     "expanded=on\n"
     "title=T\n",
     "T\n"
     "-[ RECORD 1 ]\n"
     "g | 1\n"
     "r | x\n"
     "-[ RECORD 2 ]\n"
     "g | 2\n"
     "r | xx\n"
     "-[ RECORD 3 ]\n"
     "g | 3\n"
     "r | xxx\n"
     "-[ RECORD 4 ]\n"
     "g | 4\n"
     "r | xxxx\n"
     "-[ RECORD 5 ]\n"
     "g | 5\n"
     "r | xxxxx\n"
     "\n"},
    {"format=unaligned\n"
     "expanded=off\n"
     "title=T\n",
     "T\n"
     "g|r\n"
     "1|x\n"
     "2|xx\n"
     "3|xxx\n"
     "4|xxxx\n"
     "5|xxxxx\n"
     "(5 rows)\n"},
    {"format=unaligned\n"
     "expanded=on\n"
     "title=T\n",
     "T\n"
     "\n"
     "g|1\n"
     "r|x\n"
     "\n"
     "g|2\n"
     "r|xx\n"
     "\n"
     "g|3\n"
     "r|xxx\n"
     "\n"
     "g|4\n"
     "r|xxxx\n"
     "\n"
     "g|5\n"
     "r|xxxxx\n"},
    {"format=csv\n"
     "expanded=off\n"
     "title=T\n",
     "g,r\n"
     "1,x\n"
     "2,xx\n"
     "3,xxx\n"
     "4,xxxx\n"
     "5,xxxxx\n"},
    {"format=csv\n"
     "expanded=on\n"
     "title=T\n",
     "g,1\n"
     "r,x\n"
     "g,2\n"
     "r,xx\n"
     "g,3\n"
     "r,xxx\n"
     "g,4\n"
     "r,xxxx\n"
     "g,5\n"
     "r,xxxxx\n"},
    {"format=html\n"
     "expanded=off\n"
     "title=T\n",
     "<table border=\"1\">\n"
     "  <caption>T</caption>\n"
     "  <tr>\n"
     "    <th align=\"center\">g</th>\n"
     "    <th align=\"center\">r</th>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <td align=\"right\">1</td>\n"
     "    <td align=\"left\">x</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <td align=\"right\">2</td>\n"
     "    <td align=\"left\">xx</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <td align=\"right\">3</td>\n"
     "    <td align=\"left\">xxx</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <td align=\"right\">4</td>\n"
     "    <td align=\"left\">xxxx</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <td align=\"right\">5</td>\n"
     "    <td align=\"left\">xxxxx</td>\n"
     "  </tr>\n"
     "</table>\n"
     "<p>(5 rows)<br />\n"
     "</p>\n"},
    {"format=html\n"
     "expanded=on\n"
     "title=T\n",
     "<table border=\"1\">\n"
     "  <caption>T</caption>\n"
     "\n"
     "  <tr><td colspan=\"2\" align=\"center\">Record 1</td></tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>g</th>\n"
     "    <td align=\"right\">1</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>r</th>\n"
     "    <td align=\"left\">x</td>\n"
     "  </tr>\n"
     "\n"
     "  <tr><td colspan=\"2\" align=\"center\">Record 2</td></tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>g</th>\n"
     "    <td align=\"right\">2</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>r</th>\n"
     "    <td align=\"left\">xx</td>\n"
     "  </tr>\n"
     "\n"
     "  <tr><td colspan=\"2\" align=\"center\">Record 3</td></tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>g</th>\n"
     "    <td align=\"right\">3</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>r</th>\n"
     "    <td align=\"left\">xxx</td>\n"
     "  </tr>\n"
     "\n"
     "  <tr><td colspan=\"2\" align=\"center\">Record 4</td></tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>g</th>\n"
     "    <td align=\"right\">4</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>r</th>\n"
     "    <td align=\"left\">xxxx</td>\n"
     "  </tr>\n"
     "\n"
     "  <tr><td colspan=\"2\" align=\"center\">Record 5</td></tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>g</th>\n"
     "    <td align=\"right\">5</td>\n"
     "  </tr>\n"
     "  <tr valign=\"top\">\n"
     "    <th>r</th>\n"
     "    <td align=\"left\">xxxxx</td>\n"
     "  </tr>\n"
     "</table>\n"
     "\n"},
    {"format=asciidoc\n"
     "expanded=off\n"
     "title=T\n",
     "\n"
     ".T\n"
     "[options=\"header\",cols=\">l,<l\",frame=\"none\"]\n"
     "|====\n"
     "^l|g ^l|r\n"
     "|1 |x\n"
     "|2 |xx\n"
     "|====\n"
     "|3 |xxx\n"
     "|4 |xxxx\n"
     "|====\n"
     "|5 |xxxxx\n"
     "|====\n"
     "\n"
     "....\n"
     "(5 rows)\n"
     "....\n"},
    {"format=asciidoc\n"
     "expanded=on\n"
     "title=T\n",
     "\n"
     ".T\n"
     "[cols=\"h,l\",frame=\"none\"]\n"
     "|====\n"
     "2+^|Record 1\n"
     "<l|g >l|1\n"
     "<l|r <l|x\n"
     "2+^|Record 2\n"
     "<l|g >l|2\n"
     "<l|r <l|xx\n"
     "|====\n"
     "2+^|Record 3\n"
     "<l|g >l|3\n"
     "<l|r <l|xxx\n"
     "2+^|Record 4\n"
     "<l|g >l|4\n"
     "<l|r <l|xxxx\n"
     "|====\n"
     "2+^|Record 5\n"
     "<l|g >l|5\n"
     "<l|r <l|xxxxx\n"
     "|====\n"},
    {"format=latex\n"
     "expanded=off\n"
     "title=T\n",
     "\\begin{center}\n"
     "T\n"
     "\\end{center}\n"
     "\n"
     "\\begin{tabular}{r | l}\n"
     "\\textit{g} & \\textit{r} \\\\\n"
     "\\hline\n"
     "1 & x \\\\\n"
     "2 & xx \\\\\n"
     "3 & xxx \\\\\n"
     "4 & xxxx \\\\\n"
     "5 & xxxxx \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent (5 rows) \\\\\n"
     "\n"},
    {"format=latex\n"
     "expanded=on\n"
     "title=T\n",
     "\\begin{center}\n"
     "T\n"
     "\\end{center}\n"
     "\n"
     "\\begin{tabular}{c|l}\n"
     "\\multicolumn{2}{c}{\\textit{Record 1}} \\\\\n"
     "\\hline\n"
     "g & 1 \\\\\n"
     "r & x \\\\\n"
     "\\multicolumn{2}{c}{\\textit{Record 2}} \\\\\n"
     "\\hline\n"
     "g & 2 \\\\\n"
     "r & xx \\\\\n"
     "\\multicolumn{2}{c}{\\textit{Record 3}} \\\\\n"
     "\\hline\n"
     "g & 3 \\\\\n"
     "r & xxx \\\\\n"
     "\\multicolumn{2}{c}{\\textit{Record 4}} \\\\\n"
     "\\hline\n"
     "g & 4 \\\\\n"
     "r & xxxx \\\\\n"
     "\\multicolumn{2}{c}{\\textit{Record 5}} \\\\\n"
     "\\hline\n"
     "g & 5 \\\\\n"
     "r & xxxxx \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent \n"},
    {"format=latex-longtable\n"
     "expanded=off\n"
     "title=T\n",
     "\\begin{longtable}{r | l}\n"
     "\\small\\textbf{\\textit{g}} & \\small\\textbf{\\textit{r}} \\\\\n"
     "\\midrule\n"
     "\\endfirsthead\n"
     "\\small\\textbf{\\textit{g}} & \\small\\textbf{\\textit{r}} \\\\\n"
     "\\midrule\n"
     "\\endhead\n"
     "\\caption[T (Continued)]{T}\n"
     "\\endfoot\n"
     "\\caption[T]{T}\n"
     "\\endlastfoot\n"
     "\\raggedright{1}\n"
     "&\n"
     "\\raggedright{x} \\tabularnewline\n"
     "\\raggedright{2}\n"
     "&\n"
     "\\raggedright{xx} \\tabularnewline\n"
     "\\raggedright{3}\n"
     "&\n"
     "\\raggedright{xxx} \\tabularnewline\n"
     "\\raggedright{4}\n"
     "&\n"
     "\\raggedright{xxxx} \\tabularnewline\n"
     "\\raggedright{5}\n"
     "&\n"
     "\\raggedright{xxxxx} \\tabularnewline\n"
     "\\end{longtable}\n"},
    {"format=latex-longtable\n"
     "expanded=on\n"
     "title=T\n",
     "\\begin{center}\n"
     "T\n"
     "\\end{center}\n"
     "\n"
     "\\begin{tabular}{c|l}\n"
     "\\multicolumn{2}{c}{\\textit{Record 1}} \\\\\n"
     "\\hline\n"
     "g & 1 \\\\\n"
     "r & x \\\\\n"
     "\\multicolumn{2}{c}{\\textit{Record 2}} \\\\\n"
     "\\hline\n"
     "g & 2 \\\\\n"
     "r & xx \\\\\n"
     "\\multicolumn{2}{c}{\\textit{Record 3}} \\\\\n"
     "\\hline\n"
     "g & 3 \\\\\n"
     "r & xxx \\\\\n"
     "\\multicolumn{2}{c}{\\textit{Record 4}} \\\\\n"
     "\\hline\n"
     "g & 4 \\\\\n"
     "r & xxxx \\\\\n"
     "\\multicolumn{2}{c}{\\textit{Record 5}} \\\\\n"
     "\\hline\n"
     "g & 5 \\\\\n"
     "r & xxxxx \\\\\n"
     "\\end{tabular}\n"
     "\n"
     "\\noindent \n"},
    {"format=troff-ms\n"
     "expanded=off\n"
     "title=T\n",
     ".LP\n"
     ".DS C\n"
     "T\n"
     ".DE\n"
     ".LP\n"
     ".TS\n"
     "center;\n"
     "r | l.\n"
     "\\fIg\\fP\t\\fIr\\fP\n"
     "_\n"
     "1\tx\n"
     "2\txx\n"
     "3\txxx\n"
     "4\txxxx\n"
     "5\txxxxx\n"
     ".TE\n"
     ".DS L\n"
     "(5 rows)\n"
     ".DE\n"},
    {"format=troff-ms\n"
     "expanded=on\n"
     "title=T\n",
     ".LP\n"
     ".DS C\n"
     "T\n"
     ".DE\n"
     ".LP\n"
     ".TS\n"
     "center;\n"
     "c s.\n"
     "\\fIRecord 1\\fP\n"
     "_\n"
     ".T&\n"
     "c | l.\n"
     "g\t1\n"
     "r\tx\n"
     ".T&\n"
     "c s.\n"
     "\\fIRecord 2\\fP\n"
     "_\n"
     ".T&\n"
     "c | l.\n"
     "g\t2\n"
     "r\txx\n"
     ".T&\n"
     "c s.\n"
     "\\fIRecord 3\\fP\n"
     "_\n"
     ".T&\n"
     "c | l.\n"
     "g\t3\n"
     "r\txxx\n"
     ".T&\n"
     "c s.\n"
     "\\fIRecord 4\\fP\n"
     "_\n"
     ".T&\n"
     "c | l.\n"
     "g\t4\n"
     "r\txxxx\n"
     ".T&\n"
     "c s.\n"
     "\\fIRecord 5\\fP\n"
     "_\n"
     ".T&\n"
     "c | l.\n"
     "g\t5\n"
     "r\txxxxx\n"
     ".TE\n"
     ".DS L\n"
     ".DE\n"},
    {"border=2\n"
     "expanded=on\n",
     "+-[ RECORD 1 ]-+\n"
     "| g | 1  |\n"
     "| r | x  |\n"
     "+-[ RECORD 2 ]-+\n"
     "| g | 2  |\n"
     "| r | xx |\n"
     "+-[ RECORD 3 ]-+\n"
     "| g | 3    |\n"
     "| r | xxx  |\n"
     "+-[ RECORD 4 ]-+\n"
     "| g | 4    |\n"
     "| r | xxxx |\n"
     "+-[ RECORD 5 ]-+\n"
     "| g | 5     |\n"
     "| r | xxxxx |\n"
     "+---+-------+\n"
     "\n"},
    {"border=2\n"
     "expanded=on\n"
     "tuples_only=on\n",
     "+---+----+\n"
     "| g | 1  |\n"
     "| r | x  |\n"
     "+---+----+\n"
     "| g | 2  |\n"
     "| r | xx |\n"
     "+---+------+\n"
     "| g | 3    |\n"
     "| r | xxx  |\n"
     "+---+------+\n"
     "| g | 4    |\n"
     "| r | xxxx |\n"
     "+---+-------+\n"
     "| g | 5     |\n"
     "| r | xxxxx |\n"
     "+---+-------+\n"
     "\n"},
    {NULL, NULL},
};

/* psql -X -q [-P settings] -c "select g, repeat('x', g) as r from generate_series(1, 4) g" */
static const PrintCase chunk4_cases[] = {
    {"border=2\n"
     "expanded=on\n",
     "+-[ RECORD 1 ]-+\n"
     "| g | 1  |\n"
     "| r | x  |\n"
     "+-[ RECORD 2 ]-+\n"
     "| g | 2  |\n"
     "| r | xx |\n"
     "+-[ RECORD 3 ]-+\n"
     "| g | 3    |\n"
     "| r | xxx  |\n"
     "+-[ RECORD 4 ]-+\n"
     "| g | 4    |\n"
     "| r | xxxx |\n"
     "+---+--+\n"
     "\n"},
    {"expanded=off\n",
     " g | r  \n"
     "---+----\n"
     " 1 | x\n"
     " 2 | xx\n"
     " 3 | xxx\n"
     " 4 | xxxx\n"
     "(4 rows)\n"
     "\n"},
    {"format=unaligned\n"
     "expanded=on\n",
     "g|1\n"
     "r|x\n"
     "\n"
     "g|2\n"
     "r|xx\n"
     "\n"
     "g|3\n"
     "r|xxx\n"
     "\n"
     "g|4\n"
     "r|xxxx\n"},
    {NULL, NULL},
};

/* psql -X -q -v FETCH_COUNT=2 [-P settings] -c "select from generate_series(1, 5)":
 * the last chunk's closing rule is as wide as a record header for its one row */
static const PrintCase nocols_chunk_cases[] = {
    {"format=wrapped\n"
     "border=2\n"
     "expanded=on\n",
     "+--+-----------+\n"
     "\n"},
    {"format=wrapped\n"
     "border=1\n"
     "expanded=on\n",
     "\n"},
    {"border=2\n"
     "expanded=on\n",
     "+--+--+\n"
     "\n"},
    {NULL, NULL},
};

/* each command run in order by psql -X -f -; its stdout and stderr */
static const PsetCase pset_cases[] = {
    {"border", "2",
     "Border style is 2.\n",
     ""},
    {"border", NULL,
     "Border style is 2.\n",
     ""},
    {"border", "-1",
     "Border style is 65535.\n",
     ""},
    {"border", "abc",
     "Border style is 0.\n",
     ""},
    {"border", "3x",
     "Border style is 3.\n",
     ""},
    {"border", "1",
     "Border style is 1.\n",
     ""},
    {"columns", "80",
     "Target width is 80.\n",
     ""},
    {"columns", NULL,
     "Target width is 80.\n",
     ""},
    {"columns", "0",
     "Target width is unset.\n",
     ""},
    {"csv_fieldsep", ";",
     "Field separator for CSV is \";\".\n",
     ""},
    {"csv_fieldsep", ";;",
     "",
     "error: \\pset: csv_fieldsep must be a single one-byte character\n"},
    {"csv_fieldsep", "\"",
     "",
     "error: \\pset: csv_fieldsep cannot be a double quote, a newline, or a carriage return\n"},
    {"csv_fieldsep", "",
     "",
     "error: \\pset: csv_fieldsep must be a single one-byte character\n"},
    {"csv_fieldsep", "\t",
     "Field separator for CSV is \"\t\".\n",
     ""},
    {"csv_fieldsep", ",",
     "Field separator for CSV is \",\".\n",
     ""},
    {"expanded", NULL,
     "Expanded display is on.\n",
     ""},
    {"expanded", "auto",
     "Expanded display is used automatically.\n",
     ""},
    {"expanded", NULL,
     "Expanded display is off.\n",
     ""},
    {"expanded", "on",
     "Expanded display is on.\n",
     ""},
    {"expanded", "of",
     "Expanded display is off.\n",
     ""},
    {"expanded", "o",
     "",
     "error: unrecognized value \"o\" for \"expanded\"\n"
     "Available values are: on, off, auto.\n"},
    {"expanded", "bogus",
     "",
     "error: unrecognized value \"bogus\" for \"expanded\"\n"
     "Available values are: on, off, auto.\n"},
    {"expanded", "",
     "",
     "error: unrecognized value \"\" for \"expanded\"\n"
     "Available values are: on, off, auto.\n"},
    {"expanded", "AUTO",
     "Expanded display is used automatically.\n",
     ""},
    {"x", "1",
     "Expanded display is on.\n",
     ""},
    {"vertical", "0",
     "Expanded display is off.\n",
     ""},
    {"fieldsep", ";",
     "Field separator is \";\".\n",
     ""},
    {"fieldsep_zero", NULL,
     "Field separator is zero byte.\n",
     ""},
    {"fieldsep", NULL,
     "Field separator is zero byte.\n",
     ""},
    {"fieldsep", "a'b",
     "Field separator is \"a'b\".\n",
     ""},
    {"fieldsep", "|",
     "Field separator is \"|\".\n",
     ""},
    {"footer", NULL,
     "Default footer is off.\n",
     ""},
    {"footer", "on",
     "",
     ""},
    {"footer", "maybe",
     "",
     "error: unrecognized value \"maybe\" for \"footer\": Boolean expected\n"},
    {"footer", "",
     "",
     "error: unrecognized value \"\" for \"footer\": Boolean expected\n"},
    {"footer", "tr",
     "",
     ""},
    {"format", "a",
     "",
     "error: \\pset: ambiguous abbreviation \"a\" matches both \"aligned\" and \"asciidoc\"\n"},
    {"format", "al",
     "Output format is aligned.\n",
     ""},
    {"format", "l",
     "Output format is latex.\n",
     ""},
    {"format", "latex-l",
     "Output format is latex-longtable.\n",
     ""},
    {"format", "LAT",
     "Output format is latex.\n",
     ""},
    {"format", "x",
     "",
     "error: \\pset: allowed formats are aligned, asciidoc, csv, html, latex, latex-longtable, troff-ms, unaligned, wrapped\n"},
    {"format", "",
     "",
     "error: \\pset: ambiguous abbreviation \"\" matches both \"aligned\" and \"asciidoc\"\n"},
    {"format", "u",
     "Output format is unaligned.\n",
     ""},
    {"format", "w",
     "Output format is wrapped.\n",
     ""},
    {"format", "c",
     "Output format is csv.\n",
     ""},
    {"format", "h",
     "Output format is html.\n",
     ""},
    {"format", "t",
     "Output format is troff-ms.\n",
     ""},
    {"format", "as",
     "Output format is asciidoc.\n",
     ""},
    {"format", NULL,
     "Output format is asciidoc.\n",
     ""},
    {"format", "aligned",
     "Output format is aligned.\n",
     ""},
    {"linestyle", "u",
     "Line style is unicode.\n",
     ""},
    {"linestyle", "x",
     "",
     "error: \\pset: allowed line styles are ascii, old-ascii, unicode\n"},
    {"linestyle", "",
     "Line style is ascii.\n",
     ""},
    {"linestyle", "o",
     "Line style is old-ascii.\n",
     ""},
    {"linestyle", NULL,
     "Line style is old-ascii.\n",
     ""},
    {"linestyle", "ascii",
     "Line style is ascii.\n",
     ""},
    {"null", "(null)",
     "Null display is \"(null)\".\n",
     ""},
    {"null", NULL,
     "Null display is \"(null)\".\n",
     ""},
    {"null", "it's",
     "Null display is \"it's\".\n",
     ""},
    {"null", "",
     "Null display is \"\".\n",
     ""},
    {"numericlocale", NULL,
     "Locale-adjusted numeric output is on.\n",
     ""},
    {"numericlocale", "off",
     "",
     ""},
    {"numericlocale", "xx",
     "",
     "error: unrecognized value \"xx\" for \"numericlocale\": Boolean expected\n"},
    {"numericlocale", NULL,
     "Locale-adjusted numeric output is on.\n",
     ""},
    {"pager", NULL,
     "Pager usage is off.\n",
     ""},
    {"pager", "always",
     "Pager is always used.\n",
     ""},
    {"pager", NULL,
     "Pager is used for long output.\n",
     ""},
    {"pager", "off",
     "Pager usage is off.\n",
     ""},
    {"pager", "al",
     "",
     "error: unrecognized value \"al\" for \"pager\"\n"
     "Available values are: on, off, always.\n"},
    {"pager", "",
     "",
     "error: unrecognized value \"\" for \"pager\"\n"
     "Available values are: on, off, always.\n"},
    {"pager", "on",
     "Pager is used for long output.\n",
     ""},
    {"pager_min_lines", "1",
     "Pager won't be used for less than 1 line.\n",
     ""},
    {"pager_min_lines", "10",
     "Pager won't be used for less than 10 lines.\n",
     ""},
    {"pager_min_lines", "x",
     "Pager won't be used for less than 0 lines.\n",
     ""},
    {"recordsep", "#",
     "Record separator is \"#\".\n",
     ""},
    {"recordsep_zero", NULL,
     "Record separator is zero byte.\n",
     ""},
    {"recordsep", NULL,
     "Record separator is zero byte.\n",
     ""},
    {"recordsep", "x\n"
     "y",
     "Record separator is \"x\n"
     "y\".\n",
     ""},
    {"recordsep", "\n",
     "Record separator is <newline>.\n",
     ""},
    {"tableattr", "a=1",
     "Table attributes are \"a=1\".\n",
     ""},
    {"T", NULL,
     "Table attributes unset.\n",
     ""},
    {"tableattr", "",
     "Table attributes are \"\".\n",
     ""},
    {"title", "hello",
     "Title is \"hello\".\n",
     ""},
    {"C", NULL,
     "Title is unset.\n",
     ""},
    {"title", "",
     "Title is \"\".\n",
     ""},
    {"tuples_only", NULL,
     "Tuples only is on.\n",
     ""},
    {"t", NULL,
     "Tuples only is off.\n",
     ""},
    {"tuples_only", "yes",
     "",
     ""},
    {"tuples_only", "n",
     "",
     ""},
    {"t", "0",
     "",
     ""},
    {"unicode_border_linestyle", "d",
     "Unicode border line style is \"double\".\n",
     ""},
    {"unicode_column_linestyle", "double",
     "Unicode column line style is \"double\".\n",
     ""},
    {"unicode_header_linestyle", "x",
     "",
     "error: \\pset: allowed Unicode header line styles are single, double\n"},
    {"unicode_header_linestyle", "",
     "Unicode header line style is \"single\".\n",
     ""},
    {"unicode_border_linestyle", NULL,
     "Unicode border line style is \"double\".\n",
     ""},
    {"bogus", NULL,
     "",
     "error: \\pset: unknown option: bogus\n"},
    {"xheader_width", "full",
     "",
     "error: \\pset: unknown option: xheader_width\n"},
    {"Border", "1",
     "",
     "error: \\pset: unknown option: Border\n"},
    {"border", "2",
     "Border style is 2.\n",
     ""},
    {"format", "latex-longtable",
     "Output format is latex-longtable.\n",
     ""},
    {"null", "n'u\n"
     "l",
     "Null display is \"n'u\n"
     "l\".\n",
     ""},
    {"title", "x'y",
     "Title is \"x'y\".\n",
     ""},
    {"tableattr", "t'a",
     "Table attributes are \"t'a\".\n",
     ""},
    {"linestyle", "unicode",
     "Line style is unicode.\n",
     ""},
    {"expanded", "auto",
     "Expanded display is used automatically.\n",
     ""},
    {"pager", "always",
     "Pager is always used.\n",
     ""},
    {"columns", "100",
     "Target width is 100.\n",
     ""},
    {"fieldsep_zero", NULL,
     "Field separator is zero byte.\n",
     ""},
    {"recordsep_zero", NULL,
     "Record separator is zero byte.\n",
     ""},
    {"unicode_column_linestyle", "double",
     "Unicode column line style is \"double\".\n",
     ""},
    {"footer", "off",
     "",
     ""},
    {"tuples_only", "on",
     "",
     ""},
    {"numericlocale", "1",
     "",
     ""},
    {"pager_min_lines", "7",
     "Pager won't be used for less than 7 lines.\n",
     ""},
    {"csv_fieldsep", ";",
     "Field separator for CSV is \";\".\n",
     ""},
};

static const char show_all_initial[] =
    "border                   1\n"
    "columns                  0\n"
    "csv_fieldsep             ','\n"
    "expanded                 off\n"
    "fieldsep                 '|'\n"
    "fieldsep_zero            off\n"
    "footer                   on\n"
    "format                   aligned\n"
    "linestyle                ascii\n"
    "null                     ''\n"
    "numericlocale            off\n"
    "pager                    1\n"
    "pager_min_lines          0\n"
    "recordsep                '\\n'\n"
    "recordsep_zero           off\n"
    "tableattr                \n"
    "title                    \n"
    "tuples_only              off\n"
    "unicode_border_linestyle single\n"
    "unicode_column_linestyle single\n"
    "unicode_header_linestyle single\n";

static const char show_all_final[] =
    "border                   2\n"
    "columns                  100\n"
    "csv_fieldsep             ';'\n"
    "expanded                 auto\n"
    "fieldsep                 ''\n"
    "fieldsep_zero            on\n"
    "footer                   off\n"
    "format                   latex-longtable\n"
    "linestyle                unicode\n"
    "null                     'n\\'u\\nl'\n"
    "numericlocale            on\n"
    "pager                    2\n"
    "pager_min_lines          7\n"
    "recordsep                ''\n"
    "recordsep_zero           on\n"
    "tableattr                't\\'a'\n"
    "title                    'x\\'y'\n"
    "tuples_only              on\n"
    "unicode_border_linestyle double\n"
    "unicode_column_linestyle double\n"
    "unicode_header_linestyle single\n";

/* ------------------------------------------------------------------ tables */

static const char *const basic_headers[] = {"a", "bb", "c"};
static const char *const basic_cells[] = {"1", "x\nyy", NULL, "22", "hello", "z"};
static const TableDef basic_table = {3, 2, basic_headers, "rll", basic_cells, NULL, NULL};

static const char *const multiline_headers[] = {"a", "b\nb", "c", "d"};
static const char *const multiline_cells[] = {"1", "x\nyy", NULL, "a", "22", "hello", "z", "b\nc\nd"};
static const TableDef multiline_table = {4, 2, multiline_headers, "rlll", multiline_cells, NULL, NULL};

static const char *const empty_headers[] = {"a", "b"};
static const TableDef empty_table = {2, 0, empty_headers, "rl", NULL, NULL, NULL};

static const TableDef nocols_table = {0, 1, NULL, "", NULL, NULL, NULL};
static const TableDef nocols5_table = {0, 5, NULL, "", NULL, NULL, NULL};

static const char *const wide_headers[] = {"\345\220\215\345\211\215", "comb", "tab", "cr", "ctl",
                                           "c1", "emoji"};
static const char *const wide_cells[] = {"\346\227\245\346\234\254\350\252\236", "e\314\201x", "a\tb",
                                         "c\rd", "\001", "\302\200\302\237", "\360\237\230\200x"};
static const TableDef wide_table = {7, 1, wide_headers, "lllllll", wide_cells, NULL, NULL};

static const char *const wrap_headers[] = {"g", "txt", "jp"};
static const char *const wrap_cells[] = {
    "1", "abc abc abc ", "\346\227\245\346\234\254",
    "2", "abc abc abc abc abc abc ", "\346\227\245\346\234\254\346\227\245\346\234\254",
    "3", "abc abc abc abc abc abc abc abc abc ",
    "\346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254",
    "4", "abc abc abc abc abc abc abc abc abc abc abc abc ",
    "\346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254",
};
static const TableDef wrap_table = {3, 4, wrap_headers, "rll", wrap_cells, NULL, NULL};

static const char *const numeric_headers[] = {"n", "i", "o", "t", "m", "f"};
static const char *const numeric_cells[] = {"1234567.891", "-1234", "12", "text", "$1,234.50", "1e+20"};
static const TableDef numeric_table = {6, 1, numeric_headers, "rrrlrr", numeric_cells, NULL, NULL};

static const char *const special_headers[] = {"h|&_\\\\", "blank", "lead", "q", "eod", "cr"};
static const char *const special_cells[] = {"a&b<c>d\"e|f#g$h%i^j_k{l}m~n\\o\np", "  ", "  lead",
                                            "q,\"uote", "\\.", "r\rn"};
static const TableDef special_table = {6, 1, special_headers, "llllll", special_cells, NULL, NULL};

static const char *const separator_headers[] = {"n", "t"};
static const char *const separator_cells[] = {"1", "a", "2", NULL};
static const TableDef separator_table = {2, 2, separator_headers, "rl", separator_cells, NULL, NULL};

static const char *const chunk_headers[] = {"g", "r"};
static const char *const chunk_cells[] = {"1", "x", "2", "xx", "3", "xxx", "4", "xxxx", "5", "xxxxx"};
static const TableDef chunk_table = {2, 5, chunk_headers, "rl", chunk_cells, NULL, NULL};
static const TableDef chunk4_table = {2, 4, chunk_headers, "rl", chunk_cells, NULL, NULL};

/* what \\dRp+ builds: a title and footers of its own */
static const char *const footer_headers[] = {"Owner", "All tables", "Inserts", "Updates", "Deletes",
                                             "Truncates", "Via root"};
static const char *const footer_cells[] = {"root", "f", "t", "t", "t", "t", "f"};
static const char *const footer_footers[] = {"Tables:", "    \"public.pgc_print_t\"", NULL};
static const TableDef footer_table = {7, 1, footer_headers, "lllllll", footer_cells,
                                      "Publication pgc_print_pub", footer_footers};

/* ------------------------------------------------------------------ helpers */

static void utf8_options(PrintOptions *opt)
{
    popt_init(opt);
    opt->encoding = pg_char_to_encoding("UTF8");
}

static void apply_settings(PrintOptions *opt, const char *settings)
{
    char *copy = strdup(settings);
    for (char *item = strtok(copy, "\n"); item; item = strtok(NULL, "\n")) {
        char *eq = strchr(item, '=');
        if (eq)
            *eq++ = '\0';
        CHECK(popt_pset(opt, item, eq, true));
    }
    free(copy);
}

/* prints rows [first, first + n) as print_result would: \pset title is the table's */
static void print_rows_of(const TableDef *td, long first, long n, const PrintOptions *opt, FILE *f)
{
    PrintTable t;
    ptable_init(&t, td->ncols, n, td->headers, td->aligns,
                td->cells ? (const char **)td->cells + first * td->ncols : NULL);
    if (td->title)
        ptable_set_title(&t, td->title);
    else if (opt->title)
        ptable_set_title(&t, opt->title);
    for (int i = 0; td->footers && td->footers[i]; i++)
        ptable_add_footer(&t, td->footers[i]);
    print_table(&t, opt, f, 0);
    ptable_free(&t);
}

/* psql's FETCH_COUNT loop: chunks until one comes back short, the pager flag set by a full one */
static void print_chunked(const TableDef *td, const PrintOptions *base, long chunk, FILE *f)
{
    PrintOptions opt;
    popt_copy(&opt, base);
    opt.start_table = true;
    opt.stop_table = false;
    opt.prior_records = 0;
    for (long first = 0;; first += chunk) {
        long n = td->nrows - first < chunk ? td->nrows - first : chunk;
        if (n < chunk)
            opt.stop_table = true;
        else
            opt.is_pager = true;
        print_rows_of(td, first, n, &opt, f);
        opt.start_table = false;
        opt.prior_records += (unsigned long)n;
        if (n < chunk)
            break;
    }
    popt_free(&opt);
}

static void print_log_of(const TableDef *td, const PrintOptions *opt, FILE *f)
{
    PrintTable t;
    ptable_init(&t, td->ncols, td->nrows, td->headers, td->aligns, (const char **)td->cells);
    if (opt->title)
        ptable_set_title(&t, opt->title);
    print_table_log(&t, opt, f);
    ptable_free(&t);
}

/* chunk: 0 prints the table at once, > 0 in FETCH_COUNT chunks, < 0 as the log file gets it */
static char *render(const TableDef *td, const char *settings, long chunk)
{
    PrintOptions opt;
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);

    utf8_options(&opt);
    apply_settings(&opt, settings);
    if (chunk < 0)
        print_log_of(td, &opt, f);
    else if (chunk > 0)
        print_chunked(td, &opt, chunk, f);
    else
        print_rows_of(td, 0, td->nrows, &opt, f);
    popt_free(&opt);
    fclose(f);
    return buf;
}

static void run_cases(const TableDef *td, const PrintCase *cases, long chunk)
{
    const char *test = unit_current;
    for (const PrintCase *pc = cases; pc->settings; pc++) {
        char *got = render(td, pc->settings, chunk);
        unit_current = pc->settings;    /* a failure names the settings */
        if (strcmp(got, pc->expected) != 0)
            fprintf(stderr, "----\n");
        CHECK_STR(got, pc->expected);
        unit_current = test;
        free(got);
    }
}

/* ------------------------------------------------------------------ printers */

static void test_basic(void) { run_cases(&basic_table, basic_cases, 0); }
static void test_multiline(void) { run_cases(&multiline_table, multiline_cases, 0); }
static void test_empty(void) { run_cases(&empty_table, empty_cases, 0); }
static void test_no_columns(void) { run_cases(&nocols_table, nocols_cases, 0); }
static void test_wide_and_control(void) { run_cases(&wide_table, wide_cases, 0); }
static void test_wrapped(void) { run_cases(&wrap_table, wrap_cases, 0); }
static void test_numeric_locale(void) { run_cases(&numeric_table, numeric_cases, 0); }
static void test_escaping(void) { run_cases(&special_table, special_cases, 0); }
static void test_separators(void) { run_cases(&separator_table, separator_cases, 0); }
static void test_fetch_count_chunks(void)
{
    run_cases(&chunk_table, chunk_cases, 2);
    run_cases(&chunk4_table, chunk4_cases, 2);
    run_cases(&nocols5_table, nocols_chunk_cases, 2);
}

/* what psql writes to its --log-file: the aligned layout whatever the format */
static void test_log_file_layout(void) { run_cases(&basic_table, log_cases, -1); }
static void test_own_title_and_footers(void) { run_cases(&footer_table, footer_cases, 0); }

static const char *find_case(const PrintCase *cases, const char *settings)
{
    for (; cases->settings; cases++)
        if (strcmp(cases->settings, settings) == 0)
            return cases->expected;
    return NULL;
}

static void test_expanded_auto_uses_terminal_width(void)
{
    PrintOptions opt;
    PrintTable t;
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);

    utf8_options(&opt);
    opt.expanded = EXPANDED_AUTO;
    ptable_init(&t, 3, 4, wrap_headers, "rll", (const char **)wrap_cells);
    print_table(&t, &opt, f, 200);     /* fits: normal layout */
    print_table(&t, &opt, f, 30);      /* too wide: expanded, as with \pset columns 30 */
    fclose(f);
    const char *wide = find_case(wrap_cases, "expanded=auto\ncolumns=200\n");
    const char *narrow = find_case(wrap_cases, "expanded=auto\ncolumns=30\n");
    CHECK(wide && narrow);
    if (!wide || !narrow)
        return;
    char *want = NULL;
    size_t wsize = 0;
    FILE *w = open_memstream(&want, &wsize);
    fputs(wide, w);
    fputs(narrow, w);
    fclose(w);
    CHECK_STR(buf, want);
    free(want);
    free(buf);
    ptable_free(&t);
    popt_free(&opt);
}

static void test_result_alignment_types(void)
{
    /* int2 int4 int8 float4 float8 numeric oid xid xid8 cid money */
    static const Oid right[] = {21, 23, 20, 700, 701, 1700, 26, 28, 5069, 29, 790};
    static const Oid left[] = {25, 1043, 16, 1082, 1114, 114, 3802, 17, 1005, 2950};
    for (size_t i = 0; i < sizeof right / sizeof right[0]; i++)
        CHECK(ptable_type_is_numeric(right[i]));
    for (size_t i = 0; i < sizeof left / sizeof left[0]; i++)
        CHECK(!ptable_type_is_numeric(left[i]));
}

static void test_nothing_format_prints_nothing(void)
{
    PrintOptions opt;
    PrintTable t;
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);

    utf8_options(&opt);
    opt.format = PRINT_NOTHING;
    ptable_init(&t, 3, 2, basic_headers, "rll", (const char **)basic_cells);
    print_table(&t, &opt, f, 0);
    fclose(f);
    CHECK_STR(buf, "");
    free(buf);
    ptable_free(&t);
    popt_free(&opt);
}

/* ------------------------------------------------------------------ width */

static void check_size(const char *s, int encoding, int width, int height, int fsize)
{
    TextSize sz;
    text_measure(s, strlen(s), encoding, &sz);
    CHECK_INT(sz.width, width);
    CHECK_INT(sz.height, height);
    CHECK_INT(sz.format_size, fsize);
}

static void test_width_rules(void)
{
    int utf8 = pg_char_to_encoding("UTF8");
    int latin1 = pg_char_to_encoding("LATIN1");

    check_size("hello", utf8, 5, 1, 6);
    check_size("", utf8, 0, 1, 1);
    check_size("\346\227\245\346\234\254", utf8, 4, 1, 7);        /* two double-width */
    check_size("e\314\201x", utf8, 2, 1, 5);                      /* combining acute: zero width */
    check_size("a\tb", utf8, 9, 1, 10);                           /* tab to column 8 */
    check_size("c\rd", utf8, 4, 1, 5);                            /* \r shows as two characters */
    check_size("\001", utf8, 4, 1, 5);                            /* \x01 */
    check_size("\302\200", utf8, 6, 1, 7);                        /* \u0080 */
    check_size("ab\ncde\n", utf8, 3, 3, 8);
    check_size("caf\351", latin1, 4, 1, 5);
    CHECK_INT(text_width("\346\227\245x", 4, utf8), 3);
    CHECK(text_is_printable_ascii("plain text, 0123456789 ~!", 25));
    CHECK(!text_is_printable_ascii("0123456789abcdef\x7f", 17));
    CHECK(!text_is_printable_ascii("0123456789abcdef\t", 17));
    CHECK(!text_is_printable_ascii("0123456\3510123456789", 17));
    CHECK(text_is_ascii("tab\tand\nnewline, still ascii", 28));
    CHECK(!text_is_ascii("0123456789\303\251", 12));
}

static void test_width_format_lines(void)
{
    int utf8 = pg_char_to_encoding("UTF8");
    char buf[64];
    TextLine lines[4];
    const char *s = "a\tb\n\001\302\237\nz\r";

    CHECK_INT(text_format(s, strlen(s), utf8, true, buf, lines), 3);
    CHECK_STR(lines[0].ptr, "a       b");
    CHECK_INT(lines[0].width, 9);
    CHECK_STR(lines[1].ptr, "\\x01\\u009F");
    CHECK_INT(lines[1].width, 10);
    CHECK_STR(lines[2].ptr, "z\\r");
    CHECK(lines[3].ptr == NULL);

    int target = 3;
    CHECK_INT(text_prefix_for_width("\346\227\245\346\234\254x", &target, utf8), 3);
    CHECK_INT(target, 2);
    target = 1;     /* a character wider than the target is still taken alone */
    CHECK_INT(text_prefix_for_width("\346\227\245\346\234\254", &target, utf8), 3);
    CHECK_INT(target, 2);
}

static void test_utf8_validation(void)
{
    StrBuf sb = STRBUF_INIT;
    /* what psql printed for \pset null 'a\377b\303\251c\355\240\200d\360\220\200\200e\341\200f' */
    const char *bad = "a\377b\303\251c\355\240\200d\360\220\200\200e\341\200f";
    size_t len = strlen(bad);
    const char *good = text_validate_utf8(bad, &len, &sb);
    CHECK_STR(good, "ab\303\251cd\360\220\200\200ef");
    CHECK_INT(len, strlen("ab\303\251cd\360\220\200\200ef"));
    const char *fine = "d\303\251j\303\240 vu";
    len = strlen(fine);
    CHECK(text_validate_utf8(fine, &len, &sb) == fine);
    sb_free(&sb);
}

static void test_invalid_utf8_null_display(void)
{
    /* psql -P format=unaligned, \pset null with invalid bytes, select null as x, 1 as y */
    PrintOptions opt;
    PrintTable t;
    static const char *const headers[] = {"x", "y"};
    const char *cells[] = {NULL, "1"};
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);

    utf8_options(&opt);
    popt_pset(&opt, "null", "a\377b\303\251c\355\240\200d\360\220\200\200e\341\200f", true);
    opt.format = PRINT_CSV;
    ptable_init(&t, 2, 1, headers, "lr", cells);
    print_table(&t, &opt, f, 0);
    fclose(f);
    CHECK_STR(buf, "x,y\nab\303\251cd\360\220\200\200ef,1\n");
    free(buf);
    ptable_free(&t);
    popt_free(&opt);
}

static void test_numeric_locale_function(void)
{
    char *s;
    CHECK_STR(s = print_format_numeric_locale("1234567.891"), "1,234,567.891"); free(s);
    CHECK_STR(s = print_format_numeric_locale("-1234"), "-1,234"); free(s);
    CHECK_STR(s = print_format_numeric_locale("123"), "123"); free(s);
    CHECK_STR(s = print_format_numeric_locale("1e+20"), "1e+20"); free(s);
    CHECK_STR(s = print_format_numeric_locale("12345e+20"), "12,345e+20"); free(s);
    CHECK_STR(s = print_format_numeric_locale("$1,234.50"), "$1,234.50"); free(s);
    CHECK_STR(s = print_format_numeric_locale("NaN"), "NaN"); free(s);
}

static void test_estimate_lines(void)
{
    PrintOptions opt;
    PrintTable t;

    utf8_options(&opt);
    ptable_init(&t, 3, 2, basic_headers, "rll", (const char **)basic_cells);
    /* rows + 1, plus the header's height and one extra line for "x\nyy" */
    CHECK_INT(print_estimate_lines(&t, &opt), 5);
    opt.expanded = EXPANDED_ON;
    CHECK_INT(print_estimate_lines(&t, &opt), 8);       /* (columns + 1) * rows */
    opt.expanded = EXPANDED_OFF;
    opt.format = PRINT_UNALIGNED;
    CHECK_INT(print_estimate_lines(&t, &opt), 3);
    ptable_add_footer(&t, "f");
    CHECK_INT(print_estimate_lines(&t, &opt), 4);
    opt.format = PRINT_ALIGNED;
    CHECK_INT(print_estimate_lines_width(&t, &opt, 80), 6);
    CHECK(print_estimate_lines_width(&t, &opt, 10) == LONG_MAX);   /* wider than the screen */
    ptable_free(&t);
    popt_free(&opt);
}

/* ------------------------------------------------------------------ \pset */

/* runs f with stderr going to a temporary file and returns what it wrote */
static char *capture_stderr(bool (*fn)(void *), void *arg, bool *result)
{
    FILE *tmp = tmpfile();
    int saved = dup(2);
    fflush(stderr);
    dup2(fileno(tmp), 2);
    *result = fn(arg);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    long n = ftell(tmp);
    (void)n;
    fseek(tmp, 0, SEEK_END);
    long size = ftell(tmp);
    char *text = calloc(1, (size_t)size + 1);
    rewind(tmp);
    if (size > 0 && fread(text, 1, (size_t)size, tmp) != (size_t)size)
        text[0] = '\0';
    fclose(tmp);
    return text;
}

typedef struct PsetCall {
    PrintOptions *opt;
    const PsetCase *pc;
    FILE *out;
} PsetCall;

static bool call_pset(void *arg)
{
    PsetCall *call = arg;
    return popt_pset_to(call->opt, call->pc->name, call->pc->value, false, call->out);
}

static void test_pset_messages(void)
{
    PrintOptions opt;
    char *buf = NULL;
    size_t size = 0;

    log_init("psql");
    log_set_terse(false);
    utf8_options(&opt);
    FILE *f = open_memstream(&buf, &size);
    popt_show_all(&opt, f);
    fclose(f);
    CHECK_STR(buf, show_all_initial);
    free(buf);

    for (size_t i = 0; i < sizeof pset_cases / sizeof pset_cases[0]; i++) {
        const PsetCase *pc = &pset_cases[i];
        bool ok;
        buf = NULL;
        f = open_memstream(&buf, &size);
        PsetCall call = {&opt, pc, f};
        char *err = capture_stderr(call_pset, &call, &ok);
        fclose(f);
        char want_err[512] = "";
        if (*pc->err)
            snprintf(want_err, sizeof want_err, "psql: %s", pc->err);
        unit_current = pc->name;
        CHECK_STR(buf, pc->out);
        CHECK_STR(err, want_err);
        CHECK(ok == (*pc->err == '\0'));
        unit_current = "test_pset_messages";
        free(buf);
        free(err);
    }
    buf = NULL;
    f = open_memstream(&buf, &size);
    popt_show_all(&opt, f);
    fclose(f);
    CHECK_STR(buf, show_all_final);
    free(buf);
    popt_free(&opt);
}

static void test_pset_value_strings(void)
{
    PrintOptions opt;
    char *v;

    utf8_options(&opt);
    CHECK_STR(v = popt_value_string(&opt, "recordsep"), "'\\n'"); free(v);
    CHECK_STR(v = popt_value_string(&opt, "format"), "aligned"); free(v);
    CHECK(popt_value_string(&opt, "bogus") == NULL);
    CHECK_STR(popt_format_name(PRINT_LATEX_LONGTABLE), "latex-longtable");
    CHECK_STR(popt_format_name(PRINT_TROFF_MS), "troff-ms");

    /* copies are deep: changing one leaves the other alone */
    PrintOptions copy;
    popt_pset(&opt, "null", "N", true);
    popt_copy(&copy, &opt);
    popt_pset(&opt, "null", "other", true);
    CHECK_STR(copy.null_print, "N");
    popt_free(&copy);
    popt_free(&opt);
}

/* ------------------------------------------------------------------ Ctrl-C */

static int cancel_checks;

/* Ctrl-C pressed while the first block of output was being written */
static bool pressed_after_first_block(void)
{
    return ++cancel_checks > 1;
}

static void test_ctrl_c_stops_at_a_line_end(void)
{
    enum { ROWS = 20000 };
    char **cells = calloc(ROWS * 2, sizeof *cells);
    for (int i = 0; i < ROWS; i++) {
        cells[2 * i] = malloc(16);
        snprintf(cells[2 * i], 16, "%d", i + 1);
        cells[2 * i + 1] = strdup("some text to fill the line");
    }
    const char *headers[] = {"n", "t"};
    for (const char *const *settings = (const char *const[]){"format=aligned", "format=unaligned", "format=csv",
                                                             "expanded=on", NULL};
         *settings; settings++) {
        PrintOptions opt;
        utf8_options(&opt);
        apply_settings(&opt, *settings);
        PrintTable t;
        ptable_init(&t, 2, ROWS, headers, "rl", (const char **)cells);
        char *buf = NULL;
        size_t size = 0;
        FILE *f = open_memstream(&buf, &size);
        cancel_checks = 0;
        print_set_cancel_check(pressed_after_first_block);
        print_table(&t, &opt, f, 0);
        print_set_cancel_check(NULL);
        fclose(f);
        unit_current = *settings;
        CHECK(size > PRINT_OUTBUF_SIZE && size < 2 * PRINT_OUTBUF_SIZE);
        CHECK(size > 0 && buf[size - 1] == '\n');
        CHECK(strstr(buf, "rows)") == NULL);
        CHECK(strstr(buf, "some text to fill the line") != NULL);
        free(buf);
        ptable_free(&t);
        popt_free(&opt);
    }
    for (int i = 0; i < ROWS * 2; i++)
        free(cells[i]);
    free(cells);
}

int main(void)
{
    /* psql formats numbers with the locale's punctuation; the tests expect C's */
    setlocale(LC_ALL, "C");
    RUN(test_basic);
    RUN(test_multiline);
    RUN(test_empty);
    RUN(test_no_columns);
    RUN(test_wide_and_control);
    RUN(test_wrapped);
    RUN(test_numeric_locale);
    RUN(test_escaping);
    RUN(test_separators);
    RUN(test_fetch_count_chunks);
    RUN(test_own_title_and_footers);
    RUN(test_log_file_layout);
    RUN(test_expanded_auto_uses_terminal_width);
    RUN(test_result_alignment_types);
    RUN(test_nothing_format_prints_nothing);
    RUN(test_width_rules);
    RUN(test_width_format_lines);
    RUN(test_utf8_validation);
    RUN(test_invalid_utf8_null_display);
    RUN(test_numeric_locale_function);
    RUN(test_estimate_lines);
    RUN(test_pset_messages);
    RUN(test_pset_value_strings);
    RUN(test_ctrl_c_stops_at_a_line_end);
    UNIT_DONE();
}
