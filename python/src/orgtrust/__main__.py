"""``python -m orgtrust ARGS``: runs the ``orgtrust`` binary the package installed."""

from __future__ import annotations

import os
import subprocess
import sys

from . import find_binary


def main() -> int:
    """Runs the binary with this process's arguments; answers its exit status."""
    exe = find_binary()
    if sys.platform == "win32":
        return subprocess.call([exe, *sys.argv[1:]])
    os.execv(exe, [exe, *sys.argv[1:]])
    return 0  # not reached: execv replaces the process


if __name__ == "__main__":
    sys.exit(main())
