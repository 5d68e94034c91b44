#!/usr/bin/env python3
"""Where the trustees listing's p99 goes: the evidence behind BENCHMARKS.md's "What limits the
missed targets", reproducible.

Serves a 500-trust SQLite database with orgtrust (release) and the floor answering the very same
bytes, and loads both in turns with wrk, as bench/run.py does, then:

- `variants`: the listing and the floor under load-generator variants (wrk threads, connections,
  tokio workers), so that the tail can be read against how many threads share the 2 cores;
- `cpu`: `perf record --call-graph dwarf` on orgtrust for 4 s of the 64-connection load, then the
  share of the socket write, the router (middleware and handler) and the rest;
- `switches`: `perf record -e sched:sched_switch` on each server, then why its threads left the
  CPU (preempted on the way out of a syscall or by an IPI, or waiting: futex, epoll);
- `sched`: `perf sched record -a` around each server's load, then the longest run-queue wait of
  each thread group (`perf sched latency`).

Needs the release binaries (scripts/bench.sh builds them), wrk, and for the last three `perf`
(Debian `linux-perf`) run as root. Environment: BENCH_DURATION (s per run, default 5), ROUNDS
(default 2).

    python3 bench/profile_trustees.py variants
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("BENCH_AUDIT_EVENTS", "1000")
import run as R  # noqa: E402  (bench/run.py: the servers, wrk and the seeding)

ROUNDS = int(os.environ.get("ROUNDS", "2"))

# (name, wrk threads, connections, tokio worker threads; None = the default, one per core)
VARIANTS = [
    ("as measured: wrk -t2 -c64", 2, 64, None),
    ("wrk -t1 -c64", 1, 64, None),
    ("wrk -t2 -c16", 2, 16, None),
    ("wrk -t2 -c64, 1 tokio worker", 2, 64, 1),
    ("wrk -t1 -c64, 1 tokio worker", 1, 64, 1),
]


def cpu_seconds(pid):
    """User + system CPU seconds of a process so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Pair:
    """orgtrust and the floor, both serving the trustees page of one seeded database."""

    def __init__(self, workdir, db, workers):
        env = {"TOKIO_WORKER_THREADS": str(workers)} if workers else {}
        self.orgtrust = R.orgtrust_server("orgtrust", db, workdir, env)
        self.floor = None
        try:
            self.orgtrust.wait_ready("/api/v2/organizations/me")
            port = self.orgtrust.port
            R.raise_rate_limits(port)
            admin = R.token(port, "acme-admin", "acme-admin-secret",
                            {"grant_type": "client_credentials"})
            self.headers = {"Authorization": f"Bearer {admin}"}
            body_file = os.path.join(workdir, "trustees.json")
            R.save_answer(port, R.TRUSTEES, self.headers, body_file)
            self.floor = R.floor_server(workdir, body_file, env)
            self.floor.wait_ready("/floor/json")
        except BaseException:
            self.stop()
            raise

    def targets(self):
        """(name, server, path, headers) of the two loads."""
        return [("floor", self.floor, "/floor/json", {}),
                ("orgtrust", self.orgtrust, R.TRUSTEES, self.headers)]

    def stop(self):
        for server in (self.orgtrust, self.floor):
            if server:
                server.stop()


def load(server, path, headers, workdir, threads=2, connections=64, recorder=None):
    """One warmed wrk run; `recorder` (argv of a perf command taking `-p PID` last) is started
    beside it. Returns the figures and the server's CPU cores over the run."""
    R.wrk(server.port, path, headers=headers, duration=1, threads=threads,
          connections=connections, workdir=workdir)
    perf = None
    if recorder:
        perf = subprocess.Popen(recorder(server.proc.pid), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    try:
        before = cpu_seconds(server.proc.pid)
        r = R.wrk(server.port, path, headers=headers, threads=threads, connections=connections,
                  workdir=workdir)
        r["cores"] = (cpu_seconds(server.proc.pid) - before) / r["seconds"]
    finally:
        if perf:
            perf.wait()
    return r


def line(name, r):
    return (f"{name:9} {r['rps']:8.0f} req/s  p50 {r['p50Ms']:5.2f}  p99 {r['p99Ms']:5.2f}  "
            f"max {r['maxMs']:6.2f} ms  errors {r['errors']}  server {r['cores']:.2f} cores")


def variants(workdir, db):
    for title, threads, connections, workers in VARIANTS:
        print(f"== {title}", flush=True)
        pair = Pair(workdir, db, workers)
        try:
            for _ in range(ROUNDS):
                for name, server, path, headers in pair.targets():
                    print(line(name, load(server, path, headers, workdir, threads, connections)),
                          flush=True)
        finally:
            pair.stop()


def perf_report(args):
    out = subprocess.run(["perf", "report", "--stdio", *args], capture_output=True, text=True)
    return [re.sub(r" {3,}", "  ", l).rstrip(" -") for l in out.stdout.splitlines()
            if l.strip() and not l.startswith("#")]


def shares(data, patterns):
    """Inclusive share of the first `perf report --children` line matching each pattern."""
    rows = perf_report(["-i", data, "--children", "--sort", "symbol", "-g", "none"])
    found = {}
    for label, pattern in patterns:
        for row in rows:
            if re.search(pattern, row):
                found[label] = row.split()[0]
                break
    return found


def recorded(workdir, db, recorder):
    """Loads the floor and orgtrust in turns, each beside the perf command `recorder(name, data)`
    returns (a function of the server's pid; None: no recording); returns {name: data file}."""
    pair = Pair(workdir, db, None)
    datas = {}
    try:
        for name, server, path, headers in pair.targets():
            data = os.path.join(workdir, f"{name}.data")
            rec = recorder(name, data)
            if rec:
                datas[name] = data
            print(line(name, load(server, path, headers, workdir, recorder=rec)), flush=True)
    finally:
        pair.stop()
    return datas


def cpu(workdir, db):
    def orgtrust_only(name, data):
        if name != "orgtrust":
            return None
        return lambda pid: ["perf", "record", "-F", "999", "--call-graph", "dwarf,32768",
                            "-o", data, "-p", str(pid), "--", "sleep", "4"]

    data = recorded(workdir, db, orgtrust_only)["orgtrust"]
    print("== orgtrust's CPU samples, by shared object")
    for row in perf_report(["-i", data, "--no-children", "--sort", "dso", "-g", "none"])[:4]:
        print("  " + row)
    print("== inclusive shares")
    for label, share in shares(data, [
        ("the response's writev (kernel loopback TCP)", r"\] __GI___writev"),
        ("the request's recv", r"\] __libc_recv"),
        ("hyper's request parse", r"Http1Transaction>::parse"),
        ("the router: middleware, extractors, handler", r"Oneshot<S,Req> as core::future"),
        ("the authentication extractor", r"orgtrust_server::auth::Auth as"),
        ("the query string parse", r"orgtrust_server::extract::Query::parse"),
        ("the allocator (malloc)", r"_mi_malloc_generic"),
        ("tokio's park (idle)", r"Context::park_timeout"),
    ]).items():
        print(f"  {share:>7}  {label}")


def switches(workdir, db):
    datas = recorded(workdir, db, lambda name, data: lambda pid: [
        "perf", "record", "-e", "sched:sched_switch", "-g", "-o", data, "-p", str(pid), "--",
        "sleep", "3"])
    for name, data in datas.items():
        print(f"== why {name}'s threads left the CPU (share of its context switches)")
        rows = perf_report(["-i", data, "--no-children", "--sort", "symbol",
                            "-g", "caller,2,callee,function,percent"])
        for row in rows:
            if re.search(r"--\d+\.\d+%--(exit_to_user_mode_loop|irqentry_exit_to_user_mode|"
                         r"futex_do_wait|schedule_hrtimeout_range_clock|__GI___writev|"
                         r"__libc_recv|asm_sysvec_reschedule_ipi)", row):
                print("  " + row.strip(" |"))


def sched(workdir, db):
    datas = recorded(workdir, db, lambda name, data: lambda pid: [
        "perf", "sched", "record", "-a", "-o", data, "--", "sleep", "3"])
    for name, data in datas.items():
        print(f"== run-queue waits while {name} was loaded (perf sched latency)")
        out = subprocess.run(["perf", "sched", "latency", "-i", data, "--sort", "max"],
                             capture_output=True, text=True).stdout
        for row in out.splitlines():
            if row.lstrip().startswith(("tokio-runtime-w", "wrk")):
                print("  " + re.sub(r" {2,}", " ", row.strip()))


def main():
    modes = {"variants": variants, "cpu": cpu, "switches": switches, "sched": sched}
    mode = sys.argv[1] if len(sys.argv) > 1 else "variants"
    if mode not in modes:
        sys.exit(f"usage: {sys.argv[0]} [{'|'.join(modes)}]")
    missing = [b for b in ("orgtrust", "seed", "floor")
               if not os.path.exists(os.path.join(R.RELEASE, b))]
    if missing:
        sys.exit(f"missing release binaries {missing}: cargo build --release --locked -p orgtrust "
                 "&& cargo build --release --locked -p orgtrust-bench --bins")
    workdir = tempfile.mkdtemp(prefix="orgtrust-profile-")
    try:
        db = f"sqlite://{workdir}/orgtrust.db"
        R.seed(db, workdir, R.AUDIT_EVENTS)
        modes[mode](workdir, db)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
