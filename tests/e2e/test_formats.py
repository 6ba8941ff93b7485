"""Output formats, compared with psql: every format x border x expanded, linestyles, the
\\pset options and their status messages, and the shortcut commands (\\a \\t \\x \\f \\H \\T \\C)."""

import subprocess
import unittest

import harness
from harness import CompareCase

# data that exercises alignment, escaping and widths
SETUP = r"""create temp table fmt (id int, num numeric, txt text, flag bool, note text);
insert into fmt values
 (1, 3.14159, 'plain', true, null),
 (22, -1234567.5, 'multi
line
value', false, ''),
 (333, 0, '  leading and trailing  ', null, 'tab	inside'),
 (4444, 1e20, 'special <b>&amp; "q" ''s'' \back\slash _ % $ # { } ~ ^ |', true, 'a|b,c;d'),
 (5, null, '日本語の文字', false, 'Ｆｕｌｌｗｉｄｔｈ'),
 (6, 42, 'combining: é ñ ü', true, 'zero​width'),
 (7, 1, repeat('long value ', 12), null, E'ends with newline\n');
"""

QUERIES = r"""\echo == mixed
select * from fmt order by id;
\echo == one column
select txt as "Only column" from fmt where id in (1, 22) order by id;
\echo == empty result
select id, txt from fmt where false;
\echo == no columns
select;
\echo == multi-line header
select 1 as "two
lines", 'x' as "Wide header ΣΣΣ";
\echo == numbers right aligned
select 1::int2 as s, 123456789012::int8 as b, 1.5::float4 as r, 2.25::float8 as d, 10::oid as o, '$1.50'::money as m, 12.000::numeric as n;
"""

FORMATS = ["aligned", "unaligned", "csv", "html", "asciidoc", "latex", "latex-longtable", "troff-ms", "wrapped"]


def format_script(fmt, border):
    parts = [SETUP, "\\pset format %s\n\\pset border %d\n" % (fmt, border)]
    if fmt == "wrapped":
        parts.append("\\pset columns 50\n")
    for expanded in ("off", "on"):
        parts.append("\\pset expanded %s\n" % expanded)
        parts.append(QUERIES)
        parts.append("\\pset title 'A title'\n\\pset footer off\nselect id, txt from fmt where id < 30 order by id;\n"
                     "\\pset title\n\\pset footer on\n\\pset tuples_only on\nselect id, txt from fmt where id < 30 order by id;\n"
                     "\\pset tuples_only off\n\\pset null '(null)'\nselect id, note from fmt where id in (1, 333) order by id;\n"
                     "\\pset null ''\n")
    return "".join(parts)


class TestFormatMatrix(CompareCase):
    def _check(self, fmt):
        for border in (0, 1, 2):
            with self.subTest(border=border):
                self.compare(["-q"], input=format_script(fmt, border), label="format %s, border %d" % (fmt, border))

    def test_aligned(self):
        self._check("aligned")

    def test_unaligned(self):
        self._check("unaligned")

    def test_csv(self):
        self._check("csv")

    def test_html(self):
        self._check("html")

    def test_asciidoc(self):
        self._check("asciidoc")

    def test_latex(self):
        self._check("latex")

    def test_latex_longtable(self):
        self._check("latex-longtable")

    def test_troff_ms(self):
        self._check("troff-ms")

    def test_wrapped(self):
        self._check("wrapped")

    def test_border_3_and_invalid(self):
        # border values above 2 are accepted for some formats (latex uses 3)
        self.compare(["-q"], input=SETUP + "\\pset border 3\n\\pset format latex\nselect id, txt from fmt where id < 30;\n"
                     "\\pset format latex-longtable\nselect id, txt from fmt where id < 30;\n"
                     "\\pset format aligned\nselect id from fmt where id < 30;\n\\pset border -1\n\\pset border x\n"
                     "\\pset border 100\n\\pset border\n")


class TestExpandedAuto(CompareCase):
    def test_expanded_auto(self):
        script = SETUP + """\\pset expanded auto
\\pset columns 60
select id, txt from fmt where id < 10 order by id;
select * from fmt order by id;
\\pset columns 0
select * from fmt order by id;
\\pset columns 200
select * from fmt order by id;
\\pset format wrapped
\\pset columns 40
select * from fmt order by id;
\\pset format unaligned
select * from fmt order by id;
"""
        self.compare(["-q"], input=script)
        self.compare(["-q"], input=script, env=harness.server().env(COLUMNS="30"))

    def test_combining_character_on_a_later_line_of_a_cell(self):
        # fuzz_print found it: a later line of a multi-line cell was taken for plain ASCII by its
        # width (a combining character has none), and the aligned printer then never finished it
        script = ("select E'ble(x)\\nUf\\u059F' as c, 1 as n;\n\\x\nselect E'ble(x)\\nUf\\u059F' as c;\n\\x\n"
                  "\\pset format wrapped\n\\pset columns 8\nselect E'ble(x)\\nUf\\u059F\\u059Fa' as c;\n"
                  "\\pset border 2\nselect E'x\\ne\\u0301e\\u0301e\\u0301' as c;\n")
        self.compare(["-q"], input=script)

    def test_columns_env(self):
        self.compare(["-q", "-P", "format=wrapped"], input=SETUP + "select * from fmt order by id;\n",
                     env=harness.server().env(COLUMNS="45"))

    def test_wrapped_widths(self):
        parts = [SETUP, "\\pset format wrapped\n"]
        for cols in (10, 25, 60, 120):
            for border in (0, 1, 2):
                parts.append("\\pset columns %d\n\\pset border %d\nselect id, txt, note from fmt order by id;\n"
                             "\\x on\nselect id, txt from fmt where id in (7, 22);\n\\x off\n" % (cols, border))
        self.compare(["-q"], input="".join(parts))


class TestLinestyles(CompareCase):
    def test_linestyles(self):
        parts = [SETUP]
        for style in ("ascii", "old-ascii", "unicode"):
            for border in (0, 1, 2):
                parts.append("\\pset linestyle %s\n\\pset border %d\n" % (style, border))
                parts.append("select id, txt, note from fmt where id in (1, 22, 7) order by id;\n")
                parts.append("\\x on\nselect id, txt from fmt where id in (22, 1) order by id;\n\\x off\n")
                parts.append("\\pset format wrapped\n\\pset columns 40\nselect id, txt from fmt order by id;\n"
                             "\\x on\nselect id, txt from fmt order by id;\n\\x off\n\\pset format aligned\n")
        self.compare(["-q"], input="".join(parts))

    def test_unicode_linestyle_settings(self):
        parts = [SETUP, "\\pset linestyle unicode\n"]
        for b in ("single", "double"):
            for c in ("single", "double"):
                for h in ("single", "double"):
                    parts.append("\\pset unicode_border_linestyle %s\n\\pset unicode_column_linestyle %s\n"
                                 "\\pset unicode_header_linestyle %s\n\\pset border 2\n"
                                 "select id, txt from fmt where id in (1, 22) order by id;\n"
                                 "\\x on\nselect id, txt from fmt where id = 22;\n\\x off\n"
                                 "\\pset border 1\nselect id, txt from fmt where id = 1;\n" % (b, c, h))
        self.compare(["-q"], input="".join(parts))

    def test_linestyle_messages(self):
        self.compare([], input="\\pset linestyle\n\\pset linestyle u\n\\pset linestyle a\n\\pset linestyle o\n"
                     "\\pset linestyle bogus\n\\pset unicode_border_linestyle double\n"
                     "\\pset unicode_border_linestyle bogus\n\\pset unicode_column_linestyle\n"
                     "\\pset unicode_header_linestyle d\n")


class TestPsetMessages(CompareCase):
    def test_pset_no_args(self):
        self.compare([], input="\\pset\n")
        self.compare([], input="\\pset format html\n\\pset border 2\n\\pset null N\n\\pset title T\n"
                     "\\pset tableattr 'class=x'\n\\pset fieldsep_zero\n\\pset recordsep_zero\n"
                     "\\pset csv_fieldsep ;\n\\pset pager off\n\\pset\n")

    def test_each_option_status(self):
        opts = ["border", "columns", "csv_fieldsep", "expanded", "fieldsep", "fieldsep_zero", "footer", "format",
                "linestyle", "null", "numericlocale", "pager", "pager_min_lines", "recordsep", "recordsep_zero",
                "tableattr", "title", "tuples_only", "unicode_border_linestyle", "unicode_column_linestyle",
                "unicode_header_linestyle", "xheader_width"]
        script = "".join("\\pset %s\n" % o for o in opts)
        self.compare([], input=script)

    def test_set_options(self):
        self.compare([], input="""\\pset border 2
\\pset columns 80
\\pset columns -1
\\pset csv_fieldsep ';'
\\pset csv_fieldsep ';;'
\\pset csv_fieldsep '"'
\\pset csv_fieldsep '\\n'
\\pset expanded
\\pset expanded
\\pset expanded auto
\\pset expanded bogus
\\pset fieldsep ';'
\\pset fieldsep_zero
\\pset fieldsep_zero off
\\pset footer
\\pset footer
\\pset footer off
\\pset footer bogus
\\pset format a
\\pset format u
\\pset format c
\\pset format h
\\pset format w
\\pset format l
\\pset format latex-l
\\pset format t
\\pset format as
\\pset format al
\\pset format bogus
\\pset null '[null]'
\\pset numericlocale
\\pset numericlocale off
\\pset pager always
\\pset pager 0
\\pset pager on
\\pset pager bogus
\\pset pager_min_lines 10
\\pset pager_min_lines x
\\pset recordsep '#'
\\pset recordsep_zero
\\pset tableattr 'a=b'
\\pset tableattr
\\pset title 'hello world'
\\pset title
\\pset tuples_only
\\pset tuples_only
\\pset tuples_only on
\\pset tuples_only maybe
\\pset xheader_width full
\\pset xheader_width column
\\pset xheader_width page
\\pset xheader_width 30
\\pset xheader_width bogus
\\pset bogus_option 1
\\pset bogus_option
""")

    def test_shortcut_commands(self):
        self.compare([], input="""\\a
\\a
\\t
\\t
\\t on
\\t off
\\t bogus
\\x
\\x
\\x auto
\\x off
\\x bogus
\\f
\\f ';'
\\f
\\H
\\H
\\T
\\T 'border=1'
\\T
\\C
\\C 'My Title'
\\C
\\C
select 1 as a;
\\H
\\C 'T2'
\\T 'x=y'
select 1 as a, null as b;
\\x
select 1 as a, '<b>' as b;
""")

    def test_shortcuts_effects(self):
        self.compare(["-q"], input=SETUP + """\\a
select id, txt from fmt where id < 30 order by id;
\\f ,
select id, txt from fmt where id < 30 order by id;
\\t
select id, txt from fmt where id < 30 order by id;
\\a
\\x
select id, txt from fmt where id < 30 order by id;
\\t
\\C 'Cap'
select id, txt from fmt where id < 30 order by id;
\\x
select id, txt from fmt where id < 30 order by id;
""")


class TestSeparators(CompareCase):
    def test_separators(self):
        self.compare(["-q"], input=SETUP + """\\pset format unaligned
\\pset fieldsep '::'
\\pset recordsep '<RS>\n'
select id, txt from fmt where id < 30 order by id;
\\x
select id, txt from fmt where id < 30 order by id;
\\x
\\pset fieldsep_zero
select id, note from fmt where id < 30 order by id;
\\pset recordsep_zero
select id, note from fmt where id < 30 order by id;
\\pset fieldsep '|'
\\pset recordsep '\n'
\\pset tuples_only
select id, txt from fmt where id < 30 order by id;
\\pset format csv
\\pset csv_fieldsep ';'
select id, txt, note from fmt order by id;
\\pset csv_fieldsep '\t'
select id, txt, note from fmt order by id;
\\pset tuples_only off
\\x
select id, txt, note from fmt order by id;
""")

    def test_tableattr(self):
        self.compare(["-q", "-H"], input=SETUP + """\\pset tableattr 'border="0" class="c"'
select id, txt from fmt where id < 30 order by id;
\\x
select id, txt from fmt where id < 30 order by id;
\\pset tableattr
\\pset title '<Title & more>'
select id from fmt where id < 30 order by id;
\\pset format latex
\\pset tableattr 'lr'
\\pset border 3
select id, txt from fmt where id < 30 order by id;
\\pset format latex-longtable
select id, txt from fmt where id < 30 order by id;
\\pset tableattr '0.2 0.5'
select id, txt from fmt where id < 30 order by id;
""")


class TestNumericLocale(CompareCase):
    SCRIPT = """\\pset numericlocale on
select 1234567 as i, -1234567.891 as n, 0.5 as half, 1e10::float8 as f, 123::int2 as s, '1234567'::text as t,
  12345678901234567890::numeric as big, 'NaN'::numeric as nan, -0.001 as small, 1000 as thousand;
\\x
select 1234567 as i, -1234567.891 as n;
\\x
\\pset format unaligned
select 1234567 as i, -1234567.891 as n;
\\pset format csv
select 1234567 as i, -1234567.891 as n;
\\pset format html
select 1234567 as i, -1234567.891 as n;
\\pset format latex
select 1234567 as i, -1234567.891 as n;
"""

    def test_numericlocale_c(self):
        # the C locale has no thousands separator: psql falls back to ","
        self.compare(["-q"], input=self.SCRIPT)

    def test_numericlocale_real_locale(self):
        available = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
        wanted = [l for l in available if l.lower().replace("-", "") in
                  ("de_de.utf8", "en_us.utf8", "fr_fr.utf8", "sv_se.utf8", "en_gb.utf8")]
        if not wanted:
            self.skipTest("no locale with a thousands separator is installed (locale -a lists none of "
                          "de_DE/en_US/fr_FR/sv_SE/en_GB .UTF-8; install the 'locales' package and generate one)")
        for loc in wanted[:2]:
            # messages stay in English (psql would translate "(1 row)" under LC_MESSAGES=de_DE)
            env = harness.server().env(LC_ALL=None, LC_NUMERIC=loc, LANG="C.UTF-8")
            self.compare(["-q"], input=self.SCRIPT, env=env, label="LC_NUMERIC=" + loc)
            env = harness.server().env(LC_ALL=None, LANG=loc, LC_MESSAGES="C.UTF-8")
            self.compare(["-q"], input=self.SCRIPT, env=env, label="LANG=" + loc)


class TestWideAndSpecialText(CompareCase):
    def test_wide_characters(self):
        self.compare(["-q"], input="""select '日本' as "漢字", 'abc' as b, 'é' as decomposed, 'e\u0301' as combining;
select 'x' || repeat('長', 30) as long_cjk \\gx
\\pset border 2
select '🙂 emoji' as e, 'ｶﾀｶﾅ' as halfwidth, '한국어' as korean;
\\pset format wrapped
\\pset columns 20
select repeat('日本語', 10) as w, 'ab' as n;
\\pset format aligned
\\pset linestyle unicode
select E'a\\tb' as tab, E'cr\\rhere' as cr, E'nul? \\x01 ctrl' as ctrl, E'bs\\b' as bs;
""")

    def test_very_long_values(self):
        self.compare(["-q"], input="select repeat('x', 5000) as x, g from generate_series(1, 3) g;\n"
                     "\\pset format wrapped\n\\pset columns 70\nselect repeat('word ', 300) as w;\n"
                     "\\x\nselect repeat('y', 1000) as y, repeat('z', 200) as z;\n")

    def test_null_and_empty(self):
        self.compare(["-q"], input="""select null as n, '' as e, ' ' as s;
\\pset null NULL
select null as n, '' as e;
\\pset format csv
select null as n, '' as e, '"' as q, 'a,b' as c, E'l1\\nl2' as nl, ' lead' as sp;
\\pset format unaligned
select null as n, '' as e;
\\pset format html
select null as n, '' as e, ' ' as s;
\\pset format asciidoc
select null as n, '' as e, '|' as bar;
\\pset format latex
select null as n, '' as e;
\\pset format troff-ms
select null as n, '' as e, '\\' as bs, '.leading dot' as dot;
""")

    def test_many_rows_footer(self):
        self.compare(["-q"], input="select g from generate_series(1, 1) g;\nselect g from generate_series(1, 120) g;\n"
                     "\\pset footer off\nselect 1;\n\\pset footer on\n\\pset tuples_only\nselect 1;\n")

    def test_xheader_width(self):
        parts = [SETUP, "\\x on\n\\pset columns 40\n"]
        for xw in ("full", "column", "page", "10"):
            for fmt in ("aligned", "wrapped"):
                parts.append("\\pset xheader_width %s\n\\pset format %s\nselect id, txt from fmt where id in (1, 7) order by id;\n"
                             % (xw, fmt))
        self.compare(["-q"], input="".join(parts))


class TestCommandLineFormats(CompareCase):
    def test_expanded_formats_via_options(self):
        for fmt in ("unaligned", "csv", "html", "asciidoc", "latex", "troff-ms"):
            self.compare(["-q", "-x", "-P", "format=" + fmt], input=SETUP + "select * from fmt where id < 30 order by id;\n")

    def test_csv_option_with_tuples(self):
        self.compare(["--csv", "-t"], input=SETUP + "select * from fmt order by id;\n")


class TestFetchCountLayout(CompareCase):
    """With FETCH_COUNT, psql treats output as paged once a first full chunk arrives, even when
    stdout is not a terminal: expanded auto then goes vertical and wrapped follows $COLUMNS."""

    SCRIPT = SETUP + """\\set FETCH_COUNT 2
\\pset expanded auto
select id, txt from fmt order by id;
select id, txt from fmt where id = 1;
select 1 as one, 2 as two \\g
\\pset expanded off
\\pset format wrapped
select id, txt from fmt order by id;
select id, txt from fmt where id = 7;
\\pset format aligned
\\pset expanded auto
select id from fmt order by id \\g
"""

    def test_chunks_layout(self):
        self.compare(["-q"], input=self.SCRIPT)
        self.compare(["-q"], input=self.SCRIPT, env=harness.server().env(COLUMNS="40"))


class TestTuplesOnlyListings(CompareCase):
    """psql 15 honours \\t for \\lo_list and \\dl (older versions forced the headers on)."""
    parallel = False    # each console lists the one large object it made

    def test_large_objects_tuples_only(self):
        script = """select lo_create(0) as oid \\gset
\\t
\\lo_list
\\lo_list+
\\x
\\dl
\\t
\\lo_list
\\lo_unlink :oid
\\t
\\dl
\\x
\\dl
"""
        self.compare(["-q"], input=script, subs=[(r"\b\d{4,}\b", "OID")])
