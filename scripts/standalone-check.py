#!/usr/bin/env python3
"""The repository stands alone: no tracked file reads outside it.

A user's clone has nothing beside it (no team reference folder next to it, no team workspace),
so every file the build, the tests, the scripts and the benchmarks read must be tracked here
(reference data lives in `reference/`, README.md there says where it came from). This check
fails when a tracked file, other than prose (`*.md`), names
- the team's reference directory (the folder `shared` one level up, anything under `/work/`,
  `ORGTRUST_SHARED`, a string literal that is `shared` or starts with `shared/`, a path join of
  `..` and `shared`), or
- a relative path (a string literal starting with `../`) that, taken from the file's own folder,
  leaves the repository.

Usage: standalone-check.py [FILE...]   (default: every tracked file; run from anywhere)
Standard library only.
"""

import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Generated or vendored files that are not read as code paths.
SKIP = re.compile(r"(^|/)(node_modules|dist)/|\.(md|lock|svg|png|ico|woff2?)$|^reference/")
NAMED = re.compile(
    r"\.\./shared\b|/work/|ORGTRUST_SHARED|[\"']\.\.[\"']\s*,\s*[\"']shared[\"']|[\"']shared[/\"']"
)
RELATIVE = re.compile(r"[\"']((?:\.\./)+[^\"'\s]*)[\"']")


def problems(rel, text):
    here = os.path.dirname(os.path.join(ROOT, rel))
    for n, line in enumerate(text.splitlines(), 1):
        for m in NAMED.finditer(line):
            yield f"{rel}:{n}: names {m.group(0)!r}, which is outside the repository"
        for m in RELATIVE.finditer(line):
            target = os.path.normpath(os.path.join(here, m.group(1)))
            if os.path.commonpath([ROOT, target]) != ROOT:
                yield f"{rel}:{n}: {m.group(1)!r} from {os.path.relpath(here, ROOT)}/ leaves the repository"


def main(argv):
    if argv:
        files = [os.path.relpath(os.path.abspath(f), ROOT) for f in argv]
    else:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout
        files = [f for f in out.decode().split("\0") if f]
    found = []
    checked = 0
    for rel in files:
        if SKIP.search(rel) or rel == "scripts/standalone-check.py":
            continue
        try:
            with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
                text = f.read()
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue  # binary, or deleted in the working tree
        checked += 1
        found.extend(problems(rel, text))
    for p in found:
        print(p)
    if found:
        print(f"{len(found)} read(s) outside the repository: copy what is needed into it (reference/README.md)")
        return 1
    print(f"standalone: {checked} tracked files read nothing outside the repository")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
