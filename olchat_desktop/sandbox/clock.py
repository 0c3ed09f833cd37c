"""The sandbox clock: wall time plus an offset that tests move forward.

Every expiry (OAuth codes and tokens), the leaky bucket and the operating-time window read
this clock, so a test can jump 31 s or an hour ahead without sleeping. Real time keeps
flowing underneath, which keeps the leaky bucket draining as it would on a real portal.
"""

from __future__ import annotations

import threading
import time


class SandboxClock:
    """Seconds since the epoch, shifted by :meth:`advance`. Thread-safe."""

    def __init__(self, start: float | None = None) -> None:
        self._lock = threading.Lock()
        self._offset = 0.0 if start is None else start - time.time()

    def now(self) -> float:
        with self._lock:
            return time.time() + self._offset

    def advance(self, seconds: float) -> None:
        """Move the clock forward (never backward: expiry must stay monotonic)."""
        if seconds < 0:
            raise ValueError("the sandbox clock only moves forward")
        with self._lock:
            self._offset += seconds
