#!/usr/bin/env python3
"""clang-tidy over every translation unit of a compile database, in batches.

Why batches: clang-tidy 19 runs every AST matcher over the whole translation
unit, system headers included, and throws the findings there away afterwards.
A courtwatch unit parses about 100 000 lines of headers (core/time.h pulls in
date/tz.h, iostream, locale ...), so most of a unit's clang-tidy time is spent
on the same headers again and again. Here the units that share one compile
command (same flags and defines, i.e. the same kind of CMake target) are
checked N at a time: a generated file includes N of them, so the headers are
parsed and matched once per batch instead of once per unit. Every unit's own
code is still checked with its own flags; its file is simply not the "main
file" of the run, which is why .clang-tidy's HeaderFilterRegex also names
first-party .cc files (the checks in .clang-tidy judge .cc files by extension,
not by being the main file: misc-definitions-in-headers and
misc-unused-using-decls use HeaderFileExtensions).

A batch that does not compile as one file (two units define the same name in
an anonymous namespace, a macro of one breaks the next ...) is split where
the first error is, and both parts are tried again, down to single units, so
no unit is ever skipped. That is found first with `clang++ -fsyntax-only`
(--compiler, about a third of a clang-tidy run), so clang-tidy itself runs
once per final batch; the summary says how many splits there were.

Usage: tidy_batches.py -p BUILD_DIR [-j JOBS] [--batch N] [--clang-tidy BIN]
                       [--extra-arg ARG ...] FILE_REGEX
Exit status: 0 if no finding and every unit was checked, 1 otherwise.
"""

import argparse
import collections
import concurrent.futures
import json
import os
import re
import shlex
import subprocess
import sys
import time


def split_command(entry):
    """The entry's compiler arguments without `-o OUT`, `-c` and the file."""
    args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a == "-c" or a == entry["file"]:
            continue
        out.append(a)
    return out


MAIN = re.compile(r"^int main\(", re.MULTILINE)


def defines_main(entry):
    """Whether the unit defines main() (a program's own file: two never compile as one)."""
    path = os.path.join(entry["directory"], entry["file"])
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return MAIN.search(f.read()) is not None
    except OSError:
        return False


def chunks(members, size):
    """The units in batches of at most `size`, in order, at most one main() per batch."""
    out, mains = [], []
    for m in members:
        (mains if defines_main(m) else out).append(m)
    out = [out[i : i + size] for i in range(0, len(out), size)]
    for m in mains:
        free = next((c for c in out if len(c) < size and not any(defines_main(x) for x in c)), None)
        if free is None:
            out.append([m])
        else:
            free.append(m)
    return out


def run_tidy(binary, build_dir, extra, source):
    """Runs clang-tidy on one source; returns (source, returncode, output)."""
    cmd = [binary, "-p", build_dir, "--quiet"] + [f"--extra-arg={a}" for a in extra] + [source]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return source, proc.returncode, proc.stdout


def split_point(members, output, pattern=r"^(/[^:]+):(\d+):\d+: error: "):
    """Where to split a batch that failed to compile: (index, first error's place)."""
    files = [m["file"] for m in members]
    for line in output.splitlines():
        m = re.match(pattern, line)
        if m:
            where = f"{os.path.relpath(m.group(1))}:{m.group(2)}"
            if m.group(1) in files and files.index(m.group(1)) > 0:
                return files.index(m.group(1)), where
            return len(members) // 2, where
    return len(members) // 2, "no location"


def syntax_check(compiler, members, args, directory, path):
    """`compiler -fsyntax-only` on a batch file: (returncode, output)."""
    cmd = [compiler] + list(args[1:]) + ["-fsyntax-only", "-w", "-ferror-limit=1", path]
    proc = subprocess.run(cmd, cwd=directory, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return proc.returncode, proc.stdout


def interesting(output):
    """The lines of clang-tidy's output worth showing (drops the suppressed-warnings chatter)."""
    keep = []
    for line in output.splitlines():
        if re.match(r"^\d+ warnings? (and \d+ errors? )?generated\.$", line):
            continue
        if line.startswith("Suppressed ") or line.startswith("Use -header-filter"):
            continue
        keep.append(line)
    return "\n".join(keep)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-p", dest="build_dir", required=True, help="directory holding compile_commands.json")
    ap.add_argument("-j", dest="jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--batch", type=int, default=8, help="units per batch (1: one run per unit)")
    ap.add_argument("--clang-tidy", dest="binary", default="clang-tidy-19")
    ap.add_argument("--extra-arg", action="append", default=[])
    ap.add_argument("--compiler", default="",
                    help="compiler for a syntax check of every batch first (e.g. clang++-19); by default"
                         " clang-tidy's own run finds a batch that does not compile as one file")
    ap.add_argument("regex", help="only sources whose absolute path matches (re.search)")
    opts = ap.parse_args()

    build_dir = os.path.abspath(opts.build_dir)
    with open(os.path.join(build_dir, "compile_commands.json")) as f:
        db = json.load(f)
    pattern = re.compile(opts.regex)
    entries = [e for e in db if pattern.search(os.path.abspath(os.path.join(e["directory"], e["file"])))]
    if not entries:
        print(f"tidy: no source in {build_dir}/compile_commands.json matches {opts.regex!r}", file=sys.stderr)
        return 1

    # Units with the same compile command (minus output and input) can share a batch.
    groups = collections.OrderedDict()
    for e in sorted(entries, key=lambda e: e["file"]):
        key = (e["directory"], tuple(split_command(e)))
        groups.setdefault(key, []).append(e)

    batch_dir = os.path.join(build_dir, "tidy-batches")
    os.makedirs(batch_dir, exist_ok=True)
    for old in os.listdir(batch_dir):
        if old.startswith("batch_"):
            os.remove(os.path.join(batch_dir, old))
    batch_db = []

    def make_batch(chunk):
        """(source to run clang-tidy on, its units): a generated file for several units."""
        if len(chunk) == 1:
            return chunk[0]["file"], chunk
        path = os.path.join(batch_dir, f"batch_{len(batch_db):03d}.cc")
        with open(path, "w") as f:
            f.write("// Generated by scripts/tidy_batches.py: these units, checked as one.\n")
            for m in chunk:
                f.write(f'#include "{m["file"]}"  // NOLINT(bugprone-suspicious-include)\n')
        directory, args = chunk[0]["_key"]
        batch_db.append({"directory": directory, "file": path, "arguments": list(args) + ["-c", path]})
        return path, chunk

    def write_db():
        # The batches' own database; single units keep the build's commands.
        # (atomically: clang-tidy runs may be reading it)
        tmp = os.path.join(batch_dir, "compile_commands.json.tmp")
        with open(tmp, "w") as f:
            json.dump(batch_db + [{k: v for k, v in e.items() if k != "_key"} for e in entries], f)
        os.replace(tmp, os.path.join(batch_dir, "compile_commands.json"))

    size = max(1, opts.batch)
    batches = []  # (source, [units])
    for key, members in groups.items():
        for m in members:
            m["_key"] = key
        for chunk in chunks(members, size):
            batches.append(make_batch(chunk))
    write_db()

    start, cpu_start = time.monotonic(), os.times()
    findings, resplit, runs = [], 0, 0
    print(f"tidy: {len(entries)} units in {len(batches)} runs ({len(groups)} compile commands, "
          f"up to {size} units a run, -j{opts.jobs})", flush=True)

    def report(source, rc, output):
        text = interesting(output)
        if rc != 0 or text.strip():
            findings.append(source)
            print(f"== {os.path.relpath(source)}", flush=True)
            print(text or f"clang-tidy exited {rc}", flush=True)

    if opts.compiler:
        # Split every batch that does not compile as one file before clang-tidy sees it.
        ready, checks = [], 0
        with concurrent.futures.ThreadPoolExecutor(max_workers=opts.jobs) as pool:
            def check(batch):
                path, members = batch
                directory, args = members[0]["_key"]
                return syntax_check(opts.compiler, members, args, directory, path)
            todo = {pool.submit(check, b): b for b in batches if len(b[1]) > 1}
            ready = [b for b in batches if len(b[1]) == 1]
            while todo:
                done, _ = concurrent.futures.wait(todo, return_when=concurrent.futures.FIRST_COMPLETED)
                for fut in done:
                    path, members = todo.pop(fut)
                    rc, output = fut.result()
                    checks += 1
                    if rc == 0:
                        ready.append((path, members))
                        continue
                    at, where = split_point(members, output, pattern=r"^(/[^:]+):(\d+):\d+: (?:fatal )?error: ")
                    resplit += 1
                    print(f"tidy: {len(members)} units do not compile as one file ({where}); "
                          f"trying them as {at} + {len(members) - at}", flush=True)
                    for part in (members[:at], members[at:]):
                        b = make_batch(part)
                        if len(part) == 1:
                            ready.append(b)
                        else:
                            todo[pool.submit(check, b)] = b
        write_db()
        print(f"tidy: syntax check of {checks} batches, {resplit} splits: {len(ready)} clang-tidy runs",
              flush=True)
        batches = ready

    with concurrent.futures.ThreadPoolExecutor(max_workers=opts.jobs) as pool:
        todo = {pool.submit(run_tidy, opts.binary, batch_dir, opts.extra_arg, path): members
                for path, members in batches}
        while todo:
            done, _ = concurrent.futures.wait(todo, return_when=concurrent.futures.FIRST_COMPLETED)
            for fut in done:
                members = todo.pop(fut)
                source, rc, output = fut.result()
                runs += 1
                if len(members) > 1 and "[clang-diagnostic-error]" in output:
                    # Does not compile as one file. Clang reports errors in
                    # parse order, so the units before the one holding the
                    # first error compile together: split there (else in half)
                    # and check both parts again.
                    at, where = split_point(members, output)
                    parts = [make_batch(members[:at]), make_batch(members[at:])]
                    write_db()
                    resplit += 1
                    print(f"tidy: {len(members)} units do not compile as one file ({where}); "
                          f"checking them as {at} + {len(members) - at}", flush=True)
                    for path, part in parts:
                        todo[pool.submit(run_tidy, opts.binary, batch_dir, opts.extra_arg, path)] = part
                    continue
                report(source, rc, output)

    wall, cpu_end = time.monotonic() - start, os.times()
    cpu_total = (cpu_end.children_user - cpu_start.children_user) + (
        cpu_end.children_system - cpu_start.children_system)
    print(f"tidy: {len(entries)} units, {runs} runs ({resplit} batches split), "
          f"{wall:.0f} s wall, {cpu_total:.0f} CPU-s")
    if findings:
        print(f"tidy: findings in {len(findings)} runs", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
