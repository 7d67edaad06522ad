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
