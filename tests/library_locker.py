"""Another program holding the library file, for the read-only tests (storage and UI).

SQLite's exclusive locking mode keeps even readers out
(https://sqlite.org/pragma.html#pragma_locking_mode) until the process lets go.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_LOCKER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA locking_mode = EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
"""


@contextmanager
def held_by_another_process(path: Path) -> Iterator[Path]:
    """``path`` locked exclusively by a separate Python process until the block ends."""
    locker = subprocess.Popen(
        [sys.executable, "-c", _LOCKER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert locker.stdin is not None and locker.stdout is not None
    try:
        assert locker.stdout.readline().strip() == "locked"
        yield path
    finally:
        locker.stdin.close()
        locker.wait(10)
        locker.stdout.close()
