"""Fixtures for the official-SDK conformance suite: a live `orgtrust serve` per test module on a
free loopback port over a fresh in-memory database with the demo data, stopped afterwards.

Seed coverage: a test declares the seed methods it exercises with
`@pytest.mark.seed("002", "get_orgauthorization_trustee", ...)`. Every call the SDK makes goes
through `ApiClient.call_api`, which is recorded per test; after the test passes, each declared
method's operation must have been called successfully in it, through the SDK's own method when
the package has one and through `call_api` (see `generic`) when it does not, or the test fails.
The declarations go into the junit XML as properties for conformance/coverage.py."""

import http.client
import http.server
import itertools
import json
import os
import re
import socket
import subprocess
import threading
import time
import urllib.request

import pytest
import PureCloudPlatformClientV2 as genesys

import wiretap

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("ORGTRUST_BIN", os.path.join(ROOT, "target", "debug", "orgtrust"))

# The backend under test: `sqlite` (in memory, default) or `postgres` (a fresh database per server
# on the cluster named by ORGTRUST_TEST_PG_URL, which scripts/test.sh starts).
BACKEND = os.environ.get("ORGTRUST_CONFORMANCE_BACKEND", "sqlite")
_databases = itertools.count()

ACME = "a0000000-0000-4000-8000-000000000001"
PARTNER = "b0000000-0000-4000-8000-000000000001"


def database_url():
    if BACKEND != "postgres":
        return "sqlite::memory:"
    admin = os.environ["ORGTRUST_TEST_PG_URL"]
    name = f"sdk_{os.getpid()}_{next(_databases)}"
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
    return admin.rsplit("/", 1)[0] + "/" + name


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Set by scripts/test.sh: servers log at debug level into this directory and are reached through
# a recording relay (wiretap.py), so that scripts/secret-scan.py can look for every secret the
# suite handed out or sent in every log line the servers wrote.
SCAN_DIR = os.environ.get("ORGTRUST_SECRET_SCAN_DIR")


class Server:
    def __init__(self, fixture=None, database=None, extra_args=()):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        # A test may pin its own database (a file it reads afterwards); else the backend under test.
        args = [BINARY, "serve", "--listen", f"127.0.0.1:{self.port}", "--database", database or database_url()]
        if fixture:
            args += ["--fixture", fixture]
        args += list(extra_args)
        self.tap = None
        if SCAN_DIR:
            name = os.path.join(SCAN_DIR, f"py-{os.getpid()}-{self.port}")
            args += ["--log", "debug"]
            self.log = open(name + ".log", "w")
            self.banner = open(name + ".stdout", "w")
            self.proc = subprocess.Popen(args, stdout=self.banner, stderr=self.log)
        else:
            self.log = open(os.path.join(os.environ.get("TMPDIR", "/tmp"), f"orgtrust-{self.port}.log"), "w")
            self.banner = None
            self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"orgtrust exited with {self.proc.returncode}; see {self.log.name}")
            try:
                urllib.request.urlopen(self.base + "/api/v2/organizations/me", timeout=1)
            except urllib.error.HTTPError:
                break  # 401: it is up
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError("orgtrust did not start")
        if SCAN_DIR:
            self.tap = wiretap.Tap(self.port, os.path.join(SCAN_DIR, f"py-{os.getpid()}-{self.port}.wire"))
            self.port = self.tap.port
            self.base = f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
        if self.banner:
            self.banner.close()
        if self.tap:
            self.tap.close()

    def client(self, client_id, secret):
        """An SDK ApiClient signed in with client credentials."""
        genesys.configuration.host = self.base
        api_client = genesys.api_client.ApiClient(host=self.base)
        return api_client.get_client_credentials_token(client_id, secret)


@pytest.fixture(scope="module")
def server():
    s = Server()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def emulator():
    """A server with the emulator controls on (`orgtrust serve --emulator`)."""
    s = Server(extra_args=["--emulator"])
    yield s
    s.stop()


@pytest.fixture
def acme(server):
    return server.client("acme-admin", "acme-admin-secret")


@pytest.fixture
def partner(server):
    return server.client("partner-admin", "partner-admin-secret")


class WireRecorder:
    """A recording HTTP proxy in front of a server: point an SDK client's host at `base`; every
    request is forwarded unchanged and kept in `seen` as (method, path with query, headers, body)
    with the status answered. `rewrite(method, path, status, body) -> body` may change an answer
    (to play a newer service than the server)."""

    def __init__(self, server, rewrite=None):
        recorder = self
        self.seen = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                upstream = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
                upstream.request(self.command, self.path, body=body, headers=dict(self.headers))
                answer = upstream.getresponse()
                data = answer.read()
                recorder.seen.append({"method": self.command, "path": self.path, "headers": dict(self.headers),
                                      "body": body.decode(), "status": answer.status})
                if rewrite:
                    data = rewrite(self.command, self.path, answer.status, data)
                self.send_response(answer.status)
                for name, value in answer.getheaders():
                    if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                upstream.close()

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = forward

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def client(self, token):
        """An SDK ApiClient talking through the proxy with `token`."""
        api_client = genesys.api_client.ApiClient(host=self.base)
        api_client.access_token = token
        return api_client

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


# ---- seed declarations and what each test really called ----

with open(os.path.join(ROOT, "reference", "seed-methods.json")) as _f:
    SEEDS = json.load(_f)["seeds"]

# The SDK class that carries each seed's methods in this package (seed 004 names the JavaScript
# methods: the Python method is the snake_case of its operationId).
SDK_CLASS = {"002": genesys.OrganizationAuthorizationApi, "004": genesys.OrganizationApi}

_calls = threading.local()


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def seed_operation(seed, method):
    """(`METHOD /path`, via) of a seed method; via is `sdk` when this SDK has a method for it."""
    files = [f for f in SEEDS if f.startswith(seed + "_")]
    assert files, f"no seed file {seed}"
    entries = [m for m in SEEDS[files[0]] if m["method_name"] == method]
    assert entries, f"{method} is not a method of seed {seed}"
    entry = entries[0]
    cls = SDK_CLASS.get(seed)
    via = "sdk" if cls is not None and hasattr(cls, snake(entry["operationId"])) else "generic"
    return f"{entry['method']} {entry['path']}", via


def _record(via, method, path):
    recorded = getattr(_calls, "recorded", None)
    if recorded is not None:
        recorded.add(f"{via} {method.upper()} {path}")


_sdk_call_api = genesys.api_client.ApiClient.call_api


def _recording_call_api(self, resource_path, method, *args, **kwargs):
    result = _sdk_call_api(self, resource_path, method, *args, **kwargs)
    _record(getattr(_calls, "via", "sdk"), method, resource_path)
    return result


# Every SDK method calls `self.api_client.call_api(template, method, ...)`.
genesys.api_client.ApiClient.call_api = _recording_call_api


def generic(client, method, path, path_params=None, query=None, body=None):
    """An operation through the SDK's generic `ApiClient.call_api` (for the methods the package
    lacks), answering the decoded JSON."""
    _calls.via = "generic"
    try:
        return client.call_api(
            path, method, path_params or {}, query or {},
            {"Accept": "application/json", "Content-Type": "application/json"},
            body=body, response_type="object", auth_settings=["PureCloud OAuth"],
        )
    finally:
        _calls.via = "sdk"


def pytest_configure(config):
    config.addinivalue_line("markers", "seed(seed, *methods): the seed methods a test exercises")


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem):
    wanted = []
    for mark in pyfuncitem.iter_markers("seed"):
        seed, *methods = mark.args
        for method in methods:
            op, via = seed_operation(seed, method)
            wanted.append((seed, method, op, via))
            pyfuncitem.user_properties.append(("seed", f"{seed} {method} {via}"))
    _calls.recorded = set()
    try:
        result = yield
        missing = [f"{s} {m} ({v} {op})" for s, m, op, v in wanted if f"{v} {op}" not in _calls.recorded]
        assert not missing, f"declared seed methods not called successfully: {missing}"
        return result
    finally:
        _calls.recorded = None
