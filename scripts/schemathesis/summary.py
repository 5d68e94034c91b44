"""Summarises schemathesis NDJSON reports: test cases (requests) generated, findings per check.

Exit status 1 when a gating check failed: every check except `positive_data_acceptance`, whose
findings are printed and recorded in RELIABILITY.md but tolerated (see "Schemathesis" there: what
is left are refusals a schema cannot foresee: ids that name nothing, the organization's password
policy, a rule across parameters).
"""
import collections
import glob
import json
import sys

TOLERATED = {"positive_data_acceptance"}


def main(directories):
    cases = set()
    failures = collections.Counter()
    examples = {}
    for directory in directories:
        for path in glob.glob(f"{directory}/*.ndjson"):
            for line in open(path, encoding="utf-8"):
                event = json.loads(line).get("ScenarioFinished")
                if not event:
                    continue
                label = event["recorder"]["label"]
                for case_id, checks in event["recorder"].get("checks", {}).items():
                    cases.add((path, case_id))
                    for check in checks:
                        if check["status"] == "failure":
                            failures[check["name"]] += 1
                            examples.setdefault(check["name"], set()).add(label)
    print(f"schemathesis: {len(cases)} requests checked")
    gating = 0
    for name, count in sorted(failures.items()):
        kind = "tolerated" if name in TOLERATED else "FAILING"
        print(f"  {kind} {name}: {count} ({', '.join(sorted(examples[name]))})")
        if name not in TOLERATED:
            gating += count
    print(f"schemathesis: {gating} gating findings")
    return 1 if gating or not cases else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
