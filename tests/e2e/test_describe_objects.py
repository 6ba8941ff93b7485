"""Describe commands for database objects other than relations, compared with psql byte for
byte: \\da, \\df[anptwS+] with argument-type patterns, \\do with operand types, \\dT, \\dD, \\dC,
\\dc, \\dconfig, \\dO, \\dL, \\dx and \\dx+, \\dy, \\dd, \\db, \\dn, \\du and \\dg, \\drds, \\ddp,
\\dp and \\z, \\dA and \\dA[cfop]; their patterns, the letters they accept and their errors."""

import harness

DB = "describe_objects"

# roles are cluster-wide: theirs all start with objects_
OBJECTS = r"""
CREATE SCHEMA objs;
COMMENT ON SCHEMA objs IS 'scratch schema';
CREATE FUNCTION objs.add1(int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select $1 + 1';
CREATE FUNCTION add2(a int, b text DEFAULT 'x') RETURNS int LANGUAGE sql STABLE PARALLEL SAFE AS 'select $1 + 2';
CREATE FUNCTION sqlbody(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT x * 2; END;
COMMENT ON FUNCTION add2(int, text) IS 'adds two';
CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$begin return new; end$$;
CREATE PROCEDURE proc1(inout x int) LANGUAGE plpgsql AS $$begin x := x + 1; end$$;
CREATE FUNCTION setof_f() RETURNS SETOF int LANGUAGE sql AS 'select 1';
CREATE AGGREGATE mysum(int) (sfunc = int4pl, stype = int);
CREATE AGGREGATE mycount(*) (sfunc = int8inc, stype = int8, initcond = '0');
COMMENT ON AGGREGATE mysum(int) IS 'my sum';
CREATE FUNCTION myeq(int, text) RETURNS bool LANGUAGE sql AS 'select true';
CREATE OPERATOR === (leftarg = int, rightarg = text, procedure = myeq);
CREATE FUNCTION myneg(text) RETURNS text LANGUAGE sql AS 'select $1';
CREATE OPERATOR !-! (rightarg = text, procedure = myneg);
COMMENT ON OPERATOR === (int, text) IS 'odd equality';
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE pair AS (a int, b text);
CREATE TYPE floatrange AS RANGE (subtype = float8);
COMMENT ON TYPE mood IS 'feelings';
CREATE DOMAIN posint AS int NOT NULL DEFAULT 1 CHECK (VALUE > 0);
CREATE DOMAIN objs.ctext AS text COLLATE "C";
COMMENT ON DOMAIN posint IS 'positive';
CREATE FUNCTION mood_to_int(mood) RETURNS int LANGUAGE sql AS 'select 1';
CREATE CAST (mood AS int) WITH FUNCTION mood_to_int(mood);
CREATE CAST (pair AS text) WITH INOUT AS ASSIGNMENT;
COMMENT ON CAST (mood AS int) IS 'mood cast';
CREATE CONVERSION myconv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
COMMENT ON CONVERSION myconv IS 'conv';
CREATE COLLATION mycoll (locale = 'C');
COMMENT ON COLLATION mycoll IS 'my collation';
CREATE EXTENSION hstore;
CREATE EXTENSION citext SCHEMA objs;
CREATE FUNCTION evt() RETURNS event_trigger LANGUAGE plpgsql AS $$begin end$$;
CREATE EVENT TRIGGER objects_evt ON ddl_command_start WHEN TAG IN ('CREATE TABLE', 'DROP TABLE')
    EXECUTE FUNCTION evt();
CREATE EVENT TRIGGER objects_evt2 ON sql_drop EXECUTE FUNCTION evt();
ALTER EVENT TRIGGER objects_evt2 DISABLE;
COMMENT ON EVENT TRIGGER objects_evt IS 'evt comment';
CREATE TABLE t1 (id int CONSTRAINT t1_pk PRIMARY KEY, v text, w int);
COMMENT ON CONSTRAINT t1_pk ON t1 IS 'the key';
CREATE RULE r1 AS ON UPDATE TO t1 DO ALSO NOTIFY t1;
COMMENT ON RULE r1 ON t1 IS 'a rule';
CREATE TRIGGER tg1 BEFORE INSERT ON t1 FOR EACH ROW EXECUTE FUNCTION trg();
COMMENT ON TRIGGER tg1 ON t1 IS 'a trigger';
COMMENT ON CONSTRAINT posint_check ON DOMAIN posint IS 'dom check';
CREATE OPERATOR FAMILY objs.myfam USING hash;
CREATE OPERATOR CLASS objs.myops2 FOR TYPE text USING hash FAMILY objs.myfam
    AS OPERATOR 1 =, FUNCTION 1 hashtext(text);
CREATE OPERATOR CLASS myops FOR TYPE int4 USING hash FAMILY objs.myfam
    AS OPERATOR 1 =, FUNCTION 1 hashint4(int4);
COMMENT ON OPERATOR CLASS myops USING hash IS 'opclass comment';
COMMENT ON OPERATOR FAMILY objs.myfam USING hash IS 'opfamily comment';
DROP ROLE IF EXISTS objects_r3;
DROP ROLE IF EXISTS objects_r2;
DROP ROLE IF EXISTS objects_r1;
CREATE ROLE objects_r1 LOGIN SUPERUSER CREATEDB CREATEROLE REPLICATION BYPASSRLS CONNECTION LIMIT 1
    VALID UNTIL '2030-01-01 00:00:00+00';
CREATE ROLE objects_r2 NOINHERIT CONNECTION LIMIT 0;
CREATE ROLE objects_r3 IN ROLE objects_r2, objects_r1 CONNECTION LIMIT 5;
COMMENT ON ROLE objects_r2 IS 'role two';
ALTER ROLE objects_r1 SET work_mem = '8MB';
ALTER ROLE objects_r1 IN DATABASE describe_objects SET search_path = 'objs';
ALTER DATABASE describe_objects SET statement_timeout = '1min';
ALTER DEFAULT PRIVILEGES FOR ROLE objects_r1 IN SCHEMA objs GRANT SELECT ON TABLES TO objects_r2;
ALTER DEFAULT PRIVILEGES FOR ROLE objects_r2 GRANT EXECUTE ON FUNCTIONS TO objects_r3;
GRANT SELECT, UPDATE ON t1 TO objects_r2;
GRANT SELECT (v) ON t1 TO objects_r3;
ALTER TABLE t1 ENABLE ROW LEVEL SECURITY;
CREATE POLICY p1 ON t1 FOR SELECT TO objects_r2, objects_r3 USING (id > 0);
CREATE POLICY p2 ON t1 AS RESTRICTIVE USING (true) WITH CHECK (w > 0);
CREATE VIEW v1 AS SELECT * FROM t1;
CREATE SEQUENCE s1;
CREATE TABLE objs.t2 (x int);
GRANT USAGE ON SCHEMA objs TO objects_r2;
GRANT USAGE ON TYPE mood TO objects_r2;
SET client_min_messages = error;
CREATE PUBLICATION objects_pub FOR TABLES IN SCHEMA objs;
CREATE PUBLICATION objects_pub2 FOR TABLES IN SCHEMA objs;
"""

class DescribeCase(harness.FixtureDatabaseCase):
    DB = DB
    OBJECTS = OBJECTS


class TestFunctions(DescribeCase):
    def test_aggregates(self):
        self.run_script("\\da\n\\daS sum\n\\da+ my*\n\\da objs.*\n\\da *.mysum\n\\daS pg_catalog.sum\n"
                        "\\daxyz my*\n")

    def test_function_kinds(self):
        self.run_script("\\df\n\\df+\n\\dfn\n\\dfa\n\\dft\n\\dfp\n\\dfw\n\\dfwS\n\\dfant\n\\dfnt\n\\dfS+ add*\n"
                        "\\dfS+ row_number\n\\df objs.*\n\\df \"ADD2\"\n\\dfS \"int4pl\"\n")

    def test_function_letters(self):
        # an unknown first letter is an unknown command; later ones are reported, yet succeed
        self.run_script("\\dfx\n\\dfax foo bar\n\\dfz\n\\dfS+a add2\n\\echo done\n")

    def test_argument_types(self):
        self.run_script("\\df add2 int\n\\df add2 integer text\n\\df add2 int -\n\\df add2 int text -\n"
                        "\\dfS int*pl int4\n\\dfS int*pl * pg_catalog.int8\n\\dfS acl* aclitem[]\n"
                        "\\dfS has_database_privilege oid text\n\\dfS has_database_privilege oid text -\n"
                        "\\dfaS bit* small*\n\\dfS *._pg_expandarray\n\\dfS array_* float8[] int[]\n")

    def test_operators(self):
        self.run_script("\\do\n\\do+\n\\doS+ ===\n\\do === int text\n\\do !-!\n\\do !-! text\n"
                        "\\do !-! - text\n\\do - pg_catalog.int4\n\\doS - pg_catalog.int4\n"
                        "\\doS && anyarray *\n\\doS + int4 int4 int4\n\\doS *.+\n\\doS pg_catalog.+|\n")


class TestTypes(DescribeCase):
    def test_types(self):
        self.run_script("\\dT\n\\dT+\n\\dT+ mood\n\\dTS int\n\\dTS int[]\n\\dTS float8[]\n\\dTS+ *[]\n"
                        "\\dT objs.*\n\\dT pair\n\\dTx\n\\dTS decimal\n")

    def test_domains(self):
        self.run_script("\\dD\n\\dD+\n\\dDS information_schema.*\n\\dD objs.*\n\\dD+ posint\n")

    def test_casts_conversions_collations(self):
        self.run_script("\\dC mood\n\\dC+ int*\n\\dC pair\n\\dC+ objs.nothing\n\\dc\n\\dc+\n\\dcS+ *latin1_to*\n"
                        "\\dO\n\\dO+\n\\dOS c*\n\\dOS+ \"C\"\n\\dO objs.*\n")


class TestConfiguration(DescribeCase):
    def test_dconfig(self):
        self.run_script("\\dconfig work_mem\n\\dconfig+ work*\n\\dconfig+ WORK_MEM\n\\dconfig a.b\n"
                        "\\dconfigxyz enable_seq*\n\\dconS\n")

    def test_non_default(self):
        self.run_script("SET work_mem = '7MB';\n\\dconfig\n\\dconfig+\n")


class TestExtensionsLanguagesTriggers(DescribeCase):
    def test_languages(self):
        self.run_script("\\dL\n\\dL+\n\\dLS\n\\dLS+\n\\dL plpgsql\n")

    def test_extensions(self):
        self.run_script("\\dx\n\\dx hstore\n\\dx+ hstore\n\\dx+ c*\n\\dx+ nonesuch\n\\dx nonesuch\n")

    def test_extension_contents_quiet(self):
        self.run_script("\\dx+ nonesuch\n\\echo :ERROR\n", args=["-q"])

    def test_event_triggers(self):
        self.run_script("\\dy\n\\dy+\n\\dy objects_evt\n\\dy+ *2\n")

    def test_comments(self):
        self.run_script("\\dd\n\\dd t1_pk\n\\dd my*\n\\dd+\n\\ddS pg_catalog.*\n\\ddS objs.*\n")


class TestSchemasTablespaces(DescribeCase):
    def test_tablespaces(self):
        self.run_script("\\db\n\\db pg_default\n\\db+ pg_g*\n")

    def test_schemas(self):
        # a named schema lists its publications below the table
        self.run_script("\\dn\n\\dn+\n\\dnS\n\\dn objs\n\\dn+ objs\n\\dn public\n\\dn obj*\n")

    def test_schema_footer_formats(self):
        self.run_script("\\pset format unaligned\n\\dn objs\n\\x\n\\dn objs\n\\pset format aligned\n"
                        "\\t\n\\dn objs\n\\dn\n")


class TestRoles(DescribeCase):
    def test_roles(self):
        self.run_script("\\du objects*\n\\du+ objects_r*\n\\dg objects_r1\n\\dgS+ objects_r2\n"
                        "\\duS pg_read_all_data\n\\du nonesuch\n")

    def test_role_formats(self):
        self.run_script("\\x\n\\du objects_r*\n\\x\n\\t\n\\du objects_r*\n\\t\n\\pset format csv\n"
                        "\\du+ objects_r*\n\\pset null NULL\n\\pset format aligned\n\\du+ objects_r2\n")

    def test_role_settings(self):
        self.run_script("\\drds objects_r1\n\\drds objects_r1 describe_objects\n\\drds \"\" describe_objects\n"
                        "\\drds * describe_objects\n\\drds nonesuch\n\\drds nonesuch nonesuch\n"
                        "\\drdsx objects_r1\n")

    def test_role_settings_quiet(self):
        self.run_script("\\drds nonesuch\n\\echo after\n", args=["-q"])

    def test_default_privileges(self):
        self.run_script("\\ddp\n\\ddp objs\n\\ddp objects_r2\n\\ddp+\n")


class TestPrivileges(DescribeCase):
    def test_dp(self):
        self.run_script("\\dp\n\\dp t1\n\\dpS\n\\dp+ objs.*\n\\dp pg_catalog.pg_class\n\\dp v*\n")

    def test_z(self):
        # \z takes no letters in psql 15
        self.run_script("\\z\n\\z t1\n\\z+\n\\zS\n\\echo done\n")


class TestAccessMethods(DescribeCase):
    def test_access_methods(self):
        self.run_script("\\dA\n\\dA *\n\\dA h*\n\\dA foo\n\\dA foo bar\n\\dA+\n\\dA+ *\n\\dA+ h*\n\\dA+ foo\n"
                        "\\dAS\n\\dAx\n")

    def test_classes_and_families(self):
        self.run_script("\\dAc brin pg*.oid*\n\\dAf spgist\n\\dAf btree int4\n\\dAc hash\n\\dAc+ hash\n"
                        "\\dAf+ hash\n\\dAf hash int*\n\\dAc+ * text\n\\dAcx hash\n")

    def test_operators_and_functions(self):
        self.run_script("\\dAo+ btree float_ops\n\\dAo * pg_catalog.jsonb_path_ops\n\\dAp+ btree float_ops\n"
                        "\\dAp * pg_catalog.uuid_ops\n\\dAo hash objs.myfam\n\\dAp hash myfam\n"
                        "\\dAp+ hash objs.*\n")


class TestPatternErrors(DescribeCase):
    def test_qualified_names(self):
        self.run_script("\\da host.describe_objects.pg_catalog.sum\n\\da +.pg_catalog.sum\n"
                        "\\da describe_objects.pg_catalog.sum\n\\dA describe_objects.heap\n"
                        "\\dAc nonesuch.brin\n\\dAf nonesuch.brin\n\\dAo nonesuch.brin\n\\dAp nonesuch.brin\n"
                        "\\db nonesuch.pg_default\n\\dc (.public.conversion\n\\dC ).pg_catalog.int8\n"
                        "\\dd [.pg_catalog.pg_class\n\\dD ].public.gtestdomain1\n\\ddp {.pg_catalog.pg_class\n"
                        "\\ddp a.b\n\\df regres[qrstuv]ion.public.namelen\n\\dg nonesuch.pg_database_owner\n"
                        "\\dL host.regression.plpgsql\n\\dL *.plpgsql\n\\dL describe_objects.plpgsql\n"
                        "\\dn \"\"\"\".public\n\\dn describe_objects.public\n\\do \"regression|mydb\".public.!=-\n"
                        "\\dO .pg_catalog.POSIX\n\\dp \"regres+ion\".public.a_star\n\\drds nonesuch.lc_messages\n"
                        "\\drds x nonesuch.y\n\\dT \"regression{1,2}\".public.widget\n\\dx nonesuch.plpgsql\n"
                        "\\dy nonesuch.myevt\n\\df add2 a.b.c.d\n\\do === - a.b.c.d\n\\dAc hash a.b.c.d\n"
                        "\\dAo hash a.b.c.d\n")

    def test_on_error_stop(self):
        # a pattern error fails the command; \df's letter complaint does not
        self.compare(["-d", self.database(), "-v", "ON_ERROR_STOP=1"], input="\\dfax\n\\echo one\n\\dT a.b.c.d\n"
                     "\\echo two\n", merge=True)
