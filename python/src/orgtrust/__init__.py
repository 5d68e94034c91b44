"""orgtrust for Python: the Genesys Cloud Organization Authorization emulator in a wheel.

:class:`Emulator` starts (or attaches to) ``orgtrust serve --emulator`` and drives its controls:
:meth:`~Emulator.reset`, the :attr:`~Emulator.clock`, :attr:`~Emulator.faults`,
:meth:`~Emulator.snapshot`, and request verification with :meth:`~Emulator.assert_requested`.
:meth:`~Emulator.client`, :meth:`~Emulator.user_client` and :meth:`~Emulator.trustee_client`
return ready ``PureCloudPlatformClientV2.ApiClient`` objects (``pip install orgtrust[sdk]``).

The pytest plugin (:mod:`orgtrust.pytest_plugin`, loaded automatically) gives the ``orgtrust``
fixture: one server per session (per xdist worker), reset before each test. The module-level
:func:`assert_requested` and :func:`count_requests` act on the emulator of the running test.
"""

from __future__ import annotations

import base64
import datetime as _dt
import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from . import demo
from .demo import OAuthClient, User

if TYPE_CHECKING:
    from PureCloudPlatformClientV2 import ApiClient

__all__ = [
    "Clock",
    "Emulator",
    "EmulatorError",
    "Faults",
    "OAuthClient",
    "User",
    "assert_requested",
    "count_requests",
    "current",
    "demo",
    "find_binary",
]

JsonValue = Union[None, bool, int, float, str, Sequence[Any], Mapping[str, Any]]
"""A JSON value, as ``json.loads`` answers it."""


class EmulatorError(RuntimeError):
    """A control call the server refused (its Genesys ``ErrorBody`` is in :attr:`body`), or a
    server that would not start."""

    def __init__(self, message: str, status: int | None = None, body: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.body = body


def find_binary() -> str:
    """The ``orgtrust`` binary: ``$ORGTRUST_BIN`` when set, else the one this package installed
    (in the environment's scripts directory), else the first on ``PATH``."""
    explicit = os.environ.get("ORGTRUST_BIN")
    if explicit:
        return explicit
    name = "orgtrust.exe" if sys.platform == "win32" else "orgtrust"
    scripts = sysconfig.get_path("scripts")
    candidates = [os.path.join(scripts, name)] if scripts else []
    user_scheme = f"{os.name}_user"
    if user_scheme in sysconfig.get_scheme_names():
        candidates.append(os.path.join(sysconfig.get_path("scripts", scheme=user_scheme), name))
    for candidate in candidates:
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which(name)
    if found:
        return found
    raise EmulatorError("no orgtrust binary: install the orgtrust wheel or set ORGTRUST_BIN")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _iso(when: _dt.datetime | str) -> str:
    if isinstance(when, str):
        return when
    if when.tzinfo is None:
        raise ValueError("a naive datetime is ambiguous: give it a tzinfo (datetime.timezone.utc)")
    return when.isoformat()


def _parse_instant(s: str) -> _dt.datetime:
    return _dt.datetime.fromisoformat(s.replace("Z", "+00:00"))


class _Http:
    """Keep-alive HTTP/1.1 to the server (a reset is a few milliseconds: a new connection each
    time would be a good part of that); one request at a time."""

    def __init__(self, host: str, port: int, token: str | None) -> None:
        self._host, self._port, self._token = host, port, token
        self._lock = threading.Lock()
        self._conn: http.client.HTTPConnection | None = None

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        form: Mapping[str, str] | None = None,
        basic: OAuthClient | None = None,
        operator: bool = True,
    ) -> tuple[int, Any]:
        headers = {"Accept": "application/json"}
        data: bytes | None = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if basic is not None:
            pair = f"{basic.id}:{basic.secret}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
        elif operator and self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        with self._lock:
            for attempt in (1, 2):
                if self._conn is None:
                    self._conn = http.client.HTTPConnection(self._host, self._port, timeout=60)
                try:
                    self._conn.request(method, path, body=data, headers=headers)
                    resp = self._conn.getresponse()
                    raw = resp.read()
                    break
                except (ConnectionError, http.client.HTTPException):
                    # The server closed an idle keep-alive connection: once more on a new one.
                    self._conn.close()
                    self._conn = None
                    if attempt == 2:
                        raise
        text = raw.decode() if raw else ""
        try:
            parsed = json.loads(text) if text else None
        except ValueError:
            parsed = text
        return resp.status, parsed

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


class Clock:
    """The emulated clock: everything time-dependent on the server follows it (trust and pairing
    expiry, the Customer Care trust's 30 days, token lifetimes, lockouts, rate-limit windows)."""

    def __init__(self, emulator: Emulator) -> None:
        self._e = emulator

    def now(self) -> _dt.datetime:
        """The emulated now."""
        return _parse_instant(self._e._control("GET", "/_orgtrust/clock")["now"])

    def offset(self) -> _dt.timedelta:
        """How far the emulated clock is from the system's."""
        return _dt.timedelta(seconds=self._e._control("GET", "/_orgtrust/clock")["offsetSeconds"])

    def advance(
        self,
        delta: _dt.timedelta | float | None = None,
        *,
        days: float = 0,
        hours: float = 0,
        minutes: float = 0,
        seconds: float = 0,
    ) -> _dt.datetime:
        """Moves the clock forward (a negative amount goes back), by a ``timedelta``, a number of
        seconds, or keyword parts (``advance(days=31)``); answers the new now. Whole seconds."""
        total = _dt.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
        if isinstance(delta, _dt.timedelta):
            total += delta
        elif delta is not None:
            total += _dt.timedelta(seconds=delta)
        answer = self._e._control("POST", "/_orgtrust/clock/advance", {"seconds": int(total.total_seconds())})
        return _parse_instant(answer["now"])

    def set(self, when: _dt.datetime | str) -> _dt.datetime:
        """Moves the clock to an instant (an aware ``datetime`` or ISO 8601 with an offset); it
        keeps running from there. Answers the new now."""
        answer = self._e._control("POST", "/_orgtrust/clock/set", {"now": _iso(when)})
        return _parse_instant(answer["now"])


class Faults:
    """Injected faults: matching requests answer an error status (as a Genesys ``ErrorBody``) or
    answer late. The first rule that fires wins; a reset does not remove them, :meth:`clear` does
    (the pytest fixture clears them before each test)."""

    def __init__(self, emulator: Emulator) -> None:
        self._e = emulator

    def add(
        self,
        path: str,
        *,
        method: str | None = None,
        status: int | None = None,
        latency_ms: int | None = None,
        count: int | None = None,
        probability: float | None = None,
    ) -> list[dict[str, Any]]:
        """Adds a rule: requests whose path matches ``path`` (``*`` matches any run of characters,
        ``/`` included) and ``method`` (any when ``None``) answer ``status`` (400-599) and/or
        wait ``latency_ms``; at most ``count`` times, each with chance ``probability``. Answers
        the rules in force."""
        rule: dict[str, Any] = {"path": path}
        for name, value in (
            ("method", method),
            ("status", status),
            ("latencyMs", latency_ms),
            ("count", count),
            ("probability", probability),
        ):
            if value is not None:
                rule[name] = value
        return list(self._e._control("POST", "/_orgtrust/faults", {"rules": [rule]})["rules"])

    def list(self) -> list[dict[str, Any]]:
        """The rules in force (counted ones with what is left of their count)."""
        return list(self._e._control("GET", "/_orgtrust/faults")["rules"])

    def clear(self) -> None:
        """Removes every rule."""
        self._e._control("DELETE", "/_orgtrust/faults")


def _filters(
    method: str | None,
    path: str | None,
    status: int | str | None,
    organization: str | None,
    query: Mapping[str, str | None] | None,
    body_contains: str | Iterable[str] | None,
    json_paths: Mapping[str, JsonValue] | None,
) -> list[tuple[str, str]]:
    params: list[tuple[str, str]] = []
    if method is not None:
        params.append(("method", method))
    if path is not None:
        params.append(("path", path))
    if status is not None:
        params.append(("status", str(status)))
    if organization is not None:
        params.append(("organization", organization))
    for name, value in (query or {}).items():
        params.append(("queryParam", name if value is None else f"{name}={value}"))
    if isinstance(body_contains, str):
        body_contains = [body_contains]
    for text in body_contains or ():
        params.append(("bodyContains", text))
    for json_path, value in (json_paths or {}).items():
        params.append(("bodyJsonPath", f"{json_path}={json.dumps(value)}"))
    return params


class Emulator:
    """An orgtrust server with the emulator controls on.

    :meth:`start` runs ``orgtrust serve --emulator`` on a free loopback port over an in-memory
    database with a fixture (the demo by default) and a random operator token; ``Emulator(url)``
    attaches to one already running. Use it as a context manager, or call :meth:`stop`.
    """

    def __init__(
        self,
        base_url: str,
        operator_token: str | None = None,
        *,
        process: subprocess.Popen[bytes] | None = None,
        log_path: str | None = None,
    ) -> None:
        """Attaches to the server at ``base_url`` (``http://127.0.0.1:PORT``)."""
        parsed = urllib.parse.urlsplit(base_url)
        if parsed.scheme != "http" or not parsed.hostname:
            raise ValueError(f"an http:// base URL, not {base_url!r}")
        self.base_url = base_url.rstrip("/")
        """The server's base URL: the SDK's ``host``."""
        self.operator_token = operator_token
        """The bearer token the controls need (``None`` when the server has none)."""
        self.log_path = log_path
        """The file the server's output goes to, when :meth:`start` started it."""
        self._process = process
        self._http = _Http(parsed.hostname, parsed.port or 80, operator_token)
        self.clock = Clock(self)
        """The emulated clock."""
        self.faults = Faults(self)
        """The fault rules."""

    @classmethod
    def start(
        cls,
        fixture: str | os.PathLike[str] | None = "demo",
        *,
        binary: str | None = None,
        args: Sequence[str] = (),
        timeout: float = 60,
    ) -> Emulator:
        """Starts ``orgtrust serve --emulator`` on a free loopback port and waits until it
        answers. ``fixture`` is ``"demo"`` (the demo data), ``None`` (no data at all), or a
        fixture file's path; ``args`` are more ``serve`` flags (``--seed 7``,
        ``--request-log-body-bytes 65536``)."""
        exe = binary or find_binary()
        port = _free_port()
        token = secrets.token_urlsafe(24)
        argv = [exe, "serve", "--listen", f"127.0.0.1:{port}", "--database", "sqlite::memory:", "--emulator"]
        if fixture is None:
            argv.append("--no-demo")
        elif str(fixture) != "demo":
            argv += ["--fixture", os.fspath(fixture)]
        argv += list(args)
        env = {k: v for k, v in os.environ.items() if not k.startswith("ORGTRUST_")}
        env["ORGTRUST_OPERATOR_TOKEN"] = token
        log = tempfile.NamedTemporaryFile(prefix=f"orgtrust-{port}-", suffix=".log", delete=False)
        try:
            process = subprocess.Popen(
                argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env
            )
        finally:
            log.close()
        emulator = cls(f"http://127.0.0.1:{port}", token, process=process, log_path=log.name)
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                output = Path(log.name).read_text(errors="replace")[-4000:]
                raise EmulatorError(f"orgtrust serve exited with {process.returncode}:\n{output}")
            try:
                emulator._control("GET", "/_orgtrust/clock")
                return emulator
            except OSError:
                if time.monotonic() > deadline:
                    emulator.stop()
                    raise EmulatorError(f"orgtrust serve did not answer within {timeout} s") from None
                time.sleep(0.02)

    def stop(self) -> None:
        """Stops the server this object started (nothing for one it attached to)."""
        self._http.close()
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def __enter__(self) -> Emulator:
        """The emulator itself."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Stops it."""
        self.stop()

    def _control(self, method: str, path: str, body: Any = None) -> Any:
        status, answer = self._http.request(method, path, body)
        if status >= 400:
            message = answer.get("message") if isinstance(answer, dict) else answer
            raise EmulatorError(f"{method} {path}: {status} {message}", status, answer)
        return answer

    # ---- state ----

    def reset(self, organization: str | None = None) -> None:
        """Puts everything back to the fixture the server started with (every token issued
        stops working, the request log empties); with ``organization``, only that one."""
        if organization is None:
            self._control("POST", "/_orgtrust/reset")
        else:
            self._control("POST", f"/_orgtrust/organizations/{urllib.parse.quote(organization)}/reset")

    def snapshot(self) -> dict[str, Any]:
        """The whole state, as a snapshot document (restore it with :meth:`restore`)."""
        return dict(self._control("GET", "/_orgtrust/snapshot"))

    def restore(self, snapshot: Mapping[str, Any]) -> None:
        """Replaces the whole state by a snapshot document, all or nothing."""
        self._control("POST", "/_orgtrust/snapshot", dict(snapshot))

    # ---- request verification ----

    def requests(
        self,
        method: str | None = None,
        path: str | None = None,
        *,
        status: int | str | None = None,
        organization: str | None = None,
        query: Mapping[str, str | None] | None = None,
        body_contains: str | Iterable[str] | None = None,
        json_paths: Mapping[str, JsonValue] | None = None,
        limit: int = 100,
    ) -> list[dict[str, Any]]:
        """The logged requests that match, newest first (at most ``limit``).

        ``path`` is a pattern: a ``*`` segment is one segment, ``**`` any number. ``status`` is a
        status or a class (``"4xx"``). ``query`` maps parameter names to a value, or ``None`` for
        "present". ``body_contains`` are substrings of the (redacted) body; ``json_paths`` maps
        JSONPaths (``$.trustee.id``) or JSON Pointers to the JSON value expected there.
        """
        params = _filters(method, path, status, organization, query, body_contains, json_paths)
        params.append(("limit", str(limit)))
        answer = self._control("GET", "/_orgtrust/requests?" + urllib.parse.urlencode(params))
        return list(answer["entities"])

    def count_requests(
        self,
        method: str | None = None,
        path: str | None = None,
        *,
        status: int | str | None = None,
        organization: str | None = None,
        query: Mapping[str, str | None] | None = None,
        body_contains: str | Iterable[str] | None = None,
        json_paths: Mapping[str, JsonValue] | None = None,
    ) -> int:
        """How many logged requests match (the filters of :meth:`requests`)."""
        params = _filters(method, path, status, organization, query, body_contains, json_paths)
        answer = self._control("GET", "/_orgtrust/requests/count?" + urllib.parse.urlencode(params))
        return int(answer["count"])

    def assert_requested(
        self,
        method: str | None,
        path: str | None,
        times: int | None = 1,
        *,
        at_least: int | None = None,
        status: int | str | None = None,
        organization: str | None = None,
        query: Mapping[str, str | None] | None = None,
        body_contains: str | Iterable[str] | None = None,
        json_paths: Mapping[str, JsonValue] | None = None,
    ) -> list[dict[str, Any]]:
        """Asserts that exactly ``times`` logged requests match (``times=0``: none did), or at
        least ``at_least`` of them when given (then pass ``times=None``); answers the matching
        requests, newest first. The filters are those of :meth:`requests`. On failure the message
        lists the most recent requests, to show what was called instead."""
        filters: dict[str, Any] = {
            "status": status,
            "organization": organization,
            "query": query,
            "body_contains": body_contains,
            "json_paths": json_paths,
        }
        n = self.count_requests(method, path, **filters)
        ok = n >= at_least if at_least is not None else n == times
        if not ok:
            wanted = f"at least {at_least}" if at_least is not None else f"exactly {times}"
            shown = " ".join(f"{k}={v!r}" for k, v in filters.items() if v is not None)
            recent = self.requests(limit=20)
            lines = "\n".join(
                f"  {r['method']} {r['path']}{'?' + r['query'] if r.get('query') else ''} -> {r['status']}"
                for r in recent
            )
            raise AssertionError(
                f"expected {wanted} request(s) {method or '*'} {path or '**'} {shown}".rstrip()
                + f", found {n}; the latest requests (newest first):\n{lines or '  (none)'}"
            )
        return self.requests(method, path, limit=max(n, 1), **filters) if n else []

    # ---- tokens and SDK clients ----

    def token(self, client: OAuthClient = demo.ACME_ADMIN) -> str:
        """A client-credentials access token for ``client``."""
        return self._token(client, {"grant_type": "client_credentials"})

    def user_token(
        self,
        user: User | str,
        password: str | None = None,
        *,
        client: OAuthClient | None = None,
        target: str | None = None,
    ) -> str:
        """A password-grant access token for ``user`` (a :class:`~orgtrust.demo.User`, or an email
        with ``password`` and ``client``); with ``target`` (a trustor organization's id), the
        trustee user's token acting in that organization."""
        if isinstance(user, User):
            email, password, client = user.email, password or user.password, client or user.client
        else:
            email = user
        if password is None or client is None:
            raise ValueError("an email needs a password and the client= that signs the user in")
        form = {"grant_type": "password", "username": email, "password": password}
        if target is not None:
            form["target"] = target
        return self._token(client, form)

    def _token(self, client: OAuthClient, form: dict[str, str]) -> str:
        status, answer = self._http.request("POST", "/oauth/token", form=form, basic=client, operator=False)
        if status != 200:
            raise EmulatorError(
                f"POST /oauth/token ({form['grant_type']}): {status} {answer}", status, answer
            )
        return str(answer["access_token"])

    def sdk_client(self, access_token: str) -> ApiClient:
        """A ``PureCloudPlatformClientV2.ApiClient`` for this server with ``access_token``."""
        try:
            import PureCloudPlatformClientV2 as genesys
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise EmulatorError(
                "the SDK clients need PureCloudPlatformClientV2: pip install orgtrust[sdk]"
            ) from e
        api_client = genesys.api_client.ApiClient(host=self.base_url)
        api_client.access_token = access_token
        return api_client

    def client(self, client: OAuthClient = demo.ACME_ADMIN) -> ApiClient:
        """A ready SDK ``ApiClient`` signed in with client credentials (Acme's admin
        integration by default)."""
        return self.sdk_client(self.token(client))

    def user_client(
        self,
        user: User | str,
        password: str | None = None,
        *,
        client: OAuthClient | None = None,
        target: str | None = None,
    ) -> ApiClient:
        """A ready SDK ``ApiClient`` signed in as a user by password (see :meth:`user_token`)."""
        return self.sdk_client(self.user_token(user, password, client=client, target=target))

    def trustee_client(
        self,
        user: User | str,
        target: str,
        password: str | None = None,
        *,
        client: OAuthClient | None = None,
    ) -> ApiClient:
        """A ready SDK ``ApiClient`` for a trustee user signed in to the trustor ``target``
        (``grant_type=password`` with ``target``): it acts in the trustor with the trust's
        grants."""
        return self.user_client(user, password, client=client, target=target)


_current: Emulator | None = None


def _set_current(emulator: Emulator | None) -> None:
    global _current
    _current = emulator


def current() -> Emulator:
    """The emulator of the running test (the one the ``orgtrust`` pytest fixture gave it)."""
    if _current is None:
        raise RuntimeError("no orgtrust emulator in this test: request the `orgtrust` fixture")
    return _current


def assert_requested(
    method: str | None,
    path: str | None,
    times: int | None = 1,
    **filters: Any,
) -> list[dict[str, Any]]:
    """:meth:`Emulator.assert_requested` on the running test's emulator::

    orgtrust.assert_requested("DELETE", "/api/v2/orgauthorization/trustees/*", times=1)
    """
    return current().assert_requested(method, path, times, **filters)


def count_requests(method: str | None = None, path: str | None = None, **filters: Any) -> int:
    """:meth:`Emulator.count_requests` on the running test's emulator."""
    return current().count_requests(method, path, **filters)
