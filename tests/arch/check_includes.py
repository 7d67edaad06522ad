#!/usr/bin/env python3
"""The layout is the architecture (DESIGN.md §2, docs/architecture.md): this
check reads every #include of the source tree and fails, naming file and line,
when a module reaches into one it must not depend on.

Rules (folder -> project folders it may include; anything else is refused):
  core/       core
  store/      core, store                      (never scrapers, scheduler, web)
  scheduler/  core, scheduler                  (pure: std, date, Boost only)
  feeds/      core, feeds
  scrapers/   core, store, scrapers
  app/        core, store, scrapers, scheduler, app
  web/        core, store, feeds, app, web     (no scheduler/: app/ exposes what
                                                pages need, in its own types)
  notify/     core, store, feeds, notify
  daemon/     everything except scheduler/     (likewise: CLI and jobs call app/)
and <httplib.h> only in web/ (and tests). SQL lives in store/: a string
literal outside store/ that holds a statement (SELECT, INSERT INTO, UPDATE ..
SET, DELETE FROM, PRAGMA, CREATE TABLE/INDEX) or a raw R"sql( string is a
violation too. The check first proves on a scratch tree that it finds each
kind of violation, so it cannot pass by finding nothing.
"""
import argparse
import pathlib
import re
import sys

PROJECT = {"core", "store", "scrapers", "scheduler", "feeds", "app", "notify", "web", "daemon"}
ALLOWED = {
    "core": {"core"},
    "store": {"core", "store"},
    "scheduler": {"core", "scheduler"},
    "feeds": {"core", "feeds"},
    "scrapers": {"core", "store", "scrapers"},
    "app": {"core", "store", "scrapers", "scheduler", "app"},
    "web": {"core", "store", "feeds", "app", "web"},
    "notify": {"core", "store", "feeds", "notify"},
    "daemon": PROJECT - {"scheduler"},
}
SQL_OK = {"store"}
# A statement inside a string literal on one line, or a raw SQL string.
SQL = re.compile(
    r'"[^"\n]*\b(SELECT\s+\S|INSERT\s+(OR\s+[A-Z]+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s'
    r'|PRAGMA\s+\w|CREATE\s+(TABLE|INDEX|UNIQUE)\s)|R"sql\('
)
HTTPLIB_OK = {"web"}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def violations(root):
    for folder, allowed in ALLOWED.items():
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in (".h", ".cc") or not path.is_file():
                continue
            for n, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                target = m.group(2)
                top = target.split("/", 1)[0]
                where = f"{path.relative_to(root)}:{n}"
                if target == "httplib.h" and folder not in HTTPLIB_OK:
                    yield f"{where}: {folder}/ must not include <httplib.h>"
                elif m.group(1) == '"' and top in PROJECT and top not in allowed:
                    yield f"{where}: {folder}/ must not include {target}"
            if folder in SQL_OK:
                continue
            for n, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                code = line.split("//", 1)[0] if not line.lstrip().startswith('"') else line
                if SQL.search(code):
                    yield f"{path.relative_to(root)}:{n}: {folder}/ holds SQL (it belongs in store/)"


def self_test():
    """The check must find what it is for: one violation of each kind."""
    import tempfile

    cases = {
        "web/a.cc": '#include "scheduler/x.h"\n',
        "app/b.cc": "#include <httplib.h>\n",
        "notify/c.cc": 'auto& q = db.stmt("SELECT id FROM outbox");\n',
        "daemon/d.cc": 'db.exec("PRAGMA wal_checkpoint(TRUNCATE)");\n',
        "web/e.cc": 'const char* k = R"sql(\nDELETE FROM x\n)sql";\n',
        "app/f.cc": '  "UPDATE sessions SET x = 1 "\n',
        "scrapers/g.cc": 's = "INSERT OR IGNORE INTO t VALUES (1)";\n',
    }
    clean = {
        "store/ok.cc": 'db.stmt("SELECT 1");\n',
        "web/ok.cc": '// SELECT in a comment\nh.text("Select a site");\n',
    }
    with tempfile.TemporaryDirectory() as d:
        root = pathlib.Path(d)
        for name, text in {**cases, **clean}.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        found = list(violations(root))
    flagged = {v.split(":", 1)[0] for v in found}
    missed = sorted(set(cases) - flagged)
    wrong = sorted(flagged - set(cases))
    for m in missed:
        print(f"self-test: the check missed the violation in {m}")
    for w in wrong:
        print(f"self-test: the check flagged the clean file {w}")
    return not missed and not wrong


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--source", required=True, type=pathlib.Path)
    args = ap.parse_args()
    if not self_test():
        return 1
    found = list(violations(args.source))
    for v in found:
        print(v)
    checked = sum(1 for f in ALLOWED for p in (args.source / f).rglob("*") if p.suffix in (".h", ".cc"))
    if checked < 50:
        print(f"only {checked} files found under {args.source}: wrong --source?")
        return 1
    print(f"{checked} files checked, {len(found)} violation(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
