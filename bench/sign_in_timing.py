#!/usr/bin/env python3
"""Does the password sign-in tell which usernames exist? Times `POST /oauth/token` (password
grant) for three callers who all hear "Invalid login credentials.": an unknown username, a
locked user's wrong password, and an unlocked user's wrong password; prints each one's median
and 90th percentile and the median gaps. RELIABILITY.md records the last figures; there are no
timed assertions in the tests (bench/README: ratios and figures, not pass/fail).

Starts orgtrust (`ORGTRUST_BIN`, default the release build) on a free loopback port over an
in-memory database with the demo data and the emulator clock, and stops it.

    python3 bench/sign_in_timing.py        # SAMPLES=60 by default
"""

import base64
import json
import os
import statistics
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as R  # noqa: E402  (bench/run.py: servers and requests)

SAMPLES = int(os.environ.get("SAMPLES", "60"))
BIN = os.environ.get("ORGTRUST_BIN", os.path.join(R.RELEASE, "orgtrust"))
CLIENT = base64.b64encode(b"acme-admin:acme-admin-secret").decode()


def attempt(port, username, password):
    form = urllib.parse.urlencode({"grant_type": "password", "username": username, "password": password})
    t0 = R.time.perf_counter()
    status, body = R.request(port, "POST", "/oauth/token",
                             {"Authorization": f"Basic {CLIENT}",
                              "Content-Type": "application/x-www-form-urlencoded"}, form)
    return R.time.perf_counter() - t0, status, json.loads(body).get("error_description")


def summary(name, times):
    ms = sorted(t * 1000 for t in times)
    p90 = ms[int(len(ms) * 0.9) - 1]
    print(f"{name:<34} median {statistics.median(ms):7.2f} ms   p90 {p90:7.2f} ms   (n={len(ms)})")
    return statistics.median(ms)


def main():
    with tempfile.TemporaryDirectory() as work:
        port = R.free_port()
        server = R.Server("orgtrust", [BIN, "serve", "--listen", f"127.0.0.1:{port}", "--database",
                                       "sqlite::memory:", "--emulator", "--log", "warn"], port, work)
        try:
            server.wait_ready("/healthz")
            # Lock Ann: six wrong passwords.
            for i in range(6):
                attempt(port, "ann@acme.example", f"wrong-{i}")
            assert "locked" in attempt(port, "ann@acme.example", "Acme-admin-1!")[2]
            unknown, locked, unlocked = [], [], []
            for i in range(SAMPLES):
                for bucket, user in ((unknown, f"nobody-{i}@acme.example"), (locked, "ann@acme.example")):
                    took, status, said = attempt(port, user, f"guess-{i}")
                    assert (status, said) == (400, "Invalid login credentials."), (user, status, said)
                    bucket.append(took)
                # Emil, unlocked: at most five wrong passwords before his lock, then the emulated
                # clock moves past it.
                took, status, said = attempt(port, "emil@acme.example", f"guess-{i}")
                assert (status, said) == (400, "Invalid login credentials."), (status, said)
                unlocked.append(took)
                if i % 5 == 4:
                    R.request(port, "POST", "/_orgtrust/clock/advance",
                              {"Content-Type": "application/json"}, json.dumps({"seconds": 360}))
                    attempt(port, "emil@acme.example", "Acme-emea-1!")
            a = summary("unknown username", unknown)
            b = summary("locked user, wrong password", locked)
            c = summary("unlocked user, wrong password", unlocked)
            print(f"median gap locked - unknown:   {b - a:+.2f} ms")
            print(f"median gap unlocked - unknown: {c - a:+.2f} ms (the failure count is written)")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
