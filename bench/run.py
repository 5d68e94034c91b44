#!/usr/bin/env python3
"""The HTTP benchmarks of orgtrust against its floor and its peers, in one run, on loopback.

Run by scripts/bench.sh (which installs wrk, builds the release binaries and the peers first).
Every server is started here on a free loopback port, checked to be ours (the process is alive and
answers on the port it was given, which was free before), loaded with wrk, and stopped. Prints the
table and writes the machine-readable result (bench/results/latest.json by default).

Environment: BENCH_DURATION (seconds per scenario, default 5), BENCH_CONNECTIONS (default 64),
BENCH_AUDIT_EVENTS (default 1000000), BENCH_PG_AUDIT_EVENTS (the same), BENCH_TRUSTS (default 500), BENCH_PG_URL (an admin URL of a
PostgreSQL cluster; without it the PostgreSQL rows are skipped), BENCH_MICRO (the micro-benchmark's
JSON), BENCH_OUT (the result file), CARGO_TARGET_DIR.
"""

import base64
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
RELEASE = os.path.join(TARGET, "release")
DURATION = int(os.environ.get("BENCH_DURATION", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "64"))
AUDIT_EVENTS = int(os.environ.get("BENCH_AUDIT_EVENTS", "1000000"))
TRUSTS = int(os.environ.get("BENCH_TRUSTS", "500"))
PG_AUDIT_EVENTS = int(os.environ.get("BENCH_PG_AUDIT_EVENTS", str(AUDIT_EVENTS)))
OUT = os.environ.get("BENCH_OUT", os.path.join(BENCH, "results", "latest.json"))

ACME = "a0000000-0000-4000-8000-000000000001"
PARTNER = "b0000000-0000-4000-8000-000000000001"
USER_VIEWER = "a0000000-0000-4000-8000-000000000022"
TRUST_AUDITOR = "a0000000-0000-4000-8000-000000000023"
TRUSTEES = "/api/v2/orgauthorization/trustees?pageSize=25"
AUDITS = "/api/v2/orgauthorization/trustees/audits"


def find_spec():
    """The reference the Prism peer mocks: $BENCH_SPEC, else the repository's copy."""
    return os.environ.get("BENCH_SPEC") or os.path.join(ROOT, "reference", "genesys-orgauth-openapi.json")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, headers=None, body=None, timeout=30):
    """One HTTP request to 127.0.0.1:port; returns (status, bytes)."""
    data = body if isinstance(body, (bytes, type(None))) else body.encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method,
                                 headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


class Server:
    """A server process of this run on a loopback port that was free when it was picked."""

    def __init__(self, name, argv, port, workdir, env=None):
        self.name, self.port = name, port
        self.log_path = os.path.join(workdir, f"{name}.log")
        self.log = open(self.log_path, "wb")
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT,
                                     env={**os.environ, **(env or {})}, cwd=workdir)

    def wait_ready(self, path, timeout=60.0):
        """Seconds from spawn to the first HTTP answer on our port (any status)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited ({self.proc.returncode}); see {self.log_path}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
                    if s.recv(16).startswith(b"HTTP/1."):
                        return time.perf_counter() - self.started
            except OSError:
                time.sleep(0.002)
        raise RuntimeError(f"{self.name} did not answer within {timeout}s; see {self.log_path}")

    def rss_mb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
        return None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def orgtrust_server(name, db_url, workdir, env=None):
    """orgtrust (release) serving `db_url` without demo data on a free loopback port; the caller
    waits for it (`wait_ready`) and stops it."""
    port = free_port()
    # The token-grant scenario measures issuing throughput, not the token endpoint's limit
    # (300 a minute per client by default): the limits are off here.
    return Server(name, [os.path.join(RELEASE, "orgtrust"), "serve", "--listen",
                         f"127.0.0.1:{port}", "--database", db_url, "--no-demo", "--log", "warn",
                         "--token-rate-per-client", "0", "--token-rate-per-address", "0"],
                  port, workdir, env)


def floor_server(workdir, body_file, env=None):
    """The floor (crates/bench/src/bin/floor.rs) answering `body_file`'s bytes on /floor/json
    and one SQLite point query on /floor/sqlite."""
    port = free_port()
    return Server("floor", [os.path.join(RELEASE, "floor"), "--listen", f"127.0.0.1:{port}",
                            "--body", body_file, "--sqlite", os.path.join(workdir, "floor.db")],
                  port, workdir, env)


LUA = r"""
local bodies = { %(bodies)s }
local headers = { %(headers)s }
local method = "%(method)s"
local path = [==[%(path)s]==]
local n = 0
if #bodies <= 1 then
  wrk.method = method
  wrk.path = path
  for k, v in pairs(headers) do wrk.headers[k] = v end
  if #bodies == 1 then wrk.body = bodies[1] end
else
  request = function()
    n = n + 1
    return wrk.format(method, path, headers, bodies[(n %% #bodies) + 1])
  end
end
-- The statuses of answers outside 2xx, counted per wrk thread and summed in done().
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function(args) statuses = {} end
response = function(status, headers, body)
  if status < 200 or status > 299 then statuses[status] = (statuses[status] or 0) + 1 end
end
done = function(summary, latency, requests)
  local e = summary.errors
  local counts = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses") or {}) do counts[status] = (counts[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(counts) do table.insert(parts, string.format('"%%d":%%d', status, n)) end
  io.write(string.format(
    'WRK_RESULT {"requests":%%d,"durationUs":%%d,"connect":%%d,"read":%%d,"write":%%d,"status":%%d,"timeout":%%d,"p50Us":%%d,"p95Us":%%d,"p99Us":%%d,"maxUs":%%d,"meanUs":%%.1f,"statuses":{%%s}}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, latency.mean,
    table.concat(parts, ",")))
end
"""


def lua_str(s):
    return "[==[" + s + "]==]"


def wrk(port, path, method="GET", headers=None, bodies=None, duration=DURATION,
        connections=CONNECTIONS, threads=2, workdir="/tmp"):
    """Runs wrk against 127.0.0.1:port; returns its figures."""
    script = LUA % {
        "bodies": ", ".join(lua_str(b) for b in (bodies or [])),
        "headers": ", ".join(f"[ {lua_str(k)} ] = {lua_str(v)}" for k, v in (headers or {}).items()),
        "method": method,
        "path": path,
    }
    lua = os.path.join(workdir, "scenario.lua")
    with open(lua, "w") as f:
        f.write(script)
    out = subprocess.run(["wrk", "-t", str(min(threads, connections)), "-c", str(connections),
                          "-d", f"{duration}s", "--timeout", "10s", "-s", lua,
                          f"http://127.0.0.1:{port}"],
                         capture_output=True, text=True, check=True).stdout
    line = next(l for l in out.splitlines() if l.startswith("WRK_RESULT "))
    r = json.loads(line[len("WRK_RESULT "):])
    seconds = r["durationUs"] / 1e6
    return {
        "rps": r["requests"] / seconds,
        "requests": r["requests"],
        "p50Ms": r["p50Us"] / 1000, "p95Ms": r["p95Us"] / 1000, "p99Ms": r["p99Us"] / 1000,
        "maxMs": r["maxUs"] / 1000,
        "errors": r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"],
        "non2xx": r["status"],
        # Status -> count of the non-2xx answers (wrk's own count is only the total).
        "non2xxStatuses": dict(sorted(r.get("statuses", {}).items(), key=lambda kv: int(kv[0]))),
        "connections": connections,
        "seconds": seconds,
    }


def token(port, client, secret, form):
    basic = base64.b64encode(f"{client}:{secret}".encode()).decode()
    status, body = request(port, "POST", "/oauth/token",
                           {"Authorization": f"Basic {basic}",
                            "Content-Type": "application/x-www-form-urlencoded"},
                           urllib.parse.urlencode(form))
    if status != 200:
        raise RuntimeError(f"token {client} {form.get('grant_type')}: {status} {body[:300]!r}")
    return json.loads(body)["access_token"]


def must(port, method, path, tok, body=None, expect=200):
    headers = {"Authorization": f"Bearer {tok}"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    status, data = request(port, method, path, headers, body)
    if status != expect:
        raise RuntimeError(f"{method} {path}: {status} {data[:400]!r}")
    return json.loads(data) if data else None


def raise_rate_limits(port):
    """The demo's API rate limits (300/min) would turn a benchmark into 429s: implement limit
    change requests raising them for Acme, through the API, as an operator would."""
    op = token(port, "bench-operator", "bench-operator-secret", {"grant_type": "client_credentials"})
    for key in ["client.credentials.token.rate.per.minute", "org.app.user.rate.per.minute"]:
        cr = must(port, "POST", "/api/v2/organizations/limits/changerequests", op, json.dumps(
            {"key": key, "namespace": "platform.api", "requestedValue": 1_000_000_000,
             "description": "benchmark", "supportCaseUrl": "https://support.example/bench"}))
        for status in ["Pending", "Approved", "ImplementingChange", "ChangeImplemented"]:
            must(port, "PATCH", f"/api/v2/organizations/limits/changerequests/{cr['id']}", op,
                 json.dumps({"status": status}))


def save_answer(port, path, headers, file):
    """Writes the bytes of a 200 answer to `file`: the body the floor serves."""
    status, body = request(port, "GET", path, headers)
    if status != 200:
        raise RuntimeError(f"GET {path}: {status} {body[:300]!r}")
    with open(file, "wb") as f:
        f.write(body)


def audit_body(**extra):
    return json.dumps({"trusteeOrganizationIds": [PARTNER], "trusteeUserIds": [], **extra})


def seed(db_url, workdir, events):
    log(f"== seeding {redact(db_url)}: {TRUSTS} trusts, {events} audit events")
    out = subprocess.run([os.path.join(RELEASE, "seed"), db_url, "--trusts", str(TRUSTS),
                          "--audit-events", str(events)],
                         capture_output=True, text=True, cwd=workdir)
    if out.returncode != 0:
        raise RuntimeError(f"seed failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def redact(url):
    return url.split("@")[-1] if "@" in url else url


def orgtrust(backend, db_url, workdir, capture=None):
    """Seeds a database, serves it, and measures every orgtrust scenario on it."""
    events = AUDIT_EVENTS if backend == "sqlite" else PG_AUDIT_EVENTS
    result = {"backend": backend, "seed": seed(db_url, workdir, events), "scenarios": {}}
    server = orgtrust_server(f"orgtrust-{backend}", db_url, workdir)
    port = server.port
    try:
        server.wait_ready("/api/v2/organizations/me")
        result["rssStartMb"] = server.rss_mb()
        raise_rate_limits(port)
        admin = token(port, "acme-admin", "acme-admin-secret", {"grant_type": "client_credentials"})
        home = token(port, "acme-admin", "acme-admin-secret",
                     {"grant_type": "password", "username": "emil@acme.example",
                      "password": "Acme-emea-1!"})
        trustee = token(port, "partner-admin", "partner-admin-secret",
                        {"grant_type": "password", "username": "pat@partner.example",
                         "password": "Partner-pat-1!", "target": ACME})
        listing = must(port, "GET", TRUSTEES, admin)
        if capture:
            save_answer(port, TRUSTEES, {"Authorization": f"Bearer {admin}"}, capture)
        assert listing["total"] == TRUSTS + 1 and len(listing["entities"]) == 25, listing["total"]
        users_path = "/api/v2/users?pageSize=25"
        home_users = must(port, "GET", users_path, home)
        trustee_users = must(port, "GET", users_path, trustee)
        assert [u["id"] for u in home_users["entities"]] == [u["id"] for u in trustee_users["entities"]], \
            "the trustee and the home user must see the same users"
        writer = next(u for u in must(port, "GET", "/api/v2/users?pageSize=100", admin)["entities"]
                      if u["name"] == "Bench Writer")
        deep_page = max(1, (events // 25) * 3 // 4)
        audits = {
            "audits first page": (f"{AUDITS}?pageSize=25", audit_body()),
            "audits deep page": (f"{AUDITS}?pageSize=25&pageNumber={deep_page}", audit_body()),
            "audits queryPhrase": (f"{AUDITS}?pageSize=25", audit_body(queryPhrase="quokka")),
            "audits filter": (f"{AUDITS}?pageSize=25", audit_body(filters=[
                {"name": "action", "type": "STRING", "operator": "eq", "values": ["delete"]}])),
        }
        for name, (path, body) in audits.items():
            page = must(port, "POST", path, admin, body)
            result.setdefault("auditTotals", {})[name] = page.get("total")
            assert page.get("auditMessages"), f"{name}: no messages"
        auth = lambda t: {"Authorization": f"Bearer {t}"}
        json_auth = lambda t: {**auth(t), "Content-Type": "application/json"}
        basic = base64.b64encode(b"acme-admin:acme-admin-secret").decode()
        scenarios = [
            ("GET trustees (25 of 501)", dict(path=TRUSTEES, headers=auth(admin)), "floor json"),
            ("GET organizations/me", dict(path="/api/v2/organizations/me", headers=auth(admin)),
             "floor json"),
            ("GET users, home user", dict(path=users_path, headers=auth(home)), "floor sqlite"),
            ("GET users, trustee user", dict(path=users_path, headers=auth(trustee)),
             "floor sqlite"),
            ("POST oauth/token", dict(path="/oauth/token", method="POST", headers={
                "Authorization": f"Basic {basic}",
                "Content-Type": "application/x-www-form-urlencoded"},
                bodies=["grant_type=client_credentials"]), "floor sqlite"),
            ("PUT users/{id}/roles (audited)", dict(
                path=f"/api/v2/users/{writer['id']}/roles", method="PUT", headers=json_auth(admin),
                bodies=[json.dumps([USER_VIEWER]), json.dumps([USER_VIEWER, TRUST_AUDITOR])]),
             "floor sqlite"),
        ]
        for name, (path, body) in audits.items():
            scenarios.append((name, dict(path=path, method="POST", headers=json_auth(admin),
                                         bodies=[body]), "floor sqlite"))
        for name, kw, floor in scenarios:
            if name in PAIRED[1:]:
                continue
            if name == PAIRED[0]:
                pair = [s for s in scenarios if s[0] in PAIRED]
                result["scenarios"].update(alternated(port, backend, pair, workdir))
                continue
            log(f"== {backend}: {name}")
            wrk(port, kw["path"], **{**rest(kw), "duration": 1, "workdir": workdir})
            r = wrk(port, kw["path"], **{**rest(kw), "workdir": workdir})
            r["floor"] = floor
            result["scenarios"][name] = r
            if name.startswith("audits"):
                # Latency of one query alone (no queueing behind 63 others), over the full duration:
                # a p99 of 2 s (about 4,000 answers) swung 0.84-1.36 ms between runs.
                one = wrk(port, kw["path"], **{**rest(kw), "connections": 1, "threads": 1,
                                               "duration": DURATION,
                                               "workdir": workdir})
                r["alone"] = one
        time.sleep(2)
        result["rssIdleAfterLoadMb"] = server.rss_mb()
    finally:
        server.stop()
    return result


# Scenarios read against each other (the cross-organization target), measured in turns.
PAIRED = ("GET users, home user", "GET users, trustee user")
PAIR_ROUNDS = 3


def alternated(port, backend, scenarios, workdir, rounds=PAIR_ROUNDS):
    """Scenarios compared with one another, measured in turns (a, b, a, b, ...) so that the
    machine's drift during a run falls on each alike: back-to-back 5 s runs of one request swung
    by 10% on the 2-core machine, as much as the target's margin. Each figure is its median
    round by requests/s, with every round's rate kept and the errors of all rounds counted."""
    for name, kw, _ in scenarios:
        log(f"== {backend}: {name} ({rounds} rounds in turns)")
        wrk(port, kw["path"], **{**rest(kw), "duration": 1, "workdir": workdir})
    runs = {name: [] for name, _, _ in scenarios}
    for _ in range(rounds):
        for name, kw, _ in scenarios:
            runs[name].append(wrk(port, kw["path"], **{**rest(kw), "workdir": workdir}))
    out = {}
    for name, _, floor in scenarios:
        median = sorted(runs[name], key=lambda r: r["rps"])[len(runs[name]) // 2]
        out[name] = {**median, "floor": floor,
                     "roundsRps": [r["rps"] for r in runs[name]],
                     "errors": sum(r["errors"] for r in runs[name]),
                     "non2xx": sum(r["non2xx"] for r in runs[name])}
    return out


def rest(kw):
    return {k: v for k, v in kw.items() if k != "path"}


def startup(workdir, runs=5):
    """Spawn to first served request on an empty database (no demo), and idle memory then."""
    times, rss = [], []
    for i in range(runs):
        db = os.path.join(workdir, f"empty-{i}.db")
        s = orgtrust_server(f"orgtrust-startup-{i}", f"sqlite://{db}", workdir)
        try:
            times.append(s.wait_ready("/api/v2/organizations/me") * 1000)
            time.sleep(0.5)
            rss.append(s.rss_mb())
        finally:
            s.stop()
    times.sort()
    return {"startupMsMedian": times[len(times) // 2], "startupMs": times,
            "rssIdleEmptyMb": max(rss)}


def floors(workdir, body_file):
    s = floor_server(workdir, body_file)
    port = s.port
    out = {}
    try:
        s.wait_ready("/floor/json")
        for name, path in [("floor json", "/floor/json"), ("floor sqlite", "/floor/sqlite")]:
            log(f"== {name}")
            wrk(port, path, duration=1, workdir=workdir)
            out[name] = wrk(port, path, workdir=workdir)
    finally:
        s.stop()
    return out


def peers(workdir, body):
    out = {}
    jars = [f for f in os.listdir(os.path.join(BENCH, "node_modules", "wiremock", "build"))
            if f.endswith(".jar")]
    root = os.path.join(workdir, "wiremock")
    os.makedirs(os.path.join(root, "mappings"), exist_ok=True)
    with open(os.path.join(root, "mappings", "trustees.json"), "w") as f:
        json.dump({"request": {"method": "GET", "urlPath": "/api/v2/orgauthorization/trustees"},
                   "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                                "body": body}}, f)
    port = free_port()
    s = Server("wiremock", ["java", "-jar",
                            os.path.join(BENCH, "node_modules", "wiremock", "build", jars[0]),
                            "--port", str(port), "--bind-address", "127.0.0.1", "--root-dir", root,
                            "--no-request-journal", "--disable-banner"], port, workdir)
    try:
        s.wait_ready("/__admin/health", timeout=120)
        log("== wiremock")
        wrk(port, TRUSTEES, headers={"Authorization": "Bearer x"}, duration=3, workdir=workdir)
        out["WireMock (static stub)"] = wrk(port, TRUSTEES, headers={"Authorization": "Bearer x"},
                                            workdir=workdir)
    finally:
        s.stop()
    # The reference carries an `x-informativeDefinitions` extension whose $refs point at
    # definitions it does not hold; Prism refuses to load a spec with a dangling $ref, so it
    # mocks a copy without that extension (not part of any operation).
    with open(find_spec()) as f:
        spec = json.load(f)
    spec.pop("x-informativeDefinitions", None)
    spec_copy = os.path.join(workdir, "openapi.json")
    with open(spec_copy, "w") as f:
        json.dump(spec, f)
    port = free_port()
    s = Server("prism", [os.path.join(BENCH, "node_modules", ".bin", "prism"), "mock", "-h",
                         "127.0.0.1", "-p", str(port), spec_copy], port, workdir)
    try:
        s.wait_ready("/api/v2/organizations/me", timeout=180)
        log("== prism")
        hdr = {"Authorization": "Bearer x"}
        status, _ = request(port, "GET", TRUSTEES, hdr)
        wrk(port, TRUSTEES, headers=hdr, duration=2, workdir=workdir)
        out["Prism (OpenAPI mock)"] = {**wrk(port, TRUSTEES, headers=hdr, workdir=workdir),
                                       "firstStatus": status}
        # Prism 5 answers the trustees listing with 500 SCHEMA_TOO_COMPLEX (it cannot build a
        # body from that schema), so its rate is also taken where it does answer.
        me = "/api/v2/organizations/me"
        status, _ = request(port, "GET", me, hdr)
        wrk(port, me, headers=hdr, duration=2, workdir=workdir)
        out["Prism: GET organizations/me"] = {**wrk(port, me, headers=hdr, workdir=workdir),
                                              "firstStatus": status}
    finally:
        s.stop()
    return out


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                if l.startswith("model name")), platform.processor())
    mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
    return {"nproc": os.cpu_count(), "cpu": cpu, "memoryGb": round(mem / 1024 / 1024, 1),
            "kernel": platform.release(),
            "wrk": subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0],
            "java": subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.split("\n")[0],
            "node": subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip(),
            "loadAverageAtStart": os.getloadavg()}


def targets(res):
    """The issue's targets, each with its figure and whether it is met."""
    t = []
    fl = res["floors"]
    sq = res["orgtrust"].get("sqlite")

    def add(what, figure, met):
        t.append({"target": what, "figure": figure, "met": bool(met)})

    if sq:
        s = sq["scenarios"]
        tr = s["GET trustees (25 of 501)"]
        ratio = tr["rps"] / fl["floor json"]["rps"]
        add("trustees listing >= 0.5x bare floor rps (SQLite)", f"{ratio:.2f}x", ratio >= 0.5)
        add("trustees listing p99 <= 2 ms at 64 connections", f"{tr['p99Ms']:.2f} ms",
            tr["p99Ms"] <= 2)
        add("trustees listing 0 errors", str(tr["errors"]), tr["errors"] == 0)
        h, x = s["GET users, home user"], s["GET users, trustee user"]
        ratio = x["rps"] / h["rps"]
        add("cross-org request within 10% of the home user's (median of "
            f"{PAIR_ROUNDS} rounds in turns)", f"{ratio:.3f}x rps", ratio >= 0.9)
        first = s["audits first page"]["alone"]
        deep = s["audits deep page"]["alone"]
        add("audit deep page within 2x of first page (p50, alone)",
            f"{deep['p50Ms'] / max(first['p50Ms'], 1e-6):.2f}x", deep["p50Ms"] <= 2 * first["p50Ms"])
        add("audit total <= 5 ms (first page with total, p99 alone)", f"{first['p99Ms']:.2f} ms",
            first["p99Ms"] <= 5)
        ph = s["audits queryPhrase"]["alone"]
        add("selective phrase search <= 1 ms (p99 alone)", f"{ph['p99Ms']:.2f} ms", ph["p99Ms"] <= 1)
        worst = max(v["alone"]["p95Ms"] for k, v in s.items() if k.startswith("audits"))
        add("any audit query shape p95 <= 20 ms (alone)", f"{worst:.2f} ms", worst <= 20)
        w = s["PUT users/{id}/roles (audited)"]
        add(">= 2,000 durable audited writes/s (SQLite)", f"{w['rps']:.0f}/s",
            w["rps"] >= 2000 and w["errors"] == 0)
        peers = res["peers"]
        prism = "Prism (OpenAPI mock)"
        if prism in peers and peers[prism]["errors"] >= peers[prism]["requests"]:
            prism = "Prism: GET organizations/me"  # it answered no listing at all
        for peer, k in [("WireMock (static stub)", 3), (prism, 15)]:
            if peer in peers and peers[peer]["errors"] < peers[peer]["requests"]:
                ratio = tr["rps"] / peers[peer]["rps"]
                add(f"orgtrust trustees >= {k}x {peer} rps", f"{ratio:.1f}x", ratio >= k)
    st = res["startup"]
    add("start to first served request <= 200 ms (empty database)",
        f"{st['startupMsMedian']:.0f} ms", st["startupMsMedian"] <= 200)
    idle = [st["rssIdleEmptyMb"]] + [b["rssIdleAfterLoadMb"] for b in res["orgtrust"].values()]
    add("idle memory <= 60 MB (empty db / after the load)",
        " / ".join(f"{m:.0f} MB" for m in idle), max(idle) <= 60)
    micro = res.get("micro")
    if micro:
        big = next(m for m in micro["permissionCheck"] if m["grants"] == 100_000)
        add("permission check p99 <= 1 us at 100k grants", f"{big['orgtrust']['p99Ns']:.0f} ns",
            big["orgtrust"]["p99Ns"] <= 1000)
        ratio = big["orgtrust"]["p50Ns"] / big["cedar"]["p50Ns"]
        add("permission check <= 0.5x Cedar's time (p50, 100k grants)", f"{ratio:.3f}x",
            ratio <= 0.5)
    return t


def errors_cell(r):
    """The errors column: the count, then the statuses of the non-2xx answers among them
    ("2 (2 x 409)"), which wrk alone does not tell."""
    statuses = r.get("non2xxStatuses") or {}
    detail = ", ".join(f"{n} x {status}" for status, n in statuses.items())
    return f"{r['errors']:>6}" + (f" ({detail})" if detail else "")


def report(res):
    lines = []
    fl = res["floors"]
    lines.append(f"{'scenario':<44} {'req/s':>9} {'floor req/s':>12} {'ratio':>6} "
                 f"{'p50 ms':>7} {'p99 ms':>8} {'errors':>6}")
    for name, r in fl.items():
        lines.append(f"{name:<44} {r['rps']:>9.0f} {'':>12} {'':>6} {r['p50Ms']:>7.2f} "
                     f"{r['p99Ms']:>8.2f} {errors_cell(r)}")
    for backend, b in res["orgtrust"].items():
        for name, r in b["scenarios"].items():
            f = fl[r["floor"]]["rps"]
            lines.append(f"{('orgtrust ' + backend + ': ' + name)[:44]:<44} {r['rps']:>9.0f} "
                         f"{f:>12.0f} {r['rps'] / f:>6.2f} {r['p50Ms']:>7.2f} {r['p99Ms']:>8.2f} "
                         f"{errors_cell(r)}")
            if "alone" in r:
                a = r["alone"]
                lines.append(f"{'  ... one connection':<44} {a['rps']:>9.0f} {'':>12} {'':>6} "
                             f"{a['p50Ms']:>7.2f} {a['p99Ms']:>8.2f} {errors_cell(a)}")
    for name, r in res["peers"].items():
        f = fl["floor json"]["rps"]
        lines.append(f"{name:<44} {r['rps']:>9.0f} {f:>12.0f} {r['rps'] / f:>6.2f} "
                     f"{r['p50Ms']:>7.2f} {r['p99Ms']:>8.2f} {errors_cell(r)}")
    st = res["startup"]
    lines.append("")
    lines.append(f"startup to first served request (empty database, median of "
                 f"{len(st['startupMs'])}): {st['startupMsMedian']:.0f} ms; idle RSS "
                 f"{st['rssIdleEmptyMb']:.1f} MB")
    for backend, b in res["orgtrust"].items():
        sd = b["seed"]
        lines.append(f"{backend}: seeded {sd['trusts']} trusts in {sd['fixtureSeconds']:.1f} s, "
                     f"{sd['auditEvents']} audit events in {sd['auditSeconds']:.1f} s "
                     f"({sd['auditEventsPerSecond']:.0f}/s); RSS at start {b['rssStartMb']:.1f} MB, "
                     f"idle after the load {b['rssIdleAfterLoadMb']:.1f} MB; audit totals "
                     + ", ".join(f"{k.split(' ', 1)[1]}={v}" for k, v in b["auditTotals"].items()))
    if res.get("micro"):
        lines.append("")
        lines.append(f"{'permission check':<20} {'orgtrust p50/p99 ns':>22} {'cedar p50/p99 ns':>20} {'ratio p50':>10}")
        for m in res["micro"]["permissionCheck"]:
            o, c = m["orgtrust"], m["cedar"]
            lines.append(f"{str(m['grants']) + ' grants':<20} {o['p50Ns']:>10.0f} / {o['p99Ns']:<9.0f} "
                         f"{c['p50Ns']:>9.0f} / {c['p99Ns']:<8.0f} {o['p50Ns'] / c['p50Ns']:>10.3f}")
    lines.append("")
    lines.append("| target | figure | met |")
    lines.append("| --- | --- | --- |")
    for t in res["targets"]:
        lines.append(f"| {t['target']} | {t['figure']} | {'met' if t['met'] else 'MISSED'} |")
    return "\n".join(lines)


def main():
    workdir = tempfile.mkdtemp(prefix="orgtrust-bench.")
    res = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "machine": machine(),
           "settings": {"durationSeconds": DURATION, "connections": CONNECTIONS,
                        "auditEvents": AUDIT_EVENTS, "trusts": TRUSTS},
           "orgtrust": {}, "peers": {}}
    try:
        res["startup"] = startup(workdir)
        backends = [("sqlite", f"sqlite://{os.path.join(workdir, 'bench.db')}")]
        if os.environ.get("BENCH_PG_URL"):
            backends.append(("postgres", os.environ["BENCH_PG_URL"]))
        # The floor serves the very body orgtrust answers to the trustees listing: saved by the
        # first backend's run, then the floor is measured (ratios are taken at the end).
        body_file = os.path.join(workdir, "trustees.json")
        res["orgtrust"]["sqlite"] = orgtrust(*backends[0], workdir, capture=body_file)
        with open(body_file) as f:
            body = f.read()
        res["floors"] = floors(workdir, body_file)
        for name, url in backends[1:]:
            try:
                res["orgtrust"][name] = orgtrust(name, url, workdir)
            except Exception as e:  # noqa: BLE001 - a backend that fails is reported, not fatal
                log(f"!! {name}: {e}")
                res.setdefault("failures", {})[name] = str(e)
        try:
            res["peers"] = peers(workdir, body)
        except Exception as e:  # noqa: BLE001
            log(f"!! peers: {e}")
            res.setdefault("failures", {})["peers"] = str(e)
        micro = os.environ.get("BENCH_MICRO")
        if micro and os.path.exists(micro):
            with open(micro) as f:
                res["micro"] = json.load(f)
        res["targets"] = targets(res)
        res["machine"]["loadAverageAtEnd"] = os.getloadavg()
        os.makedirs(os.path.dirname(OUT), exist_ok=True)
        with open(OUT, "w") as f:
            json.dump(res, f, indent=1)
        print(report(res))
        print(f"\nresult file: {os.path.relpath(OUT, ROOT)}")
    finally:
        if os.environ.get("BENCH_KEEP"):
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def rereport():
    """`run.py --report`: reprints the table of the last result file, first taking in the
    micro-benchmark's figures ($BENCH_MICRO) when they were measured after it."""
    with open(OUT) as f:
        res = json.load(f)
    micro = os.environ.get("BENCH_MICRO")
    if micro and os.path.exists(micro):
        with open(micro) as f:
            res["micro"] = json.load(f)
    res["targets"] = targets(res)
    with open(OUT, "w") as f:
        json.dump(res, f, indent=1)
    print(report(res))


if __name__ == "__main__":
    if sys.argv[1:] == ["--report"]:
        rereport()
    else:
        main()
