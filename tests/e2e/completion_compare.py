#!/usr/bin/env python3
"""
Tab completion, compared with psql key by key: a developer's tool, not a test (the
e2e runner picks up test_*.py only).  psql and pgconsole each run in a tmux window --
tmux renders the screen, as a terminal would -- against the e2e harness's throwaway
server and a fixture database; every case of completion_cases.txt is typed into both,
and what the last line ends up holding and the choices listed are compared.

    /usr/bin/python3 tests/e2e/completion_compare.py [--binary ./pgconsole] [-k TEXT] [-v]

A case is one line: the keystrokes, with {TAB} for TAB, {CR} for Enter and {C-U} for
Ctrl-U; " | " splits it into steps, after each of which the screen is left to settle.  Verdicts:
  same      the line and the choices are the same
  display   the line is the same; only one side listed the choices (readline, which
            Debian's psql uses, lists them one TAB later than libedit) or listed them
            with the directory or quotes libedit shows
  DIFFERENT anything else
"""

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import harness  # noqa: E402

DB = "complcmp"
PROMPT = re.compile(r"^%s[=\-'\"(*!$^]*[#>] ?" % DB)
SOCKET = "pgconsole-completion-compare"
FIXTURE = """
CREATE TABLE tab1 (c1 int PRIMARY KEY, c2 text);
CREATE TABLE mytab123 (f1 int, f2 text);
CREATE TABLE mytab246 (f1 int, f2 text);
CREATE TABLE "mixedName" (f1 int, f2 text);
CREATE TABLE "My Table" (x int);
CREATE TYPE enum1 AS ENUM ('foo', 'bar', 'baz', 'BLACK');
CREATE SCHEMA sch1;
CREATE TABLE sch1.orders (order_id int PRIMARY KEY, customer text, amount numeric);
CREATE INDEX orders_customer_idx ON sch1.orders (customer);
CREATE VIEW v_tab1 AS SELECT * FROM tab1;
CREATE SEQUENCE seq1;
CREATE FUNCTION f_add(a int, b int) RETURNS int LANGUAGE sql AS 'select a + b';
CREATE PUBLICATION some_publication;
CREATE MATERIALIZED VIEW mv1 AS SELECT 1;
CREATE DOMAIN dom1 AS int;
CREATE TABLE parted (a int) PARTITION BY RANGE (a);
CREATE TABLE part1 PARTITION OF parted FOR VALUES FROM (1) TO (10);
"""
FILES = ("tmp_check/somefile", "tmp_check/afile123", "tmp_check/afile456", "dir with space/my file.sql",
         "it's.sql")


def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCKET] + list(args), capture_output=True, text=True).stdout


def screen(name):
    return tmux("capture-pane", "-p", "-J", "-S", "-", "-t", name)


def settle(names, quiet=0.3, limit=6.0):
    """Waits until no screen has changed for `quiet` seconds; returns the screens."""
    last = {n: None for n in names}
    since = {n: time.time() for n in names}
    start = time.time()
    while time.time() - start < limit:
        calm = True
        for n in names:
            s = screen(n)
            if s != last[n]:
                last[n], since[n] = s, time.time()
                calm = False
            elif time.time() - since[n] < quiet:
                calm = False
        if calm:
            break
        time.sleep(0.04)
    return last


def launcher(directory, name, exe, env):
    """A script that starts exe with env: tmux runs commands in its server's environment."""
    path = os.path.join(directory, name + ".sh")
    with open(path, "w") as f:
        f.write("#!/bin/sh\nexec env -i %s %s -X -d %s\n"
                % (" ".join(shlex.quote("%s=%s" % kv) for kv in sorted(env.items())), shlex.quote(exe), DB))
    os.chmod(path, 0o755)
    return path


def observe(lines):
    """The content of the last prompt line, and the words of the lines that are not prompts."""
    last, items = None, set()
    for line in lines:
        m = PROMPT.match(line)
        if m:
            last = line[m.end():].rstrip()
        elif "possibilities?" in line:
            items.add(line.strip())
        else:
            items.update(line.split())
    return last, items


def plain(item):
    """An item as readline shows it: no quotes, no directory."""
    item = item.strip("'")
    if "/" in item.rstrip("/"):
        item = item.rstrip("/").rsplit("/", 1)[1] + ("/" if item.endswith("/") else "")
    return item.replace("''", "'")


def verdict(ref, got):
    if ref == got:
        return "same"
    a, b = {plain(i) for i in ref[1]}, {plain(i) for i in got[1]}
    if ref[0] == got[0] and (a == b or not a or not b or any("possibilities" in i for i in a | b)):
        return "display"
    return "DIFFERENT"


def send(names, keys):
    for n in names:
        tmux("send-keys", "-t", n, "-l", keys)


def run_case(names, steps):
    # answer a "Display all N possibilities?" left pending, then clear the line and the query buffer
    send(names, "n")
    settle(names, 0.15)
    for n in names:
        tmux("send-keys", "-t", n, "C-c")
    settle(names, 0.2)
    send(names, "\\r\r")
    shots = settle(names, 0.25)
    start = {n: len(shots[n].rstrip("\n").split("\n")) - 1 for n in names}
    for keys in steps:
        send(names, keys)
        shots = settle(names)
    return [observe(shots[n].rstrip("\n").split("\n")[start[n]:]) for n in names]


def load_cases(path, patterns):
    cases = []
    for line in open(path):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        if patterns and not any(p in line for p in patterns):
            continue
        steps = [s.replace("{TAB}", "\t").replace("{CR}", "\r").replace("{C-U}", "\x15") for s in line.split(" | ")]
        cases.append((line, steps))
    return cases


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(HERE, "..", "..", "pgconsole"))
    parser.add_argument("--cases", default=os.path.join(HERE, "completion_cases.txt"))
    parser.add_argument("-k", dest="patterns", action="append", help="only cases holding this text")
    parser.add_argument("-v", dest="verbose", action="store_true", help="show every case")
    args = parser.parse_args()
    if not shutil.which("tmux"):
        sys.exit("completion_compare: tmux is needed (apt-get install tmux)")
    os.environ["PGCONSOLE_BIN"] = os.path.abspath(args.binary)
    srv = harness.server()
    srv.sql("DROP DATABASE IF EXISTS %s" % DB)
    srv.sql("CREATE DATABASE %s" % DB)
    srv.sql(FIXTURE, db=DB)
    work = tempfile.mkdtemp(prefix="completion-compare-", dir=srv.dir)
    files = os.path.join(work, "files")
    for name in FILES:
        os.makedirs(os.path.dirname(os.path.join(files, name)), exist_ok=True)
        with open(os.path.join(files, name), "w") as f:
            f.write("x\n")
    env = srv.env(HOME=work, TERM="xterm", INPUTRC="/dev/null", PSQL_HISTORY="/dev/null", PAGER="cat")
    names = []
    for name, exe in (("psql", harness.PSQL), ("pgconsole", harness.binary())):
        tmux("kill-session", "-t", name)
        tmux("new-session", "-d", "-s", name, "-x", "160", "-y", "50", "-c", files,
             launcher(work, name, exe, env))
        tmux("set-option", "-t", name, "history-limit", "100000")
        names.append(name)
    settle(names, 0.6)
    counts = {"same": 0, "display": 0, "DIFFERENT": 0}
    try:
        for line, steps in load_cases(args.cases, args.patterns):
            ref, got = run_case(names, steps)
            v = verdict(ref, got)
            counts[v] += 1
            if v == "DIFFERENT" or args.verbose:
                print("%-9s %s" % (v, line))
                print("    psql:      %r %s" % (ref[0], sorted(ref[1])[:30]))
                print("    pgconsole: %r %s" % (got[0], sorted(got[1])[:30]))
                sys.stdout.flush()
    finally:
        tmux("kill-server")
    print("%(same)d same, %(display)d differing in display only, %(DIFFERENT)d different" % counts)
    sys.exit(1 if counts["DIFFERENT"] else 0)


if __name__ == "__main__":
    main()
