#!/usr/bin/env python3
"""The seed coverage table: every method of the seed method list (reference/seed-methods.json:
each seed document's methods with their operation), the tests that exercise it per SDK, and
whether they passed. Writes conformance/COVERAGE.md and exits non-zero when a seed method has no
test or a failing one.

Where the mapping comes from (nothing is inferred from names):
- Python (seeds 002 and 004): `@pytest.mark.seed(...)` declarations, which conftest.py checks
  against the calls each test really made and writes into the junit XML as `seed` properties.
- JavaScript (seeds 000 and 004): `seedTest(name, {seed: [methods]}, fn)` declarations
  (support.js, checked the same way), written to js-seeds-*.json beside the junit XML.
- .NET (seed 001): no .NET SDK runs here; each method maps, by operationId, to the Python and
  JavaScript tests that exercise the same HTTP operation.
- Rust (seed 003): the method names are the Rust client's; a method is covered by the client's
  recording-server test when that test calls it (`.method(` in requests.rs) and by the live tests
  that call it (live.rs), with their results from `cargo test -p orgtrust-client` output.

Usage: coverage.py --results DIR [--rust FILE] [--methods reference/seed-methods.json] [--out conformance/COVERAGE.md]
DIR holds python.xml, js.xml and js-seeds-*.json; FILE (default DIR/rust-client.txt) the output
of `cargo test -p orgtrust-client`. Standard library only.
"""

import argparse
import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

SDK_NAMES = {"000": "JavaScript", "001": ".NET", "002": "Python", "003": "Rust", "004": "JavaScript, Python"}
RUST_RECORDING_TEST = "requests::every_operation_sends_its_request_and_decodes_its_answer"
RUST_TESTS = os.path.join(ROOT, "crates", "client", "tests", "client")


def junit_cases(path):
    """(classname, name, status, properties) of every testcase of a junit XML file."""
    if not os.path.exists(path):
        return None
    cases = []
    for case in ET.parse(path).getroot().iter("testcase"):
        if any(case.find(tag) is not None for tag in ("failure", "error")):
            status = "fail"
        elif case.find("skipped") is not None:
            status = "skipped"
        else:
            status = "pass"
        props = [(p.get("name"), p.get("value")) for p in case.iter("property")]
        cases.append((case.get("classname") or "", case.get("name"), status, props))
    return cases


def python_tests(results):
    """{(seed, method): [(test, via, status)]} from the pytest junit XML."""
    out = {}
    cases = junit_cases(os.path.join(results, "python.xml"))
    if cases is None:
        return None
    for classname, name, status, props in cases:
        for key, value in props:
            if key != "seed":
                continue
            seed, method, via = value.split()
            out.setdefault((seed, method), []).append((f"{classname}::{name}", via, status))
    return out


def js_tests(results):
    """{(seed, method): [(test, via, status)]} from the node junit XML and the declarations."""
    cases = junit_cases(os.path.join(results, "js.xml"))
    if cases is None:
        return None
    status_of = {}
    for _, name, status, _ in cases:
        # node's junit names tests without their file: the declarations refuse duplicates.
        status_of[name] = "fail" if status_of.get(name) == "fail" else status
    out = {}
    for path in sorted(glob.glob(os.path.join(results, "js-seeds-*.json"))):
        with open(path) as f:
            doc = json.load(f)
        file = os.path.basename(path)[len("js-seeds-"):-len(".json")] + ".js"
        for name, declared in doc["tests"].items():
            status = status_of.get(name, "not run")
            for d in declared:
                out.setdefault((d["seed"], d["method"]), []).append((f"{file}: {name}", d["via"], status))
    return out


def rust_tests(path):
    """method -> [(test, 'client', status)] from the client's test sources and its run."""
    if not os.path.exists(path):
        return None
    status_of = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"test (\S+) \.\.\. (ok|FAILED|ignored)", line.strip())
            if m:
                status_of[m.group(1)] = {"ok": "pass", "FAILED": "fail"}.get(m.group(2), "skipped")
    with open(os.path.join(RUST_TESTS, "requests.rs")) as f:
        recording = f.read()
    # The live-server tests (modules that start the real server with `TestApp::spawn`), one
    # function per test.
    live = {}
    for path in sorted(glob.glob(os.path.join(RUST_TESTS, "*.rs"))):
        module = os.path.basename(path)[:-3]
        with open(path) as f:
            src = f.read()
        if module == "helpers" or "TestApp::spawn" not in src:
            continue
        for m in re.finditer(r"#\[tokio::test\]\s*async fn (\w+)\(\)(.*?)(?=\n#\[tokio::test\]|\Z)", src, re.S):
            live[f"{module}::{m.group(1)}"] = m.group(2)

    def tests_for(method):
        calls = re.compile(r"\." + re.escape(method) + r"\(")
        found = []
        if calls.search(recording):
            found.append((RUST_RECORDING_TEST + " (recording server)", "client", status_of.get(RUST_RECORDING_TEST, "not run")))
        for name, body in sorted(live.items()):
            if calls.search(body):
                found.append((name + " (live server)", "client", status_of.get(name, "not run")))
        return found

    return tests_for


# The suites of the other clients (conformance/java, conformance/go): each writes
# <name>-operations.json beside its junit XML, each test's outcome and the reference operations it
# called successfully (`sdk <operationId>` or `generic <operationId>`).
CLIENTS = (("java", "Java SDK"), ("go", "Go SDK"))
REFERENCE = os.path.join(ROOT, "reference", "genesys-orgauth-openapi.json")


def client_operations(results):
    """(lines of the per-client table of the reference operations, failing rows, missing files)."""
    with open(REFERENCE) as f:
        paths = json.load(f)["paths"]
    ops = sorted((o["operationId"], m.upper(), p) for p, ms in paths.items() for m, o in ms.items()
                 if isinstance(o, dict) and "operationId" in o)
    found, missing, labels = {}, [], []
    for name, label in CLIENTS:
        path = os.path.join(results, f"{name}-operations.json")
        if not os.path.exists(path):
            missing.append(os.path.basename(path))
            continue
        with open(path) as f:
            doc = json.load(f)
        labels.append(doc["client"])
        cells = {}
        for test, t in doc["tests"].items():
            for call in t["calls"]:
                via, op = call.split()
                cells.setdefault(op, []).append((test, via, t["status"]))
        found[label] = cells
    lines = ["## Reference operations through the other clients", "",
             f"Every operation of the reference extract ({len(ops)}), through each client's suite: "
             + "; ".join(labels) + ". *generic*: through the SDK's own generic call "
             "(`ApiClient.invoke` / `APIClient.CallAPI`), the release having no method for it.", "",
             "| operation | | " + " | ".join(found) + " |", "| --- | --- |" + " --- |" * len(found)]
    failing = []
    for op, method, path in ops:
        row = []
        for label, cells in found.items():
            tests = cells.get(op, [])
            result = verdict(tests)
            vias = sorted({t[1] for t in tests})
            count = f"{len(tests)} test" + ("s" if len(tests) != 1 else "")
            row.append(f"{result} ({', '.join(vias)}, {count})" if tests else result)
            if result != "pass":
                failing.append((label, op, result))
        lines.append(f"| `{op}` | `{method} {path}` | " + " | ".join(row) + " |")
    passing = {label: sum(verdict(cells.get(op, [])) == "pass" for op, _, _ in ops) for label, cells in found.items()}
    summary = ", ".join(f"{label} {n}/{len(ops)}" for label, n in passing.items())
    lines[2] += f" Passing: {summary}."
    print(f"reference operations through the other clients: {summary or 'no results'}")
    return lines + [""], failing, missing


def verdict(tests):
    if not tests:
        return "NO TEST"
    return "pass" if all(t[2] == "pass" for t in tests) else "FAIL"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", required=True, help="python.xml, js.xml, js-seeds-*.json")
    parser.add_argument("--rust", help="output of `cargo test -p orgtrust-client` (default: DIR/rust-client.txt)")
    parser.add_argument("--methods", default=os.path.join(ROOT, "reference", "seed-methods.json"),
                        help="the seed method list (default: reference/seed-methods.json)")
    parser.add_argument("--out", default=os.path.join(HERE, "COVERAGE.md"))
    parser.add_argument("--backend", default="sqlite")
    args = parser.parse_args()

    with open(args.methods) as f:
        seeds = json.load(f)["seeds"]
    unknown = sorted(f for f in seeds if f[:3] not in SDK_NAMES)
    assert not unknown, f"{args.methods} lists seeds this table has no SDK for: {unknown}"

    py = python_tests(args.results)
    js = js_tests(args.results)
    rust = rust_tests(args.rust or os.path.join(args.results, "rust-client.txt"))
    missing_results = [n for n, r in (("python.xml", py), ("js.xml", js), ("rust-client.txt", rust)) if r is None]
    py, js = py or {}, js or {}

    # Every SDK test by operationId, for the .NET seed.
    by_operation = {}
    for seed, sdk_tests, sdk in (("000", js, "JavaScript"), ("002", py, "Python"), ("004", js, "JavaScript"), ("004", py, "Python")):
        for entry in seeds[next(f for f in seeds if f.startswith(seed + "_"))]:
            for test, via, status in sdk_tests.get((seed, entry["method_name"]), []):
                by_operation.setdefault(entry["operationId"], []).append((f"{sdk} {test}", via, status))

    rows = {}  # seed file -> [(method, operation, sdk, via, tests, verdict)]
    for file in sorted(seeds):
        seed = file[:3]
        for entry in seeds[file]:
            method, op = entry["method_name"], f"{entry['method']} {entry['path']}"
            if seed == "001":
                per_sdk = [(".NET (by operation)", by_operation.get(entry["operationId"], []))]
            elif seed == "003":
                per_sdk = [("Rust client", rust(method) if rust else [])]
            else:
                per_sdk = []
                if seed in ("000", "004"):
                    per_sdk.append(("JavaScript", js.get((seed, method), [])))
                if seed in ("002", "004"):
                    per_sdk.append(("Python", py.get((seed, method), [])))
            for sdk, tests in per_sdk:
                vias = sorted({t[1] for t in tests})
                via = "generic call" if vias == ["generic"] else ("SDK method" if vias == ["sdk"] else ", ".join(vias))
                rows.setdefault(file, []).append((method, op, sdk, via, tests, verdict(tests)))

    failed = [(f, r) for f, rs in rows.items() for r in rs if r[5] != "pass"]
    lines = [
        "# Seed coverage",
        "",
        "Generated by `conformance/coverage.py` from the conformance run (`./scripts/test.sh`, "
        f"{args.backend} backend): every method of every seed file, the tests that exercise it per SDK, "
        "and their result. *generic call*: the SDK release lacks the method, the test calls the seed's "
        "method and path through the SDK's own `ApiClient.call_api` / `callApi`. The .NET seed maps each "
        "method by operationId to the Python and JavaScript tests of the same HTTP operation; the Rust "
        "seed's methods are the Rust client's.",
        "",
        "| seed file | SDK | methods | rows passing |",
        "| --- | --- | --- | --- |",
    ]
    for file in sorted(rows):
        rs = rows[file]
        lines.append(f"| {file} | {SDK_NAMES[file[:3]]} | {len(seeds[file])} | {sum(r[5] == 'pass' for r in rs)}/{len(rs)} |")
    lines.append("")
    if missing_results:
        lines += [f"Missing results: {', '.join(missing_results)}.", ""]
    for file in sorted(rows):
        lines += [f"## {file} ({SDK_NAMES[file[:3]]})", "", "| method | operation | SDK | via | tests | result |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for method, op, sdk, via, tests, result in rows[file]:
            names = "<br>".join(f"{t[0]}{'' if t[2] == 'pass' else ' (' + t[2] + ')'}" for t in tests) or "-"
            lines.append(f"| `{method}` | `{op}` | {sdk} | {via or '-'} | {names} | {result} |")
        lines.append("")
    client_lines, client_failed, client_missing = client_operations(args.results)
    lines += client_lines
    missing_results += client_missing
    with open(args.out, "w") as f:
        f.write("\n".join(lines))

    total = sum(len(rs) for rs in rows.values())
    print(f"seed coverage: {total - len(failed)}/{total} rows pass; table in {os.path.relpath(args.out)}")
    for file, (method, _, sdk, _, _, result) in failed:
        print(f"  {result}: {file} {method} ({sdk})")
    for label, op, result in client_failed:
        print(f"  {result}: {op} ({label})")
    if missing_results:
        print(f"  missing results: {', '.join(missing_results)}")
    return 1 if failed or client_failed or missing_results else 0


if __name__ == "__main__":
    sys.exit(main())
