"""Client-side limits: a leaky bucket per portal, 503 backoff, and operating-time tracking.

Bitrix24 counts requests per portal (and source IP) in a leaky bucket: every request adds
one, the level drains by 2/s (Enterprise 5/s) and above 50 (Enterprise 250) the portal
answers ``503 QUERY_LIMIT_EXCEEDED`` (apidocs ``limits``). We keep our own bucket with the
same shape so we rarely reach that answer, like fast_bitrix24's ``LeakyBucketThrottler``;
when the server still refuses (others share the budget), we back off exponentially with
full jitter. Each method also has an operating-time budget (480 s in a rolling 10 min of
1-minute buckets); a ``429 OPERATION_TIME_LIMIT`` pauses that method until
``operating_reset_at``, and ``time.operating`` is summed per method.
"""

from __future__ import annotations

import random
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from olchat_desktop.bitrix.errors import OperationTimeLimitError


@dataclass(frozen=True)
class RateProfile:
    capacity: float
    drain_per_second: float


# "off" is for on-premise portals with limits disabled, and for overhead benchmarks.
RATE_PROFILES: dict[str, RateProfile | None] = {
    "standard": RateProfile(50, 2.0),
    "enterprise": RateProfile(250, 5.0),
    "off": None,
}
# Keep one request of headroom: the server's clock and ours are not in step.
_SAFETY_MARGIN = 1.0


class LeakyBucket:
    """Blocks callers so that at most ``capacity`` requests are in the bucket at once."""

    def __init__(
        self,
        profile: RateProfile,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.profile = profile
        self._clock = clock
        self._sleep = sleep
        self._level = 0.0
        self._updated = clock()
        self._lock = threading.Lock()

    def _drain(self, now: float) -> None:
        elapsed = max(0.0, now - self._updated)
        self._level = max(0.0, self._level - elapsed * self.profile.drain_per_second)
        self._updated = now

    def acquire(self) -> float:
        """Take a slot, sleeping if the bucket is full; returns the time slept."""
        limit = max(1.0, self.profile.capacity - _SAFETY_MARGIN)
        with self._lock:
            self._drain(self._clock())
            # Reserve the slot now (the level may exceed the limit) and wait it out after
            # releasing the lock, so concurrent callers queue in arrival order.
            self._level += 1.0
            wait = max(0.0, (self._level - limit) / self.profile.drain_per_second)
        if wait > 0:
            self._sleep(wait)
        return wait

    def saturate(self) -> None:
        """The server said the bucket is full: assume it is, so every caller slows down."""
        with self._lock:
            self._drain(self._clock())
            self._level = max(self._level, self.profile.capacity)

    @property
    def level(self) -> float:
        with self._lock:
            self._drain(self._clock())
            return self._level


_buckets: dict[tuple[str, str], LeakyBucket] = {}
_buckets_lock = threading.Lock()


def bucket_for(portal: str, profile_name: str) -> LeakyBucket | None:
    """The shared bucket of one portal: every client of that portal in this process."""
    profile = RATE_PROFILES[profile_name]
    if profile is None:
        return None
    with _buckets_lock:
        key = (portal, profile_name)
        if key not in _buckets:
            _buckets[key] = LeakyBucket(profile)
        return _buckets[key]


def backoff_delays(
    *,
    base: float = 0.5,
    factor: float = 2.0,
    cap: float = 10.0,
    attempts: int = 8,
    rng: random.Random | None = None,
) -> Iterator[float]:
    """Exponential backoff with full jitter (AWS architecture blog's recommendation)."""
    chooser = rng or random.Random()
    for attempt in range(attempts):
        yield chooser.uniform(base / 2, min(cap, base * factor**attempt))


OPERATING_WINDOW = 600.0
OPERATING_BUCKET = 60.0
OPERATING_BUDGET = 480.0


class OperatingTracker:
    """Per-method operating time in 1-minute buckets, and methods paused by a 429."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._used: dict[str, deque[tuple[float, float]]] = defaultdict(deque)
        self._paused_until: dict[str, float] = {}

    def record(self, method: str, operating: float | None) -> None:
        if not operating:
            return
        now = self._clock()
        bucket_start = now - now % OPERATING_BUCKET
        with self._lock:
            buckets = self._used[method]
            if buckets and buckets[-1][0] == bucket_start:
                buckets[-1] = (bucket_start, buckets[-1][1] + operating)
            else:
                buckets.append((bucket_start, operating))
            while buckets and buckets[0][0] <= now - OPERATING_WINDOW:
                buckets.popleft()

    def used(self, method: str) -> float:
        """Operating seconds this method spent in the last 10 minutes (as we saw them)."""
        cutoff = self._clock() - OPERATING_WINDOW
        with self._lock:
            return sum(value for start, value in self._used.get(method, ()) if start > cutoff)

    def pause(self, method: str, until: float) -> None:
        with self._lock:
            self._paused_until[method] = max(until, self._paused_until.get(method, 0.0))

    def paused_until(self, method: str) -> float | None:
        with self._lock:
            until = self._paused_until.get(method)
            if until is not None and until <= self._clock():
                del self._paused_until[method]
                return None
            return until

    def check(self, method: str) -> None:
        """Refuse a call to a paused method without asking the portal."""
        until = self.paused_until(method)
        if until is not None:
            raise OperationTimeLimitError(
                "paused locally after the portal's 429",
                status=429,
                method=method,
                reset_at=until,
            )
