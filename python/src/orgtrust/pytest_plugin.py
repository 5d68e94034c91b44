"""The orgtrust pytest plugin (entry point ``pytest11``; installed with the package).

Fixtures:

- ``orgtrust``: an :class:`orgtrust.Emulator`, reset to its fixture before the test, with no fault
  rules and an empty request log; the clock is set back to the system time. The server behind it
  starts on first use and lives for the session: one per fixture file, one per xdist worker.
- ``orgtrust_server``: the session's server for the default fixture, not reset (for
  session-scoped fixtures of your own).

Choosing the fixture: ``orgtrust_fixture = path/to/fixture.json`` in the ini file (or
``--orgtrust-fixture``; ``demo`` is the default, ``none`` starts empty), or per test
``@pytest.mark.orgtrust_fixture("path/to/fixture.json")`` (relative paths are from the rootdir).
More ``serve`` flags: ``orgtrust_args`` (``--seed 7``). The binary: ``$ORGTRUST_BIN``, else the
one the wheel installed.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Iterator

import pytest

from . import Emulator, _set_current


def pytest_addoption(parser: pytest.Parser) -> None:
    """The plugin's options."""
    group = parser.getgroup("orgtrust")
    group.addoption(
        "--orgtrust-fixture",
        dest="orgtrust_fixture",
        default=None,
        help="the fixture the orgtrust emulator starts with: demo (default), none, or a file",
    )
    parser.addini("orgtrust_fixture", "the orgtrust emulator's fixture: demo, none or a file", default="demo")
    parser.addini("orgtrust_args", "more `orgtrust serve` flags for the emulator", default="")


def pytest_configure(config: pytest.Config) -> None:
    """Declares the marker."""
    config.addinivalue_line(
        "markers", "orgtrust_fixture(path): the fixture the test's orgtrust emulator starts with"
    )


class _Servers:
    """The session's servers, one per fixture, started on first use."""

    def __init__(self, config: pytest.Config) -> None:
        self._config = config
        self._servers: dict[str, Emulator] = {}

    def default_fixture(self) -> str:
        return str(self._config.getoption("orgtrust_fixture") or self._config.getini("orgtrust_fixture"))

    def get(self, fixture: str) -> Emulator:
        if fixture not in ("demo", "none"):
            fixture = os.path.normpath(os.path.join(str(self._config.rootpath), fixture))
        if fixture not in self._servers:
            args = shlex.split(str(self._config.getini("orgtrust_args")))
            self._servers[fixture] = Emulator.start(None if fixture == "none" else fixture, args=args)
        return self._servers[fixture]

    def stop(self) -> None:
        for server in self._servers.values():
            server.stop()
        self._servers.clear()


@pytest.fixture(scope="session")
def _orgtrust_servers(pytestconfig: pytest.Config) -> Iterator[_Servers]:
    servers = _Servers(pytestconfig)
    yield servers
    servers.stop()


@pytest.fixture(scope="session")
def orgtrust_server(_orgtrust_servers: _Servers) -> Emulator:
    """The session's emulator for the default fixture, as it is (not reset)."""
    return _orgtrust_servers.get(_orgtrust_servers.default_fixture())


@pytest.fixture
def orgtrust(request: pytest.FixtureRequest, _orgtrust_servers: _Servers) -> Iterator[Emulator]:
    """An emulator reset to its fixture: data, no fault rules, an empty request log, the clock
    back at the system time."""
    marker = request.node.get_closest_marker("orgtrust_fixture")
    fixture = str(marker.args[0]) if marker and marker.args else _orgtrust_servers.default_fixture()
    emulator = _orgtrust_servers.get(fixture)
    emulator.faults.clear()
    emulator.reset()
    if emulator.clock.offset():
        import datetime

        emulator.clock.set(datetime.datetime.now(datetime.timezone.utc))
    _set_current(emulator)
    try:
        yield emulator
    finally:
        _set_current(None)
