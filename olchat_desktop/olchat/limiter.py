"""A thread-safe sliding-window limiter that waits for a free slot instead of failing.

OLChat's limits are stated as "N requests in T seconds" and "cannot be changed or
removed" (REST page, docs.olchat.io/ispolzovanie/rest-api-dlya-raboty-s-whatsapp), so a
window log of the last N start times is exact: a call may start when the oldest of the
last N is at least T seconds old.
"""

from __future__ import annotations

import bisect
import threading
import time
from collections import deque
from collections.abc import Callable


class SlidingWindowLimiter:
    def __init__(
        self,
        max_calls: int,
        period: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if max_calls < 1 or period <= 0:
            raise ValueError("max_calls must be >= 1 and period > 0")
        self.max_calls = max_calls
        self.period = period
        self._clock = clock
        self._sleep = sleep
        self._starts: deque[float] = deque()
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"SlidingWindowLimiter({self.max_calls} per {self.period:g} s)"

    def reserve(self) -> float:
        """Book the next free slot and return how long to wait before using it."""
        with self._lock:
            now = self._clock()
            while self._starts and self._starts[0] <= now - self.period:
                self._starts.popleft()
            if len(self._starts) < self.max_calls:
                start = now
            else:
                # The slot frees when the call max_calls back leaves the window.
                start = self._starts[-self.max_calls] + self.period
            # Keep the log sorted: a call booked for later may already sit in it.
            bisect.insort(self._starts, start)
            # Keep only what can still matter for future reservations.
            while len(self._starts) > self.max_calls:
                self._starts.popleft()
            return max(0.0, start - now)

    def acquire(self) -> float:
        """Wait until a call may start; return the time waited (for diagnostics)."""
        delay = self.reserve()
        if delay > 0:
            self._sleep(delay)
        return delay
