"""Fixtures for the official-SDK conformance suite: a live `orgtrust serve` per test module on a
free loopback port over a fresh in-memory database with the demo data, stopped afterwards."""

import os
import socket
import subprocess
import time
import urllib.request

import pytest
import PureCloudPlatformClientV2 as genesys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("ORGTRUST_BIN", os.path.join(ROOT, "target", "debug", "orgtrust"))

ACME = "a0000000-0000-4000-8000-000000000001"
PARTNER = "b0000000-0000-4000-8000-000000000001"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, fixture=None, database="sqlite::memory:"):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        args = [BINARY, "serve", "--listen", f"127.0.0.1:{self.port}", "--database", database]
        if fixture:
            args += ["--fixture", fixture]
        self.log = open(os.path.join(os.environ.get("TMPDIR", "/tmp"), f"orgtrust-{self.port}.log"), "w")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"orgtrust exited with {self.proc.returncode}; see {self.log.name}")
            try:
                urllib.request.urlopen(self.base + "/api/v2/organizations/me", timeout=1)
            except urllib.error.HTTPError:
                return  # 401: it is up
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("orgtrust did not start")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()

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


@pytest.fixture
def acme(server):
    return server.client("acme-admin", "acme-admin-secret")


@pytest.fixture
def partner(server):
    return server.client("partner-admin", "partner-admin-secret")
