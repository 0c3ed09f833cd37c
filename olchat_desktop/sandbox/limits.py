"""Portal limits: the request-rate leaky bucket and the per-method operating-time window.

Reference: ``shared/reference/bitrix24.md`` §3 (apidocs.bitrix24.ru/limits.html).

* Leaky bucket: each request adds 1, the counter drains by ``rate`` per second, and a
  request that would lift it above ``capacity`` is refused (``503 QUERY_LIMIT_EXCEEDED``).
  Standard plans 2/s and 50, Enterprise 5/s and 250. A refused request adds nothing.
* Operating time: the run time of one method is summed in ten one-minute buckets; once
  the sum reaches the budget (480 s) the method is refused (``429 OPERATION_TIME_LIMIT``)
  until the oldest bucket drops out (``operating_reset_at``). Following the newer RU docs
  the window is kept per credential (webhook or app) and method.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass

RATE_PROFILES: dict[str, tuple[float, float] | None] = {
    "standard": (2.0, 50.0),
    "enterprise": (5.0, 250.0),
    "off": None,
}

OPERATING_BUDGET_SECONDS = 480.0
OPERATING_WINDOW_SECONDS = 600.0
OPERATING_BUCKET_SECONDS = 60.0


class LeakyBucket:
    """Request-rate limiter of one portal; the profile can change at any time."""

    def __init__(self, now: Callable[[], float], profile: str = "standard") -> None:
        self._now = now
        self._lock = threading.Lock()
        self._level = 0.0
        self._updated = now()
        self.profile = profile

    @property
    def profile(self) -> str:
        return self._profile

    @profile.setter
    def profile(self, value: str) -> None:
        if value not in RATE_PROFILES:
            raise ValueError(f"unknown rate profile {value!r}; use one of {sorted(RATE_PROFILES)}")
        self._profile = value

    def try_acquire(self) -> bool:
        """Count one request; False (and nothing counted) when the bucket would overflow."""
        settings = RATE_PROFILES[self._profile]
        if settings is None:
            return True
        rate, capacity = settings
        with self._lock:
            now = self._now()
            self._level = max(0.0, self._level - (now - self._updated) * rate)
            self._updated = now
            if self._level + 1.0 > capacity:
                return False
            self._level += 1.0
            return True

    def level(self) -> float:
        with self._lock:
            return self._level


@dataclass(frozen=True)
class OperatingStatus:
    used: float  # seconds spent in the current window
    reset_at: float  # when the oldest bucket leaves the window
    blocked: bool


class OperatingTime:
    """Per (credential, method) run time over a rolling window of one-minute buckets."""

    def __init__(
        self,
        now: Callable[[], float],
        budget: float = OPERATING_BUDGET_SECONDS,
        window: float = OPERATING_WINDOW_SECONDS,
    ) -> None:
        self._now = now
        self._lock = threading.Lock()
        self.budget = budget
        self.window = window
        # (credential, method) -> {bucket start: seconds}
        self._buckets: dict[tuple[str, str], dict[float, float]] = {}

    def _live(self, key: tuple[str, str], now: float) -> dict[float, float]:
        buckets = self._buckets.setdefault(key, {})
        for start in [s for s in buckets if s + self.window <= now]:
            del buckets[start]
        return buckets

    def status(self, credential: str, method: str) -> OperatingStatus:
        with self._lock:
            now = self._now()
            buckets = self._live((credential, method), now)
            used = sum(buckets.values())
            oldest = min(buckets, default=self._bucket_start(now))
            return OperatingStatus(used, oldest + self.window, used >= self.budget)

    def record(self, credential: str, method: str, seconds: float) -> None:
        with self._lock:
            now = self._now()
            buckets = self._live((credential, method), now)
            start = self._bucket_start(now)
            buckets[start] = buckets.get(start, 0.0) + seconds

    @staticmethod
    def _bucket_start(now: float) -> float:
        return math.floor(now / OPERATING_BUCKET_SECONDS) * OPERATING_BUCKET_SECONDS
