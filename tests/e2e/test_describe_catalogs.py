"""Describe commands for catalog objects beside relations, compared with psql byte for byte:
text search (\\dF, \\dFd, \\dFp, \\dFt and their + forms), logical replication (\\dRp, \\dRp+,
\\dRs, \\dRs+), SQL/MED (\\des, \\dew, \\deu, \\det) and extended statistics (\\dX)."""

import harness

DB = "describe_catalogs"

OBJECTS = r"""
CREATE SCHEMA cat;
CREATE TABLE cat_t1 (a int PRIMARY KEY, b text, c int);
CREATE TABLE cat.t2 (x int, "Odd Col" text);
CREATE SCHEMA cat_pub_only;
CREATE TABLE cat_pub_only.t3 (y int);

CREATE TEXT SEARCH CONFIGURATION cat.mycfg (COPY = english);
COMMENT ON TEXT SEARCH CONFIGURATION cat.mycfg IS 'my configuration';
CREATE TEXT SEARCH DICTIONARY cat.mydict (TEMPLATE = simple, STOPWORDS = english);
CREATE TEXT SEARCH TEMPLATE cat.mytmpl (LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH PARSER cat.myprs (START = prsd_start, GETTOKEN = prsd_nexttoken,
    END = prsd_end, LEXTYPES = prsd_lextype);
CREATE TEXT SEARCH CONFIGURATION cat.prscfg (PARSER = cat.myprs);
ALTER TEXT SEARCH CONFIGURATION cat.prscfg ADD MAPPING FOR word, asciiword WITH cat.mydict, simple;

CREATE PUBLICATION pub_rows FOR TABLE cat_t1 (a, b) WHERE (a > 5), cat.t2;
CREATE PUBLICATION pub_schemas FOR TABLES IN SCHEMA cat_pub_only, cat;
CREATE PUBLICATION pub_empty WITH (publish = 'insert', publish_via_partition_root = true);
CREATE PUBLICATION pub_all FOR ALL TABLES;
CREATE SUBSCRIPTION sub_off CONNECTION 'dbname=nowhere' PUBLICATION pub_rows, pub_all
    WITH (connect = false, binary = true, streaming = on);

CREATE FOREIGN DATA WRAPPER cat_fdw1;
CREATE FOREIGN DATA WRAPPER cat_fdw2 OPTIONS (a '1', "B c" 'it''s');
COMMENT ON FOREIGN DATA WRAPPER cat_fdw2 IS 'second wrapper';
GRANT USAGE ON FOREIGN DATA WRAPPER cat_fdw2 TO public;
CREATE SERVER cat_s1 FOREIGN DATA WRAPPER cat_fdw1;
CREATE SERVER cat_s2 TYPE 'oracle' VERSION '1.0' FOREIGN DATA WRAPPER cat_fdw2 OPTIONS (host 'x');
COMMENT ON SERVER cat_s2 IS 'a server';
CREATE USER MAPPING FOR postgres SERVER cat_s2 OPTIONS (user 'bob', password 'p');
CREATE USER MAPPING FOR public SERVER cat_s1;
CREATE FOREIGN TABLE cat_ft1 (a int) SERVER cat_s2 OPTIONS (table_name 'x');
COMMENT ON FOREIGN TABLE cat_ft1 IS 'a foreign table';
CREATE FOREIGN TABLE cat.ft2 (a int) SERVER cat_s1;

CREATE STATISTICS cat_st1 (ndistinct) ON a, c FROM cat_t1;
CREATE STATISTICS cat_st2 ON (a + c), b FROM cat_t1;
CREATE STATISTICS cat.st3 (dependencies, mcv) ON a, b FROM cat_t1;
"""

class DescribeCase(harness.FixtureDatabaseCase):
    DB = DB
    OBJECTS = OBJECTS


class TestTextSearch(DescribeCase):
    def test_configurations(self):
        self.run_script("\\dF\n\\dF *.mycfg\n\\dF+ cat.*\n\\dF+ english\n\\dF+x simple\n")

    def test_dictionaries_parsers_templates(self):
        self.run_script("\\dFd\n\\dFd+\n\\dFd cat.*\n\\dFp\n\\dFp+\n\\dFp cat.myprs\n"
                        "\\dFt\n\\dFt+\n\\dFt+ cat.*\n")

    def test_letters_after_the_kind(self):
        # \dF takes only + after F; the other kinds ignore what follows them
        self.run_script("\\dFS\n\\dFx\n\\dFdx cat.*\n\\dFpz cat.*\n\\dFt+S cat.*\n")

    def test_not_found(self):
        self.run_script("\\dF+ nosuch\n\\dFp+ nosuch\n\\set QUIET on\n\\dF+ nosuch\n\\dFp+ nosuch\n")
        self.run_script("\\set ON_ERROR_STOP on\n\\dFp+ nosuch\nselect 1;\n")

    def test_qualified_names(self):
        self.run_script("\\dF a.b.c.d\n\\dFd nosuchdb.pg_catalog.simple\n\\dFp {db}.pg_catalog.default\n"
                        "\\dFt \"no.such\".\"template\"\n".format(db=DB))

    def test_print_settings(self):
        script = "\\dFp+ cat.myprs\n\\dF+ cat.prscfg\n"
        for setting in ("\\pset footer off", "\\t on", "\\x on", "\\pset format unaligned",
                        "\\pset format html", "\\pset null (null)"):
            self.run_script(setting + "\n" + script)


class TestReplication(DescribeCase):
    def test_publications(self):
        self.run_script("\\dRp\n\\dRp pub_r*\n\\dRpx\n\\dRp+\n\\dRp+ pub_rows\n")

    def test_publication_not_found(self):
        self.run_script("\\dRp+ nosuch\n\\set QUIET on\n\\dRp+ nosuch\n")
        self.run_script("\\set ON_ERROR_STOP on\n\\dRp+ nosuch\nselect 1;\n")

    def test_publication_print_settings(self):
        for setting in ("\\pset footer off", "\\t on", "\\x on", "\\pset format unaligned",
                        "\\pset border 2"):
            self.run_script(setting + "\n\\dRp+ pub_*\n")

    def test_subscriptions(self):
        self.run_script("\\dRs\n\\dRs+\n\\dRs sub*\n\\dRsx nosuch\n")

    def test_unknown_and_qualified(self):
        self.run_script("\\dR\n\\dRx\n\\dRp public.pub_rows\n\\dRs {db}.sub_off\n".format(db=DB))


class TestForeign(DescribeCase):
    def test_wrappers_and_servers(self):
        self.run_script("\\dew\n\\dew+\n\\dew cat_fdw2\n\\des\n\\des+\n\\des cat_s2\n\\desx\n")

    def test_user_mappings(self):
        # a pattern matches the server or the user
        self.run_script("\\deu\n\\deu+\n\\deu postgres\n\\deu cat_s1\n\\deu+ public\n")

    def test_foreign_tables(self):
        self.run_script("\\det\n\\det+\n\\det cat.*\n\\det+ *.*\n\\det {db}.cat.*\n".format(db=DB))

    def test_unknown_and_qualified(self):
        self.run_script("\\de\n\\dez\n\\des a.b\n\\dew a.b\n\\deu a.b\n\\det a.b.c.d\n\\det x.cat.ft2\n")


class TestExtendedStatistics(DescribeCase):
    def test_list(self):
        self.run_script("\\dX\n\\dX+\n\\dXS\n\\dX cat.*\n\\dX *.cat_st*\n\\dX cat_st2\n")

    def test_qualified_names(self):
        self.run_script("\\dX a.b.c.d\n\\dX x.public.cat_st1\n\\dX {db}.public.cat_st1\n".format(db=DB))

    def test_null_display(self):
        self.run_script("\\pset null (null)\n\\dX\n")


class TestEchoHidden(DescribeCase):
    def test_queries_shown(self):
        self.run_script("\\set ECHO_HIDDEN on\n\\dF+ cat.prscfg\n\\dFp+ cat.myprs\n\\dRp+ pub_rows\n"
                        "\\dRs+\n\\des+\n\\dew+\n\\deu+\n\\det+\n\\dX\n\\dFd+\n\\dFt+\n")

    def test_noexec(self):
        self.run_script("\\set ECHO_HIDDEN noexec\n\\dF+\n\\dFp+\n\\dRp+\n\\dX\n\\des\n")


if __name__ == "__main__":
    import unittest
    unittest.main()
