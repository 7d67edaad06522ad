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
  daemon/     everything except scheduler/     (likewise: CLI and jobs call app/)
and <httplib.h> only in web/ (and tests).

Entry points hold no SQL (DESIGN.md §2: SQL lives in store/, or app/ for read
models): a string literal in web/ or daemon/ that reads like a SQL statement
(SELECT, INSERT INTO, UPDATE ... SET, DELETE FROM, CREATE TABLE|INDEX) is
refused. PRAGMAs that run a connection (backup's journal mode) are not SQL
in this sense.
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
    "daemon": PROJECT - {"scheduler"},
}
HTTPLIB_OK = {"web"}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
NO_SQL = {"web", "daemon"}
SQL = re.compile(r'"(?:[^"\\\n]|\\.)*?\b(SELECT\b|INSERT\s+(?:OR\s+\w+\s+)?INTO\b|'
                 r'UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|CREATE\s+(?:TABLE|INDEX)\b)')


def violations(root):
    for folder, allowed in ALLOWED.items():
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in (".h", ".cc") or not path.is_file():
                continue
            for n, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                sql = SQL.search(line) if folder in NO_SQL else None
                if sql:
                    yield (f"{path.relative_to(root)}:{n}: {folder}/ must not hold SQL "
                           f"({sql.group(1).split()[0]} ...): move it to store/ or an app/ read model")
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


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--source", required=True, type=pathlib.Path)
    args = ap.parse_args()
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
