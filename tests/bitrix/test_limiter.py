"""The client-side leaky bucket, backoff and operating-time tracking, on a fake clock."""

from __future__ import annotations

import random

import pytest

from olchat_desktop.bitrix.errors import OperationTimeLimitError
from olchat_desktop.bitrix.limiter import (
    RATE_PROFILES,
    LeakyBucket,
    OperatingTracker,
    RateProfile,
    backoff_delays,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_profiles_match_the_documented_limits() -> None:
    assert RATE_PROFILES["standard"] == RateProfile(50, 2.0)
    assert RATE_PROFILES["enterprise"] == RateProfile(250, 5.0)
    assert RATE_PROFILES["off"] is None


@pytest.mark.parametrize("profile_name", ["standard", "enterprise"])
def test_bucket_never_exceeds_the_server_bucket(profile_name: str) -> None:
    profile = RATE_PROFILES[profile_name]
    assert profile is not None
    clock = FakeClock()
    bucket = LeakyBucket(profile, clock=clock, sleep=clock.sleep)
    # Replay the same arrivals into a model of the server's bucket: it must never refuse.
    server_level, server_time = 0.0, clock.now
    for _ in range(int(profile.capacity) * 3):
        bucket.acquire()
        server_level = max(0.0, server_level - (clock.now - server_time) * profile.drain_per_second)
        server_time = clock.now
        assert server_level + 1 <= profile.capacity
        server_level += 1


def test_burst_passes_without_waiting_then_paces_at_drain_rate() -> None:
    clock = FakeClock()
    bucket = LeakyBucket(RateProfile(50, 2.0), clock=clock, sleep=clock.sleep)
    waits = [bucket.acquire() for _ in range(49)]
    assert sum(waits) == 0
    start = clock.now
    for _ in range(10):
        bucket.acquire()
    assert clock.now - start == pytest.approx(5.0)


def test_saturate_slows_everyone_after_a_server_refusal() -> None:
    clock = FakeClock()
    bucket = LeakyBucket(RateProfile(50, 2.0), clock=clock, sleep=clock.sleep)
    bucket.saturate()
    assert bucket.acquire() > 0


def test_backoff_grows_exponentially_with_jitter_under_a_cap() -> None:
    delays = list(backoff_delays(base=0.5, factor=2, cap=8, attempts=6, rng=random.Random(7)))
    assert len(delays) == 6
    for attempt, delay in enumerate(delays):
        assert 0.25 <= delay <= min(8, 0.5 * 2**attempt)
    other = list(backoff_delays(base=0.5, factor=2, cap=8, attempts=6, rng=random.Random(8)))
    assert delays != other


def test_operating_time_is_summed_per_method_over_ten_minutes() -> None:
    clock = FakeClock()
    tracker = OperatingTracker(clock)
    tracker.record("crm.contact.list", 2.5)
    tracker.record("crm.contact.list", 1.0)
    tracker.record("profile", 0.1)
    assert tracker.used("crm.contact.list") == pytest.approx(3.5)
    clock.now += 601
    assert tracker.used("crm.contact.list") == 0


def test_paused_method_is_refused_until_reset() -> None:
    clock = FakeClock()
    tracker = OperatingTracker(clock)
    tracker.pause("crm.contact.list", clock.now + 30)
    with pytest.raises(OperationTimeLimitError) as caught:
        tracker.check("crm.contact.list")
    assert caught.value.reset_at == clock.now + 30
    tracker.check("profile")  # other methods are not paused
    clock.now += 31
    tracker.check("crm.contact.list")
