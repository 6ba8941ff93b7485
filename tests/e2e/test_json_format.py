"""
The json output format (\\pset format json, --json): an array of objects typed from
the column types, exact numbers, escaping of control characters and of invalid UTF-8,
JSON Lines with -t, one array streamed over FETCH_COUNT chunks; psql's formats and
their abbreviations unchanged.
"""

import decimal
import json

import harness


def loads(text):
    """JSON with numbers kept exact, to compare them with the server's text."""
    return json.loads(text, parse_float=decimal.Decimal)


def documents(text):
    """The JSON texts of an output that printed several tables, one array each."""
    decoder = json.JSONDecoder(parse_float=decimal.Decimal)
    found, at = [], 0
    while at < len(text):
        doc, at = decoder.raw_decode(text, at)
        found.append(doc)
        while at < len(text) and text[at].isspace():
            at += 1
    return found


class JsonFormatTest(harness.CompareCase):
    """The json output format of SQL results: typed values, exact numbers, escaping, streaming."""

    def run_json(self, *args, db="postgres"):
        r = harness.run(["-X", "-d", db] + list(args))
        self.assertEqual((r.rc, r.err), (0, ""), r)
        return r.out

    def test_values_are_typed_from_the_column_types(self):
        out = self.run_json("--json", "-c",
                            "select 1::int2 as a, 2::int4 as b, 9223372036854775807::int8 as c, "
                            "123456789012345678901234567890.1200::numeric as n, 1.5::float8 as f, "
                            "'NaN'::float8 as nan, true as yes, false as no, null::int as nothing, "
                            "'{\"k\": [1, null, \"x\"]}'::jsonb as doc, '[1,2]'::json as list, "
                            "E'tab\\there \"quoted\" back\\\\slash \\x01' as text, '42'::text as digits, "
                            "'2024-01-02'::date as day, 12::oid as o")
        rows = loads(out)
        self.assertEqual(rows, [{
            "a": 1, "b": 2, "c": 9223372036854775807, "n": decimal.Decimal("123456789012345678901234567890.1200"),
            "f": decimal.Decimal("1.5"), "nan": "NaN", "yes": True, "no": False, "nothing": None,
            "doc": {"k": [1, None, "x"]}, "list": [1, 2], "text": "tab\there \"quoted\" back\\slash \x01",
            "digits": "42", "day": "2024-01-02", "o": 12}])
        # numeric keeps its trailing zeros: the text is the server's
        self.assertIn('"n": 123456789012345678901234567890.1200,', out)
        self.assertIn('\\u0001', out)

    def test_rows_empty_results_and_null_display(self):
        out = self.run_json("--json", "-P", "null=(null)", "-c",
                            "select g as id, case when g = 2 then null else 'v' || g end as v "
                            "from generate_series(1, 3) g")
        self.assertEqual(loads(out), [{"id": 1, "v": "v1"}, {"id": 2, "v": None}, {"id": 3, "v": "v3"}])
        self.assertEqual(self.run_json("--json", "-c", "select 1 as x where false"), "[]\n")
        # expanded, titles and footers are for reading: json stays the same
        self.assertEqual(self.run_json("--json", "-x", "-P", "title=T", "-c", "select 1 as x"), '[\n  {"x": 1}\n]\n')

    def test_every_way_to_choose_it(self):
        expected = [{"x": 1, "y": "a"}]
        for args in (["--json"], ["-P", "format=json"], ["-P", "format=j"]):
            self.assertEqual(loads(self.run_json(*args, "-c", "select 1 as x, 'a' as y")), expected, args)
        out = self.run_json("-c", "\\pset format json", "-c", "select 1 as x, 'a' as y")
        self.assertEqual(out.splitlines()[0], "Output format is json.")
        self.assertEqual(loads(out.split("\n", 1)[1]), expected)
        r = harness.run(["-X"], input="select 1 as x, 'a' as y \\g (format=json)\nselect 2 as z;\n")
        self.assertEqual((r.rc, r.err), (0, ""), r)
        # the format of that one query only
        first, rest = r.out.split("]\n", 1)
        self.assertEqual(loads(first + "]"), expected)
        self.assertEqual(rest, " z \n---\n 2\n(1 row)\n\n")
        r = harness.run(["-X", "-c", "\\pset format json", "-c", "\\pset format"])
        self.assertEqual(r.out, "Output format is json.\nOutput format is json.\n")

    def test_tuples_only_gives_json_lines(self):
        out = self.run_json("--json", "-t", "-c", "select g from generate_series(1, 3) g")
        self.assertEqual(out, '{"g": 1}\n{"g": 2}\n{"g": 3}\n')
        self.assertEqual([json.loads(line) for line in out.splitlines()], [{"g": 1}, {"g": 2}, {"g": 3}])

    def test_fetch_count_streams_one_array(self):
        query = "select g, md5(g::text) as h from generate_series(1, 25) g"
        whole = self.run_json("--json", "-c", query)
        chunked = self.run_json("--json", "-v", "FETCH_COUNT=4", "-c", query)
        self.assertEqual(chunked, whole)
        self.assertEqual(len(loads(chunked)), 25)
        self.assertEqual(self.run_json("--json", "-v", "FETCH_COUNT=4", "-c", "select 1 where false"), "[]\n")

    def test_past_the_stream_bound_rows_print_as_they_arrive_with_their_types(self):
        # a bound of 0 bytes streams from the first row: the rows then come from the compact row store
        query = "select g, md5(g::text) as h, g % 3 = 0 as third, null::int as n from generate_series(1, 3000) g"
        whole = self.run_json("--json", "-c", query)
        env = harness.server().env(PGCONSOLE_STREAM_THRESHOLD="0")
        for extra in ([], ["-t"]):
            held = self.run_json("--json", *extra, "-c", query)
            r = harness.run(["-X", "-d", "postgres", "--json"] + extra + ["-c", query], env=env)
            self.assertEqual((r.rc, r.err, r.out), (0, "", held), extra)
        rows = loads(whole)
        self.assertEqual(rows[2], {"g": 3, "h": "eccbc87e4b5ce2fe28308fd9f2a7baf3", "third": True, "n": None})

    def test_invalid_utf8_becomes_replacement_characters(self):
        harness.server().sql("DROP DATABASE IF EXISTS dash_ascii")
        harness.server().sql("CREATE DATABASE dash_ascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' "
                             "TEMPLATE template0")
        out = self.run_json("--json", "-c", "select E'a\\xffb' as bad, E'caf\\xc3\\xa9' as good", db="dash_ascii")
        self.assertEqual(json.loads(out), [{"bad": "a\ufffdb", "good": "caf\u00e9"}])

    def test_psql_formats_and_their_abbreviations_are_unchanged(self):
        self.compare(["-X"], input="\\pset format l\n\\pset format a\n\\pset format bogus\n\\pset format u\n")
        r = harness.run(["-X", "-c", "\\pset format jsonl"])
        self.assertEqual(r.rc, 1)
        self.assertIn("allowed formats are aligned, asciidoc, csv, html, latex, latex-longtable, troff-ms, "
                      "unaligned, wrapped", r.err)
