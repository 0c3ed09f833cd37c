"""A thread-safe sliding-window limiter that waits for a free slot instead of failing.

OLChat's limits are stated as "N requests in T seconds" and "cannot be changed or
removed" (REST page, docs.olchat.io/ispolzovanie/rest-api-dlya-raboty-s-whatsapp), so a
window log of the last N calls is exact: a call may start when the N-th last one is at
least T seconds old. The server sees a request some time after we start it, so with
:meth:`slot` a finished call is logged at its *completion* time: the server received it
before that, hence the next call, started T seconds later, cannot land inside its window.
"""

from __future__ import annotations

import bisect
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager


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
        return self._book()[1]

    def _book(self) -> tuple[float, float]:
        """Book the next free slot: (its start time, how long to wait for it)."""
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
            return start, max(0.0, start - now)

    def acquire(self) -> float:
        """Wait until a call may start; return the time waited (for diagnostics)."""
        delay = self.reserve()
        if delay > 0:
            self._sleep(delay)
        return delay

    @contextmanager
    def slot(self) -> Iterator[float]:
        """Wait for a slot, run the call, then log the call at its completion time."""
        start, delay = self._book()
        if delay > 0:
            self._sleep(delay)
        try:
            yield delay
        finally:
            self._complete(start)

    def _complete(self, booked: float) -> None:
        with self._lock:
            try:
                self._starts.remove(booked)
            except ValueError:
                return  # already pushed out of the log by later bookings
            bisect.insort(self._starts, max(booked, self._clock()))
